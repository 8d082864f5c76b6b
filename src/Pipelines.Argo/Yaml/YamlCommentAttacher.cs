using System;
using System.Collections.Generic;
using System.IO;
using YamlDotNet.Core;
using YamlDotNet.Core.Tokens;

namespace Pipelines.Argo.Yaml;

/// <summary>
/// Attaches the comments of a YAML text to the nodes read from it, by position: a comment at the end of a line belongs
/// to the last node that starts before it; a comment on its own line belongs to the next node that starts after it
/// (to its key, when that node is a mapping value); comments before a document's first node are its head, and those
/// after its last node its end (both kept on the root). See <see cref="YamlComments"/>.
/// </summary>
internal static class YamlCommentAttacher
{
    /// <summary>Where a node starts in the text, the node, and the node that takes full-line comments before it.</summary>
    internal readonly record struct NodePosition(long Index, int Line, YamlValue Node, YamlValue Owner);

    /// <summary>A document as read: its root, where it starts, where its nodes start (in order), and nodes replaced.</summary>
    internal sealed record DocumentLayout(YamlValue Root, long Start, List<NodePosition> Positions, Dictionary<YamlValue, YamlValue> Redirects);

    /// <summary>Attaches every comment of <paramref name="text"/>. False when the comments could not all be read.</summary>
    public static bool Attach(string text, IReadOnlyList<DocumentLayout> documents)
    {
        var scanner = new Scanner(new StringReader(text), skipComments: false);
        var document = 0;
        try
        {
            while (scanner.MoveNext())
            {
                if (scanner.Current is not Comment comment)
                {
                    continue;
                }

                var at = comment.Start.Index;
                while (document + 1 < documents.Count && documents[document + 1].Start <= at)
                {
                    document++;
                }

                AttachOne(documents[document], at, (int)comment.Start.Line, Text(text, comment), comment.IsInline);
            }
        }
        catch (YamlException)
        {
            return false;
        }

        return true;
    }

    /// <summary>Attaches comments already read from <paramref name="text"/>, in reading order.</summary>
    public static void Attach(string text, IReadOnlyList<Comment> comments, IReadOnlyList<DocumentLayout> documents)
    {
        var document = 0;
        foreach (var comment in comments)
        {
            var at = comment.Start.Index;
            while (document + 1 < documents.Count && documents[document + 1].Start <= at)
            {
                document++;
            }

            AttachOne(documents[document], at, (int)comment.Start.Line, Text(text, comment), comment.IsInline);
        }
    }

    private static void AttachOne(DocumentLayout document, long at, int line, string value, bool inline)
    {
        var positions = document.Positions;

        // The first node that starts after the comment.
        int lo = 0, hi = positions.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (positions[mid].Index < at)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        // A comment after a bare "- " or "key:" whose node starts on a later line is about that node.
        if (inline && (lo == 0 || positions[lo - 1].Line == line))
        {
            if (lo == 0)
            {
                document.Root.GetOrAddComments().Before.Add(value);
            }
            else
            {
                Resolve(document, positions[lo - 1].Node).GetOrAddComments().AddAfter(value);
            }

            return;
        }

        if (lo >= positions.Count)
        {
            document.Root.GetOrAddComments().End.Add(value);
        }
        else if (lo == 0)
        {
            document.Root.GetOrAddComments().Before.Add(value);
        }
        else
        {
            Resolve(document, positions[lo].Owner).GetOrAddComments().Before.Add(value);
        }
    }

    private static YamlValue Resolve(DocumentLayout document, YamlValue node)
    {
        // A replaced node may be replaced again (a key repeated three times); the chain ends at a node in the tree.
        // Each node on the chain is then pointed at that end, so long chains are walked once.
        var end = node;
        while (document.Redirects.TryGetValue(end, out var next))
        {
            end = next;
        }

        while (!ReferenceEquals(node, end) && document.Redirects.TryGetValue(node, out var next))
        {
            document.Redirects[node] = end;
            node = next;
        }

        return end;
    }

    // The text of a comment after its '#', as written (the token's value drops leading spaces).
    private static string Text(string text, Comment comment)
    {
        var start = (int)comment.Start.Index;
        if (start < 0 || start >= text.Length || text[start] != '#')
        {
            return " " + comment.Value;
        }

        var end = text.IndexOf('\n', start);
        if (end < 0)
        {
            end = text.Length;
        }

        return text.Substring(start + 1, end - start - 1).TrimEnd(' ', '\t', '\r');
    }
}

using System;
using System.Collections.Generic;
using System.Text;

namespace Pipelines.Argo.Yaml;

/// <summary>
/// Puts the comments of written nodes into the writer's output. YamlDotNet's emitter changes its layout around comment
/// events (it indents a list differently after one, and puts a comment after <c>- </c>), so the data is written first,
/// read back to learn the line of every node, and each comment is then placed by line: full-line comments on their own
/// lines just before the line where their node starts, indented like that line; a line-end comment at the end of the
/// line where its node starts (for a list or mapping under a key: the key's line); a document's end comments after its
/// last line. Comments only ever go before a node's first line or after the end of a line that starts a node, never
/// inside a block scalar, so the data read back is the same with or without them.
/// </summary>
internal static class YamlCommentPlacer
{
    public static string Place(string text, IReadOnlyList<YamlValue> roots)
    {
        var findings = new List<Finding>();
        var written = YamlDocumentReader.Parse(text, findings, YamlLimits.Unbounded, readComments: false);
        if (written.Count != roots.Count || findings.Exists(f => f.Severity == Severity.Error))
        {
            throw new InvalidOperationException("The YAML writer's output did not read back as the documents written; comments cannot be placed. Please report this with the input.");
        }

        var lines = text.Split('\n');
        var placer = new Placement(lines.Length);
        var seen = new HashSet<YamlValue>(ReferenceComparer.Instance);
        for (var i = 0; i < roots.Count; i++)
        {
            Walk(roots[i], written[i].Root, placer, seen, lines);
            if (roots[i].Comments is { End.Count: > 0 } end)
            {
                // Before the next document's '---', or at the end of the text (the last element of lines is the empty
                // text after the final line feed).
                var line = i + 1 < roots.Count ? written[i + 1].Line : lines.Length;
                foreach (var comment in end.End)
                {
                    placer.AddBefore(line, "#" + comment);
                }
            }
        }

        return placer.Apply(lines);
    }

    private static void Walk(YamlValue root, YamlValue writtenRoot, Placement placer, HashSet<YamlValue> seen, string[] lines)
    {
        var stack = new Stack<(YamlValue Node, YamlValue Written, int KeyLine)>();
        stack.Push((root, writtenRoot, 0));
        while (stack.Count > 0)
        {
            var (node, written, key) = stack.Pop();

            // A node reached twice (an alias, or a merged entry) has its comments placed once, where it first appears.
            if (!seen.Add(node))
            {
                continue;
            }

            if (node.Comments is { } comments)
            {
                Place(comments, written.Line, node is YamlScalar || key == 0 ? written.Line : key, isRoot: ReferenceEquals(node, root), placer, lines);
            }

            switch (node)
            {
                case YamlSequence seq when written is YamlSequence writtenSeq:
                    for (var i = Math.Min(seq.Items.Count, writtenSeq.Items.Count) - 1; i >= 0; i--)
                    {
                        stack.Push((seq.Items[i], writtenSeq.Items[i], 0));
                    }

                    break;
                case YamlMapping map when written is YamlMapping writtenMap:
                    for (var i = Math.Min(map.Entries.Count, writtenMap.Entries.Count) - 1; i >= 0; i--)
                    {
                        var entry = map.Entries[i];
                        var writtenEntry = writtenMap.Entries[i];
                        stack.Push((entry.Value, writtenEntry.Value, writtenEntry.Key.Line));
                        stack.Push((entry.Key, writtenEntry.Key, 0));
                    }

                    break;
            }
        }
    }

    private static void Place(YamlComments comments, int line, int afterLine, bool isRoot, Placement placer, string[] lines)
    {
        if (line < 1 || line > lines.Length)
        {
            return;
        }

        var indent = Indent(lines[line - 1]);
        foreach (var comment in comments.Before)
        {
            placer.AddBefore(line, indent + "#" + comment);
        }

        if (comments.After is { } after && afterLine >= 1 && afterLine <= lines.Length)
        {
            placer.AddAfter(afterLine, after);
        }

        foreach (var comment in isRoot ? [] : comments.End)
        {
            // Only roots have end comments from the reader; for other nodes, keep them just after the node's line.
            placer.AddAfter(line, comment);
        }
    }

    private static string Indent(string line)
    {
        var n = 0;
        while (n < line.Length && line[n] == ' ')
        {
            n++;
        }

        return new string(' ', n);
    }

    private sealed class Placement(int lineCount)
    {
        private readonly List<string>?[] _before = new List<string>?[lineCount + 1];
        private readonly StringBuilder?[] _after = new StringBuilder?[lineCount + 1];

        public void AddBefore(int line, string text) => (_before[line] ??= []).Add(text);

        public void AddAfter(int line, string comment) => (_after[line] ??= new StringBuilder()).Append(" #").Append(comment);

        public string Apply(string[] lines)
        {
            var sb = new StringBuilder();
            for (var i = 1; i <= lines.Length; i++)
            {
                if (_before[i] is { } before)
                {
                    foreach (var comment in before)
                    {
                        sb.Append(comment).Append('\n');
                    }
                }

                sb.Append(lines[i - 1]);
                if (_after[i] is { } after)
                {
                    sb.Append(after);
                }

                if (i < lines.Length)
                {
                    sb.Append('\n');
                }
            }

            return sb.ToString();
        }
    }
}

/// <summary>Copies the comments of a tree onto another tree that holds the same data in another order.</summary>
internal static class YamlCommentCopier
{
    /// <summary>
    /// Copies comments from <paramref name="from"/> to <paramref name="to"/>, matching mapping entries by key and list
    /// items by position. Comments of a node that <paramref name="to"/> does not have go to its nearest matched parent,
    /// so none is lost.
    /// </summary>
    public static void Copy(YamlValue from, YamlValue to)
    {
        var stack = new Stack<(YamlValue From, YamlValue To)>();
        var seen = new HashSet<YamlValue>(ReferenceComparer.Instance);
        stack.Push((from, to));
        while (stack.Count > 0)
        {
            var (source, target) = stack.Pop();
            if (!seen.Add(source))
            {
                continue;
            }

            // A writer may reuse a node of the read tree (free-form values such as a Sensor's workflow resource): that
            // node and everything below it already hold their comments, and copying them again would write them twice.
            if (ReferenceEquals(source, target))
            {
                continue;
            }

            if (source.Comments is { IsEmpty: false } comments)
            {
                var into = target.GetOrAddComments();
                into.Before.AddRange(comments.Before);
                if (comments.After is { } after)
                {
                    into.AddAfter(after);
                }

                into.End.AddRange(comments.End);
            }

            switch (source)
            {
                case YamlMapping map when target is YamlMapping targetMap:
                    var index = new Dictionary<string, YamlEntry>(StringComparer.Ordinal);
                    foreach (var entry in targetMap.Entries)
                    {
                        index[entry.Key.Value] = entry;
                    }

                    for (var i = map.Entries.Count - 1; i >= 0; i--)
                    {
                        var entry = map.Entries[i];
                        if (index.TryGetValue(entry.Key.Value, out var match))
                        {
                            stack.Push((entry.Value, match.Value));
                            stack.Push((entry.Key, match.Key));
                        }
                        else
                        {
                            Orphans(entry.Key, target, seen);
                            Orphans(entry.Value, target, seen);
                        }
                    }

                    break;
                case YamlSequence seq when target is YamlSequence targetSeq:
                    for (var i = seq.Items.Count - 1; i >= 0; i--)
                    {
                        if (i < targetSeq.Items.Count)
                        {
                            stack.Push((seq.Items[i], targetSeq.Items[i]));
                        }
                        else
                        {
                            Orphans(seq.Items[i], target, seen);
                        }
                    }

                    break;
                default:
                    foreach (var child in Children(source))
                    {
                        Orphans(child, target, seen);
                    }

                    break;
            }
        }
    }

    // Every comment under a node with no place in the target tree, as full-line comments before the nearest parent.
    private static void Orphans(YamlValue node, YamlValue parent, HashSet<YamlValue> seen)
    {
        var stack = new Stack<YamlValue>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (!seen.Add(current))
            {
                continue;
            }

            if (current.Comments is { IsEmpty: false } comments)
            {
                var into = parent.GetOrAddComments().Before;
                into.AddRange(comments.Before);
                if (comments.After is { } after)
                {
                    into.Add(after);
                }

                into.AddRange(comments.End);
            }

            var children = Children(current);
            for (var i = children.Count - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }
    }

    private static List<YamlValue> Children(YamlValue node)
    {
        var children = new List<YamlValue>();
        switch (node)
        {
            case YamlSequence seq:
                children.AddRange(seq.Items);
                break;
            case YamlMapping map:
                foreach (var entry in map.Entries)
                {
                    children.Add(entry.Key);
                    children.Add(entry.Value);
                }

                break;
        }

        return children;
    }
}

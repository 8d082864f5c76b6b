using System;
using System.Collections.Generic;
using Pipelines.Argo.Yaml;

namespace Pipelines.Argo.Validation.Flow;

/// <summary>One <c>{{tag}}</c> found in a string field: the trimmed tag text and the field it is in.</summary>
internal readonly struct TagOccurrence
{
    public TagOccurrence(string tag, string fieldText, FieldPath path)
    {
        Tag = tag;
        FieldText = fieldText;
        Path = path;
    }

    /// <summary>The text between the braces, trimmed of spaces.</summary>
    public string Tag { get; }

    /// <summary>The whole string value the tag was found in.</summary>
    public string FieldText { get; }

    /// <summary>The path of that string value.</summary>
    public FieldPath Path { get; }
}

/// <summary>
/// Finds <c>{{...}}</c> tags the way Argo's template parser does: a tag runs from <c>{{</c> to the next <c>}}</c>;
/// spaces around it are trimmed; expression tags (<c>{{=...}}</c>) are skipped. Argo scans the JSON of a whole step,
/// task or template as one text, so a <c>{{</c> whose closing <c>}}</c> only appears in a later field is not a parse
/// error there; it is only reported when no later string of the same unit holds a <c>}}</c>.
/// </summary>
internal static class TagScanner
{
    private static readonly List<(string Text, FieldPath Path)> None = [];

    /// <summary>
    /// Collects the string scalars of a node tree that hold <c>{{</c> or <c>}}</c>, with their paths, skipping the
    /// top-level fields in <paramref name="skipKeys"/>. The list is shared and empty when there are none (most steps and
    /// tasks): callers only read it.
    /// </summary>
    /// <param name="node">The tree.</param>
    /// <param name="path">Its path.</param>
    /// <param name="skipKeys">Top-level fields not to scan.</param>
    /// <param name="stack">A work stack to reuse (a validator scans once per step and task), or null.</param>
    public static List<(string Text, FieldPath Path)> Strings(YamlValue node, FieldPath path, string[] skipKeys, Stack<Frame>? stack = null)
    {
        List<(string, FieldPath)>? list = null;

        // A node's path is made only when it is needed (a string with a tag, or a list or mapping to go into).
        stack ??= new Stack<Frame>();
        stack.Clear();
        stack.Push(new Frame(node, path, null, -1, true));
        while (stack.Count > 0)
        {
            var (n, parent, key, index, top) = stack.Pop();
            switch (n)
            {
                case YamlScalar s:
                    if (s.Value.IndexOf("{{", StringComparison.Ordinal) >= 0 || s.Value.IndexOf("}}", StringComparison.Ordinal) >= 0)
                    {
                        (list ??= []).Add((s.Value, PathOf(parent, key, index, top)));
                    }

                    break;
                case YamlSequence seq:
                    var seqPath = PathOf(parent, key, index, top);
                    for (var i = seq.Items.Count - 1; i >= 0; i--)
                    {
                        stack.Push(new Frame(seq.Items[i], seqPath, null, i, false));
                    }

                    break;
                case YamlMapping map:
                    var mapPath = PathOf(parent, key, index, top);
                    for (var i = map.Entries.Count - 1; i >= 0; i--)
                    {
                        var entryKey = map.Entries[i].Key.Value;
                        if (top && Array.IndexOf(skipKeys, entryKey) >= 0)
                        {
                            continue;
                        }

                        stack.Push(new Frame(map.Entries[i].Value, mapPath, entryKey, -1, false));
                    }

                    break;
            }
        }

        return list ?? None;
    }

    /// <summary>A node still to scan: its parent's path and its key or index (its own path is made when needed).</summary>
    internal readonly record struct Frame(YamlValue Node, FieldPath Parent, string? Key, int Index, bool Top);

    private static FieldPath PathOf(FieldPath parent, string? key, int index, bool top) =>
        top ? parent : key is not null ? parent.Field(key) : parent.Item(index);

    /// <summary>
    /// Finds the tags of <paramref name="strings"/> (in order). Expression tags are skipped. Unclosed tags with no later
    /// <c>}}</c> go to <paramref name="unclosed"/>.
    /// </summary>
    public static List<TagOccurrence> Tags(List<(string Text, FieldPath Path)> strings, List<FieldPath> unclosed)
    {
        var result = new List<TagOccurrence>(strings.Count);
        for (var i = 0; i < strings.Count; i++)
        {
            var (text, path) = strings[i];
            var pos = 0;
            while (pos < text.Length)
            {
                var start = text.IndexOf("{{", pos, StringComparison.Ordinal);
                if (start < 0)
                {
                    break;
                }

                var end = text.IndexOf("}}", start + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    if (!LaterClose(strings, i + 1))
                    {
                        unclosed.Add(path);
                    }

                    break;
                }

                var tag = text.Substring(start + 2, end - start - 2).Trim();
                if (!tag.StartsWith("=", StringComparison.Ordinal))
                {
                    result.Add(new TagOccurrence(tag, text, path));
                }

                pos = end + 2;
            }
        }

        return result;
    }

    /// <summary>The tags of one string (for fields scanned alone, such as <c>dag.target</c>).</summary>
    public static List<TagOccurrence> Tags(string text, FieldPath path, List<FieldPath> unclosed) =>
        Tags(new List<(string, FieldPath)> { (text, path) }, unclosed);

    private static bool LaterClose(List<(string Text, FieldPath Path)> strings, int from)
    {
        for (var j = from; j < strings.Count; j++)
        {
            if (strings[j].Text.IndexOf("}}", StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}

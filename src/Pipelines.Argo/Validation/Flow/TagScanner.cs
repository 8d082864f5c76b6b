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
    /// <summary>Collects the string scalars of a node tree with their paths, skipping the top-level fields in <paramref name="skipKeys"/>.</summary>
    public static List<(string Text, FieldPath Path)> Strings(YamlValue node, FieldPath path, params string[] skipKeys)
    {
        var list = new List<(string, FieldPath)>();
        var stack = new Stack<(YamlValue Node, FieldPath Path, bool Top)>();
        stack.Push((node, path, true));
        while (stack.Count > 0)
        {
            var (n, p, top) = stack.Pop();
            switch (n)
            {
                case YamlScalar s:
                    if (s.Value.IndexOf("{{", StringComparison.Ordinal) >= 0 || s.Value.IndexOf("}}", StringComparison.Ordinal) >= 0)
                    {
                        list.Add((s.Value, p));
                    }

                    break;
                case YamlSequence seq:
                    for (var i = seq.Items.Count - 1; i >= 0; i--)
                    {
                        stack.Push((seq.Items[i], p.Item(i), false));
                    }

                    break;
                case YamlMapping map:
                    for (var i = map.Entries.Count - 1; i >= 0; i--)
                    {
                        var key = map.Entries[i].Key.Value;
                        if (top && Array.IndexOf(skipKeys, key) >= 0)
                        {
                            continue;
                        }

                        stack.Push((map.Entries[i].Value, p.Field(key), false));
                    }

                    break;
            }
        }

        return list;
    }

    /// <summary>
    /// Finds the tags of <paramref name="strings"/> (in order). Expression tags are skipped. Unclosed tags with no later
    /// <c>}}</c> go to <paramref name="unclosed"/>.
    /// </summary>
    public static List<TagOccurrence> Tags(List<(string Text, FieldPath Path)> strings, List<FieldPath> unclosed)
    {
        var result = new List<TagOccurrence>();
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

using System;
using System.Collections.Generic;

namespace Pipelines.Argo.Yaml;

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
                    // Small mappings (most) are searched; larger ones indexed. The last entry of a key wins either way.
                    Dictionary<string, YamlEntry>? index = null;
                    if (targetMap.Entries.Count > 8)
                    {
                        index = new Dictionary<string, YamlEntry>(StringComparer.Ordinal);
                        foreach (var entry in targetMap.Entries)
                        {
                            index[entry.Key.Value] = entry;
                        }
                    }

                    for (var i = map.Entries.Count - 1; i >= 0; i--)
                    {
                        var entry = map.Entries[i];
                        if (index is null ? Find(targetMap, entry.Key.Value, out var match) : index.TryGetValue(entry.Key.Value, out match))
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
                case YamlScalar:
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

    private static bool Find(YamlMapping map, string key, out YamlEntry match)
    {
        for (var i = map.Entries.Count - 1; i >= 0; i--)
        {
            if (string.Equals(map.Entries[i].Key.Value, key, StringComparison.Ordinal))
            {
                match = map.Entries[i];
                return true;
            }
        }

        match = default;
        return false;
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

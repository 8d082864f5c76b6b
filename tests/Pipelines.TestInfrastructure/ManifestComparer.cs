using System;
using System.Collections.Generic;
using System.Linq;
using Pipelines.Argo.Yaml;

namespace Pipelines.Testing;

/// <summary>
/// Compares a generated manifest with a reference document (an Argo example), tolerating only what does not change
/// Argo's meaning or what the examples carry for their own test harness:
/// <list type="bullet">
/// <item>templates (any <c>templates</c> list of named mappings) are a set keyed by name;</item>
/// <item>scalars compare by text (<c>10</c> equals <c>"10"</c>);</item>
/// <item>trailing white space of multi-line strings is ignored;</item>
/// <item>labels and annotations whose keys start with <c>workflows.argoproj.io/no-test</c> or
/// <c>workflows.argoproj.io/verify</c> are ignored.</item>
/// </list>
/// Everything else must be equal, including the order of tasks, steps and parameters, and mapping key sets.
/// </summary>
public static class ManifestComparer
{
    private static readonly string[] IgnoredMetadataPrefixes = ["workflows.argoproj.io/no-test", "workflows.argoproj.io/verify"];

    /// <summary>The differences, each as <c>path: what differs</c>; empty when equivalent.</summary>
    public static IReadOnlyList<string> Compare(YamlValue expected, YamlValue actual)
    {
        var differences = new List<string>();
        Compare(expected, actual, string.Empty, parentKey: null, differences);
        return differences;
    }

    /// <summary>Fails with every difference listed when the documents are not equivalent.</summary>
    public static void AssertEquivalent(YamlValue expected, YamlValue actual, string? context = null)
    {
        var differences = Compare(expected, actual);
        if (differences.Count > 0)
        {
            Assert.Fail((context is null ? string.Empty : context + ": ") + differences.Count + " difference(s):\n  " + string.Join("\n  ", differences));
        }
    }

    private static void Compare(YamlValue expected, YamlValue actual, string path, string? parentKey, List<string> differences)
    {
        switch (expected, actual)
        {
            case (YamlScalar e, YamlScalar a):
                if (!ScalarsEqual(e.Value, a.Value))
                {
                    differences.Add($"{Show(path)}: expected {Quote(e.Value)} but got {Quote(a.Value)}");
                }

                break;
            case (YamlMapping e, YamlMapping a):
                CompareMappings(e, a, path, parentKey, differences);
                break;
            case (YamlSequence e, YamlSequence a):
                if (parentKey == "templates" && IsNamedList(e) && IsNamedList(a))
                {
                    CompareNamedSet(e, a, path, differences);
                }
                else
                {
                    CompareSequences(e, a, path, differences);
                }

                break;
            default:
                differences.Add($"{Show(path)}: expected {Describe(expected)} but got {Describe(actual)}");
                break;
        }
    }

    private static void CompareMappings(YamlMapping expected, YamlMapping actual, string path, string? parentKey, List<string> differences)
    {
        var filter = parentKey is "labels" or "annotations";
        var e = Entries(expected, filter);
        var a = Entries(actual, filter);
        foreach (var (key, value) in e)
        {
            var child = path.Length == 0 ? key : path + "." + key;
            if (!a.TryGetValue(key, out var other))
            {
                differences.Add($"{child}: missing (expected {Describe(value)})");
                continue;
            }

            Compare(value, other, child, key, differences);
        }

        foreach (var key in a.Keys.Where(k => !e.ContainsKey(k)).OrderBy(k => k, StringComparer.Ordinal))
        {
            differences.Add($"{(path.Length == 0 ? key : path + "." + key)}: unexpected (got {Describe(a[key])})");
        }
    }

    private static void CompareSequences(YamlSequence expected, YamlSequence actual, string path, List<string> differences)
    {
        var count = Math.Min(expected.Items.Count, actual.Items.Count);
        for (var i = 0; i < count; i++)
        {
            Compare(expected.Items[i], actual.Items[i], path + "[" + i + "]", parentKey: null, differences);
        }

        if (expected.Items.Count != actual.Items.Count)
        {
            differences.Add($"{Show(path)}: expected {expected.Items.Count} item(s) but got {actual.Items.Count}");
        }
    }

    private static void CompareNamedSet(YamlSequence expected, YamlSequence actual, string path, List<string> differences)
    {
        var a = actual.Items.Cast<YamlMapping>().GroupBy(NameOf, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in expected.Items.Cast<YamlMapping>())
        {
            var name = NameOf(item);
            seen.Add(name);
            if (!a.TryGetValue(name, out var other))
            {
                differences.Add($"{path}[{name}]: missing template");
                continue;
            }

            Compare(item, other, path + "[" + name + "]", parentKey: null, differences);
        }

        foreach (var name in a.Keys.Where(n => !seen.Contains(n)).OrderBy(n => n, StringComparer.Ordinal))
        {
            differences.Add($"{path}[{name}]: unexpected template");
        }

        if (expected.Items.Count != actual.Items.Count && differences.Count == 0)
        {
            differences.Add($"{path}: expected {expected.Items.Count} template(s) but got {actual.Items.Count} (duplicate names)");
        }
    }

    private static Dictionary<string, YamlValue> Entries(YamlMapping mapping, bool filterTestKeys)
    {
        var entries = new Dictionary<string, YamlValue>(StringComparer.Ordinal);
        foreach (var entry in mapping.Entries)
        {
            var key = entry.Key.Value;
            if (filterTestKeys && IgnoredMetadataPrefixes.Any(p => key.StartsWith(p, StringComparison.Ordinal)))
            {
                continue;
            }

            entries[key] = entry.Value;
        }

        return entries;
    }

    private static bool IsNamedList(YamlSequence sequence) =>
        sequence.Items.All(i => i is YamlMapping m && m.Get("name") is YamlScalar);

    private static string NameOf(YamlMapping mapping) => ((YamlScalar)mapping.Get("name")!).Value;

    private static bool ScalarsEqual(string expected, string actual)
    {
        if (string.Equals(expected, actual, StringComparison.Ordinal))
        {
            return true;
        }

        var multiLine = expected.Contains('\n', StringComparison.Ordinal) || actual.Contains('\n', StringComparison.Ordinal);
        return multiLine && string.Equals(expected.TrimEnd(), actual.TrimEnd(), StringComparison.Ordinal);
    }

    private static string Describe(YamlValue value) => value is YamlScalar s ? Quote(s.Value) : value.Describe();

    private static string Quote(string text) => "\"" + text.Replace("\n", "\\n", StringComparison.Ordinal) + "\"";

    private static string Show(string path) => path.Length == 0 ? "(document)" : path;
}

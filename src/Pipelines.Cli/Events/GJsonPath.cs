using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace Pipelines.Cli.Events;

/// <summary>
/// The part of gjson path syntax Argo Events' filters and parameters use: dot-separated keys, <c>\</c> escapes, array
/// positions, <c>#</c> (array length), <c>#.key</c> (the key of every item, as an array) and <c>*</c>/<c>?</c> wildcards in
/// keys. Modifiers (<c>@reverse</c>), queries (<c>#(...)</c>) and multipaths are reported as unsupported.
/// </summary>
internal static class GJsonPath
{
    /// <summary>The value at <paramref name="path"/>, or null when it does not exist.</summary>
    /// <exception cref="NotSupportedException">The path uses gjson syntax this tool does not implement.</exception>
    public static JsonElement? Get(JsonElement root, string path)
    {
        if (path.Length == 0)
        {
            return null;
        }

        if (path[0] == '@' || path.Contains("#(", StringComparison.Ordinal) || path.Contains('|', StringComparison.Ordinal) || path[0] is '[' or '{')
        {
            throw new NotSupportedException($"gjson path '{path}' uses modifiers, queries or multipaths, which `pipelines events send` does not evaluate; use a plain path such as body.orderId");
        }

        return Walk(root, Split(path), 0);
    }

    /// <summary>gjson's <c>Result.String()</c>: strings unquoted, other values as their JSON text, null as empty.</summary>
    public static string String(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString()!,
        JsonValueKind.Null => string.Empty,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => e.GetRawText(),
    };

    /// <summary>gjson's <c>Result.Float()</c>.</summary>
    public static double Float(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.True => 1,
        JsonValueKind.String => double.TryParse(e.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : 0,
        _ => 0,
    };

    /// <summary>gjson's <c>Result.Bool()</c>.</summary>
    public static bool Bool(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.Number => e.GetDouble() != 0,
        JsonValueKind.String => e.GetString() is "1" or "t" or "T" or "TRUE" or "true" or "True",
        _ => false,
    };

    /// <summary>gjson's <c>Result.Value()</c> as Go would see it: maps, lists, float64, string, bool, nil.</summary>
    public static object? Value(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().Aggregate(new Dictionary<string, object?>(StringComparer.Ordinal), (d, p) => { d[p.Name] = Value(p.Value); return d; }),
        JsonValueKind.Array => e.EnumerateArray().Select(Value).ToList(),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    private static List<string> Split(string path)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] == '\\' && i + 1 < path.Length)
            {
                current.Append('\\').Append(path[++i]);
            }
            else if (path[i] == '.')
            {
                parts.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(path[i]);
            }
        }

        parts.Add(current.ToString());
        return parts;
    }

    private static JsonElement? Walk(JsonElement node, List<string> parts, int index)
    {
        if (index == parts.Count)
        {
            return node;
        }

        var part = parts[index];
        if (node.ValueKind == JsonValueKind.Array)
        {
            if (part == "#")
            {
                if (index == parts.Count - 1)
                {
                    return Parse(node.GetArrayLength().ToString(CultureInfo.InvariantCulture));
                }

                var items = new List<string>();
                foreach (var item in node.EnumerateArray())
                {
                    if (Walk(item, parts, index + 1) is { } found)
                    {
                        items.Add(found.GetRawText());
                    }
                }

                return Parse("[" + string.Join(",", items) + "]");
            }

            if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var position))
            {
                return position < node.GetArrayLength() ? Walk(node[position], parts, index + 1) : null;
            }

            return null;
        }

        if (node.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var wildcard = part.IndexOfAny(['*', '?']) >= 0 && !part.Contains('\\', StringComparison.Ordinal);
        var key = Unescape(part);
        foreach (var p in node.EnumerateObject())
        {
            if (wildcard ? Matches(p.Name, key) : p.Name == key)
            {
                return Walk(p.Value, parts, index + 1);
            }
        }

        return null;
    }

    private static string Unescape(string part)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < part.Length; i++)
        {
            if (part[i] == '\\' && i + 1 < part.Length)
            {
                i++;
            }

            sb.Append(part[i]);
        }

        return sb.ToString();
    }

    private static bool Matches(string text, string pattern)
    {
        if (pattern.Length == 0)
        {
            return text.Length == 0;
        }

        return pattern[0] switch
        {
            '*' => Matches(text, pattern[1..]) || (text.Length > 0 && Matches(text[1..], pattern)),
            '?' => text.Length > 0 && Matches(text[1..], pattern[1..]),
            _ => text.Length > 0 && text[0] == pattern[0] && Matches(text[1..], pattern[1..]),
        };
    }

    private static JsonElement Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }
}

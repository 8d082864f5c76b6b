using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;

namespace Pipelines.Argo.Yaml;

/// <summary>
/// Compares the data of two YAML trees the way a reader of the data sees it: scalars by resolved type and value (0x1F
/// and 31 are the same integer, yes and true the same boolean), mappings by keys whatever their order, lists item by
/// item, and explicit tags other than YAML's core ones (!!binary, !!timestamp, !!set, !!omap, local tags) as part of
/// the data. Layout, quoting and comments do not count.
/// </summary>
internal static class YamlDataComparer
{
    private const string CoreTagPrefix = "tag:yaml.org,2002:";

    /// <summary>The first node of <paramref name="expected"/> whose data <paramref name="actual"/> does not have, or null when both hold the same data.</summary>
    public static (YamlValue Node, FieldPath Path, string What)? FirstDifference(YamlValue expected, YamlValue actual)
    {
        var stack = new Stack<(YamlValue Expected, YamlValue Actual, FieldPath Path)>();
        stack.Push((expected, actual, FieldPath.Root));
        while (stack.Count > 0)
        {
            var (e, a, path) = stack.Pop();
            if (!string.Equals(ExtraTag(e), ExtraTag(a), StringComparison.Ordinal))
            {
                return (e, path, $"the tag {ExtraTag(e) ?? "(none)"} is not kept");
            }

            switch (e)
            {
                case YamlScalar es when a is YamlScalar @as:
                    if (!string.Equals(Canonical(es), Canonical(@as), StringComparison.Ordinal))
                    {
                        return (e, path, $"{es.Describe()} would be written as {@as.Describe()}");
                    }

                    break;
                case YamlSequence eq when a is YamlSequence aq:
                    if (eq.Items.Count != aq.Items.Count)
                    {
                        return (e, path, $"a list of {eq.Items.Count} items would be written with {aq.Items.Count}");
                    }

                    for (var i = eq.Items.Count - 1; i >= 0; i--)
                    {
                        stack.Push((eq.Items[i], aq.Items[i], path.Item(i)));
                    }

                    break;
                case YamlMapping em when a is YamlMapping am:
                    var index = new Dictionary<string, YamlValue>(StringComparer.Ordinal);
                    foreach (var entry in am.Entries)
                    {
                        index[entry.Key.Value] = entry.Value;
                    }

                    foreach (var entry in em.Entries)
                    {
                        if (!index.TryGetValue(entry.Key.Value, out var value))
                        {
                            return (entry.Key, path.Field(entry.Key.Value), $"the field '{entry.Key.Value}' ({entry.Value.Describe()}) would be dropped");
                        }

                        stack.Push((entry.Value, value, path.Field(entry.Key.Value)));
                    }

                    if (index.Count != em.Entries.Count)
                    {
                        return (e, path, "fields would be added to this mapping");
                    }

                    break;
                default:
                    return (e, path, $"{e.Describe()} would be written as {a.Describe()}");
            }
        }

        return null;
    }

    // A tag that carries meaning beyond the type the comparison already resolves.
    private static string? ExtraTag(YamlValue node)
    {
        var tag = node switch
        {
            YamlScalar s => s.Tag,
            YamlSequence q => q.Tag,
            YamlMapping m => m.Tag,
            _ => null,
        };
        return tag switch
        {
            null or "!" => null,
            CoreTagPrefix + "str" or CoreTagPrefix + "int" or CoreTagPrefix + "float" or CoreTagPrefix + "bool" or CoreTagPrefix + "null"
                or CoreTagPrefix + "map" or CoreTagPrefix + "seq" => null,
            _ => tag,
        };
    }

    private static string Canonical(YamlScalar s) => s.Type switch
    {
        YamlScalarType.Null => "null",
        YamlScalarType.Bool => s.Value.ToUpperInvariant() is "Y" or "YES" or "ON" or "TRUE" ? "true" : "false",
        YamlScalarType.Int => "int:" + Integer(s.Value),
        YamlScalarType.Float => "float:" + Float(s.Value),
        _ => "str:" + s.Value,
    };

    // Go's YAML 1.1 integers: sign, then 0b, 0o or 0x digits, a leading-zero octal, or decimal; '_' ignored.
    private static string Integer(string text)
    {
        var t = text.Replace("_", string.Empty);
        var negative = t.StartsWith("-", StringComparison.Ordinal);
        t = t.TrimStart('-', '+');
        var radix = 10;
        if (t.Length > 1 && t[0] == '0')
        {
            (radix, t) = char.ToLowerInvariant(t[1]) switch
            {
                'x' => (16, t.Substring(2)),
                'o' => (8, t.Substring(2)),
                'b' => (2, t.Substring(2)),
                _ => (8, t.Substring(1)),
            };
        }

        var value = BigInteger.Zero;
        foreach (var c in t)
        {
            var digit = c is >= '0' and <= '9' ? c - '0' : char.ToLowerInvariant(c) - 'a' + 10;
            if (digit < 0 || digit >= radix)
            {
                return "text:" + text;
            }

            value = value * radix + digit;
        }

        return (negative ? -value : value).ToString(CultureInfo.InvariantCulture);
    }

    private static string Float(string text)
    {
        var t = text.Replace("_", string.Empty);
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return d.ToString("R", CultureInfo.InvariantCulture);
        }

        var lower = t.ToLowerInvariant();
        return lower switch
        {
            ".inf" or "+.inf" => "+inf",
            "-.inf" => "-inf",
            ".nan" => "nan",
            _ => "text:" + text,
        };
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using Pipelines.Argo.Yaml;

namespace Pipelines.Argo.Model;

/// <summary>
/// Binds YAML nodes to the Argo model strictly, the way Argo decodes manifests: unknown fields and wrong types are
/// findings with the field path and position. Used by the generated <c>ModelSerializer</c>; never throws for bad input.
/// </summary>
public sealed partial class ModelReader
{
    /// <summary>Creates a reader that adds its findings to <paramref name="findings"/>.</summary>
    public ModelReader(List<Finding> findings) => Findings = findings ?? throw new ArgumentNullException(nameof(findings));

    /// <summary>The findings so far.</summary>
    public List<Finding> Findings { get; }

    internal void Report(FindingDescriptor descriptor, string message, FieldPath path, YamlValue at) =>
        Findings.Add(descriptor.Create(message, path, at.Line, at.Column));

    internal static bool IsNull(YamlValue node) => node is YamlScalar { Type: YamlScalarType.Null };

    internal bool Mapping(YamlValue node, FieldPath path, string typeName, out YamlMapping map)
    {
        if (node is YamlMapping m)
        {
            map = m;
            return true;
        }

        map = null!;
        if (!IsNull(node))
        {
            Report(FindingCodes.WrongType, $"'{Display(path)}' must be a mapping ({typeName}), but it is {node.Describe()}.", path, node);
        }

        return false;
    }

    // Unknown fields listed per document; beyond that they are counted in one finding (200,000 of them would otherwise
    // build hundreds of megabytes of messages).
    private const int MaxUnknownListed = 100;
    private int _unknown;
    private int _unknownSummaryAt = -1;

    internal void Unknown(YamlEntry entry, FieldPath path, string typeName, string[] known)
    {
        if (++_unknown > MaxUnknownListed)
        {
            var summary = FindingCodes.UnknownField.Create(
                $"{_unknown - MaxUnknownListed:N0} more unknown fields in this document (only the first {MaxUnknownListed} are listed)",
                path,
                entry.Key.Line,
                entry.Key.Column);
            if (_unknownSummaryAt < 0)
            {
                _unknownSummaryAt = Findings.Count;
                Findings.Add(summary);
            }
            else
            {
                Findings[_unknownSummaryAt] = summary with { Path = Findings[_unknownSummaryAt].Path, Line = Findings[_unknownSummaryAt].Line, Column = Findings[_unknownSummaryAt].Column };
            }

            return;
        }

        var name = entry.Key.Value;
        var message = $"unknown field '{name}' in {typeName}";
        var suggestion = Suggest(name, known);
        message += suggestion is null
            ? $" (allowed: {string.Join(", ", known)})"
            : $"; did you mean '{suggestion}'?";
        Report(FindingCodes.UnknownField, message, path.Field(name), entry.Key);
    }

    internal void Required(YamlMapping map, FieldPath path, string typeName, string field)
    {
        // An object without metadata decodes in Go; the validator reports what is then missing (name or generateName,
        // PIPE1014) with the API server's message, so the reader does not.
        if (path.IsRoot && field == "metadata")
        {
            return;
        }

        Report(FindingCodes.RequiredField, $"{typeName} requires field '{field}' (the full CRD schema requires it; Argo's Go types do not)", path.Field(field), map);
    }

    internal string? String(YamlValue node, FieldPath path)
    {
        if (node is YamlScalar s)
        {
            switch (s.Type)
            {
                case YamlScalarType.String:
                    return s.Value;
                case YamlScalarType.Null:
                    return null;
            }
        }

        Report(FindingCodes.WrongType, $"'{Display(path)}' must be a string, but it is {node.Describe()}" + QuoteHint(node), path, node);
        return null;
    }

    internal bool? Bool(YamlValue node, FieldPath path)
    {
        if (node is YamlScalar s)
        {
            switch (s.Type)
            {
                case YamlScalarType.Bool:
                    return s.Value is "y" or "Y" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" or "true" or "True" or "TRUE";
                case YamlScalarType.Null:
                    return null;
            }
        }

        Report(FindingCodes.WrongType, $"'{Display(path)}' must be true or false, but it is {node.Describe()}", path, node);
        return null;
    }

    internal long? Int(YamlValue node, FieldPath path)
    {
        if (node is YamlScalar s)
        {
            switch (s.Type)
            {
                case YamlScalarType.Int when TryParseInt(s.Value, out var value):
                    return value;
                case YamlScalarType.Float when double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == Math.Floor(d) && Math.Abs(d) < 9.2e18:
                    return (long)d;
                case YamlScalarType.Int:
                    Report(FindingCodes.WrongType, $"'{Display(path)}' is out of range for a 64-bit integer", path, node);
                    return null;
                case YamlScalarType.Null:
                    return null;
            }
        }

        Report(FindingCodes.WrongType, $"'{Display(path)}' must be an integer, but it is {node.Describe()}", path, node);
        return null;
    }

    internal IntOrString? IntOrString(YamlValue node, FieldPath path)
    {
        if (node is YamlScalar s)
        {
            switch (s.Type)
            {
                case YamlScalarType.String:
                    return Model.IntOrString.FromString(s.Value);
                case YamlScalarType.Int:
                    return Model.IntOrString.FromIntegerText(s.Value);
                case YamlScalarType.Null:
                    return null;
            }
        }

        Report(FindingCodes.WrongType, $"'{Display(path)}' must be an integer or a string, but it is {node.Describe()}", path, node);
        return null;
    }

    internal Quantity? Quantity(YamlValue node, FieldPath path)
    {
        if (node is YamlScalar s)
        {
            switch (s.Type)
            {
                case YamlScalarType.String:
                    return Model.Quantity.Parse(s.Value);
                case YamlScalarType.Int or YamlScalarType.Float:
                    return Model.Quantity.FromNumberText(s.Value);
                case YamlScalarType.Null:
                    return null;
            }
        }

        Report(FindingCodes.WrongType, $"'{Display(path)}' must be a quantity such as 500m or 1Gi, but it is {node.Describe()}", path, node);
        return null;
    }

    internal AnyString? AnyString(YamlValue node, FieldPath path)
    {
        if (node is YamlScalar s)
        {
            return s.Type == YamlScalarType.Null ? null : Model.AnyString.FromScalar(s);
        }

        Report(FindingCodes.WrongType, $"'{Display(path)}' must be a string, a number or a boolean, but it is {node.Describe()}", path, node);
        return null;
    }

    internal Amount? Amount(YamlValue node, FieldPath path)
    {
        if (node is YamlScalar s)
        {
            switch (s.Type)
            {
                case YamlScalarType.Int or YamlScalarType.Float:
                    return Model.Amount.FromText(s.Value);
                case YamlScalarType.Null:
                    return null;
            }
        }

        Report(FindingCodes.WrongType, $"'{Display(path)}' must be a number, but it is {node.Describe()}", path, node);
        return null;
    }

    internal YamlValue? Any(YamlValue node, FieldPath path) => IsNull(node) ? null : node;

    internal List<T>? List<T>(YamlValue node, FieldPath path, Func<ModelReader, YamlValue, FieldPath, T?> readItem)
        where T : class
    {
        if (node is not YamlSequence seq)
        {
            if (!IsNull(node))
            {
                Report(FindingCodes.WrongType, $"'{Display(path)}' must be a list, but it is {node.Describe()}", path, node);
            }

            return null;
        }

        var list = new List<T>(seq.Items.Count);
        for (var i = 0; i < seq.Items.Count; i++)
        {
            var item = seq.Items[i];
            var value = readItem(this, item, path.Item(i));
            if (value is not null)
            {
                list.Add(value);
            }
            else if (IsNull(item))
            {
                Report(FindingCodes.WrongType, $"'{Display(path.Item(i))}' is null; remove the empty list item", path.Item(i), item);
            }
        }

        return list;
    }

    internal List<long>? Int64List(YamlValue node, FieldPath path)
    {
        if (node is not YamlSequence seq)
        {
            if (!IsNull(node))
            {
                Report(FindingCodes.WrongType, $"'{Display(path)}' must be a list of integers, but it is {node.Describe()}", path, node);
            }

            return null;
        }

        var list = new List<long>(seq.Items.Count);
        for (var i = 0; i < seq.Items.Count; i++)
        {
            if (Int(seq.Items[i], path.Item(i)) is { } value)
            {
                list.Add(value);
            }
        }

        return list;
    }

    internal OrderedMap<T>? Map<T>(YamlValue node, FieldPath path, Func<ModelReader, YamlValue, FieldPath, T?> readValue)
        where T : class =>
        ReadMap<T>(node, path, (r, n, p) => readValue(r, n, p)!, keepNulls: false);

    internal OrderedMap<bool?>? BoolMap(YamlValue node, FieldPath path) =>
        ReadMap(node, path, static (r, n, p) => r.Bool(n, p), keepNulls: true);

    internal OrderedMap<long?>? Int64Map(YamlValue node, FieldPath path) =>
        ReadMap(node, path, static (r, n, p) => r.Int(n, p), keepNulls: true);

    private OrderedMap<T>? ReadMap<T>(YamlValue node, FieldPath path, Func<ModelReader, YamlValue, FieldPath, T> readValue, bool keepNulls)
    {
        if (node is not YamlMapping map)
        {
            if (!IsNull(node))
            {
                Report(FindingCodes.WrongType, $"'{Display(path)}' must be a mapping, but it is {node.Describe()}", path, node);
            }

            return null;
        }

        var result = new OrderedMap<T>();
        foreach (var entry in map.Entries)
        {
            var value = readValue(this, entry.Value, path.Field(entry.Key.Value));
            if (keepNulls || value is not null)
            {
                result[entry.Key.Value] = value;
            }
        }

        return result;
    }

    /// <summary>Parses an integer the way Argo's YAML decoder does (underscores, <c>0x</c>, <c>0o</c>, <c>0b</c>, leading-zero octal).</summary>
    public static bool TryParseInt(string text, out long value)
    {
        value = 0;
        var s = text.Replace("_", string.Empty);
        var negative = false;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            negative = s[0] == '-';
            s = s.Substring(1);
        }

        if (s.Length == 0)
        {
            return false;
        }

        var radix = 10;
        if (s.Length > 1 && s[0] == '0')
        {
            switch (s[1])
            {
                case 'x' or 'X':
                    radix = 16;
                    s = s.Substring(2);
                    break;
                case 'o' or 'O':
                    radix = 8;
                    s = s.Substring(2);
                    break;
                case 'b' or 'B':
                    radix = 2;
                    s = s.Substring(2);
                    break;
                default:
                    radix = 8;
                    s = s.Substring(1);
                    break;
            }
        }

        if (s.Length == 0)
        {
            return false;
        }

        ulong acc = 0;
        foreach (var c in s)
        {
            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => 99,
            };
            if (digit >= radix)
            {
                return false;
            }

            if (acc > (ulong.MaxValue - (ulong)digit) / (ulong)radix)
            {
                return false;
            }

            var next = (acc * (ulong)radix) + (ulong)digit;
            if (next > (negative ? 9223372036854775808UL : long.MaxValue))
            {
                return false;
            }

            acc = next;
        }

        value = negative ? (long)(0 - acc) : (long)acc;
        return true;
    }

    internal static string Display(FieldPath path) => path.IsRoot ? "(document)" : path.ToString();

    private static string QuoteHint(YamlValue node) =>
        node is YamlScalar { Style: YamlScalarStyle.Plain } s && s.Type != YamlScalarType.Null
            ? $"; write it in quotes (\"{s.Value}\") to make it a string"
            : string.Empty;

    /// <summary>The closest candidate within a small edit distance, for "did you mean" hints.</summary>
    public static string? Suggest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var d = EditDistance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (d < bestDistance)
            {
                bestDistance = d;
                best = candidate;
            }
        }

        return best is not null && bestDistance <= Math.Max(1, Math.Min(3, name.Length / 3)) ? best : null;
    }

    // Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours ("sya" -> "say").
    private static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}

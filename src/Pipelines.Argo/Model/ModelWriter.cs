using System;
using System.Collections.Generic;
using System.Globalization;
using Pipelines.Argo.Yaml;

namespace Pipelines.Argo.Model;

/// <summary>Turns model values into YAML nodes; used by the generated <c>ModelSerializer</c>.</summary>
internal static class ModelWriter
{
    public static YamlValue Str(string value) => YamlScalar.String(value);

    public static YamlValue Bool(bool value) => YamlScalar.PlainText(value ? "true" : "false");

    public static YamlValue Int(long value) => YamlScalar.PlainText(value.ToString(CultureInfo.InvariantCulture));

    public static YamlValue IntOrString(IntOrString value) => value.IsInteger ? YamlScalar.PlainText(value.Text) : YamlScalar.String(value.Text);

    public static YamlValue Quantity(Quantity value) => value.IsNumber ? YamlScalar.PlainText(value.Text) : YamlScalar.String(value.Text);

    public static YamlValue AnyString(AnyString value) =>
        value.WrittenAs == YamlScalarType.String ? YamlScalar.String(value.Text) : YamlScalar.PlainText(value.Text);

    public static YamlValue Amount(Amount value) => YamlScalar.PlainText(value.Text);

    public static YamlValue Any(YamlValue value) => value;

    public static YamlValue List<T>(List<T> items, Func<T, YamlValue> write)
    {
        var seq = new YamlSequence();
        foreach (var item in items)
        {
            seq.Items.Add(write(item));
        }

        return seq;
    }

    public static YamlValue Int64List(List<long> items)
    {
        var seq = new YamlSequence();
        foreach (var item in items)
        {
            seq.Items.Add(Int(item));
        }

        return seq;
    }

    public static YamlValue Map<T>(OrderedMap<T> map, Func<T, YamlValue> write)
    {
        var result = new YamlMapping();
        foreach (var pair in map)
        {
            result.Add(pair.Key, pair.Value is null ? YamlScalar.Null() : write(pair.Value));
        }

        return result;
    }

    public static YamlValue BoolMap(OrderedMap<bool?> map)
    {
        var result = new YamlMapping();
        foreach (var pair in map)
        {
            result.Add(pair.Key, pair.Value is { } b ? Bool(b) : YamlScalar.Null());
        }

        return result;
    }

    public static YamlValue Int64Map(OrderedMap<long?> map)
    {
        var result = new YamlMapping();
        foreach (var pair in map)
        {
            result.Add(pair.Key, pair.Value is { } n ? Int(n) : YamlScalar.Null());
        }

        return result;
    }

    public static void Add(YamlMapping map, string key, YamlValue value) => map.Entries.Add(new YamlEntry(new YamlScalar(key), value));

    public static List<T> Empty<T>() => [];
}

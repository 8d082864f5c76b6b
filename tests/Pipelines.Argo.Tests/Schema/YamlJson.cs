using System;
using System.Globalization;
using Newtonsoft.Json.Linq;
using Pipelines.Argo.Model;
using Pipelines.Argo.Yaml;

namespace Pipelines.Argo.Tests.Schema;

/// <summary>Converts a YAML tree to JSON the way Kubernetes' YAML path does: each scalar becomes the JSON type it resolves to.</summary>
public static class YamlJson
{
    public static JToken ToJson(YamlValue node)
    {
        switch (node)
        {
            case YamlSequence seq:
                var array = new JArray();
                foreach (var item in seq.Items)
                {
                    array.Add(ToJson(item));
                }

                return array;
            case YamlMapping map:
                var obj = new JObject();
                foreach (var entry in map.Entries)
                {
                    obj[entry.Key.Value] = ToJson(entry.Value);
                }

                return obj;
            case YamlScalar s:
                return Scalar(s);
            default:
                throw new ArgumentException("unknown node " + node.GetType().Name, nameof(node));
        }
    }

    private static JToken Scalar(YamlScalar s)
    {
        switch (s.Type)
        {
            case YamlScalarType.Null:
                return JValue.CreateNull();
            case YamlScalarType.Bool:
                return new JValue(s.Value is "y" or "Y" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" or "true" or "True" or "TRUE");
            case YamlScalarType.Int:
                return ModelReader.TryParseInt(s.Value, out var n) ? new JValue(n) : new JValue(s.Value);
            case YamlScalarType.Float:
                var text = s.Value.Replace("_", string.Empty, StringComparison.Ordinal);
                return text.TrimStart('-', '+').ToLowerInvariant() switch
                {
                    ".inf" => new JValue(text.StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity),
                    ".nan" => new JValue(double.NaN),
                    _ => new JValue(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)),
                };
            default:
                return new JValue(s.Value);
        }
    }
}

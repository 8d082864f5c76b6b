using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pipelines.Argo.Yaml;

namespace Pipelines.Cli.Events;

/// <summary>Conversions between the YAML nodes of the model and JSON, and sjson's <c>set</c> as Argo Events uses it.</summary>
internal static class JsonSupport
{
    /// <summary>Writes JSON without escaping quotes, '+' and non-ASCII text (closer to Go's encoding/json).</summary>
    public static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A YAML node as JSON, scalars by their resolved YAML type.</summary>
    public static JsonNode? ToJson(YamlValue node) => node switch
    {
        YamlMapping map => new JsonObject(map.Entries.Select(e => new System.Collections.Generic.KeyValuePair<string, JsonNode?>(e.Key.Value, ToJson(e.Value)))),
        YamlSequence seq => new JsonArray(seq.Items.Select(ToJson).ToArray()),
        YamlScalar s => s.Type switch
        {
            YamlScalarType.Null => null,
            YamlScalarType.Bool => JsonValue.Create(s.Value is "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" or "y" or "Y"),
            YamlScalarType.Int when long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
            YamlScalarType.Float when double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && !double.IsInfinity(d) && !double.IsNaN(d) => JsonValue.Create(d),
            _ => JsonValue.Create(s.Value),
        },
        _ => null,
    };

    /// <summary>JSON as a YAML node (strings quoted where YAML would read them otherwise).</summary>
    public static YamlValue ToYaml(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return YamlScalar.Null();
            case JsonObject obj:
                var map = new YamlMapping();
                foreach (var p in obj)
                {
                    map.Add(p.Key, ToYaml(p.Value));
                }

                return map;
            case JsonArray array:
                return new YamlSequence(array.Select(ToYaml));
            default:
                using (var doc = JsonDocument.Parse(node.ToJsonString(Relaxed)))
                {
                    var element = doc.RootElement;
                    return element.ValueKind switch
                {
                    JsonValueKind.String => YamlScalar.String(element.GetString()!),
                    JsonValueKind.True => YamlScalar.PlainText("true"),
                    JsonValueKind.False => YamlScalar.PlainText("false"),
                    JsonValueKind.Null => YamlScalar.Null(),
                    _ => YamlScalar.PlainText(element.GetRawText()),
                    };
                }
        }
    }

    /// <summary>Parses JSON into a node whose values are all <see cref="JsonElement"/>-backed.</summary>
    public static JsonNode? Parse(string json) => JsonNode.Parse(json);

    /// <summary>
    /// sjson's <c>Set</c>: writes <paramref name="value"/> at <paramref name="path"/> (dot-separated, <c>\</c> escapes),
    /// creating objects (or arrays, before a numeric key) on the way; <c>-1</c> appends; a position past the end pads
    /// the array with nulls, as sjson does.
    /// </summary>
    public static JsonNode Set(JsonNode? root, string path, JsonNode? value)
    {
        var parts = Pipelines.Argo.Events.Validation.DestPath.Split(path);
        root ??= IsIndex(parts[0]) ? new JsonArray() : new JsonObject();
        JsonNode current = root;
        for (var i = 0; i < parts.Count; i++)
        {
            var last = i == parts.Count - 1;
            var part = parts[i];
            JsonNode? Make() => last ? value?.DeepClone() : IsIndex(parts[i + 1]) ? new JsonArray() : new JsonObject();
            switch (current)
            {
                case JsonArray array when IsIndex(part):
                    var index = int.Parse(part, CultureInfo.InvariantCulture);
                    if (index == -1)
                    {
                        var made = Make();
                        array.Add(made);
                        if (last)
                        {
                            return root;
                        }

                        current = made!;
                        continue;
                    }

                    while (array.Count <= index)
                    {
                        array.Add(null);
                    }

                    if (last || array[index] is null || array[index] is JsonValue)
                    {
                        array[index] = Make();
                    }

                    if (last)
                    {
                        return root;
                    }

                    current = array[index]!;
                    break;
                case JsonObject obj:
                    if (last || obj[part] is null || obj[part] is JsonValue)
                    {
                        obj[part] = Make();
                    }

                    if (last)
                    {
                        return root;
                    }

                    current = obj[part]!;
                    break;
                default:
                    throw new InvalidOperationException($"cannot set '{path}': '{part}' is not an object key or array position there");
            }
        }

        return root;
    }

    private static bool IsIndex(string part) => part == "-1" || (part.Length > 0 && part.All(char.IsDigit));
}

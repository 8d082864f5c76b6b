using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Pipelines.Testing;

/// <summary>
/// Argo Events' schema.json from its corpus, made strict (no unknown fields; IntOrString and Int64OrString as integer
/// or string), for tests that check emitted EventSources, Sensors and EventBuses. Callers need the corpus
/// (<see cref="EventsCorpus.Require"/>).
/// </summary>
public static class EventsSchema
{
    private static readonly Lazy<JsonSchema> Strict = new(Load);

    /// <summary>The schema errors of an object (JSON text) of the given kind (<c>EventSource</c>, <c>Sensor</c>, <c>EventBus</c>), one line each.</summary>
    public static IReadOnlyList<string> Validate(string json, string kind) =>
        Strict.Value.Definitions["io.argoproj.events.v1alpha1." + kind].Validate(JToken.Parse(json))
            .SelectMany(Flatten)
            .Select(e => $"{e.Kind} at {e.Path}")
            .ToList();

    private static IEnumerable<ValidationError> Flatten(ValidationError error) =>
        error is ChildSchemaValidationError child
            ? new[] { error }.Concat(child.Errors.SelectMany(e => e.Value).SelectMany(Flatten))
            : new[] { error };

    private static JsonSchema Load()
    {
        var root = JObject.Parse(File.ReadAllText(EventsCorpus.SchemaPath));
        Disallow(root);
        var definitions = (JObject)root["definitions"]!;
        foreach (var name in new[] { "io.k8s.apimachinery.pkg.util.intstr.IntOrString", "io.argoproj.events.v1alpha1.Int64OrString" })
        {
            definitions[name] = new JObject { ["oneOf"] = new JArray(new JObject { ["type"] = "integer" }, new JObject { ["type"] = "string" }) };
        }

        return JsonSchema.FromJsonAsync(root.ToString()).GetAwaiter().GetResult();
    }

    private static void Disallow(JToken token)
    {
        if (token is JObject obj)
        {
            if (obj["properties"] is JObject && obj["additionalProperties"] is null)
            {
                obj["additionalProperties"] = false;
            }

            foreach (var p in obj.Properties())
            {
                Disallow(p.Value);
            }
        }
        else if (token is JArray array)
        {
            foreach (var item in array)
            {
                Disallow(item);
            }
        }
    }
}

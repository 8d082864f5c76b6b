using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Pipelines.Testing;

/// <summary>
/// Argo's schema.json from the corpus, made strict (no unknown fields; IntOrString as integer or string), for tests
/// that check generated manifests against it. Callers need the corpus (<see cref="Corpus.Require"/>).
/// </summary>
public static class ArgoSchema
{
    private static readonly Lazy<JsonSchema> Strict = new(Load);

    /// <summary>The schema errors of a manifest (JSON text) of the given kind (<c>Workflow</c>, <c>CronWorkflow</c>...), one line each.</summary>
    public static IReadOnlyList<string> Validate(string manifestJson, string kind) =>
        Strict.Value.Definitions["io.argoproj.workflow.v1alpha1." + kind].Validate(JToken.Parse(manifestJson))
            .SelectMany(Flatten)
            .Select(e => $"{e.Kind} at {e.Path}")
            .ToList();

    private static IEnumerable<ValidationError> Flatten(ValidationError error) =>
        error is ChildSchemaValidationError child
            ? new[] { error }.Concat(child.Errors.SelectMany(e => e.Value).SelectMany(Flatten))
            : new[] { error };

    private static JsonSchema Load()
    {
        var root = JObject.Parse(File.ReadAllText(Corpus.SchemaPath));
        var definitions = (JObject)root["definitions"]!;
        Disallow(root);
        definitions["io.k8s.apimachinery.pkg.util.intstr.IntOrString"] = new JObject
        {
            ["oneOf"] = new JArray(new JObject { ["type"] = "integer" }, new JObject { ["type"] = "string" }),
        };
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

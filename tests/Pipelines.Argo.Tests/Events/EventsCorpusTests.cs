using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using Pipelines.Argo.Events.Validation;
using Pipelines.Argo.Tests.Schema;

namespace Pipelines.Argo.Tests.Events;

/// <summary>
/// Acceptance over the upstream Argo Events corpus: every file lints clean or with the findings docs/events.md explains
/// ("Corpus quirks"), and what fmt writes is valid against Argo Events' schema.json made strict (no unknown fields).
/// </summary>
public sealed class EventsCorpusTests
{
    /// <summary>The findings each upstream file is expected to get, by code; every other file gets none.</summary>
    private static readonly Dictionary<string, string[]> Expected = new(StringComparer.Ordinal)
    {
        // retryStrategy without atLeastOnce: the retries never happen (guide 4.2).
        ["examples/sensors/calendar.yaml"] = ["PIPE5420"],
        ["examples/sensors/file.yaml"] = ["PIPE5420"],
        ["examples/sensors/github.yaml"] = ["PIPE5420"],
        ["examples/sensors/http-trigger.yaml"] = ["PIPE5420"],
        ["examples/sensors/minio.yaml"] = ["PIPE5420"],
        ["examples/sensors/resource.yaml"] = ["PIPE5420"],
        ["examples/sensors/sftp.yaml"] = ["PIPE5420"],
        ["testdata/sensors/sensor-atmostonce-fail.yaml"] = ["PIPE5002", "PIPE5420"],

        // A context filter without all six CloudEvent fields schema.json lists as required.
        ["examples/sensors/filter-with-context.yaml"] = ["PIPE5002", "PIPE5002", "PIPE5002", "PIPE5002", "PIPE5002", "PIPE5002"],

        // HTTP triggers without payload (schema.json requires it; Argo Events does not).
        ["examples/sensors/http-trigger-secure-headers.yaml"] = ["PIPE5002", "PIPE5420"],
        ["testdata/sensors/sensor-atleastonce-fail.yaml"] = ["PIPE5002"],

        // Misplaced or misspelt keys Argo Events drops silently (guide section 8).
        ["examples/sensors/trigger-with-atleast-once-semantics.yaml"] = ["PIPE5001"],
        ["examples/sensors/trigger-with-policy.yaml"] = ["PIPE5001"],
        ["examples/sensors/url-sensor.yaml"] = ["PIPE5001", "PIPE5420"],

        // serverURL instead of url: Argo Events itself rejects this Sensor ("server URL is not specified").
        ["examples/tutorials/09-http-trigger/sensor-02.yaml"] = ["PIPE5001", "PIPE5408", "PIPE5420"],

        // A tutorial placeholder dependency name.
        ["examples/tutorials/02-parameterization/sensor-05.yaml"] = ["PIPE5428"],

        // jetstream version: latest (unpinned).
        ["testdata/eventbus/jetstream.yaml"] = ["PIPE5105"],
    };

    private static readonly Lazy<JsonSchema> StrictSchema = new(() => LoadStrict(EventsCorpus.SchemaPath));

    [EventsCorpusTheory]
    [MemberData(nameof(EventsCorpus.ManifestFileData), MemberType = typeof(EventsCorpus))]
    public void Upstream_file_lints_clean_or_with_its_documented_findings(string relativePath)
    {
        EventsCorpus.Require();
        var file = ArgoYaml.ReadFile(Path.Combine(EventsCorpus.Directory, relativePath));
        EventsValidator.Validate([file]);

        Assert.All(file.Documents, d => Assert.True(d.EventsKind is not null || d.ArgoKind is not null, $"{relativePath} document {d.Index} ({d.Kind}) is not read as an Argo Events, RBAC or Argo kind"));
        var codes = file.AllFindings.Select(f => f.Code).OrderBy(c => c, StringComparer.Ordinal).ToArray();
        var expected = Expected.TryGetValue(relativePath, out var e) ? e.OrderBy(c => c, StringComparer.Ordinal).ToArray() : [];
        Assert.True(
            expected.SequenceEqual(codes),
            $"{relativePath}: expected [{string.Join(", ", expected)}], got:\n" + string.Join("\n", file.AllFindings.Select(f => $"{f.Line}:{f.Column} {f.Code} {f.Message} [{f.Path}]")));
    }

    [EventsCorpusTheory]
    [MemberData(nameof(EventsCorpus.ManifestFileData), MemberType = typeof(EventsCorpus))]
    public void Formatted_file_is_valid_against_the_strict_events_schema(string relativePath)
    {
        EventsCorpus.Require();
        var file = ArgoYaml.ReadFile(Path.Combine(EventsCorpus.Directory, relativePath));
        var formatted = ArgoYaml.Format(file);
        Assert.NotNull(formatted);
        Assert.Equal(formatted, ArgoYaml.Format(ArgoYaml.ReadText(formatted, relativePath)));

        var schemaDeviations = file.AllFindings.Any(f => f.Code is "PIPE5001" or "PIPE5002");
        foreach (var doc in ArgoYaml.ReadText(formatted, relativePath).Documents.Where(d => d.Kind is "EventBus" or "EventSource" or "Sensor"))
        {
            var errors = Validate(YamlJson.ToJson(doc.Root), doc.Kind!);
            if (schemaDeviations)
            {
                // The documented quirks: unknown keys, or fields only schema.json requires.
                Assert.NotEmpty(errors);
            }
            else
            {
                Assert.True(errors.Count == 0, $"{relativePath} ({doc.Kind} {doc.Name}):\n{Describe(errors)}");
            }
        }
    }

    [EventsCorpusFact]
    public void The_KafkaOrders_sample_manifests_are_valid_against_the_strict_schema_and_their_Kubernetes_shapes()
    {
        EventsCorpus.Require();
        var folder = Path.Combine(Corpus.RepoRoot, "samples", "KafkaOrders", "deploy");
        var definitions = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["EventBus"] = "io.argoproj.events.v1alpha1.EventBus",
            ["EventSource"] = "io.argoproj.events.v1alpha1.EventSource",
            ["Sensor"] = "io.argoproj.events.v1alpha1.Sensor",
            ["ServiceAccount"] = "io.k8s.api.core.v1.ServiceAccount",
            ["Role"] = "io.k8s.api.rbac.v1.Role",
            ["RoleBinding"] = "io.k8s.api.rbac.v1.RoleBinding",
        };
        var kinds = new List<string>();
        foreach (var path in Directory.GetFiles(folder, "*.yaml").Where(p => Path.GetFileName(p) != "kustomization.yaml" && !Path.GetFileName(p).StartsWith("workflowtemplate-", StringComparison.Ordinal)).OrderBy(p => p, StringComparer.Ordinal))
        {
            var file = ArgoYaml.ReadFile(path);
            EventsValidator.Validate([file]);
            Assert.Empty(file.AllFindings);
            foreach (var doc in ArgoYaml.ReadText(ArgoYaml.Format(file)!, path).Documents)
            {
                kinds.Add(doc.Kind!);
                var errors = ValidateDefinition(YamlJson.ToJson(doc.Root), definitions[doc.Kind!]);
                Assert.True(errors.Count == 0, $"{Path.GetFileName(path)} ({doc.Kind} {doc.Name}):\n{Describe(errors)}");
            }
        }

        Assert.Equal(definitions.Keys.OrderBy(k => k, StringComparer.Ordinal), kinds.Distinct().OrderBy(k => k, StringComparer.Ordinal));
    }

    [EventsCorpusFact]
    public void Strict_schema_rejects_a_misplaced_field()
    {
        EventsCorpus.Require();
        var text = "apiVersion: argoproj.io/v1alpha1\nkind: EventBus\nmetadata:\n  name: default\nspec:\n  jetstream:\n    version: 2.10.29\n";
        var json = (JObject)YamlJson.ToJson(ArgoYaml.ReadText(text).Documents.Single().Root);
        Assert.Empty(Validate(json, "EventBus"));

        ((JObject)json["spec"]!["jetstream"]!)["replica"] = 3;
        Assert.NotEmpty(Validate(json, "EventBus"));
    }

    internal static ICollection<ValidationError> Validate(JToken document, string kind) =>
        StrictSchema.Value.Definitions["io.argoproj.events.v1alpha1." + kind].Validate(document);

    internal static ICollection<ValidationError> ValidateDefinition(JToken document, string definition) =>
        StrictSchema.Value.Definitions[definition].Validate(document);

    /// <summary>Argo Events' schema.json with additionalProperties: false on every object that lists properties.</summary>
    internal static JsonSchema LoadStrict(string path)
    {
        var root = JObject.Parse(File.ReadAllText(path));
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

    internal static string Describe(IEnumerable<ValidationError> errors) =>
        string.Join("\n", errors.SelectMany(Flatten).Select(e => $"{e.Kind} at {e.Path} (line {e.LineNumber})"));

    private static IEnumerable<ValidationError> Flatten(ValidationError e) =>
        e is ChildSchemaValidationError child ? new[] { e }.Concat(child.Errors.SelectMany(x => x.Value).SelectMany(Flatten)) : [e];
}

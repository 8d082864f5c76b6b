using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Pipelines.Argo.Events;
using Pipelines.Argo.SchemaGen;

namespace Pipelines.Argo.Tests.Events;

/// <summary>The Argo Events model is generated from Argo Events' schema.json, like the Argo model, and kept in step.</summary>
public sealed class EventsModelTests
{
    [EventsCorpusFact]
    public void Committed_generated_files_equal_what_the_generator_writes_now()
    {
        EventsCorpus.Require();
        var files = ModelGenerator.Generate(ModelProfile.Events, File.ReadAllText(EventsCorpus.SchemaPath), FieldOrder.Read("FieldOrder.Events.txt"));
        var folder = Path.Combine(Corpus.RepoRoot, "src", "Pipelines.Argo", "Events", "Generated");

        Assert.Equal(
            Directory.GetFiles(folder).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray(),
            files.Keys.ToArray());
        foreach (var (name, content) in files)
        {
            var committed = File.ReadAllText(Path.Combine(folder, name)).Replace("\r\n", "\n", StringComparison.Ordinal);
            Assert.True(
                committed == content,
                $"src/Pipelines.Argo/Events/Generated/{name} is stale: it differs from what the generator writes from Argo Events' schema.json and FieldOrder.Events.txt. " +
                "Run `dotnet run --project src/Pipelines.Argo.SchemaGen` and commit the result.");
        }
    }

    [EventsCorpusFact]
    public void Generation_is_deterministic_and_leaves_the_Argo_model_alone()
    {
        EventsCorpus.Require();
        var json = File.ReadAllText(EventsCorpus.SchemaPath);
        var order = FieldOrder.Read("FieldOrder.Events.txt");

        var first = ModelGenerator.Generate(ModelProfile.Events, json, order);
        Assert.Equal(first, ModelGenerator.Generate(ModelProfile.Events, json, order));
        Assert.Contains("namespace Pipelines.Argo.Events;", first["Types.g.cs"], StringComparison.Ordinal);
        Assert.DoesNotContain("namespace Pipelines.Argo.Model;", first["Types.g.cs"], StringComparison.Ordinal);
    }

    [EventsCorpusFact]
    public void FieldOrder_lists_every_reachable_class_with_exactly_its_properties()
    {
        EventsCorpus.Require();
        using var doc = JsonDocument.Parse(File.ReadAllText(EventsCorpus.SchemaPath));
        var definitions = doc.RootElement.GetProperty("definitions");
        var reachable = new SortedSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(ModelProfile.Events.Roots);
        while (stack.Count > 0)
        {
            var name = stack.Pop();
            if (reachable.Add(name))
            {
                foreach (var r in Refs(definitions.GetProperty(name)))
                {
                    stack.Push(r);
                }
            }
        }

        var order = (FieldOrder.Read("FieldOrder.Events.txt") ?? throw new InvalidOperationException("FieldOrder.Events.txt is not embedded"))
            .Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToDictionary(l => l[..l.IndexOf(':', StringComparison.Ordinal)], l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);

        var mismatches = new List<string>();
        foreach (var def in reachable)
        {
            var props = definitions.GetProperty(def).TryGetProperty("properties", out var p) ? p.EnumerateObject().Select(x => x.Name).ToList() : [];
            if (props.Count == 0)
            {
                continue;
            }

            if (!order.TryGetValue(def, out var listed))
            {
                mismatches.Add(def + ": not listed");
            }
            else if (!props.OrderBy(x => x, StringComparer.Ordinal).SequenceEqual(listed.OrderBy(x => x, StringComparer.Ordinal)))
            {
                mismatches.Add($"{def}: schema [{string.Join(" ", props)}] vs listed [{string.Join(" ", listed)}]");
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public void Kinds_start_with_apiVersion_kind_metadata_spec()
    {
        var sensor = new Sensor { Metadata = new ObjectMeta { Name = "s" }, Spec = new SensorSpec { Dependencies = [new EventDependency { Name = "d", EventSourceName = "es", EventName = "e" }] } };
        var keys = EventsYaml.ToYaml(sensor).Entries.Select(e => e.Key.Value).ToArray();
        Assert.Equal(new[] { "apiVersion", "kind", "metadata", "spec" }, keys);

        var role = new Role { Metadata = new ObjectMeta { Name = "r" }, Rules = [new PolicyRule { Verbs = ["create"], ApiGroups = ["argoproj.io"], Resources = ["workflows"] }] };
        Assert.Equal(
            "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: r\nrules:\n- verbs:\n  - create\n  apiGroups:\n  - argoproj.io\n  resources:\n  - workflows\n",
            EventsYaml.Write(role));
    }

    [Fact]
    public void Reader_binds_the_events_and_rbac_kinds_and_leaves_others_alone()
    {
        var text =
            "apiVersion: argoproj.io/v1alpha1\nkind: Sensor\nmetadata:\n  name: s\n---\n" +
            "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: a\n---\n" +
            "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: b\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: r\n---\n" +
            "apiVersion: example.com/v1\nkind: Sensor\nmetadata:\n  name: other\n";
        var docs = ArgoYaml.ReadText(text).Documents;

        Assert.Equal(new EventsKind?[] { EventsKind.Sensor, EventsKind.ServiceAccount, EventsKind.RoleBinding, null }, docs.Select(d => d.EventsKind).ToArray());
        Assert.IsType<RoleBinding>(docs[2].EventsObject);
        Assert.Equal("r", ((RoleBinding)docs[2].EventsObject!).RoleRef!.Name);
        Assert.Null(docs[3].EventsObject);
    }

    [Fact]
    public void Unknown_fields_are_located_warnings_and_wrong_types_are_errors()
    {
        var text = "apiVersion: argoproj.io/v1alpha1\nkind: Sensor\nmetadata:\n  name: s\nspec:\n  triggers:\n  - template:\n      name: t\n      atLeastOnce: true\n    retryStrategy:\n      steps: many\n";
        var doc = ArgoYaml.ReadText(text, "s.yaml").Documents.Single();

        var unknown = Assert.Single(doc.Findings, f => f.Code == "PIPE5001");
        Assert.Equal(Severity.Warning, unknown.Severity);
        Assert.Equal("spec.triggers[0].template.atLeastOnce", unknown.Path);
        Assert.Equal((9, 7), (unknown.Line, unknown.Column));
        var wrong = Assert.Single(doc.Findings, f => f.Code == FindingCodes.WrongType.Code);
        Assert.Equal("spec.triggers[0].retryStrategy.steps", wrong.Path);
        Assert.Equal(11, wrong.Line);
    }

    [Fact]
    public void Wrong_apiVersion_for_an_events_kind_is_an_error()
    {
        var doc = ArgoYaml.ReadText("apiVersion: argoproj.io/v1beta1\nkind: EventBus\nmetadata:\n  name: default\nspec:\n  jetstream:\n    version: 2.10.29\n").Documents.Single();

        var f = Assert.Single(doc.Findings);
        Assert.Equal("PIPE5003", f.Code);
        Assert.Equal(Severity.Error, f.Severity);
    }

    [Fact]
    public void Format_keeps_documents_with_unknown_fields_as_written()
    {
        var text = "apiVersion: argoproj.io/v1alpha1\nkind: EventBus\nmetadata:\n  name: default\nspec:\n  jetstream:\n    version: 2.10.29\n    replica: 3\n";
        var formatted = ArgoYaml.Format(ArgoYaml.ReadText(text));

        Assert.NotNull(formatted);
        Assert.Contains("replica: 3", formatted, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Refs(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject())
                {
                    if (p.Name == "$ref")
                    {
                        var s = p.Value.GetString()!;
                        yield return s[(s.LastIndexOf('/') + 1)..];
                    }
                    else
                    {
                        foreach (var r in Refs(p.Value))
                        {
                            yield return r;
                        }
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var r in Refs(item))
                    {
                        yield return r;
                    }
                }

                break;
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Pipelines.Argo.Tests.Model;

/// <summary>An independent reading of schema.json: which definitions the four root kinds reach, and their properties.</summary>
internal sealed class SchemaModel
{
    public const string ArgoPrefix = "io.argoproj.workflow.v1alpha1.";

    /// <summary>Definitions with a hand-written type (IntOrString, Quantity, Amount) or kept as free-form YAML.</summary>
    public static readonly IReadOnlyDictionary<string, string> Special = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["io.k8s.apimachinery.pkg.util.intstr.IntOrString"] = "IntOrString",
        ["io.k8s.apimachinery.pkg.api.resource.Quantity"] = "Quantity",
        [ArgoPrefix + "Amount"] = "Amount",
        [ArgoPrefix + "Item"] = "YamlValue",
        [ArgoPrefix + "Plugin"] = "YamlValue",
        ["io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1"] = "YamlValue",
    };

    private static readonly Lazy<SchemaModel> LazyInstance = new(() => new SchemaModel(File.ReadAllText(Corpus.SchemaPath)));

    private SchemaModel(string json)
    {
        Json = json;
        using var doc = JsonDocument.Parse(json);
        var definitions = doc.RootElement.GetProperty("definitions");
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(new[] { "Workflow", "WorkflowTemplate", "ClusterWorkflowTemplate", "CronWorkflow" }.Select(k => ArgoPrefix + k));
        while (stack.Count > 0)
        {
            var name = stack.Pop();
            if (seen.Add(name))
            {
                foreach (var r in Refs(definitions.GetProperty(name)))
                {
                    stack.Push(r);
                }
            }
        }

        Reachable = seen.ToList();
        foreach (var name in Reachable)
        {
            var def = definitions.GetProperty(name);
            Types[name] = def.TryGetProperty("type", out var t) ? t.GetString() : null;
            Properties[name] = def.TryGetProperty("properties", out var props)
                ? props.EnumerateObject().Select(p => (p.Name, p.Value.Clone())).ToList()
                : [];
        }

        var shortCounts = Reachable.GroupBy(ShortName).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var name in Reachable)
        {
            ClassNames[name] = shortCounts[ShortName(name)] > 1 && !name.StartsWith(ArgoPrefix, StringComparison.Ordinal) ? "K8s" + ShortName(name) : ShortName(name);
        }
    }

    public static SchemaModel Instance => LazyInstance.Value;

    public string Json { get; }

    public List<string> Reachable { get; }

    public Dictionary<string, string?> Types { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<(string Name, JsonElement Schema)>> Properties { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> ClassNames { get; } = new(StringComparer.Ordinal);

    /// <summary>Object definitions that get a generated class.</summary>
    public IEnumerable<string> ClassDefinitions => Reachable.Where(d => !Special.ContainsKey(d) && Types[d] == "object");

    public static string PropertyName(string json, string className)
    {
        var name = char.ToUpperInvariant(json[0]) + json[1..];
        return name == className ? name + "Value" : name;
    }

    private static string ShortName(string definition) => definition[(definition.LastIndexOf('.') + 1)..];

    private static IEnumerable<string> Refs(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject())
                {
                    if (p.Name == "$ref")
                    {
                        var value = p.Value.GetString()!;
                        yield return value[(value.LastIndexOf('/') + 1)..];
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

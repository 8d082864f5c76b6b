using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using Pipelines.Argo.Model;
using Pipelines.Argo.SchemaGen;
using Pipelines.Argo.Yaml;

namespace Pipelines.Argo.Tests.Model;

/// <summary>The generated model matches schema.json, is up to date, and has a Go field order for every class.</summary>
public sealed class ModelShapeTests
{
    // Hand-written types of the model namespace (everything else there is generated from a schema definition).
    private static readonly HashSet<Type> HandWritten =
    [
        typeof(ArgoKind), typeof(IArgoObject), typeof(ModelReader), typeof(ModelSerializer), typeof(OrderedMap<>),
        typeof(IntOrString), typeof(Quantity), typeof(AnyString), typeof(Amount),
    ];

    private static readonly Assembly ModelAssembly = typeof(Workflow).Assembly;

    private static Dictionary<string, Type> ModelTypes() =>
        ModelAssembly.GetTypes()
            .Where(t => t.Namespace == "Pipelines.Argo.Model" && t.IsPublic && !HandWritten.Contains(t.IsGenericType ? t.GetGenericTypeDefinition() : t))
            .ToDictionary(t => t.Name, StringComparer.Ordinal);

    [CorpusFact]
    public void Every_reachable_definition_has_a_class_with_a_property_per_schema_property()
    {
        Corpus.Require();
        var schema = SchemaModel.Instance;
        var types = ModelTypes();
        var problems = new List<string>();
        foreach (var def in schema.ClassDefinitions)
        {
            var className = schema.ClassNames[def];
            if (!types.TryGetValue(className, out var type))
            {
                problems.Add($"{def}: no class {className}");
                continue;
            }

            var expected = schema.Properties[def].ToDictionary(p => SchemaModel.PropertyName(p.Name, className), p => p.Schema, StringComparer.Ordinal);
            var actual = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).ToDictionary(p => p.Name, StringComparer.Ordinal);
            foreach (var (name, propSchema) in expected)
            {
                if (!actual.TryGetValue(name, out var property))
                {
                    problems.Add($"{def}: {className} has no property {name}");
                }
                else if (!property.CanRead || !property.CanWrite)
                {
                    problems.Add($"{def}: {className}.{name} is not read-write");
                }
                else if (ExpectedType(propSchema, schema) is { } want && !string.Equals(Describe(property.PropertyType), want, StringComparison.Ordinal))
                {
                    problems.Add($"{def}: {className}.{name} is {Describe(property.PropertyType)}, expected {want}");
                }
            }

            problems.AddRange(actual.Keys.Where(k => !expected.ContainsKey(k)).Select(k => $"{def}: {className}.{k} is not in the schema"));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [CorpusFact]
    public void Every_generated_class_comes_from_a_reachable_definition()
    {
        Corpus.Require();
        var schema = SchemaModel.Instance;
        var expected = schema.ClassDefinitions.Select(d => schema.ClassNames[d]).ToHashSet(StringComparer.Ordinal);

        var extra = ModelTypes().Keys.Where(n => !expected.Contains(n)).OrderBy(n => n, StringComparer.Ordinal).ToList();

        Assert.Empty(extra);
        Assert.Equal(222, expected.Count);
    }

    [CorpusFact]
    public void Root_kinds_implement_IArgoObject_and_keep_kind_fields_first()
    {
        Corpus.Require();
        foreach (var type in new[] { typeof(Workflow), typeof(WorkflowTemplate), typeof(ClusterWorkflowTemplate), typeof(CronWorkflow) })
        {
            Assert.True(typeof(IArgoObject).IsAssignableFrom(type), type.Name);
            var instance = (IArgoObject)Activator.CreateInstance(type)!;
            instance.Kind = type.Name;
            instance.ApiVersion = ArgoYaml.ApiVersion;
            instance.Metadata = new ObjectMeta { Name = "n" };
            type.GetProperty("Spec")!.SetValue(instance, Activator.CreateInstance(type.GetProperty("Spec")!.PropertyType));
            var keys = ArgoYaml.ToYaml(instance).Entries.Select(e => e.Key.Value).ToArray();
            Assert.Equal(new[] { "apiVersion", "kind", "metadata", "spec" }, keys);
        }
    }

    [CorpusFact]
    public void Committed_generated_files_equal_what_the_generator_writes_now()
    {
        Corpus.Require();
        var files = ModelGenerator.Generate(File.ReadAllText(Corpus.SchemaPath), FieldOrder.Read());
        var folder = Path.Combine(Corpus.RepoRoot, "src", "Pipelines.Argo", "Model", "Generated");

        Assert.Equal(
            Directory.GetFiles(folder).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray(),
            files.Keys.ToArray());
        foreach (var (name, content) in files)
        {
            var committed = File.ReadAllText(Path.Combine(folder, name)).Replace("\r\n", "\n", StringComparison.Ordinal);
            Assert.True(
                committed == content,
                $"src/Pipelines.Argo/Model/Generated/{name} is stale: it differs from what the generator writes from schema.json and FieldOrder.txt. " +
                "Run `dotnet run --project src/Pipelines.Argo.SchemaGen` and commit the result.");
        }
    }

    [CorpusFact]
    public void Generation_is_deterministic()
    {
        Corpus.Require();
        var json = File.ReadAllText(Corpus.SchemaPath);

        Assert.Equal(ModelGenerator.Generate(json, FieldOrder.Read()), ModelGenerator.Generate(json, FieldOrder.Read()));
    }

    [CorpusFact]
    public void FieldOrder_lists_every_class_with_properties_and_exactly_its_properties()
    {
        Corpus.Require();
        var schema = SchemaModel.Instance;
        var order = ParseFieldOrder(FieldOrder.Read() ?? throw new InvalidOperationException("FieldOrder.txt is not embedded in Pipelines.Argo.SchemaGen"));

        // These classes have no properties at all, so there is nothing to order; every other class is listed.
        var unlisted = schema.ClassDefinitions.Where(d => !order.ContainsKey(d)).ToList();
        Assert.Equal(
            new[]
            {
                "io.argoproj.workflow.v1alpha1.NoneStrategy", "io.argoproj.workflow.v1alpha1.RetryNodeAntiAffinity",
                "io.argoproj.workflow.v1alpha1.SuppliedValueFrom", "io.argoproj.workflow.v1alpha1.ZipStrategy",
            },
            unlisted);
        Assert.All(unlisted, d => Assert.Empty(schema.Properties[d]));

        var mismatches = new List<string>();
        foreach (var (def, fields) in order)
        {
            if (!schema.Properties.TryGetValue(def, out var props))
            {
                mismatches.Add($"{def}: listed but not a reachable definition");
                continue;
            }

            var names = props.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            var missing = names.Where(n => !fields.Contains(n, StringComparer.Ordinal)).ToList();
            var extra = fields.Where(f => !names.Contains(f)).ToList();
            if (missing.Count > 0 || extra.Count > 0 || fields.Distinct(StringComparer.Ordinal).Count() != fields.Length)
            {
                mismatches.Add($"{def}: falls back to alphabetical for [{string.Join(", ", missing)}]; unknown [{string.Join(", ", extra)}]");
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [CorpusFact]
    public void Template_fields_are_written_in_FieldOrder_order_with_name_first()
    {
        Corpus.Require();
        var order = ParseFieldOrder(FieldOrder.Read()!)["io.argoproj.workflow.v1alpha1.Template"];
        var template = new Template();
        foreach (var p in typeof(Template).GetProperties())
        {
            p.SetValue(template, SampleValue(p.PropertyType));
        }

        var keys = ModelSerializer.WriteTemplate(template).Entries.Select(e => e.Key.Value).ToArray();

        Assert.Equal("name", keys[0]);
        Assert.Equal(order, keys);
    }

    private static object? SampleValue(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string))
        {
            return "x";
        }

        if (t == typeof(bool))
        {
            return true;
        }

        if (t == typeof(long))
        {
            return 1L;
        }

        if (t == typeof(IntOrString))
        {
            return IntOrString.FromInt(1);
        }

        if (t == typeof(YamlValue))
        {
            return YamlScalar.String("x");
        }

        return Activator.CreateInstance(t);
    }

    private static Dictionary<string, string[]> ParseFieldOrder(string text) =>
        text.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => (Name: l[..l.IndexOf(':', StringComparison.Ordinal)].Trim(), Fields: l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            .ToDictionary(x => x.Name, x => x.Fields, StringComparer.Ordinal);

    // The C# type a schema property should have: null when the test does not pin it (arrays and maps are checked by
    // element only through their own definitions).
    private static string? ExpectedType(JsonElement property, SchemaModel schema)
    {
        if (property.TryGetProperty("$ref", out var reference))
        {
            var def = reference.GetString()![(reference.GetString()!.LastIndexOf('/') + 1)..];
            if (SchemaModel.Special.TryGetValue(def, out var special))
            {
                return special;
            }

            return schema.Types[def] switch
            {
                "object" => schema.ClassNames[def],
                "string" => "String",
                _ => null,
            };
        }

        return property.TryGetProperty("type", out var t) ? t.GetString() switch
        {
            "boolean" => "Boolean?",
            "integer" => "Int64?",
            "number" => "Amount",
            "string" => null, // string or AnyString (parameter values)
            _ => null,
        } : null;
    }

    private static string Describe(Type type) =>
        Nullable.GetUnderlyingType(type) is { } inner ? inner.Name + "?" : type.Name;
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Pipelines.Argo.Tests.Schema;

/// <summary>
/// Acceptance check: what <c>pipelines fmt</c> writes for every corpus file is valid against Argo's schema.json with unknown
/// fields disallowed (additionalProperties: false on every object with properties) and IntOrString as integer-or-string
/// (CORPUS-QUIRKS.md 3).
/// </summary>
public sealed class SchemaConformanceTests
{
    private static readonly Lazy<JsonSchema> StrictSchema = new(LoadStrictSchema);

    /// <summary>schema.json, made strict: no unknown fields anywhere, and IntOrString accepts integers as Kubernetes does.</summary>
    public static JsonSchema LoadStrictSchema()
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

    public static ICollection<ValidationError> Validate(JToken document, string kind) =>
        StrictSchema.Value.Definitions["io.argoproj.workflow.v1alpha1." + kind].Validate(document);

    private static string Describe(IEnumerable<ValidationError> errors) =>
        string.Join("\n", errors.SelectMany(Flatten).Select(e => $"{e.Kind} at {e.Path} (line {e.LineNumber})"));

    private static IEnumerable<ValidationError> Flatten(ValidationError e) =>
        e is ChildSchemaValidationError child ? new[] { e }.Concat(child.Errors.SelectMany(x => x.Value).SelectMany(Flatten)) : [e];

    [CorpusTheory]
    [MemberData(nameof(Corpus.ExampleFileData), MemberType = typeof(Corpus))]
    public void Formatted_example_is_valid_against_the_strict_schema(string relativePath)
    {
        Corpus.Require();
        var file = ArgoYaml.ReadFile(Path.Combine(Corpus.ExamplesDirectory, relativePath));
        var formatted = ArgoYaml.Format(file);
        Assert.NotNull(formatted);

        var again = ArgoYaml.ReadText(formatted, relativePath);
        var argo = again.Documents.Where(d => d.ArgoKind is not null).ToList();
        Assert.Equal(file.Documents.Count(d => d.ArgoKind is not null), argo.Count);
        foreach (var doc in argo)
        {
            var errors = Validate(YamlJson.ToJson(doc.Root), doc.Kind!);
            Assert.True(errors.Count == 0, $"{relativePath} document {doc.Index} ({doc.Kind} {doc.Name}):\n{Describe(errors)}");
        }
    }

    [CorpusFact]
    public void Strict_schema_rejects_an_unknown_field_and_accepts_an_integer_IntOrString()
    {
        Corpus.Require();
        var text =
            "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  name: w\nspec:\n  entrypoint: main\n  templates:\n" +
            "  - name: main\n    retryStrategy:\n      limit: 10\n    container:\n      image: busybox\n";
        var doc = ArgoYaml.ReadText(text).Documents.Single();
        var json = (JObject)YamlJson.ToJson(doc.Root);
        Assert.Empty(Validate(json, "Workflow"));

        var unknown = (JObject)json.DeepClone();
        ((JObject)unknown["spec"]!["templates"]![0]!["container"]!)["imagePullPolicyy"] = "Always";
        var errors = Validate(unknown, "Workflow");
        Assert.Contains(errors.SelectMany(Flatten), e => e.Kind == ValidationErrorKind.NoAdditionalPropertiesAllowed && e.Property == "imagePullPolicyy");

        var wrongType = (JObject)json.DeepClone();
        wrongType["spec"]!["templates"]![0]!["retryStrategy"]!["limit"] = new JArray();
        Assert.NotEmpty(Validate(wrongType, "Workflow"));
    }

    [Fact]
    public void Json_conversion_uses_the_resolved_scalar_types()
    {
        var doc = ArgoYaml.ReadText("a: 10\nb: \"10\"\nc: yes\nd: 1.5\ne: ~\nf: 0x1F\ng: [x]\nh: {}\n").Documents.Single();

        var json = YamlJson.ToJson(doc.Root);

        Assert.Equal("{\"a\":10,\"b\":\"10\",\"c\":true,\"d\":1.5,\"e\":null,\"f\":31,\"g\":[\"x\"],\"h\":{}}", json.ToString(Newtonsoft.Json.Formatting.None));
    }
}

using System.Linq;
using Pipelines.Argo;
using Pipelines.Argo.Yaml;

namespace Pipelines.Generator.Tests;

/// <summary>Runs the generator on one workflow class and reads values of its manifest by field path.</summary>
internal static class ManifestQuery
{
    /// <summary>Prepended to every snippet: the attributes' namespace and a namespace for the class.</summary>
    public const string Header = "using Pipelines;\nnamespace App;\n";

    /// <summary>The one manifest the snippet generates, read strictly (no findings allowed).</summary>
    public static YamlValue Manifest(string source)
    {
        var run = GeneratorHarness.Run(Header + source).AssertClean();
        var file = ArgoYaml.ReadText(Assert.Single(run.Manifests).Json);
        Assert.Empty(file.AllFindings.Select(f => f.ToString()));
        return Assert.Single(file.Documents).Root;
    }

    /// <summary>
    /// The value at a path like <c>spec.templates[0].name</c>: scalar text, a list of scalars as <c>[a, b]</c>, a node
    /// description, or null when absent.
    /// </summary>
    public static string? At(YamlValue root, string path) =>
        YamlLocator.Find(root, FieldPath.Parse(path)) switch
        {
            null => null,
            YamlScalar scalar => scalar.Value,
            YamlSequence list when list.Items.All(i => i is YamlScalar) => "[" + string.Join(", ", list.Items.Select(i => ((YamlScalar)i).Value)) + "]",
            var node => node.Describe(),
        };
}

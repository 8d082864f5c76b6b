using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Pipelines.Argo;
using Pipelines.Generator;

namespace Pipelines.Import.Tests;

/// <summary>
/// Compiles imported C# in memory with the Pipelines source generator and returns the manifests it generates (the JSON
/// the build task turns into YAML), so a test can compare them with the YAML that was imported.
/// </summary>
internal static class RoundTrip
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    /// <summary>The generated manifests by C# class id (namespace.Class), and the compiler's and generator's problems.</summary>
    public static (Dictionary<string, string> Manifests, List<string> Problems) Build(IEnumerable<ImportedFile> files)
    {
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Content, ParseOptions, path: "/src/Imported/" + f.FileName)).ToList();
        var compilation = CSharpCompilation.Create(
            "Imported",
            trees,
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, deterministic: true));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new PipelinesGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            optionsProvider: new Options(new Dictionary<string, string> { ["build_property.ProjectDir"] = "/src/Imported/" }));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var problems = diagnostics.Concat(output.GetDiagnostics()).Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).ToList();
        problems.AddRange(driver.GetRunResult().Results.Where(r => r.Exception is not null).Select(r => r.Exception!.ToString()));
        var manifests = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tree in driver.GetRunResult().GeneratedTrees)
        {
            foreach (var attribute in tree.GetRoot().DescendantNodes().OfType<AttributeSyntax>())
            {
                if (attribute.Parent is AttributeListSyntax { Target.Identifier.ValueText: "assembly" }
                    && attribute.Name.ToString().EndsWith("PipelineManifest", StringComparison.Ordinal)
                    && attribute.ArgumentList?.Arguments is { Count: 3 } args
                    && args.All(a => a.Expression is LiteralExpressionSyntax))
                {
                    manifests[((LiteralExpressionSyntax)args[0].Expression).Token.ValueText] = ((LiteralExpressionSyntax)args[1].Expression).Token.ValueText;
                }
            }
        }

        return (manifests, problems);
    }

    /// <summary>Imports YAML text and checks that the generated manifest of every document equals it.</summary>
    public static ImportResult AssertRoundTrip(string yaml, string path = "input.yaml")
    {
        var file = ArgoYaml.ReadText(yaml, path);
        var result = Importer.Import([file], new ImportOptions("Imported"));
        Assert.Empty(result.Findings.Select(f => f.Finding.ToString()));
        AssertManifests([file], result);
        return result;
    }

    /// <summary>Builds the imported files and compares each document of <paramref name="sources"/> with its manifest.</summary>
    public static void AssertManifests(IReadOnlyList<ManifestFile> sources, ImportResult result)
    {
        var (manifests, problems) = Build(result.Files);
        Assert.Empty(problems);
        var documents = sources.SelectMany(s => s.Documents.Where(d => d.ArgoKind is not null).Select(d => (s.Path, d))).ToList();
        Assert.Equal(documents.Count, result.Files.Count);
        foreach (var imported in result.Files)
        {
            var source = Assert.Single(documents, d => d.Path == imported.Source && d.d.Line == imported.Line);
            var json = Assert.Single(manifests, m => m.Key.EndsWith("." + imported.ClassName, StringComparison.Ordinal)).Value;
            var generated = ArgoYaml.ReadText(json, imported.FileName);
            Assert.Empty(generated.AllFindings.Select(f => f.ToString()));
            var root = Assert.Single(generated.Documents).Root;
            if (source.d.Name is null && ((source.d.Root as Pipelines.Argo.Yaml.YamlMapping)?.Get("metadata") as Pipelines.Argo.Yaml.YamlMapping)?.Get("generateName") is null
                && (root as Pipelines.Argo.Yaml.YamlMapping)?.Get("metadata") is Pipelines.Argo.Yaml.YamlMapping metadata)
            {
                // A Workflow without any name is imported with the generateName the importer reports (PIPE7003).
                Assert.Equal(DocumentEmitter.UnnamedWorkflowGenerateName, (metadata.Get("generateName") as Pipelines.Argo.Yaml.YamlScalar)?.Value);
                metadata.Entries.RemoveAll(e => e.Key.Value == "generateName");
            }

            ManifestComparer.AssertEquivalent(IntegersInDecimal(source.d.Root), root, imported.Source + ":" + imported.Line);
        }
    }

    /// <summary>
    /// YAML 1.1 integers written another way (<c>mode: 0755</c> is the octal 493) in decimal, as C# and the generated
    /// manifest write them; the value is the same (the ports normalization compares them as PyYAML reads them).
    /// </summary>
    private static Pipelines.Argo.Yaml.YamlValue IntegersInDecimal(Pipelines.Argo.Yaml.YamlValue value)
    {
        switch (value)
        {
            case Pipelines.Argo.Yaml.YamlScalar { Type: Pipelines.Argo.Yaml.YamlScalarType.Int } s when s.Value.Length > 1 && s.Value.TrimStart('-', '+')[0] == '0':
                var text = s.Value.TrimStart('+');
                var negative = text.StartsWith('-');
                text = text.TrimStart('-');
                var number = text.StartsWith("0x", StringComparison.Ordinal) ? Convert.ToInt64(text.Substring(2), 16)
                    : text.StartsWith("0o", StringComparison.Ordinal) ? Convert.ToInt64(text.Substring(2), 8)
                    : text.StartsWith("0b", StringComparison.Ordinal) ? Convert.ToInt64(text.Substring(2), 2)
                    : Convert.ToInt64(text, 8);
                return Pipelines.Argo.Yaml.YamlScalar.PlainText((negative ? -number : number).ToString(System.Globalization.CultureInfo.InvariantCulture));
            case Pipelines.Argo.Yaml.YamlMapping m:
                var mapping = new Pipelines.Argo.Yaml.YamlMapping(m.Line, m.Column);
                foreach (var e in m.Entries)
                {
                    mapping.Entries.Add(new Pipelines.Argo.Yaml.YamlEntry(e.Key, IntegersInDecimal(e.Value)));
                }

                return mapping;
            case Pipelines.Argo.Yaml.YamlSequence q:
                var sequence = new Pipelines.Argo.Yaml.YamlSequence(q.Line, q.Column);
                sequence.Items.AddRange(q.Items.Select(IntegersInDecimal));
                return sequence;
            default:
                return value;
        }
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var tpa = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return tpa.Where(p => Path.GetFileName(p) is var n && (n.StartsWith("System.", StringComparison.Ordinal) || n is "netstandard.dll" or "mscorlib.dll"))
            .Append(typeof(WorkflowAttribute).Assembly.Location)
            .Append(typeof(Pipelines.Argo.Model.WorkflowSpec).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Values(values);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Values([]);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Values([]);

        private sealed class Values(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}

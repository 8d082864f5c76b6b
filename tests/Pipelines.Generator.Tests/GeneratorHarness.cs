using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Pipelines.Generator.Tests;

/// <summary>One manifest attribute as found in the generated syntax.</summary>
internal sealed record GeneratedManifest(string Id, string Json, string SourceMap);

/// <summary>The outcome of one generator run.</summary>
internal sealed record GeneratorRun(GeneratorDriver Driver, GeneratorDriverRunResult Result, Compilation Output, ImmutableArray<Diagnostic> Diagnostics)
{
    public GeneratorRunResult Single => Result.Results.Single();

    public IReadOnlyList<GeneratedManifest> Manifests => Result.GeneratedTrees.SelectMany(GeneratorHarness.ManifestsOf).ToList();

    /// <summary>Fails when the generator threw or reported anything, or when the output compilation has errors or warnings.</summary>
    public GeneratorRun AssertClean()
    {
        Assert.Empty(Result.Results.Where(r => r.Exception is not null).Select(r => r.Exception!.ToString()));
        Assert.Empty(Diagnostics.Select(d => d.ToString()));
        Assert.Empty(Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
        return this;
    }
}

/// <summary>Builds compilations and runs <see cref="PipelinesGenerator"/> with step tracking on (STYLE-ANCHORS 7.1, 7.2).</summary>
internal static class GeneratorHarness
{
    public const string ProjectDir = "/src/MyProject/";

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp13);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    public static string PortsDirectory => Path.Combine(AppContext.BaseDirectory, "Ports");

    public static string ReadPort(string name) => File.ReadAllText(Path.Combine(PortsDirectory, name));

    public static IEnumerable<string> PortNames() =>
        Directory.EnumerateFiles(PortsDirectory, "*.cs").Select(Path.GetFileName).Select(n => n!).OrderBy(n => n, StringComparer.Ordinal);

    public static SyntaxTree Tree(string text, string fileName = "Workflow.cs") =>
        CSharpSyntaxTree.ParseText(text, ParseOptions, path: ProjectDir + fileName);

    public static CSharpCompilation Compilation(params SyntaxTree[] trees) =>
        CSharpCompilation.Create(
            "Ports",
            trees,
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, deterministic: true));

    public static GeneratorDriver Driver(string? projectDir = ProjectDir)
    {
        return CSharpGeneratorDriver.Create(
            [new PipelinesGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            optionsProvider: OptionsProvider(projectDir),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    public static AnalyzerConfigOptionsProvider OptionsProvider(string? projectDir) =>
        new TestOptionsProvider(projectDir is null ? [] : new Dictionary<string, string> { ["build_property.ProjectDir"] = projectDir });

    public static AnalyzerConfigOptionsProvider OptionsProvider(Dictionary<string, string> buildProperties) => new TestOptionsProvider(buildProperties);

    public static GeneratorRun Run(Compilation compilation, GeneratorDriver? driver = null)
    {
        var updated = (driver ?? Driver()).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new GeneratorRun(updated, updated.GetRunResult(), output, diagnostics);
    }

    public static GeneratorRun Run(string source, string fileName = "Workflow.cs") => Run(Compilation(Tree(source, fileName)));

    public static IEnumerable<GeneratedManifest> ManifestsOf(SyntaxTree tree)
    {
        foreach (var attribute in tree.GetRoot().DescendantNodes().OfType<AttributeSyntax>())
        {
            if (attribute.Parent is AttributeListSyntax { Target.Identifier.ValueText: "assembly" }
                && attribute.Name.ToString().EndsWith("PipelineManifest", StringComparison.Ordinal)
                && attribute.ArgumentList?.Arguments is { Count: 3 } args
                && args.All(a => a.Expression is LiteralExpressionSyntax))
            {
                string Text(int i) => ((LiteralExpressionSyntax)args[i].Expression).Token.ValueText;
                yield return new GeneratedManifest(Text(0), Text(1), Text(2));
            }
        }
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var tpa = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var wanted = tpa.Where(p =>
        {
            var n = Path.GetFileName(p);
            return n.StartsWith("System.", StringComparison.Ordinal) || n is "netstandard.dll" or "mscorlib.dll";
        });
        return wanted
            .Append(typeof(WorkflowAttribute).Assembly.Location)
            .Append(typeof(Pipelines.Argo.Model.WorkflowSpec).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }

    /// <summary>Global analyzer-config options only (build properties).</summary>
    private sealed class TestOptionsProvider(Dictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(values);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new([]);

            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}

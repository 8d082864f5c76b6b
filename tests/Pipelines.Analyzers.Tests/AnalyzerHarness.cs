using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Pipelines.Analyzers;

namespace Pipelines.Analyzers.Tests;

/// <summary>A reported diagnostic as tests compare it: ID, the source text it covers, and its message.</summary>
public sealed record Found(string Id, string Text, string Message, int Line);

/// <summary>Compiles C# with the Pipelines attributes and runs the analyzer (and code fixes) over it, without the Testing packages.</summary>
public static class AnalyzerHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return trusted.Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(WorkflowAttribute).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(Pipelines.Argo.Model.Template).Assembly.Location))
            .ToImmutableArray();
    });

    /// <summary>Turns on the rules that are off by default (as <c>dotnet_diagnostic.ID.severity = warning</c> would).</summary>
    public static IEnumerable<KeyValuePair<string, ReportDiagnostic>> OptIn =>
        DiagnosticDescriptors.All.Where(d => !d.IsEnabledByDefault).Select(d => new KeyValuePair<string, ReportDiagnostic>(d.Id, ReportDiagnostic.Warn));

    public static CSharpCompilation Compile(string source, string path = "/src/Pipeline.cs", OutputKind kind = OutputKind.DynamicallyLinkedLibrary) =>
        CSharpCompilation.Create(
            "Tests",
            [CSharpSyntaxTree.ParseText(source, ParseOptions, path)],
            References.Value,
            new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>Compiles and analyzes <paramref name="source"/> with every rule on, including the off-by-default ones.</summary>
    public static async Task<IReadOnlyList<Found>> Analyze(string source, IDictionary<string, string>? properties = null, OutputKind kind = OutputKind.DynamicallyLinkedLibrary)
    {
        var compilation = Compile(source, kind: kind);
        compilation = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(OptIn));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "The test source does not compile: " + string.Join("; ", errors));
        var diagnostics = await Run(compilation, properties);
        return diagnostics.Select(d => ToFound(d, source)).ToList();
    }

    public static async Task<ImmutableArray<Diagnostic>> Run(Compilation compilation, IDictionary<string, string>? properties = null, CancellationToken ct = default)
    {
        var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new OptionsProvider(properties ?? new Dictionary<string, string>()));
        return await compilation.WithAnalyzers([new PipelinesAnalyzer()], options).GetAnalyzerDiagnosticsAsync(ct);
    }

    /// <summary>Runs the analyzer and returns its diagnostics and the time the analyzer itself took (Roslyn telemetry).</summary>
    public static async Task<(ImmutableArray<Diagnostic> Diagnostics, TimeSpan AnalyzerTime)> RunTimed(Compilation compilation)
    {
        var analyzer = new PipelinesAnalyzer();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new OptionsProvider(new Dictionary<string, string>())),
            onAnalyzerException: null,
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: true);
        var withAnalyzers = compilation.WithAnalyzers([analyzer], options);
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
        return (diagnostics, telemetry.ExecutionTime);
    }

    private static Found ToFound(Diagnostic d, string source) =>
        new(d.Id, d.Location.IsInSource ? source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length) : string.Empty, d.GetMessage(CultureInfo.InvariantCulture), d.Location.GetLineSpan().StartLinePosition.Line + 1);

    /// <summary>Applies the first fix offered for the first diagnostic with <paramref name="id"/>; returns the new source.</summary>
    public static async Task<string> Fix(string source, string id, CodeFixProvider fixer, OutputKind kind = OutputKind.DynamicallyLinkedLibrary)
    {
        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(ProjectId.CreateNewId(), VersionStamp.Default, "Tests", "Tests", LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable).WithSpecificDiagnosticOptions(OptIn),
            parseOptions: ParseOptions,
            metadataReferences: References.Value));
        var document = workspace.AddDocument(project.Id, "Pipeline.cs", SourceText.From(source));
        var compilation = (await document.Project.GetCompilationAsync())!;
        var diagnostic = (await Run(compilation)).First(d => d.Id == id);
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await fixer.RegisterCodeFixesAsync(context);
        Assert.True(actions.Count > 0, "No fix was offered for " + id);
        var operations = await actions[0].GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        var text = await changed.GetDocument(document.Id)!.GetTextAsync();
        return text.ToString();
    }

    private sealed class OptionsProvider(IDictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(values);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(new Dictionary<string, string>());

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options(new Dictionary<string, string>());
    }

    private sealed class Options(IDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) =>
            values.TryGetValue(key, out value);
    }
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Pipelines;

namespace Pipelines.Generator.Benchmarks;

/// <summary>
/// A synthetic project: <see cref="Workflows"/> workflow classes, one per syntax tree, each with one container template
/// called <see cref="TasksPerWorkflow"/> times in a DAG (the surface of samples/ArgoExamples/dag-diamond.cs). All trees
/// are parsed once, before any timing.
/// </summary>
public sealed class SyntheticProject
{
    public const int Workflows = 200;
    public const int TasksPerWorkflow = 20;
    public const string ProjectDir = "/src/Synthetic/";

    /// <summary>The file whose DAG body the one-method edit changes (in the middle of the project).</summary>
    public const int EditedIndex = Workflows / 2;

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(LoadReferences);

    private SyntheticProject()
    {
        Trees = Enumerable.Range(0, Workflows).Select(i => Parse(WorkflowSource(i, edited: false), FileName(i))).ToImmutableArray();
        EditedTree = Parse(WorkflowSource(EditedIndex, edited: true), FileName(EditedIndex));
        UnrelatedTree = Parse("struct Foo {}\n", "Foo.cs");
        TotalChars = Trees.Sum(t => t.Length);
    }

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.CSharp13);

    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    /// <summary>One tree per workflow class.</summary>
    public ImmutableArray<SyntaxTree> Trees { get; }

    /// <summary>Tree <see cref="EditedIndex"/> with one task's message changed inside the DAG method body.</summary>
    public SyntaxTree EditedTree { get; }

    /// <summary>A new file unrelated to any workflow.</summary>
    public SyntaxTree UnrelatedTree { get; }

    public int TotalChars { get; }

    public static SyntheticProject Create() => new();

    /// <summary>A fresh compilation over the pre-parsed trees (nothing bound yet, as in a new build).</summary>
    public CSharpCompilation Compilation() =>
        CSharpCompilation.Create(
            "Synthetic",
            Trees,
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, deterministic: true));

    /// <summary>A driver with step tracking off unless asked (tracking is only for the --quick breakdown).</summary>
    public static GeneratorDriver Driver(IIncrementalGenerator generator, bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            [generator.AsSourceGenerator()],
            parseOptions: ParseOptions,
            optionsProvider: new GlobalOptionsProvider(new Dictionary<string, string>(StringComparer.Ordinal) { ["build_property.ProjectDir"] = ProjectDir }),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    public static string FileName(int i) => string.Create(CultureInfo.InvariantCulture, $"Workflows/Flow{i:000}.cs");

    /// <summary>
    /// Workflow <paramref name="i"/>: task t0 first, then each task tN after one or two earlier tasks (a wide DAG with joins).
    /// The edit changes the message of the middle task, so the spec (and only that workflow's output) changes.
    /// </summary>
    public static string WorkflowSource(int i, bool edited)
    {
        var sb = new StringBuilder();
        sb.Append("// Synthetic workflow for the generator benchmarks.\n");
        sb.Append("using Pipelines;\n\n");
        sb.Append("namespace Synthetic.Flows;\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"[Workflow(GenerateName = \"flow-{i:000}-\")]\n");
        sb.Append(CultureInfo.InvariantCulture, $"public partial class Flow{i:000}\n{{\n");
        sb.Append("    [Container(\"busybox\", Command = [\"echo\", \"{{inputs.parameters.message}}\"])]\n");
        sb.Append("    public static partial Node Echo(string message);\n\n");
        sb.Append("    [Dag, Entrypoint]\n");
        sb.Append("    public static void Main()\n    {\n");
        for (var n = 0; n < TasksPerWorkflow; n++)
        {
            var message = edited && n == TasksPerWorkflow / 2 ? $"edited {n}" : $"flow {i} task {n}";
            sb.Append(CultureInfo.InvariantCulture, $"        var t{n} = Echo(\"{message}\")");
            if (n > 0)
            {
                var first = (n - 1) / 2;
                sb.Append(CultureInfo.InvariantCulture, $".After(t{first}");
                if (n % 3 == 0 && n - 1 != first)
                {
                    sb.Append(CultureInfo.InvariantCulture, $", t{n - 1}");
                }

                sb.Append(')');
            }

            sb.Append(";\n");
        }

        sb.Append("    }\n}\n");
        return sb.ToString();
    }

    private static SyntaxTree Parse(string text, string fileName) =>
        CSharpSyntaxTree.ParseText(text, ParseOptions, path: ProjectDir + fileName, encoding: Encoding.UTF8);

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var tpa = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return tpa
            .Where(p => Path.GetFileName(p) is var n && (n.StartsWith("System.", StringComparison.Ordinal) || n is "netstandard.dll" or "mscorlib.dll"))
            .Append(typeof(WorkflowAttribute).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }

    /// <summary>Global analyzer-config options only (build properties).</summary>
    private sealed class GlobalOptionsProvider(Dictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(values);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new(new Dictionary<string, string>(StringComparer.Ordinal));

            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}

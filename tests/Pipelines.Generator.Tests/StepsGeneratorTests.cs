using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Pipelines.Generator.Tests;

/// <summary>
/// The step half of the generator (<see cref="PipelinesStepsGenerator"/>): what it emits, when it emits a Main, and
/// the diagnostics for steps it cannot run. Running the emitted invokers is covered by Pipelines.Runtime.Tests.
/// </summary>
public sealed class StepsGeneratorTests
{
    private const string Scalars = """
        using Pipelines;
        namespace Demo;
        public static class Steps
        {
            [Step] public static int CountWords(string text) => text.Split(' ').Length;
            [Step] public static void Log(bool loud, long count = 3) { }
        }
        """;

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var tpa = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return tpa.Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Append(typeof(WorkflowAttribute).Assembly.Location)
            .Append(typeof(Pipelines.Runtime.PipelineHost).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    });

    private static (Compilation Output, ImmutableArray<Diagnostic> Diagnostics, string? Text) Run(string source, OutputKind kind = OutputKind.DynamicallyLinkedLibrary, string? entryPoint = null, bool withRuntime = true)
    {
        var references = withRuntime ? References.Value : References.Value.Where(r => !r.Display!.EndsWith("Pipelines.Runtime.dll", StringComparison.Ordinal)).ToImmutableArray();
        var compilation = CSharpCompilation.Create("Demo", [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp13), path: "/src/Demo/Steps.cs")], references,
            new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable));
        var options = new Dictionary<string, string>();
        if (entryPoint is not null)
        {
            options["build_property.PipelinesGenerateEntryPoint"] = entryPoint;
        }

        var driver = CSharpGeneratorDriver.Create([new PipelinesStepsGenerator().AsSourceGenerator()], optionsProvider: new Options(options), parseOptions: new CSharpParseOptions(LanguageVersion.CSharp13));
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var text = output.SyntaxTrees.FirstOrDefault(t => t.FilePath.EndsWith("PipelinesSteps.g.cs", StringComparison.Ordinal))?.ToString();
        return (output, diagnostics, text);
    }

    private static void AssertCompiles(Compilation output) =>
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));

    [Fact]
    public void A_library_gets_the_step_table_and_no_main()
    {
        var (output, diagnostics, text) = Run(Scalars);
        Assert.Empty(diagnostics);
        AssertCompiles(output);
        Assert.Contains("new global::Pipelines.Runtime.StepDefinition(\"count-words\"", text, StringComparison.Ordinal);
        Assert.Contains("new global::Pipelines.Runtime.StepInput(\"count\", \"long\", true, false)", text, StringComparison.Ordinal);
        Assert.Contains("[global::System.Runtime.CompilerServices.ModuleInitializer]", text, StringComparison.Ordinal);
        Assert.DoesNotContain("PipelinesEntryPoint", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_executable_without_main_gets_one_that_hands_over_to_the_host()
    {
        var (output, diagnostics, text) = Run(Scalars, OutputKind.ConsoleApplication);
        Assert.Empty(diagnostics);
        AssertCompiles(output);
        Assert.Contains("public static global::System.Threading.Tasks.Task<int> Main(string[] args) => global::Pipelines.Runtime.PipelineHost.RunAsync(args);", text, StringComparison.Ordinal);
        Assert.Equal("PipelinesEntryPoint", output.GetEntryPoint(default)?.ContainingType.Name);
    }

    [Fact]
    public void An_executable_with_its_own_main_keeps_it()
    {
        var source = Scalars + """

            public static class Program
            {
                public static System.Threading.Tasks.Task<int> Main(string[] args) => Pipelines.Runtime.PipelineHost.RunAsync(args);
            }
            """;
        var (output, _, text) = Run(source, OutputKind.ConsoleApplication);
        AssertCompiles(output);
        Assert.DoesNotContain("PipelinesEntryPoint", text, StringComparison.Ordinal);
        Assert.Equal("Program", output.GetEntryPoint(default)?.ContainingType.Name);
    }

    [Fact]
    public void Top_level_statements_count_as_a_main()
    {
        var source = Scalars.Replace("namespace Demo;", "return await Pipelines.Runtime.PipelineHost.RunAsync(args);\nnamespace Demo\n{", StringComparison.Ordinal) + "\n}";
        var (output, _, text) = Run(source, OutputKind.ConsoleApplication);
        AssertCompiles(output);
        Assert.DoesNotContain("PipelinesEntryPoint", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("false", OutputKind.ConsoleApplication, false)]
    [InlineData("true", OutputKind.DynamicallyLinkedLibrary, true)]
    [InlineData("True", OutputKind.DynamicallyLinkedLibrary, true)]
    public void The_msbuild_switch_decides_over_detection(string value, OutputKind kind, bool expected)
    {
        var (_, _, text) = Run(Scalars, kind, value);
        Assert.Equal(expected, text!.Contains("PipelinesEntryPoint", StringComparison.Ordinal));
    }

    [Fact]
    public void Nothing_is_emitted_without_the_runtime()
    {
        var (output, diagnostics, text) = Run(Scalars, OutputKind.ConsoleApplication, withRuntime: false);
        Assert.Null(text);
        Assert.Empty(diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Id.StartsWith("PIPE", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_record_without_json_metadata_is_an_error_saying_what_to_add()
    {
        var source = """
            using Pipelines;
            namespace Demo;
            public sealed record Doc(string Text);
            public static class Steps
            {
                [Step] public static int Length(Doc doc) => doc.Text.Length;
                [Step] public static int Total(System.Collections.Generic.List<int> values) => values.Count;
            }
            """;
        var (_, diagnostics, text) = Run(source);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("PIPE6001", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("add [JsonSerializable(typeof(Demo.Doc))] to a partial class deriving from JsonSerializerContext", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.DoesNotContain("\"length\"", text, StringComparison.Ordinal);
        Assert.Contains("\"total\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_listed_in_a_context_of_the_project_uses_that_context()
    {
        var source = """
            using Pipelines;
            using System.Text.Json.Serialization;
            namespace Demo;
            public sealed record Doc(string Text);
            [JsonSerializable(typeof(Doc))]
            internal partial class DemoJson : JsonSerializerContext { }
            public static class Steps
            {
                [Step] public static Doc Upper(Doc doc) => new(doc.Text.ToUpperInvariant());
            }
            """;
        var (_, diagnostics, text) = Run(source);
        Assert.Empty(diagnostics);
        Assert.Contains("global::Pipelines.Runtime.StepJson.Resolve<global::Demo.Doc>(global::Demo.DemoJson.Default)", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Step] private static int Hidden(int x) => x;", "make the method and its containing classes internal or public")]
    [InlineData("[Step] public int Instance(int x) => x;", "a step method must be static")]
    [InlineData("[Step] public static T Generic<T>(T x) => x;", "cannot be generic")]
    [InlineData("[Step] public static void ByRef(ref int x) { }", "parameter 'x' cannot be ref, out, in or params")]
    [InlineData("[Step] public static void Callback(System.Action p) { }", "parameter 'p' has type System.Action, which a step cannot take")]
    [InlineData("[Step] public static object Anything() => 1;", "the return type object cannot be written as the output 'result'")]
    public void Steps_that_cannot_run_are_errors_at_the_method(string member, string message)
    {
        var source = "using Pipelines;\nnamespace Demo;\npublic class Steps\n{\n    " + member + "\n}\n";
        var (_, diagnostics, text) = Run(source);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("PIPE6002", diagnostic.Id);
        Assert.Contains(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal(4, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.DoesNotContain("Invoke0", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_steps_with_one_template_name_are_an_error()
    {
        var source = """
            using Pipelines;
            namespace Demo;
            public static class A { [Step] public static int Go(int x) => x; }
            public static class B { [Step, Name("go")] public static int Run(int x) => x; }
            """;
        var (_, diagnostics, _) = Run(source);
        Assert.Equal("PIPE6003", Assert.Single(diagnostics).Id);
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

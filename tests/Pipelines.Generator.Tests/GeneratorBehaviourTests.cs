using System;
using System.Linq;
using Pipelines.Argo;
using Pipelines.Argo.Yaml;
using static Pipelines.Generator.Tests.ManifestQuery;

namespace Pipelines.Generator.Tests;

/// <summary>What the generator reads from C# and writes to the manifest, construct by construct.</summary>
public sealed class GeneratorBehaviourTests
{
    [Fact]
    public void Source_map_lists_class_templates_and_tasks_relative_to_the_project()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.ReadPort("dag-diamond.cs"), "Flows/Diamond.cs").AssertClean();
        Assert.Equal(
            "[[\"\",\"Flows/Diamond.cs\",7,22],[\"spec.templates[0]\",\"Flows/Diamond.cs\",10,32],[\"spec.templates[1]\",\"Flows/Diamond.cs\",13,24]," +
            "[\"spec.templates[1].dag.tasks[0]\",\"Flows/Diamond.cs\",15,9],[\"spec.templates[1].dag.tasks[1]\",\"Flows/Diamond.cs\",16,9]," +
            "[\"spec.templates[1].dag.tasks[2]\",\"Flows/Diamond.cs\",17,9],[\"spec.templates[1].dag.tasks[3]\",\"Flows/Diamond.cs\",18,9]]",
            Assert.Single(run.Manifests).SourceMap);
    }

    [Fact]
    public void Source_map_falls_back_to_the_file_name_without_a_project_folder()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation(GeneratorHarness.Tree(GeneratorHarness.ReadPort("steps.cs"), "Flows/Steps.cs")), GeneratorHarness.Driver(projectDir: null)).AssertClean();
        var map = Assert.Single(run.Manifests).SourceMap;
        Assert.StartsWith("[[\"\",\"Steps.cs\",7,22],", map, StringComparison.Ordinal);
        Assert.Contains("[\"spec.templates[1].steps[1][1]\",\"Steps.cs\",17,60]", map, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[WorkflowTemplate(\"lib\")]", "WorkflowTemplate")]
    [InlineData("[ClusterWorkflowTemplate(\"lib\")]", "ClusterWorkflowTemplate")]
    public void Template_kinds_carry_their_name(string attribute, string kind)
    {
        var root = Manifest(attribute + "\npublic partial class Lib { [Container(\"busybox\")] public static partial Node Say(string text); }");
        Assert.Equal(kind, At(root, "kind"));
        Assert.Equal("lib", At(root, "metadata.name"));
        Assert.Null(At(root, "spec.entrypoint"));
        Assert.Equal("say", At(root, "spec.templates[0].name"));
        Assert.Equal("text", At(root, "spec.templates[0].inputs.parameters[0].name"));
    }

    [Fact]
    public void A_class_with_two_kind_attributes_gets_one_manifest_of_the_first_kind()
    {
        var root = Manifest("[WorkflowTemplate(\"t\")][Workflow(Name = \"w\")]\npublic partial class Both { }");
        Assert.Equal("Workflow", At(root, "kind"));
        Assert.Equal("w", At(root, "metadata.name"));
    }

    [Theory]
    [InlineData("[Workflow(Name = \"x\")] public class NotPartial { }")]
    [InlineData("public partial class Outer { [Workflow(Name = \"x\")] public partial class Nested { } }")]
    [InlineData("[Workflow(Name = \"x\")] public partial class Generic<T> { }")]
    [InlineData("public partial class NoKind { [Container(\"busybox\")] public static partial Node Say(); public static partial Node Say() => null!; }")]
    public void Unsupported_classes_are_skipped_silently(string source)
    {
        var run = GeneratorHarness.Run(Header + source);
        Assert.Empty(run.Result.GeneratedTrees);
        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).Select(d => d.ToString()));
    }

    [Fact]
    public void A_template_the_user_implemented_keeps_its_body()
    {
        var root = Manifest("[Workflow(Name = \"x\")] public partial class Own { [Container(\"busybox\")] public static partial Node Say(); public static partial Node Say() => null!; }");
        Assert.Equal("say", At(root, "spec.templates[0].name"));
    }

    [Fact]
    public void Defaults_named_arguments_and_parameter_names()
    {
        var root = Manifest("""
            [Workflow(Name = "x")]
            public partial class Args
            {
                [Container("busybox")]
                public static partial Node Print([Name("the-text")] string text, int times = 2, bool loud = false);

                [Dag, Entrypoint]
                public static void Main(string greeting)
                {
                    var a = Print(times: 3, text: greeting);
                }
            }
            """);
        Assert.Equal("the-text", At(root, "spec.templates[0].inputs.parameters[0].name"));
        Assert.Null(At(root, "spec.templates[0].inputs.parameters[0].default"));
        Assert.Equal("2", At(root, "spec.templates[0].inputs.parameters[1].default"));
        Assert.Equal("false", At(root, "spec.templates[0].inputs.parameters[2].default"));
        Assert.Equal("times", At(root, "spec.templates[1].dag.tasks[0].arguments.parameters[0].name"));
        Assert.Equal("3", At(root, "spec.templates[1].dag.tasks[0].arguments.parameters[0].value"));
        Assert.Equal("the-text", At(root, "spec.templates[1].dag.tasks[0].arguments.parameters[1].name"));
        Assert.Equal("{{inputs.parameters.greeting}}", At(root, "spec.templates[1].dag.tasks[0].arguments.parameters[1].value"));
        Assert.Equal("greeting", At(root, "spec.arguments.parameters[0].name"));
        Assert.Null(At(root, "spec.arguments.parameters[0].value"));
    }

    [Fact]
    public void Using_a_result_in_a_dag_adds_the_dependency_once()
    {
        var root = Manifest("""
            [Workflow(Name = "x")]
            public partial class Flow
            {
                [Container("busybox")]
                public static partial Node Say(string text);

                [Dag, Entrypoint]
                public static void Main()
                {
                    var first = Say("a");
                    var second = Say("b");
                    var both = Say($"{first.Result}/{second.ExitCode}").After(first);
                    var status = Say(both.Status);
                }
            }
            """);
        Assert.Equal("{{tasks.first.outputs.result}}/{{tasks.second.exitCode}}", At(root, "spec.templates[1].dag.tasks[2].arguments.parameters[0].value"));
        Assert.Equal("first && second", At(root, "spec.templates[1].dag.tasks[2].depends"));
        Assert.Equal("{{tasks.both.status}}", At(root, "spec.templates[1].dag.tasks[3].arguments.parameters[0].value"));
        Assert.Equal("both", At(root, "spec.templates[1].dag.tasks[3].depends"));
        Assert.Null(At(root, "spec.templates[1].dag.tasks[0].depends"));
    }

    [Fact]
    public void Statements_it_cannot_translate_are_skipped()
    {
        var root = Manifest("""
            [Workflow(Name = "x")]
            public partial class Flow
            {
                [Container("busybox")]
                public static partial Node Say(string text);

                [Steps, Entrypoint]
                public static void Main()
                {
                    System.Console.WriteLine("not a step");
                    var a = Say(System.Environment.MachineName);
                    while (a.Result == "x") { Say("y"); }
                    Say("z");
                }
            }
            """);
        Assert.Equal("a", At(root, "spec.templates[1].steps[0][0].name"));
        Assert.Null(At(root, "spec.templates[1].steps[0][0].arguments"));
        Assert.Equal("say", At(root, "spec.templates[1].steps[1][0].name"));
        Assert.Equal("z", At(root, "spec.templates[1].steps[1][0].arguments.parameters[0].value"));
        Assert.Null(At(root, "spec.templates[1].steps[2]"));
    }

    [Fact]
    public void Expression_bodied_compositions_are_one_statement()
    {
        var source = Header + """
            [Workflow(Name = "x")]
            public partial class Flow
            {
                [Container("busybox")]
                public static partial Node Say(string text);

                [Dag, Entrypoint]
                public static void Main() => Say("x").Named("only");

                [Steps]
                public static void Both() => Parallel(Say("a").Named("a"), Say("b").Named("b"));
            }
            """;
        var run = GeneratorHarness.Run(source).AssertClean();
        var manifest = Assert.Single(run.Manifests);
        var root = Assert.Single(ArgoYaml.ReadText(manifest.Json).Documents).Root;
        Assert.Equal("only", At(root, "spec.templates[1].dag.tasks[0].name"));
        Assert.Equal("x", At(root, "spec.templates[1].dag.tasks[0].arguments.parameters[0].value"));
        Assert.Equal("a", At(root, "spec.templates[2].steps[0][0].name"));
        Assert.Equal("b", At(root, "spec.templates[2].steps[0][1].name"));
        Assert.Contains($"[\"spec.templates[1].dag.tasks[0]\",\"Workflow.cs\",{Where(source, "Say(\"x\")")}]", manifest.SourceMap, StringComparison.Ordinal);
        Assert.Contains($"[\"spec.templates[2].steps[0][1]\",\"Workflow.cs\",{Where(source, "Say(\"b\")")}]", manifest.SourceMap, StringComparison.Ordinal);
    }

    /// <summary>"line,column" (1-based) of the first occurrence of a text.</summary>
    private static string Where(string source, string text)
    {
        var index = source.IndexOf(text, StringComparison.Ordinal);
        var line = source[..index].Count(c => c == '\n') + 1;
        var column = index - (source.LastIndexOf('\n', index - 1) + 1) + 1;
        return line.ToString(System.Globalization.CultureInfo.InvariantCulture) + "," + column.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Strings_survive_json_escaping()
    {
        const string Tricky = "quote \" backslash \\ newline \n tab \t bell \u0007 e\u0301 \U0001F553 line\u2028sep";
        var escaped = Pipelines.Generator.PipelinesGenerator.Emitter.CSharpString(Tricky);
        var root = Manifest($$"""
            [Workflow(Name = "x")]
            public partial class Flow
            {
                [Container("busybox", Args = [{{escaped}}])]
                public static partial Node Say();
            }
            """);
        Assert.Equal(Tricky, At(root, "spec.templates[0].container.args[0]"));
    }

    [Fact]
    public void The_generated_string_literal_is_ascii_with_short_escapes_and_u_escapes_elsewhere()
    {
        // Exact text: the generated files must not change when the literal writer copies runs of plain characters.
        Assert.Equal("\"\"", Pipelines.Generator.PipelinesGenerator.Emitter.CSharpString(string.Empty));
        Assert.Equal(
            "\"a\\\"b\\\\c\\nd\\re\\tf\\u0007g\\u007Fh\\u00E9\\uD83D\\uDD53 ~\"",
            Pipelines.Generator.PipelinesGenerator.Emitter.CSharpString("a\"b\\c\nd\re\tf\u0007g\u007Fh\u00E9\U0001F553 ~"));
        Assert.Equal("\"\\n\"", Pipelines.Generator.PipelinesGenerator.Emitter.CSharpString("\n"));
    }

    [Fact]
    public void A_class_in_the_global_namespace_compiles()
    {
        var run = GeneratorHarness.Run("using Pipelines;\n[Workflow(Name = \"g\")] public partial class Global { [Container(\"busybox\")] public static partial Node Say(); }").AssertClean();
        Assert.Equal("Global", Assert.Single(run.Manifests).Id);
        Assert.Equal("Global.g.cs", Assert.Single(run.Single.GeneratedSources).HintName);
    }

    [Theory]
    [InlineData("HelloWorld", "hello-world")]
    [InlineData("Echo", "echo")]
    [InlineData("GetHTTPData", "get-http-data")]
    [InlineData("Step2Run", "step2-run")]
    [InlineData("fetch_data", "fetch-data")]
    [InlineData("A", "a")]
    public void Method_names_map_to_kebab_case(string name, string expected) =>
        Assert.Equal(expected, Naming.ToKebabCase(name));
}

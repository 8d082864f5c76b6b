using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Pipelines.Argo;
using Pipelines.Argo.Validation;
using static Pipelines.Generator.Tests.ManifestQuery;

namespace Pipelines.Generator.Tests;

/// <summary>C# steps, generator side (docs/design/csharp-steps.md): the template shape and Node.Run in compositions.</summary>
public sealed class CSharpStepsTests
{
    private const string WordCount = """
        public enum Mode { Fast, Thorough }
        public sealed record Document(string Title, string[] Lines);
        public sealed record Stats([property: OutputParameter] int Words, [property: OutputParameter(Name = "top")] string Longest);

        [Workflow(GenerateName = "words-")]
        public partial class Words
        {
            [Step]
            public static int CountWords(string text, Mode mode = Mode.Thorough, bool strict = false, long max = 10, double ratio = 1.5, decimal price = 2.25m)
                => text.Length;

            [Step]
            public static async System.Threading.Tasks.Task<Stats> Analyse(Document doc, System.Collections.Generic.List<int>? weights = null, System.Threading.CancellationToken ct = default)
            {
                await System.Threading.Tasks.Task.Yield();
                return new Stats(doc.Lines.Length, doc.Title);
            }

            [Step]
            public static void Report(int count) { }

            [Step]
            public static Document Load(string url) => new(url, []);

            [Container("busybox")]
            public static partial Node Fetch(string url);

            [Dag, Entrypoint]
            public static void Main(string url = "https://example.com/words.txt")
            {
                var fetched = Fetch(url);
                var counted = Node.Run(() => CountWords(fetched.Result, Mode.Fast));
                var loaded = Node.Run(() => Load(url));
                var analysed = Node.Run(() => Analyse(loaded.Outputs, null));
                Node.Run(() => Report(counted.Outputs)).Named("report");
                Fetch(analysed.Outputs.Longest).Named("again");
            }
        }
        """;

    [Fact]
    public void A_step_is_a_container_template_with_the_contract_image_command_args_outputs_and_security_context()
    {
        var root = Manifest(WordCount);
        Assert.Equal("count-words", At(root, "spec.templates[0].name"));
        Assert.Equal("ports:latest", At(root, "spec.templates[0].container.image"));
        Assert.Equal("[/app/Ports]", At(root, "spec.templates[0].container.command"));
        Assert.Equal(
            "[step, count-words, --text, {{inputs.parameters.text}}, --mode, {{inputs.parameters.mode}}, --strict, {{inputs.parameters.strict}}, --max, {{inputs.parameters.max}}, --ratio, {{inputs.parameters.ratio}}, --price, {{inputs.parameters.price}}]",
            At(root, "spec.templates[0].container.args"));
        Assert.Equal("result", At(root, "spec.templates[0].outputs.parameters[0].name"));
        Assert.Equal("/tmp/pipelines/outputs/parameters/result", At(root, "spec.templates[0].outputs.parameters[0].valueFrom.path"));
        Assert.Equal("true", At(root, "spec.templates[0].container.securityContext.runAsNonRoot"));
        Assert.Equal("1654", At(root, "spec.templates[0].container.securityContext.runAsUser"));
        Assert.Equal("false", At(root, "spec.templates[0].container.securityContext.allowPrivilegeEscalation"));
        Assert.Equal("[ALL]", At(root, "spec.templates[0].container.securityContext.capabilities.drop"));
        Assert.Equal("RuntimeDefault", At(root, "spec.templates[0].container.securityContext.seccompProfile.type"));
    }

    [Fact]
    public void Step_inputs_of_every_supported_type_carry_their_defaults_and_enums()
    {
        var root = Manifest(WordCount);
        Assert.Null(At(root, "spec.templates[0].inputs.parameters[0].default"));
        Assert.Equal("mode", At(root, "spec.templates[0].inputs.parameters[1].name"));
        Assert.Equal("Thorough", At(root, "spec.templates[0].inputs.parameters[1].default"));
        Assert.Equal("[Fast, Thorough]", At(root, "spec.templates[0].inputs.parameters[1].enum"));
        Assert.Equal("false", At(root, "spec.templates[0].inputs.parameters[2].default"));
        Assert.Equal("10", At(root, "spec.templates[0].inputs.parameters[3].default"));
        Assert.Equal("1.5", At(root, "spec.templates[0].inputs.parameters[4].default"));
        Assert.Equal("2.25", At(root, "spec.templates[0].inputs.parameters[5].default"));

        // A record and a collection are JSON inputs; a null default is JSON null; the CancellationToken is no input.
        Assert.Equal("doc", At(root, "spec.templates[1].inputs.parameters[0].name"));
        Assert.Equal("weights", At(root, "spec.templates[1].inputs.parameters[1].name"));
        Assert.Equal("null", At(root, "spec.templates[1].inputs.parameters[1].default"));
        Assert.Null(At(root, "spec.templates[1].inputs.parameters[2]"));
        Assert.Equal("[step, analyse, --doc, {{inputs.parameters.doc}}, --weights, {{inputs.parameters.weights}}]", At(root, "spec.templates[1].container.args"));
    }

    [Fact]
    public void An_outputs_record_gives_named_outputs_at_the_contract_paths_and_void_gives_none()
    {
        var root = Manifest(WordCount);
        Assert.Equal("words", At(root, "spec.templates[1].outputs.parameters[0].name"));
        Assert.Equal("/tmp/pipelines/outputs/parameters/words", At(root, "spec.templates[1].outputs.parameters[0].valueFrom.path"));
        Assert.Equal("top", At(root, "spec.templates[1].outputs.parameters[1].name"));
        Assert.Equal("/tmp/pipelines/outputs/parameters/top", At(root, "spec.templates[1].outputs.parameters[1].valueFrom.path"));
        Assert.Equal("report", At(root, "spec.templates[2].name"));
        Assert.Null(At(root, "spec.templates[2].outputs"));
        Assert.Equal("[step, report, --count, {{inputs.parameters.count}}]", At(root, "spec.templates[2].container.args"));
    }

    [Fact]
    public void Node_Run_is_a_task_whose_scalar_Outputs_is_the_result_parameter()
    {
        var root = Manifest(WordCount);
        const string dag = "spec.templates[5].dag.tasks";
        Assert.Equal("counted", At(root, dag + "[1].name"));
        Assert.Equal("count-words", At(root, dag + "[1].template"));
        Assert.Equal("{{tasks.fetched.outputs.result}}", At(root, dag + "[1].arguments.parameters[0].value"));
        Assert.Equal("Fast", At(root, dag + "[1].arguments.parameters[1].value"));
        Assert.Equal("fetched", At(root, dag + "[1].depends"));
        Assert.Equal("{{tasks.loaded.outputs.parameters.result}}", At(root, dag + "[3].arguments.parameters[0].value"));
        Assert.Null(At(root, dag + "[3].arguments.parameters[1]"));
        Assert.Equal("report", At(root, dag + "[4].name"));
        Assert.Equal("{{tasks.counted.outputs.parameters.result}}", At(root, dag + "[4].arguments.parameters[0].value"));
        Assert.Equal("counted", At(root, dag + "[4].depends"));
        Assert.Equal("{{tasks.analysed.outputs.parameters.top}}", At(root, dag + "[5].arguments.parameters[0].value"));
    }

    [Fact]
    public void In_steps_templates_Node_Run_reads_steps_outputs_and_loops_fan_out()
    {
        var root = Manifest("""
            [Workflow(Name = "w")]
            public partial class W
            {
                [Step] public static int Square(int n) => n * n;
                [Step] public static void Print(string text) { }

                [Steps, Entrypoint]
                public static void Main()
                {
                    var sq = Node.Run(() => Square(3));
                    Node.Run(() => Print($"got {sq.Outputs}"));
                    Loop.ForEach(new[] { 1, 2 }, i => Node.Run(() => Square(i)));
                    foreach (var j in Loop.Count(3))
                    {
                        Node.Run(() => Print(j.ToString()));
                    }
                }
            }
            """);
        Assert.Equal("got {{steps.sq.outputs.parameters.result}}", At(root, "spec.templates[2].steps[1][0].arguments.parameters[0].value"));
        Assert.Equal("square", At(root, "spec.templates[2].steps[2][0].template"));
        Assert.Equal("{{item}}", At(root, "spec.templates[2].steps[2][0].arguments.parameters[0].value"));
        Assert.Equal("[1, 2]", At(root, "spec.templates[2].steps[2][0].withItems"));
    }

    [Fact]
    public void Steps_of_other_static_classes_join_the_workflows_that_run_them()
    {
        var root = Manifest("""
            public static class Text
            {
                [Step] public static string Upper(string s) => s.ToUpperInvariant();
                [Step] public static string NeverRun(string s) => s;
            }

            [Workflow(Name = "w")]
            public partial class W
            {
                [Dag, Entrypoint]
                public static void Main()
                {
                    var a = Node.Run(() => Text.Upper("x"));
                    Node.Run(() => Text.Upper(a.Outputs)).Named("b");
                }
            }
            """);
        Assert.Equal("main", At(root, "spec.templates[0].name"));
        Assert.Equal("upper", At(root, "spec.templates[1].name"));
        Assert.Equal("[step, upper, --s, {{inputs.parameters.s}}]", At(root, "spec.templates[1].container.args"));
        Assert.Null(At(root, "spec.templates[2]"));
        Assert.Equal("upper", At(root, "spec.templates[0].dag.tasks[1].template"));
        Assert.Equal("{{tasks.a.outputs.parameters.result}}", At(root, "spec.templates[0].dag.tasks[1].arguments.parameters[0].value"));
    }

    [Fact]
    public void A_step_of_another_class_run_by_its_simple_name_through_using_static_joins_the_workflow()
    {
        // The call itself has no dot: it is found as the body of the lambda Node.Run runs.
        var run = GeneratorHarness.Run(Header + """
            using static App.Text;
            public static class Text
            {
                [Step] public static string Upper(string s) => s.ToUpperInvariant();
            }

            [Workflow(Name = "w")]
            public partial class W
            {
                [Dag, Entrypoint]
                public static void Main()
                {
                    var a = Node.Run(() => Upper("x"));
                    Node.Run(() => Upper("y")).After(a);
                }
            }
            """).AssertClean();
        var root = Assert.Single(ArgoYaml.ReadText(Assert.Single(run.Manifests).Json).Documents).Root;
        Assert.Equal("upper", At(root, "spec.templates[1].name"));
        Assert.Equal("upper", At(root, "spec.templates[0].dag.tasks[0].template"));
        Assert.Equal("upper", At(root, "spec.templates[0].dag.tasks[1].template"));
        Assert.Equal("y", At(root, "spec.templates[0].dag.tasks[1].arguments.parameters[0].value"));
    }

    [Fact]
    public void A_step_called_without_Node_Run_is_not_a_task()
    {
        var root = Manifest("""
            [Workflow(Name = "w")]
            public partial class W
            {
                [Step] public static int One() => 1;
                [Container("busybox")] public static partial Node Say();

                [Dag, Entrypoint]
                public static void Main()
                {
                    var x = One();
                    Say();
                }
            }
            """);
        Assert.Equal("say", At(root, "spec.templates[2].dag.tasks[0].name"));
        Assert.Null(At(root, "spec.templates[2].dag.tasks[1]"));
    }

    [Fact]
    public void The_image_and_command_come_from_the_build_properties()
    {
        var source = Header + """
            [Workflow(Name = "w")]
            public partial class W
            {
                [Step] public static void Go() { }
            }
            """;
        var driver = Microsoft.CodeAnalysis.CSharp.CSharpGeneratorDriver.Create(
            [new PipelinesGenerator().AsSourceGenerator()],
            parseOptions: GeneratorHarness.ParseOptions,
            optionsProvider: GeneratorHarness.OptionsProvider(new Dictionary<string, string>
            {
                ["build_property.PipelinesImage"] = "registry.example/app:1.2.3",
                ["build_property.PipelinesStepCommand"] = "/app/run",
            }));
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation(GeneratorHarness.Tree(source)), driver).AssertClean();
        var root = Assert.Single(ArgoYaml.ReadText(Assert.Single(run.Manifests).Json).Documents).Root;
        Assert.Equal("registry.example/app:1.2.3", At(root, "spec.templates[0].container.image"));
        Assert.Equal("[/app/run]", At(root, "spec.templates[0].container.command"));
    }

    [Fact]
    public void The_generated_source_of_a_workflow_with_steps_matches_its_baseline()
    {
        var run = GeneratorHarness.Run(Header + WordCount).AssertClean();
        var generated = run.Single.GeneratedSources.ToDictionary(s => s.HintName + ".txt", s => s.SourceText.ToString(), StringComparer.Ordinal);
        Baselines.Verify("csharp-steps", generated);
    }

    [Fact]
    public void The_step_templates_pass_the_strict_model_reader_and_the_validator()
    {
        var run = GeneratorHarness.Run(Header + WordCount).AssertClean();
        var file = ArgoYaml.ReadText(Assert.Single(run.Manifests).Json);
        ArgoValidator.Validate([file]);
        Assert.Empty(file.AllFindings.Select(f => f.ToString()));
    }
}

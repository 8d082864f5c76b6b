using System.Linq;
using Pipelines.Argo;
using Pipelines.Argo.Yaml;
using static Pipelines.Generator.Tests.ManifestQuery;

namespace Pipelines.Generator.Tests;

/// <summary>Output parameters, retries, exit handlers and loops: what the generator writes for each.</summary>
public sealed class MoreConstructsTests
{
    [Fact]
    public void Output_parameters_come_from_the_outputs_record_and_referencing_one_in_a_dag_adds_the_dependency()
    {
        var root = Manifest("""
            public sealed record Out
            {
                [OutputParameter(Path = "/tmp/a", GlobalName = "g")] public string First { get; init; } = "";
                [OutputParameter(Name = "second", Expression = "1 + 1", Default = "0")] public string Other { get; init; } = "";
                public string NotAnOutput { get; init; } = "";
            }
            [Workflow(Name = "w")]
            public partial class W
            {
                [Container("busybox")] public static partial Node<Out> Make();
                [Container("busybox")] public static partial Node Use(string a, string b);
                [Dag, Entrypoint] public static void Main()
                {
                    var m = Make();
                    var u = Use(m.Outputs.First, $"x{m.Outputs.Other}");
                }
            }
            """);
        Assert.Equal("first", At(root, "spec.templates[0].outputs.parameters[0].name"));
        Assert.Equal("/tmp/a", At(root, "spec.templates[0].outputs.parameters[0].valueFrom.path"));
        Assert.Equal("g", At(root, "spec.templates[0].outputs.parameters[0].globalName"));
        Assert.Equal("second", At(root, "spec.templates[0].outputs.parameters[1].name"));
        Assert.Equal("1 + 1", At(root, "spec.templates[0].outputs.parameters[1].valueFrom.expression"));
        Assert.Equal("0", At(root, "spec.templates[0].outputs.parameters[1].valueFrom.default"));
        Assert.Null(At(root, "spec.templates[0].outputs.parameters[2]"));
        Assert.Equal("{{tasks.m.outputs.parameters.first}}", At(root, "spec.templates[2].dag.tasks[1].arguments.parameters[0].value"));
        Assert.Equal("x{{tasks.m.outputs.parameters.second}}", At(root, "spec.templates[2].dag.tasks[1].arguments.parameters[1].value"));
        Assert.Equal("m", At(root, "spec.templates[2].dag.tasks[1].depends"));
        Assert.Null(At(root, "spec.templates[1].outputs"));
    }

    [Fact]
    public void Retry_writes_the_strategy_and_only_the_backoff_settings_given()
    {
        var root = Manifest("""
            [Workflow(Name = "w")]
            public partial class W
            {
                [Container("busybox"), Retry(3, RetryPolicy = "OnError", Expression = "lastRetry.status == \"Error\"", BackoffDuration = "2s")]
                public static partial Node A();
                [Container("busybox"), Retry(1)] public static partial Node B();
            }
            """);
        Assert.Equal("3", At(root, "spec.templates[0].retryStrategy.limit"));
        Assert.Equal("OnError", At(root, "spec.templates[0].retryStrategy.retryPolicy"));
        Assert.Equal("lastRetry.status == \"Error\"", At(root, "spec.templates[0].retryStrategy.expression"));
        Assert.Equal("2s", At(root, "spec.templates[0].retryStrategy.backoff.duration"));
        Assert.Null(At(root, "spec.templates[0].retryStrategy.backoff.factor"));
        Assert.Equal("1", At(root, "spec.templates[1].retryStrategy.limit"));
        Assert.Null(At(root, "spec.templates[1].retryStrategy.backoff"));
    }

    [Fact]
    public void OnExit_names_a_template_method_for_the_workflow_and_for_nodes()
    {
        var root = Manifest("""
            [Workflow(Name = "w"), OnExit(nameof(W.CleanUp))]
            public partial class W
            {
                [Container("busybox")] public static partial Node CleanUp();
                [Container("busybox"), Name("say-it")] public static partial Node Say();
                [Steps, Entrypoint] public static void Main()
                {
                    Say().OnExit(nameof(Say));
                    Say().OnExit("NoSuchMethod");
                }
            }
            """);
        Assert.Equal("clean-up", At(root, "spec.onExit"));
        Assert.Equal("say-it", At(root, "spec.templates[2].steps[0][0].onExit"));
        Assert.Null(At(root, "spec.templates[2].steps[1][0].onExit"));
    }

    [Fact]
    public void Foreach_over_literals_writes_withItems_with_their_json_types()
    {
        var root = Manifest("""
            [Workflow(Name = "w")]
            public partial class W
            {
                [Container("busybox")] public static partial Node Show(string text);
                [Container("busybox")] public static partial Node Pair(string a, int b);
                [Dag, Entrypoint] public static void Main()
                {
                    foreach (var n in new object[] { 1, -2.5, true, "x" }) { var s = Show($"n={n}"); }
                    foreach (var m in new[] { new { a = "p", b = 2 } }) Pair(m.a, m.b);
                    foreach (var c in (string[])["q"]) Show(c).Named("coll");
                }
            }
            """);
        const string Tasks = "spec.templates[2].dag.tasks";
        Assert.Equal("n={{item}}", At(root, Tasks + "[0].arguments.parameters[0].value"));
        Assert.Equal("1", At(root, Tasks + "[0].withItems[0]"));
        Assert.Equal("-2.5", At(root, Tasks + "[0].withItems[1]"));
        Assert.Equal("true", At(root, Tasks + "[0].withItems[2]"));
        Assert.Equal("x", At(root, Tasks + "[0].withItems[3]"));
        Assert.Equal("{{item.a}}", At(root, Tasks + "[1].arguments.parameters[0].value"));
        Assert.Equal("{{item.b}}", At(root, Tasks + "[1].arguments.parameters[1].value"));
        Assert.Equal("p", At(root, Tasks + "[1].withItems[0].a"));
        Assert.Equal("2", At(root, Tasks + "[1].withItems[0].b"));
        Assert.Null(At(root, Tasks + "[2].withItems"));
    }

    [Fact]
    public void Loop_sources_write_withSequence_and_withParam_and_a_result_source_is_a_dependency()
    {
        var root = Manifest("""
            [Workflow(Name = "w")]
            public partial class W
            {
                [Script("python", Source = "print(1)")] public static partial Node Gen();
                [Container("busybox")] public static partial Node Show(string text);
                [Dag, Entrypoint] public static void Main(string list)
                {
                    var g = Gen();
                    var r = Loop.ForEach(Loop.Over<string>(g.Result), i => Show(i));
                    var p = Loop.ForEach(Loop.Over<string>(list), i => Show(i));
                    var c = Loop.ForEach(Loop.Count(3, format: "u%d"), i => Show(i)).After(p);
                    var e = Loop.ForEach(Loop.Range(start: 7, end: "{{workflow.parameters.x}}"), i => Show(i));
                    Show("after").After(r);
                }
            }
            """);
        const string Tasks = "spec.templates[2].dag.tasks";
        Assert.Equal("{{tasks.g.outputs.result}}", At(root, Tasks + "[1].withParam"));
        Assert.Equal("g", At(root, Tasks + "[1].depends"));
        Assert.Equal("{{inputs.parameters.list}}", At(root, Tasks + "[2].withParam"));
        Assert.Null(At(root, Tasks + "[2].depends"));
        Assert.Equal("3", At(root, Tasks + "[3].withSequence.count"));
        Assert.Equal("u%d", At(root, Tasks + "[3].withSequence.format"));
        Assert.Null(At(root, Tasks + "[3].withSequence.start"));
        Assert.Equal("p", At(root, Tasks + "[3].depends"));
        Assert.Equal("7", At(root, Tasks + "[4].withSequence.start"));
        Assert.Equal("{{workflow.parameters.x}}", At(root, Tasks + "[4].withSequence.end"));
        Assert.Equal("{{item}}", At(root, Tasks + "[4].arguments.parameters[0].value"));
        Assert.Equal("r", At(root, Tasks + "[5].depends"));
        Assert.Null(At(root, Tasks + "[5].withSequence"));
    }

    [Fact]
    public void A_foreach_in_steps_loops_every_step_of_its_body_and_nested_loops_are_skipped()
    {
        var root = Manifest("""
            [Workflow(Name = "w")]
            public partial class W
            {
                [Container("busybox")] public static partial Node Show(string text);
                [Steps, Entrypoint] public static void Main()
                {
                    foreach (var i in new[] { "a", "b" })
                    {
                        Show(i).Named("one");
                        Parallel(Show(i).Named("two"), Show("x").Named("three"));
                        foreach (var j in new[] { "c" }) Show(j).Named("nested");
                    }
                    Show("plain").Named("four");
                }
            }
            """);
        Assert.Equal("a", At(root, "spec.templates[1].steps[0][0].withItems[0]"));
        Assert.Equal("{{item}}", At(root, "spec.templates[1].steps[1][0].arguments.parameters[0].value"));
        Assert.Equal("b", At(root, "spec.templates[1].steps[1][1].withItems[1]"));
        Assert.Equal("four", At(root, "spec.templates[1].steps[2][0].name"));
        Assert.Null(At(root, "spec.templates[1].steps[2][0].withItems"));
        Assert.Null(At(root, "spec.templates[1].steps[3]"));
    }

    [Fact]
    public void Annotation_on_a_template_method_is_the_template_annotations_sorted_by_key()
    {
        var root = Manifest("""
            [Workflow(Name = "w"), Annotation("on", "class")]
            public partial class W
            {
                [Container("busybox"), Annotation("z", "last"), Annotation("a", "{{inputs.parameters.t}}")]
                public static partial Node Show(string t);
                [Container("busybox")] public static partial Node Plain();
            }
            """);
        Assert.Equal("class", At(root, "metadata.annotations.on"));
        Assert.Equal("{{inputs.parameters.t}}", At(root, "spec.templates[0].annotations.a"));
        Assert.Equal("last", At(root, "spec.templates[0].annotations.z"));
        Assert.Null(At(root, "spec.templates[0].annotations.on"));
        Assert.Null(At(root, "spec.templates[1].annotations"));
    }

    [Fact]
    public void Artifacts_and_fixed_input_values_are_written_where_Argo_expects_them()
    {
        var root = Manifest("""
            public sealed record Out
            {
                [OutputArtifact(Path = "/out", GlobalName = "g")] public string Result { get; init; } = "";
                [OutputArtifact(Name = "logs")] public string Other { get; init; } = "";
            }
            [Workflow(Name = "w")]
            public partial class W
            {
                [Container("busybox")] public static partial Node<Out> Make();
                [Container("busybox"), InputArtifact("in", Path = "/in")]
                public static partial Node Use(string a, [Value("{{workflow.outputs.parameters.p}}")] string fixedOne = "ignored");
                [Steps, Entrypoint] public static void Main([Value("v")] string notAnArgument = "")
                {
                    Make();
                    Use("x").WithArtifact("in", $"{{{{workflow.outputs.artifacts.{notAnArgument}}}}}");
                }
            }
            """);
        Assert.Equal("result", At(root, "spec.templates[0].outputs.artifacts[0].name"));
        Assert.Equal("/out", At(root, "spec.templates[0].outputs.artifacts[0].path"));
        Assert.Equal("g", At(root, "spec.templates[0].outputs.artifacts[0].globalName"));
        Assert.Equal("logs", At(root, "spec.templates[0].outputs.artifacts[1].name"));
        Assert.Null(At(root, "spec.templates[0].outputs.parameters"));
        Assert.Equal("in", At(root, "spec.templates[1].inputs.artifacts[0].name"));
        Assert.Equal("/in", At(root, "spec.templates[1].inputs.artifacts[0].path"));
        Assert.Equal("{{workflow.outputs.parameters.p}}", At(root, "spec.templates[1].inputs.parameters[1].value"));
        Assert.Null(At(root, "spec.templates[1].inputs.parameters[1].default"));
        Assert.Equal("a", At(root, "spec.templates[2].steps[1][0].arguments.parameters[0].name"));
        Assert.Null(At(root, "spec.templates[2].steps[1][0].arguments.parameters[1]"));
        Assert.Equal("in", At(root, "spec.templates[2].steps[1][0].arguments.artifacts[0].name"));
        Assert.Equal("{{workflow.outputs.artifacts.{{inputs.parameters.notAnArgument}}}}", At(root, "spec.templates[2].steps[1][0].arguments.artifacts[0].from"));
        Assert.Null(At(root, "spec.arguments"));
        Assert.Equal("v", At(root, "spec.templates[2].inputs.parameters[0].value"));
    }
}

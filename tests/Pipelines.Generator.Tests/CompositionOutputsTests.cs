using System.Linq;
using Pipelines.Argo;
using Pipelines.Argo.Yaml;
using static Pipelines.Generator.Tests.ManifestQuery;

namespace Pipelines.Generator.Tests;

/// <summary>Constructs added for the dag-diamond-steps, conditional-parameters and parameter-aggregation-dag ports.</summary>
public sealed class CompositionOutputsTests
{
    [Fact]
    public void A_looped_step_in_a_steps_template_called_from_a_dag_mixes_its_input_and_the_loop_item()
    {
        var root = Manifest("""
            [Workflow(Name = "w")]
            public partial class W
            {
                [Container("busybox")] public static partial Node Echo(string message);
                [Steps] public static Node Thrice(string message)
                {
                    foreach (var item in new[] { 1, 2, 3 })
                        Echo($"{message}{item}");
                    return Node.NoOutputs;
                }
                [Dag, Entrypoint] public static void Main()
                {
                    var A = Thrice("A");
                    var B = Thrice("B").After(A);
                }
            }
            """);
        Assert.Equal("echo", At(root, "spec.templates[1].steps[0][0].name"));
        Assert.Equal("{{inputs.parameters.message}}{{item}}", At(root, "spec.templates[1].steps[0][0].arguments.parameters[0].value"));
        Assert.Equal("3", At(root, "spec.templates[1].steps[0][0].withItems[2]"));
        Assert.Null(At(root, "spec.templates[1].steps[1]"));
        Assert.Equal("thrice", At(root, "spec.templates[2].dag.tasks[1].template"));
        Assert.Equal("A", At(root, "spec.templates[2].dag.tasks[1].depends"));
    }

    [Fact]
    public void A_steps_template_returning_an_outputs_record_writes_its_outputs_and_callers_can_use_them()
    {
        var root = Manifest("""
            public sealed record Pick
            {
                [OutputParameter(Name = "stepresult", Expression = "steps.a.outputs.result")] public string Chosen { get; init; } = "";
            }
            [Workflow(Name = "w")]
            public partial class W
            {
                [Container("busybox")] public static partial Node Flip();
                [Container("busybox")] public static partial Node Use(string v);
                [Steps] public static Node<Pick> Choose()
                {
                    var a = Flip();
                    return Node.WithOutputs<Pick>();
                }
                [Dag, Entrypoint] public static void Main()
                {
                    var c = Choose();
                    var u = Use(c.Outputs.Chosen).When(c.Outputs.Chosen == "heads");
                }
            }
            """);
        Assert.Equal("stepresult", At(root, "spec.templates[2].outputs.parameters[0].name"));
        Assert.Equal("steps.a.outputs.result", At(root, "spec.templates[2].outputs.parameters[0].valueFrom.expression"));
        Assert.Null(At(root, "spec.templates[2].steps[1]"));
        Assert.Equal("{{tasks.c.outputs.parameters.stepresult}}", At(root, "spec.templates[3].dag.tasks[1].arguments.parameters[0].value"));
        Assert.Equal("{{tasks.c.outputs.parameters.stepresult}} == heads", At(root, "spec.templates[3].dag.tasks[1].when"));
        Assert.Equal("c", At(root, "spec.templates[3].dag.tasks[1].depends"));
    }

    [Fact]
    public void A_looped_task_with_outputs_fans_in_and_loop_over_its_outputs_names_item_members_by_output_name()
    {
        var root = Manifest("""
            public sealed record Out
            {
                [OutputParameter(Path = "/tmp/n")] public string Num { get; init; } = "";
                [OutputParameter(Name = "even", Path = "/tmp/e")] public string Evenness { get; init; } = "";
            }
            [Workflow(Name = "w")]
            public partial class W
            {
                [Container("busybox")] public static partial Node<Out> Check(int num);
                [Container("busybox")] public static partial Node Use(string v);
                [Dag, Entrypoint] public static void Main()
                {
                    var check = Loop.ForEach(new[] { 1, 2 }, item => Check(item));
                    var all = Use(check.Outputs.Num);
                    var half = Loop.ForEach(Loop.Over(check.Outputs), item => Use(item.Num).When(item.Evenness == "even"));
                }
            }
            """);
        Assert.Equal("{{item}}", At(root, "spec.templates[2].dag.tasks[0].arguments.parameters[0].value"));
        Assert.Equal("{{tasks.check.outputs.parameters.num}}", At(root, "spec.templates[2].dag.tasks[1].arguments.parameters[0].value"));
        Assert.Equal("check", At(root, "spec.templates[2].dag.tasks[1].depends"));
        Assert.Equal("{{tasks.check.outputs.parameters}}", At(root, "spec.templates[2].dag.tasks[2].withParam"));
        Assert.Equal("{{item.num}}", At(root, "spec.templates[2].dag.tasks[2].arguments.parameters[0].value"));
        Assert.Equal("{{item.even}} == even", At(root, "spec.templates[2].dag.tasks[2].when"));
        Assert.Equal("check", At(root, "spec.templates[2].dag.tasks[2].depends"));
    }

    [Fact]
    public void Outputs_of_a_node_without_an_outputs_record_are_not_a_loop_source()
    {
        var run = GeneratorHarness.Run(Header + """
            public sealed record Item { public string Name { get; init; } = ""; }
            [Workflow(Name = "w")]
            public partial class W
            {
                [Container("busybox")] public static partial Node Use(string v);
                [Dag, Entrypoint] public static void Main()
                {
                    var a = Use("x");
                    var b = Loop.ForEach(Loop.Over<Item>(a.Result), item => Use(item.Name));
                }
            }
            """).AssertClean();
        var root = Assert.Single(ArgoYaml.ReadText(Assert.Single(run.Manifests).Json).Documents).Root;
        Assert.Equal("{{tasks.a.outputs.result}}", At(root, "spec.templates[1].dag.tasks[1].withParam"));
        Assert.Equal("{{item.Name}}", At(root, "spec.templates[1].dag.tasks[1].arguments.parameters[0].value"));
    }

    [Fact]
    public void Calling_a_template_of_another_template_class_writes_a_template_ref()
    {
        var run = GeneratorHarness.Run(Header + """
            [WorkflowTemplate("lib")]
            public partial class Lib
            {
                [Container("busybox"), Name("print")] public static partial Node PrintMessage(string message);
            }
            [ClusterWorkflowTemplate("cluster-lib")]
            public partial class ClusterLib
            {
                [Container("busybox")] public static partial Node Shout(string message);
            }
            [Workflow(Name = "w")]
            public partial class W
            {
                [Container("busybox")] public static partial Node Local(string message);
                [Dag, Entrypoint] public static void Main()
                {
                    var A = Lib.PrintMessage("a");
                    var B = ClusterLib.Shout(message: "b").After(A);
                    Local("c").After(B);
                }
            }
            """).AssertClean();
        Assert.Equal(3, run.Manifests.Count());
        var manifest = Assert.Single(run.Manifests, m => m.Id == "App.W");
        var root = Assert.Single(ArgoYaml.ReadText(manifest.Json).Documents).Root;
        Assert.Equal("lib", At(root, "spec.templates[1].dag.tasks[0].templateRef.name"));
        Assert.Equal("print", At(root, "spec.templates[1].dag.tasks[0].templateRef.template"));
        Assert.Null(At(root, "spec.templates[1].dag.tasks[0].templateRef.clusterScope"));
        Assert.Null(At(root, "spec.templates[1].dag.tasks[0].template"));
        Assert.Equal("a", At(root, "spec.templates[1].dag.tasks[0].arguments.parameters[0].value"));
        Assert.Equal("cluster-lib", At(root, "spec.templates[1].dag.tasks[1].templateRef.name"));
        Assert.Equal("shout", At(root, "spec.templates[1].dag.tasks[1].templateRef.template"));
        Assert.Equal("true", At(root, "spec.templates[1].dag.tasks[1].templateRef.clusterScope"));
        Assert.Equal("b", At(root, "spec.templates[1].dag.tasks[1].arguments.parameters[0].value"));
        Assert.Equal("A", At(root, "spec.templates[1].dag.tasks[1].depends"));
        Assert.Equal("local", At(root, "spec.templates[1].dag.tasks[2].template"));
        Assert.Null(At(root, "spec.templates[1].dag.tasks[2].templateRef"));
        Assert.Null(At(root, "spec.templates[2]"));
    }

    [Fact]
    public void A_template_ref_is_found_whatever_trivia_sits_between_the_class_name_and_the_dot()
    {
        // Trivia between the class name and the dot (a comment holding `)`, a line end, a tab, a directive) does not hide
        // the call; each calls its own method (the lookup is by callee text, so one call found would resolve them all).
        var run = GeneratorHarness.Run(Header + """
            [WorkflowTemplate("lib")]
            public partial class Lib
            {
                [Container("busybox")] public static partial Node P0(string message);
                [Container("busybox")] public static partial Node P1(string message);
                [Container("busybox")] public static partial Node P2(string message);
                [Container("busybox")] public static partial Node P3(string message);
            }
            [Workflow(Name = "w")]
            public partial class W
            {
                [Dag, Entrypoint] public static void Main()
                {
                    var A = Lib /* ) */ .P0("a");
                    var B = Lib // ("x")
                        .P1("b").After(A);
                    var C = global::App.Lib	 .P2("c").After(B);
                    var D = Lib
            #if NEVER
            #endif // )
                        .P3("d").After(C);
                }
            }
            """).AssertClean();
        var manifest = Assert.Single(run.Manifests, m => m.Id == "App.W");
        var root = Assert.Single(ArgoYaml.ReadText(manifest.Json).Documents).Root;
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal("lib", At(root, $"spec.templates[0].dag.tasks[{i}].templateRef.name"));
            Assert.Equal("p" + i, At(root, $"spec.templates[0].dag.tasks[{i}].templateRef.template"));
            Assert.Equal(((char)('a' + i)).ToString(), At(root, $"spec.templates[0].dag.tasks[{i}].arguments.parameters[0].value"));
        }
    }

    [Fact]
    public void An_entrypoint_without_arguments_writes_no_workflow_arguments_and_keeps_input_defaults()
    {
        var root = Manifest("""
            [WorkflowTemplate("lib")]
            public partial class Lib
            {
                [Container("busybox"), Entrypoint(Arguments = false)] public static partial Node Print(string message, string mood = "calm");
            }
            """);
        Assert.Equal("print", At(root, "spec.entrypoint"));
        Assert.Null(At(root, "spec.arguments"));
        Assert.Equal("message", At(root, "spec.templates[0].inputs.parameters[0].name"));
        Assert.Null(At(root, "spec.templates[0].inputs.parameters[0].default"));
        Assert.Equal("calm", At(root, "spec.templates[0].inputs.parameters[1].default"));
    }
}

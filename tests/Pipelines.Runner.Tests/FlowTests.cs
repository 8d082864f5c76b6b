using System.Linq;
using System.Threading.Tasks;
using Pipelines.Runner;
using static Pipelines.Runner.Tests.Harness;

namespace Pipelines.Runner.Tests;

public class StepsTests
{
    [Fact]
    public async Task Failing_step_fails_group_and_workflow_and_stops_later_groups()
    {
        var r = await Fixture("steps-fail.yaml");
        Phase(r, "A", NodePhase.Succeeded);
        Phase(r, "B", NodePhase.Succeeded);
        Phase(r, "C", NodePhase.Failed);
        Assert.Equal("main: Error (exit code 3)", Node(r, "C").Message);
        Assert.Null(r.Find("D"));
        Assert.Null(r.ByName("wf[2]"));
        var c = Node(r, "C");
        Assert.Equal($"child '{c.Id}' failed", r.ByName("wf[1]")!.Message);
        Assert.Equal("Failed", r.Phase);
        Assert.Equal($"child '{c.Id}' failed", r.Message);
        Assert.Equal("wf-" + Engine.WorkflowRun.Fnv32("wf[1].C").ToString(System.Globalization.CultureInfo.InvariantCulture), c.Id);
        Assert.Equal("3", c.Outputs!.ExitCode);
    }

    [Fact]
    public async Task When_conditions_follow_govaluate_and_expr()
    {
        var r = await Fixture("when.yaml");
        Phase(r, "heads", NodePhase.Skipped);
        Assert.Equal("when 'tails == heads' evaluated false", Node(r, "heads").Message);
        Phase(r, "tails", NodePhase.Succeeded);
        Phase(r, "expr", NodePhase.Succeeded);
        Phase(r, "numeric", NodePhase.Succeeded);
        Phase(r, "regex", NodePhase.Succeeded);
        Assert.Equal("tails", Node(r, "flip").Outputs!.Result);
        Assert.Equal("Succeeded", r.Phase);
    }

    [Fact]
    public async Task When_that_cannot_be_evaluated_is_an_error_and_the_steps_node_fails()
    {
        var r = await Fixture("when-error.yaml");
        Phase(r, "s", NodePhase.Error);
        Assert.StartsWith("Failed to evaluate 'when' expresion 'fast-ish == fast'", Node(r, "s").Message);
        Assert.Equal(NodePhase.Error, r.ByName("wf[0]")!.Phase);
        // steps.go executeStepGroup: markNodeError(sgNodeName, err) with the when error itself.
        Assert.Equal(Node(r, "s").Message, r.ByName("wf[0]")!.Message);
        Assert.Equal(Node(r, "s").Message, r.ByName("wf")!.Message);
        Assert.Equal(NodePhase.Failed, r.ByName("wf")!.Phase);
        Assert.Equal("Failed", r.Phase);
    }

    [Fact]
    public async Task Exit_handlers_see_the_final_status_and_do_not_change_it()
    {
        var r = await Fixture("exit-handlers.yaml");
        Phase(r, "first.onExit", NodePhase.Succeeded);
        Assert.True(Node(r, "first.onExit").Hooked);
        Phase(r, "boom", NodePhase.Failed);
        Assert.Equal("Failed", Log(r, "notify"));
        Phase(r, "celebrate", NodePhase.Skipped);
        Phase(r, "cry", NodePhase.Succeeded);
        Phase(r, "wf.onExit", NodePhase.Succeeded);
        Assert.Equal("Failed", r.Phase);
        Assert.Equal($"child '{Node(r, "boom").Id}' failed", r.Message);
    }
}

public class DagTests
{
    [Fact]
    public async Task Enhanced_depends_omits_and_only_targets_decide()
    {
        var r = await Fixture("dag-depends.yaml");
        Phase(r, "C", NodePhase.Failed);
        Phase(r, "should-execute-1", NodePhase.Succeeded);
        Phase(r, "should-execute-2", NodePhase.Succeeded);
        Phase(r, "should-not-execute", NodePhase.Omitted);
        Assert.Equal("omitted: depends condition not met", Node(r, "should-not-execute").Message);
        Phase(r, "should-execute-3", NodePhase.Succeeded);
        Assert.Equal("Succeeded", r.Phase);
    }

    [Fact]
    public async Task Omitted_target_inherits_a_failed_branch()
    {
        var r = await Fixture("dag-continue-on.yaml");
        Phase(r, "B", NodePhase.Failed);
        Phase(r, "D", NodePhase.Succeeded);
        Phase(r, "E", NodePhase.Failed);
        Phase(r, "G", NodePhase.Omitted);
        Assert.Equal(NodePhase.Failed, r.ByName("wf")!.Phase);
        Assert.Equal("Failed", r.Phase);
        Assert.Equal(string.Empty, r.Message);
    }
}

public class LoopAndOutputTests
{
    [Fact]
    public async Task Loops_name_copies_and_aggregate_outputs()
    {
        var r = await Fixture("loops.yaml");
        Phase(r, "items(0:evenness:odd,num:1)", NodePhase.Succeeded);
        Phase(r, "items(1:evenness:even,num:2)", NodePhase.Succeeded);
        Assert.Equal(new[] { "seq(0:3)", "seq(1:2)", "seq(2:1)" }, r.Nodes.Where(n => n.DisplayName.StartsWith("seq(", System.StringComparison.Ordinal)).Select(n => n.DisplayName));
        Phase(r, "empty", NodePhase.Skipped);
        Assert.Equal("Skipped, empty params", Node(r, "empty").Message);
        Phase(r, "fmt(1:user01)", NodePhase.Succeeded);
        Assert.Equal("[\"1\",\"2\"]|[{\"num\":\"1\"},{\"num\":\"2\"}]", Log(r, "show"));
        Assert.Equal("Succeeded", r.Phase);
    }

    [Fact]
    public async Task Outputs_result_files_defaults_globals_and_template_outputs()
    {
        var r = await Fixture("outputs.yaml");
        Assert.Equal("a\nb\n", Node(r, "gen").Outputs!.Result);
        Assert.Equal("21", Node(r, "params").Outputs!.Parameter("present"));
        Assert.Equal("Foobar", Node(r, "params").Outputs!.Parameter("missing"));
        Assert.Null(Node(r, "params").Outputs!.Result);
        Assert.Equal("a\nb\n/21/Foobar/21", Log(r, "use"));
        var root = r.ByName("wf")!;
        Assert.Equal("21", root.Outputs!.Parameter("out"));
        Assert.Equal("42", root.Outputs!.Parameter("calc"));
        Assert.Contains(r.Outputs, o => o.Key == "g" && o.Value == "21");
    }
}

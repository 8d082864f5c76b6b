using System;
using System.Linq;
using System.Threading.Tasks;
using Pipelines.Runner.Executors;
using static Pipelines.Runner.Tests.Harness;

namespace Pipelines.Runner.Tests;

/// <summary>
/// Input parameters as workflow/common/util.go ProcessArgs fills them in Argo v4.1.2: the input's default, then the
/// argument (overwriteWithArguments), then substituteAndGetConfigMapValue; an argument that is a pure reference to an
/// absent optional (scope.go markAbsentOptionalArgs) counts as unsupplied.
/// </summary>
public class InputArgumentTests
{
    private static Task<RunReport> Run(string yaml) => Text(yaml, o =>
    {
        o.Clock = new VirtualClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        o.Executors.Add(new DelegateExecutor(_ => LeafResult.FromExitCode(0)));
    }, host: false);

    private static string Nodes(RunReport r) => string.Join("\n", r.Nodes.Select(n => $"{n.Name} {n.Type} {n.Phase} {n.Message}"));

    // ProcessArgs: an argument carrying AbsentOptionalArgumentValue for an input with neither default nor valueFrom
    // fails with "inputs.parameters.m: argument references an absent optional (skipped/omitted node output with no
    // default)"; executeDAGTask wraps it as "task '<node>' errored: ...".
    [Fact]
    public async Task An_absent_optional_argument_for_an_input_without_default_errors_the_task_with_Argos_message()
    {
        const string yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: wf}
            spec:
              entrypoint: main
              templates:
              - name: main
                dag:
                  tasks:
                  - {name: A, template: produce, when: "1 == 2"}
                  - name: B
                    template: consume
                    depends: A
                    arguments: {parameters: [{name: m, value: "{{tasks.A.outputs.parameters.x}}"}]}
              - name: produce
                outputs: {parameters: [{name: x, valueFrom: {path: /tmp/x}}]}
                container: {image: alpine, command: [sh, -c, "echo 1 > /tmp/x"]}
              - name: consume
                inputs: {parameters: [{name: m}]}
                container: {image: alpine, command: [echo, "{{inputs.parameters.m}}"]}
            """;
        var r = await Run(yaml);
        Assert.True(Node(r, "A").Phase == NodePhase.Skipped, Nodes(r));
        var b = Node(r, "B");
        Assert.True(b.Phase == NodePhase.Error, Nodes(r));
        Assert.Equal("task 'wf.B' errored: inputs.parameters.m: argument references an absent optional (skipped/omitted node output with no default)", b.Message);
        Assert.Equal("Error", r.Phase);
    }

    // ProcessArgs: with a default on the input, the absent argument is unsupplied and the default applies.
    [Fact]
    public async Task An_absent_optional_argument_lets_the_inputs_default_apply()
    {
        const string yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: wf}
            spec:
              entrypoint: main
              templates:
              - name: main
                steps:
                - - {name: A, template: produce, when: "1 == 2"}
                - - name: B
                    template: consume
                    arguments: {parameters: [{name: m, value: "{{steps.A.outputs.parameters.x}}"}]}
              - name: produce
                outputs: {parameters: [{name: x, valueFrom: {path: /tmp/x}}]}
                container: {image: alpine, command: [sh, -c, "echo 1 > /tmp/x"]}
              - name: consume
                inputs: {parameters: [{name: m, default: fallback}]}
                container: {image: alpine, command: [echo, "{{inputs.parameters.m}}"]}
            """;
        var r = await Run(yaml);
        Assert.True(r.Phase == "Succeeded", Nodes(r));
        Assert.Equal("fallback", Node(r, "B").Inputs.Single(i => i.Key == "m").Value);
    }

    // overwriteWithArguments: an argument with valueFrom (and no value) replaces the input's value and default, so
    // valueFrom.supplied leaves nothing and substituteAndGetConfigMapValue says "inputs.parameters.m was not supplied";
    // executeStepGroup then errors the group.
    [Fact]
    public async Task An_argument_with_valueFrom_replaces_the_inputs_default()
    {
        const string yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: wf}
            spec:
              entrypoint: main
              templates:
              - name: main
                steps:
                - - name: B
                    template: consume
                    arguments: {parameters: [{name: m, valueFrom: {supplied: {}}}]}
              - name: consume
                inputs: {parameters: [{name: m, default: fallback}]}
                container: {image: alpine, command: [echo, "{{inputs.parameters.m}}"]}
            """;
        var r = await Run(yaml);
        Assert.True(Node(r, "B").Phase == NodePhase.Error, Nodes(r));
        Assert.Equal("inputs.parameters.m was not supplied", Node(r, "B").Message);
        Assert.Equal("step group deemed errored due to child wf[0].B error: inputs.parameters.m was not supplied", r.ByName("wf[0]")!.Message);
    }

    // substituteAndGetConfigMapValue: a configMapKeyRef whose ConfigMap lacks the key falls back to valueFrom.default;
    // without one: "unable to retrieve inputs.parameters.m from ConfigMap: ConfigMap 'cm' does not have the key 'k'"
    // (GetConfigMapValue's message).
    [Fact]
    public async Task A_configmap_input_without_the_key_uses_the_default_or_says_what_Argo_says()
    {
        const string yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: wf}
            spec:
              entrypoint: main
              templates:
              - name: main
                steps:
                - - {name: A, template: with-default}
                  - {name: B, template: without-default}
              - name: with-default
                inputs: {parameters: [{name: m, valueFrom: {configMapKeyRef: {name: cm, key: k}, default: d}}]}
                container: {image: alpine, command: [echo, "{{inputs.parameters.m}}"]}
              - name: without-default
                inputs: {parameters: [{name: m, valueFrom: {configMapKeyRef: {name: cm, key: k}}}]}
                container: {image: alpine, command: [echo, "{{inputs.parameters.m}}"]}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: cm}
            data: {other: x}
            """;
        var r = await Run(yaml);
        Assert.True(Node(r, "A").Phase == NodePhase.Succeeded, Nodes(r));
        Assert.Equal("d", Node(r, "A").Inputs.Single(i => i.Key == "m").Value);
        Assert.Equal(NodePhase.Error, Node(r, "B").Phase);
        Assert.Equal("unable to retrieve inputs.parameters.m from ConfigMap: ConfigMap 'cm' does not have the key 'k'", Node(r, "B").Message);
    }
}

/// <summary>workflow/util/util.go ApplySubmitOpts puts the -p values into spec.arguments before validation.</summary>
public class SubmitParameterTests
{
    private const string Yaml = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {name: wf}
        spec:
          entrypoint: main
          arguments: {parameters: [{name: day, value: mon}]}
          templates:
          - name: main
            inputs: {parameters: [{name: day}]}
            dag:
              tasks:
              - {name: "run-{{inputs.parameters.day}}", template: ok}
              - {name: after, template: ok, depends: "run-{{inputs.parameters.day}}"}
          - name: ok
            container: {image: alpine, command: [sh, -c, "true"]}
        """;

    private static Task<RunReport> Run(string day) => Text(Yaml, o =>
    {
        o.Parameters["day"] = day;
        o.Executors.Add(new DelegateExecutor(_ => LeafResult.FromExitCode(0)));
    }, host: false);

    // A DAG task name built from the entrypoint's input runs under its substituted name.
    [Fact]
    public async Task A_dag_task_named_from_a_submit_parameter_runs_under_that_name()
    {
        var r = await Run("tue");
        Assert.True(r.Phase == "Succeeded", Summary(r));
        Phase(r, "run-tue", NodePhase.Succeeded);
        Phase(r, "after", NodePhase.Succeeded);
    }

    // validateDAG (validateWorkflowFieldNames) over the substituted template: 'run-a b' is refused before anything runs.
    [Fact]
    public async Task A_submit_parameter_that_makes_a_dag_task_name_invalid_is_refused_before_the_run()
    {
        var e = await Assert.ThrowsAsync<RunLoadException>(() => Run("a b"));
        Assert.Contains("PIPE1004", e.Message, StringComparison.Ordinal);
        Assert.Contains("it becomes 'run-a b'", e.Message, StringComparison.Ordinal);
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Pipelines.Runner;
using Pipelines.Runner.Executors;
using static Pipelines.Runner.Tests.Harness;

namespace Pipelines.Runner.Tests;

/// <summary>In-process tests: templates named after what they do, run by a delegate, time on a virtual clock.</summary>
public class RetryTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static Task<RunReport> Run(string yaml, Func<LeafRequest, LeafResult> run, VirtualClock? clock = null) => Text(yaml, o =>
    {
        o.Clock = clock ?? new VirtualClock(Start);
        o.Executors.Add(new DelegateExecutor(run));
    }, host: false);

    private const string Retried = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {name: wf}
        spec:
          entrypoint: main
          templates:
          - name: main
            retryStrategy: {limit: "2"}
            container: {image: alpine, command: [sh, -c, "exit 1"]}
        """;

    [Fact]
    public async Task Limit_gives_limit_plus_one_attempts_and_the_root_message()
    {
        var calls = 0;
        var r = await Run(Retried, _ => { calls++; return LeafResult.FromExitCode(1); });
        Assert.Equal(3, calls);
        Assert.Equal(NodeType.Retry, r.ByName("wf")!.Type);
        Assert.Equal(new[] { "wf(0)", "wf(1)", "wf(2)" }, r.Nodes.Where(n => n.Retried).Select(n => n.Name));
        Assert.Equal("Failed", r.Phase);
        Assert.Equal("No more retries left", r.Message);
    }

    [Fact]
    public async Task A_later_success_ends_the_retry_node_succeeded_with_that_attempts_outputs()
    {
        var calls = 0;
        var r = await Run(Retried, _ => ++calls == 2 ? LeafResult.FromExitCode(0) : LeafResult.FromExitCode(1));
        Assert.Equal(2, calls);
        Assert.Equal(NodePhase.Succeeded, r.ByName("wf")!.Phase);
        Assert.Equal("0", r.ByName("wf")!.Outputs!.ExitCode);
        Assert.Equal("Succeeded", r.Phase);
    }

    [Fact]
    public async Task Backoff_waits_duration_times_factor_capped_between_attempts()
    {
        const string yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: wf}
            spec:
              entrypoint: main
              templates:
              - name: main
                retryStrategy: {limit: 4, backoff: {duration: "1", factor: 2, cap: "5s"}}
                container: {image: alpine, command: [sh, -c, "exit 1"]}
            """;
        var clock = new VirtualClock(Start);
        var starts = new List<double>();
        var r = await Run(yaml, _ => { starts.Add((clock.UtcNow - Start).TotalSeconds); return LeafResult.FromExitCode(1); }, clock);
        Assert.Equal(new double[] { 0, 1, 3, 7, 12 }, starts);
        Assert.Equal("No more retries left", r.Message);
    }

    [Fact]
    public async Task Retry_policy_OnError_does_not_retry_a_failure()
    {
        const string yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: wf}
            spec:
              entrypoint: main
              templates:
              - name: main
                retryStrategy: {limit: 3, retryPolicy: OnError}
                container: {image: alpine, command: [sh, -c, "exit 1"]}
            """;
        var r = await Run(yaml, _ => LeafResult.FromExitCode(1));
        Assert.Single(r.Nodes, n => n.Retried);
        Assert.Equal("main: Error (exit code 1)", r.Message);
    }

    [Fact]
    public async Task Retry_expression_sees_lastRetry_exit_code()
    {
        const string yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: wf}
            spec:
              entrypoint: main
              templates:
              - name: main
                retryStrategy: {limit: 5, expression: "asInt(lastRetry.exitCode) == 2"}
                container: {image: alpine, command: [sh, -c, "exit 1"]}
            """;
        var calls = 0;
        var r = await Run(yaml, _ => LeafResult.FromExitCode(++calls == 1 ? 2 : 3));
        Assert.Equal(2, calls);
        Assert.Equal("retryStrategy.expression evaluated to false", r.Message);
    }

    [Fact]
    public async Task Suspend_with_duration_resumes_itself_and_indefinite_suspend_ends_the_run_suspended()
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
                - - {name: delay, template: delay}
                - - {name: approve, template: approve}
                - - {name: release, template: ok}
              - name: delay
                suspend: {duration: "20"}
              - name: approve
                suspend: {}
              - name: ok
                container: {image: alpine, command: [sh, -c, "true"]}
            """;
        var clock = new VirtualClock(Start);
        var r = await Run(yaml, _ => LeafResult.FromExitCode(0), clock);
        Phase(r, "delay", NodePhase.Succeeded);
        Assert.True(clock.UtcNow - Start >= TimeSpan.FromSeconds(20));
        Phase(r, "approve", NodePhase.Running);
        Assert.True(r.Suspended);
        Assert.Contains("suspended at approve", r.Message, StringComparison.Ordinal);
        Assert.Null(r.Find("release"));

        var resumed = await Text(yaml, o =>
        {
            o.Clock = new VirtualClock(Start);
            o.ResumeSuspended = true;
            o.Executors.Add(new DelegateExecutor(_ => LeafResult.FromExitCode(0)));
        }, host: false);
        Phase(resumed, "approve", NodePhase.Succeeded);
        Phase(resumed, "release", NodePhase.Succeeded);
        Assert.Equal("Succeeded", resumed.Phase);
    }

    [Fact]
    public async Task Template_failFast_with_parallelism_one_never_creates_later_copies()
    {
        const string yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: wf}
            spec:
              entrypoint: main
              templates:
              - name: main
                parallelism: 1
                failFast: true
                steps:
                - - {name: step, template: work, arguments: {parameters: [{name: i, value: "{{item}}"}]}, withItems: [0, 1, 2, 3, 4, 5]}
              - name: work
                inputs: {parameters: [{name: i}]}
                container: {image: alpine, command: [sh, -c, "exit {{inputs.parameters.i}}"]}
            """;
        var r = await Run(yaml, req => LeafResult.FromExitCode(req.Node.Inputs[0].Value == "3" ? 1 : 0));
        Assert.Equal(new[] { "step(0:0)", "step(1:1)", "step(2:2)", "step(3:3)" }, r.Nodes.Where(n => n.DisplayName.StartsWith("step(", StringComparison.Ordinal)).Select(n => n.DisplayName));
        Assert.Equal("Failed", r.Phase);
        Assert.Equal("template has failed or errored children and failFast enabled", r.Message);
    }

    [Fact]
    public async Task Workflow_parallelism_bounds_concurrent_pods()
    {
        const string yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: wf}
            spec:
              entrypoint: main
              parallelism: 2
              templates:
              - name: main
                steps:
                - - {name: s, template: work, withSequence: {count: "8"}}
              - name: work
                container: {image: alpine, command: [sh, -c, "sleep 0.2"]}
            """;
        var active = 0;
        var max = 0;
        var r = await Text(yaml, o => o.Executors.Add(new SlowExecutor(() => { var a = Interlocked.Increment(ref active); lock (o) { max = Math.Max(max, a); } }, () => Interlocked.Decrement(ref active))), host: false);
        Assert.Equal("Succeeded", r.Phase);
        Assert.Equal(8, r.Nodes.Count(n => n.Type == NodeType.Pod));
        Assert.Equal(2, max);
    }

    private sealed class SlowExecutor(Action enter, Action leave) : ILeafExecutor
    {
        public bool CanRun(Argo.Model.Template template, RunNode node) => true;

        public async Task<LeafResult> RunAsync(LeafRequest request, CancellationToken cancellationToken)
        {
            enter();
            await Task.Delay(50, cancellationToken);
            leave();
            return LeafResult.FromExitCode(0);
        }
    }

    [Fact]
    public async Task Memoization_hits_on_the_second_run_without_running_anything()
    {
        const string yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: wf}
            spec:
              entrypoint: main
              templates:
              - name: main
                memoize: {key: "k1", maxAge: "10s", cache: {configMap: {name: c}}}
                retryStrategy: {limit: 2}
                container: {image: alpine, command: [sh, -c, "echo -n world > /tmp/hello"]}
                outputs: {parameters: [{name: hello, valueFrom: {path: /tmp/hello}}]}
            """;
        var memo = NewRunDirectory();
        var calls = 0;
        LeafResult Exec(LeafRequest _)
        {
            calls++;
            var l = LeafResult.FromExitCode(0);
            l.Parameters["hello"] = "world";
            return l;
        }

        var first = await Text(yaml, o => { o.MemoDirectory = memo; o.Executors.Add(new DelegateExecutor(Exec)); }, host: false);
        var second = await Text(yaml, o => { o.MemoDirectory = memo; o.Executors.Add(new DelegateExecutor(Exec)); }, host: false);
        Assert.Equal(1, calls);
        Assert.Equal(false, first.ByName("wf")!.MemoizationHit);
        var hit = second.ByName("wf")!;
        Assert.Equal(true, hit.MemoizationHit);
        Assert.Equal(NodeType.Pod, hit.Type);
        Assert.Single(second.Nodes);
        Assert.Equal("world", hit.Outputs!.Parameter("hello"));
    }

    [Fact]
    public async Task A_parameter_override_reaches_the_entrypoint_inputs_as_well_as_workflow_parameters()
    {
        // argo submit -p sets spec.arguments, and the entrypoint's inputs are bound from them.
        const string yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: wf}
            spec:
              entrypoint: main
              arguments: {parameters: [{name: url, value: "https://example.com/default"}, {name: kept, value: "k"}]}
              templates:
              - name: main
                inputs: {parameters: [{name: url}, {name: kept}]}
                container: {image: alpine, command: [echo], args: ["{{inputs.parameters.url}}", "{{workflow.parameters.url}}", "{{inputs.parameters.kept}}"]}
            """;
        var seen = new List<string>();
        LeafResult Exec(LeafRequest request)
        {
            seen.AddRange(request.Template.Container!.Args!);
            return LeafResult.FromExitCode(0);
        }

        var r = await Text(yaml, o => { o.Parameters["url"] = "file:///local/doc.txt"; o.Executors.Add(new DelegateExecutor(Exec)); }, host: false);
        Assert.Equal("Succeeded", r.Phase);
        Assert.Equal(["file:///local/doc.txt", "file:///local/doc.txt", "k"], seen);
    }

    [Fact]
    public async Task Mocks_replace_outputs_and_phase()
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
                  - {name: deploy, template: deploy}
                  - {name: check, template: check, depends: deploy.Failed, arguments: {parameters: [{name: url, value: "{{tasks.deploy.outputs.parameters.url}}"}]}}
              - name: deploy
                resource: {action: create, manifest: "kind: ConfigMap"}
                outputs: {parameters: [{name: url, valueFrom: {jsonPath: "{.x}"}}]}
              - name: check
                inputs: {parameters: [{name: url}]}
                container: {image: alpine, command: [sh, -c, "true"]}
            """;
        var mocks = new MockExecutor();
        mocks.Mocks["deploy"] = Mock.Parse("""{"phase":"Failed","parameters":{"url":"http://x"}}""");
        mocks.Mocks["check"] = Mock.Parse("phase=Succeeded,result=ok");
        var r = await Text(yaml, o => o.Executors.Add(mocks), host: false);
        Phase(r, "deploy", NodePhase.Failed);
        Phase(r, "check", NodePhase.Succeeded);
        Assert.Equal("http://x", Node(r, "check").Inputs.Single().Value);

        var unmocked = await Text(yaml, host: false);
        Phase(unmocked, "deploy", NodePhase.Error);
        Assert.Contains("cannot run template 'deploy' (resource) locally", Node(unmocked, "deploy").Message, StringComparison.Ordinal);
        Assert.Contains("--mock deploy=", Node(unmocked, "deploy").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recursion_nests_names_until_when_stops_it()
    {
        const string yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: wf}
            spec:
              entrypoint: loop
              arguments: {parameters: [{name: num, value: "0"}]}
              templates:
              - name: loop
                inputs: {parameters: [{name: num}]}
                steps:
                - - {name: count, template: count, arguments: {parameters: [{name: num, value: "{{inputs.parameters.num}}"}]}}
                - - {name: again, template: loop, when: "{{steps.count.outputs.result}} < 3", arguments: {parameters: [{name: num, value: "{{steps.count.outputs.result}}"}]}}
              - name: count
                inputs: {parameters: [{name: num}]}
                container: {image: alpine, command: [sh, -c, "echo $(({{inputs.parameters.num}} + 1))"]}
            """;
        var r = await Text(yaml);
        Assert.Equal("Succeeded", r.Phase);
        Assert.NotNull(r.ByName("wf[1].again[1].again[0].count"));
        var last = r.ByName("wf[1].again[1].again[1].again")!;
        Assert.Equal(NodePhase.Skipped, last.Phase);
        Assert.Equal("when '3 < 3' evaluated false", last.Message);
    }

    [Fact]
    public async Task Leaf_timeout_kills_the_process_and_fails_the_node()
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
                  - {name: slow, template: slow}
                  - {name: quick, template: quick}
              - name: slow
                timeout: "1s"
                container: {image: alpine, command: [sh, -c, "sleep 30"]}
              - name: quick
                container: {image: alpine, command: [sh, -c, "true"]}
            """;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var r = await Text(yaml);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), watch.Elapsed.ToString());
        Phase(r, "slow", NodePhase.Failed);
        Assert.Equal("Pod was active on the node longer than the specified deadline", Node(r, "slow").Message);
        Phase(r, "quick", NodePhase.Succeeded);
        Assert.Equal("Failed", r.Phase);
    }

    [Fact]
    public async Task Workflow_deadline_fails_running_steps_but_the_exit_handler_runs()
    {
        const string yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: wf}
            spec:
              entrypoint: main
              activeDeadlineSeconds: 1
              onExit: bye
              templates:
              - name: main
                container: {image: alpine, command: [sh, -c, "sleep 30"]}
              - name: bye
                container: {image: alpine, command: [sh, -c, "echo bye"]}
            """;
        var r = await Text(yaml);
        Assert.Equal("Step exceeded its deadline", r.ByName("wf")!.Message);
        Phase(r, "wf.onExit", NodePhase.Succeeded);
        Assert.Equal("Failed", r.Phase);
    }

    [Fact]
    public async Task Stop_fails_running_nodes_runs_the_exit_handler_and_reports_the_strategy()
    {
        const string yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: wf}
            spec:
              entrypoint: main
              onExit: bye
              templates:
              - name: main
                container: {image: alpine, command: [sh, -c, "sleep 30"]}
              - name: bye
                container: {image: alpine, command: [sh, -c, "echo bye"]}
            """;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var r = await Text(yaml, o => o.Stop = stop.Token);
        Assert.Equal("workflow shutdown with strategy: Stop", r.ByName("wf")!.Message);
        Phase(r, "wf.onExit", NodePhase.Succeeded);
        Assert.Equal("Failed", r.Phase);
        Assert.Equal("Stopped with strategy 'Stop'", r.Message);
    }

    [Fact]
    public async Task Artifacts_pass_between_nodes_through_the_local_repository()
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
                - - {name: gen, template: gen}
                - - name: use
                    template: use
                    arguments: {artifacts: [{name: msg, from: "{{steps.gen.outputs.artifacts.out}}"}]}
              - name: gen
                container: {image: alpine, command: [sh, -c, "echo hello artifact > /tmp/out.txt"]}
                outputs: {artifacts: [{name: out, path: /tmp/out.txt}]}
              - name: use
                inputs: {artifacts: [{name: msg, path: /in/message}]}
                container: {image: alpine, command: [sh, -c, "cat /in/message"]}
            """;
        var r = await Text(yaml);
        Assert.Equal("Succeeded", r.Phase);
        Assert.Equal("hello artifact", Log(r, "use"));
        Assert.StartsWith("artifact://", Node(r, "gen").Outputs!.Artifacts.Single().Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Skipped_producer_outputs_are_absent_optionals_and_the_consumer_default_applies()
    {
        var r = await Text("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: wf}
            spec:
              entrypoint: main
              templates:
              - name: main
                dag:
                  tasks:
                  - {name: producer, template: produce, when: "false"}
                  - name: consumer
                    template: consume
                    depends: "producer.Succeeded || producer.Skipped"
                    arguments: {parameters: [{name: in, value: "{{tasks.producer.outputs.parameters.msg}}"}]}
              - name: produce
                container: {image: alpine, command: [sh, -c, "echo -n hi > /tmp/m"]}
                outputs: {parameters: [{name: msg, valueFrom: {path: /tmp/m}}]}
              - name: consume
                inputs: {parameters: [{name: in, default: fallback-from-input}]}
                container: {image: alpine, command: [sh, -c, "echo 'consumer got: [{{inputs.parameters.in}}]'"]}
            """);
        Phase(r, "producer", NodePhase.Skipped);
        Assert.Equal("consumer got: [fallback-from-input]", Log(r, "consumer"));
        Assert.Equal("Succeeded", r.Phase);
    }
}

/// <summary>A file without a Workflow runs its template the way <c>argo submit --from</c> would.</summary>
public class SubmitFromTests
{
    private static Task<RunReport> Run(string yaml, Func<LeafRequest, LeafResult> run) => Text(yaml, o =>
    {
        o.WorkflowName = null; // named from the template's name, as `argo submit --from` does
        o.Executors.Add(new DelegateExecutor(run));
    }, host: false);

    [Fact]
    public async Task A_WorkflowTemplate_runs_its_entrypoint_with_its_arguments()
    {
        var seen = new List<string>();
        var r = await Run("""
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata: {name: data-pipeline}
            spec:
              entrypoint: main
              arguments: {parameters: [{name: who, value: world}]}
              templates:
              - name: main
                inputs: {parameters: [{name: who, value: "{{workflow.parameters.who}}"}]}
                container: {image: alpine, command: [echo, "{{inputs.parameters.who}}"]}
            """, req => { seen.Add(string.Join(" ", req.Template.Container!.Command!)); return LeafResult.FromExitCode(0); });
        Assert.Equal("Succeeded", r.Phase);
        Assert.Equal(new[] { "echo world" }, seen);
        Assert.StartsWith("data-pipeline-", r.WorkflowName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_CronWorkflow_runs_its_workflowSpec()
    {
        var calls = 0;
        var r = await Run("""
            apiVersion: argoproj.io/v1alpha1
            kind: CronWorkflow
            metadata: {name: nightly}
            spec:
              schedules: ["0 2 * * *"]
              workflowSpec:
                entrypoint: main
                templates:
                - name: main
                  container: {image: alpine, command: [sh, -c, "exit 3"]}
            """, _ => { calls++; return LeafResult.FromExitCode(3); });
        Assert.Equal(1, calls);
        Assert.Equal("Failed", r.Phase);
        Assert.StartsWith("nightly-", r.WorkflowName, StringComparison.Ordinal);
    }
}

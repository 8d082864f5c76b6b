using System;
using System.Threading.Tasks;
using Pipelines.Runner.Executors;
using static Pipelines.Runner.Tests.Harness;

namespace Pipelines.Runner.Tests;

/// <summary>
/// A DAG whose tasks wait on a timer (retry backoff, suspend duration) wakes when the timer is due. dag.go executeDAG
/// walks every task on every reconciliation, and operator.go requeues the workflow at the earliest deadline
/// (processNodeRetries for backoff, executeSuspend for a duration); the runner skips DAG passes in which nothing
/// changed, so it must keep those timers armed itself.
/// </summary>
public class DagWakeTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static Task<RunReport> RunFixture(string name, VirtualClock clock, Func<LeafRequest, LeafResult> run) => Fixture(name, o =>
    {
        o.Clock = clock;
        o.Executors.Add(new DelegateExecutor(run));
    }, host: false);

    // operator.go processNodeRetries: "Backoff for 30 seconds" then a new attempt once the backoff has passed; the
    // retry node fails after limit+1 attempts and B, depending on A succeeding, is omitted.
    [Fact]
    public async Task A_dag_task_in_retry_backoff_wakes_the_dag_when_the_backoff_ends()
    {
        var clock = new VirtualClock(Start);
        var attempts = 0;
        var r = await RunFixture("dag-retry-backoff.yaml", clock, req =>
        {
            if (req.Template.Name == "flaky")
            {
                attempts++;
                return LeafResult.FromExitCode(1);
            }

            return LeafResult.FromExitCode(0);
        });
        Assert.True(r.Phase == "Failed", $"{r.Phase} {r.Message}\n{Summary(r)}");
        Assert.Equal(3, attempts);
        Phase(r, "A", NodePhase.Failed);
        Phase(r, "B", NodePhase.Omitted);
        Assert.True(clock.UtcNow >= Start.AddSeconds(60), $"two backoffs of 30s must have passed, clock at {clock.UtcNow:O}");
    }

    // The same, with the task succeeding on its second attempt: B runs after the backoff.
    [Fact]
    public async Task A_dag_task_that_succeeds_after_backoff_lets_its_dependants_run()
    {
        var clock = new VirtualClock(Start);
        var attempts = 0;
        var r = await RunFixture("dag-retry-backoff.yaml", clock, req =>
            req.Template.Name == "flaky" && ++attempts == 1 ? LeafResult.FromExitCode(1) : LeafResult.FromExitCode(0));
        Assert.True(r.Phase == "Succeeded", $"{r.Phase} {r.Message}\n{Summary(r)}");
        Assert.Equal(2, attempts);
        Phase(r, "B", NodePhase.Succeeded);
        Assert.True(Node(r, "B").StartedAt >= Start.AddSeconds(30), $"B started at {Node(r, "B").StartedAt:O}");
    }

    // operator.go executeSuspend: a duration ends the suspend node Succeeded at StartedAt+duration, and the DAG
    // continues with its dependants.
    [Fact]
    public async Task A_suspend_duration_inside_a_dag_wakes_the_dag()
    {
        var clock = new VirtualClock(Start);
        var r = await RunFixture("dag-suspend-duration.yaml", clock, _ => LeafResult.FromExitCode(0));
        Assert.True(r.Phase == "Succeeded", $"{r.Phase} {r.Message}\n{Summary(r)}");
        Phase(r, "wait", NodePhase.Succeeded);
        Phase(r, "B", NodePhase.Succeeded);
        Assert.True(Node(r, "B").StartedAt >= Start.AddSeconds(20), $"B started at {Node(r, "B").StartedAt:O}");
    }
    // The same through a nested DAG: the outer DAG's skipped passes keep the inner suspend's timer armed.
    [Fact]
    public async Task A_suspend_duration_in_a_nested_dag_wakes_both_dags()
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
                  - {name: inner, template: inner}
                  - {name: after, template: ok, depends: inner}
              - name: inner
                dag:
                  tasks:
                  - {name: wait, template: pause}
              - name: pause
                suspend: {duration: "1m"}
              - name: ok
                container: {image: alpine, command: [sh, -c, "exit 0"]}
            """;
        var clock = new VirtualClock(Start);
        var r = await Text(yaml, o =>
        {
            o.Clock = clock;
            o.Executors.Add(new DelegateExecutor(_ => LeafResult.FromExitCode(0)));
        }, host: false);
        Assert.True(r.Phase == "Succeeded", $"{r.Phase} {r.Message}\n{Summary(r)}");
        Phase(r, "after", NodePhase.Succeeded);
        Assert.True(Node(r, "after").StartedAt >= Start.AddMinutes(1), $"after started at {Node(r, "after").StartedAt:O}");
    }
}

// Port of: custom-metrics.yaml
using Pipelines;
using Pipelines.Argo.Model;

namespace ArgoExamples;

public sealed record RandomIntOutput
{
    [OutputParameter(Name = "rand-int-value", Path = "/tmp/rand_int.txt", GlobalName = "rand-int-value")]
    public string Value { get; init; } = string.Empty;
}

[Workflow(GenerateName = "hello-world-")]
[Label("workflows.argoproj.io/no-test", "flaky")]
public partial class CustomMetrics
{
    // A workflow-level gauge, emitted in real time while the workflow runs.
    [Spec]
    private static WorkflowSpec WorkflowMetrics => new()
    {
        Metrics = new()
        {
            Prometheus =
            [
                new()
                {
                    Name = "duration_gauge",
                    Labels = [new() { Key = "name", Value = "workflow" }],
                    Help = "Duration gauge by name",
                    Gauge = new() { Realtime = true, Value = "{{workflow.duration}}" },
                },
            ],
        },
    };

    [Steps, Entrypoint]
    public static void Steps()
    {
        RandomInt().Named("random-int");
        Flakey().Named("flakey");
    }

    [Spec(nameof(Steps))]
    private static Template StepsMetrics => new()
    {
        Metrics = new()
        {
            Prometheus =
            [
                new()
                {
                    Name = "duration_gauge",
                    Labels = [new() { Key = "name", Value = "steps" }],
                    Help = "Duration gauge by name",
                    Gauge = new() { Realtime = true, Value = "{{duration}}" },
                },
            ],
        },
    };

    [Container("busybox", Command = ["sh", "-c"], Args = ["RAND_INT=$((1 + RANDOM % 10)); echo $RAND_INT; echo $RAND_INT > /tmp/rand_int.txt"])]
    public static partial Node<RandomIntOutput> RandomInt();

    // A histogram of the step's output, emitted only when the step succeeds.
    [Spec(nameof(RandomInt))]
    private static Template RandomIntMetrics => new()
    {
        Metrics = new()
        {
            Prometheus =
            [
                new()
                {
                    Name = "random_int_step_histogram",
                    Help = "Value of the int emitted by random-int at step level",
                    When = "{{status}} == Succeeded",
                    Histogram = new() { Buckets = [2.01, 4.01, 6.01, 8.01, 10.01], Value = "{{outputs.parameters.rand-int-value}}" },
                },
                new()
                {
                    Name = "duration_gauge",
                    Labels = [new() { Key = "name", Value = "random-int" }],
                    Help = "Duration gauge by name",
                    Gauge = new() { Realtime = true, Value = "{{duration}}" },
                },
            ],
        },
    };

    [Container("python:alpine3.23", Command = ["python", "-c"], Args = ["import random; import sys; exit_code = random.choice([0, 1, 1]); sys.exit(exit_code)"])]
    public static partial Node Flakey();

    // A counter labelled with the step's status.
    [Spec(nameof(Flakey))]
    private static Template FlakeyMetrics => new()
    {
        Metrics = new()
        {
            Prometheus =
            [
                new()
                {
                    Name = "result_counter",
                    Help = "Count of step execution by result status",
                    Labels = [new() { Key = "name", Value = "flakey" }, new() { Key = "status", Value = "{{status}}" }],
                    Counter = new() { Value = "1" },
                },
            ],
        },
    };
}

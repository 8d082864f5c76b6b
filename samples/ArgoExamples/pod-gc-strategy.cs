// Port of: pod-gc-strategy.yaml
using Pipelines;
using Pipelines.Argo.Model;

namespace ArgoExamples;

[Workflow(GenerateName = "pod-gc-strategy-")]
[Label("workflows.argoproj.io/no-test", "environment")]
public partial class PodGcStrategy
{
    // Pods that succeed are deleted 30 seconds after they finish.
    [Spec]
    private static WorkflowSpec Gc => new() { PodGC = new() { Strategy = "OnPodSuccess", DeleteDelayDuration = "30s" } };

    [Steps, Entrypoint, Name("pod-gc-strategy")]
    public static void Main()
    {
        Parallel(Fail(), Succeed());
    }

    [Container("alpine:3.23", Command = ["sh", "-c"], Args = ["exit 1"])]
    public static partial Node Fail();

    [Container("alpine:3.23", Command = ["sh", "-c"], Args = ["exit 0"])]
    public static partial Node Succeed();
}

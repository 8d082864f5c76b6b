// Port of: parallelism-limit.yaml
using Pipelines;
using Pipelines.Argo.Model;

namespace ArgoExamples;

[Workflow(GenerateName = "parallelism-limit-")]
[Label("workflows.argoproj.io/no-test", "duration")]
public partial class ParallelismLimit
{
    // At most two pods of this workflow run at once.
    [Spec]
    private static WorkflowSpec Limits => new() { Parallelism = 2 };

    [Steps, Entrypoint, Name("parallelism-limit")]
    public static void Main()
    {
        foreach (var item in new object[] { "this", "workflow", "should", "take", "at", "least", 60, "seconds", "to", "complete" })
        {
            Sleep().Named("sleep");
        }
    }

    [Container("busybox", Command = ["sh", "-c", "sleep 10"])]
    public static partial Node Sleep();
}

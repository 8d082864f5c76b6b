// Port of: parallelism-limit.yaml
using Pipelines;

namespace ArgoExamples;

[Workflow(GenerateName = "parallelism-limit-")]
[Label("workflows.argoproj.io/no-test", "duration")]
[Parallelism(2)] // at most two pods of this workflow run at once
public partial class ParallelismLimit
{
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

// Port of: synchronization-mutex-wf-level.yaml
using Pipelines;
using Pipelines.Argo.Model;

namespace ArgoExamples;

[Workflow(GenerateName = "synchronization-wf-level-")]
public partial class SynchronizationMutexWfLevel
{
    // Only one workflow holding the mutex "test" runs at a time.
    [Spec]
    private static WorkflowSpec Sync => new() { Synchronization = new() { Mutexes = [new() { Name = "test" }] } };

    [Container("busybox", Command = ["echo"], Args = ["hello world"])]
    [Entrypoint]
    public static partial Node HelloWorld();
}

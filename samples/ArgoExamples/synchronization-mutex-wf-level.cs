// Port of: synchronization-mutex-wf-level.yaml
using Pipelines;

namespace ArgoExamples;

[Workflow(GenerateName = "synchronization-wf-level-")]
[Mutex("test")] // only one workflow holding the mutex "test" runs at a time
public partial class SynchronizationMutexWfLevel
{
    [Container("busybox", Command = ["echo"], Args = ["hello world"])]
    [Entrypoint]
    public static partial Node HelloWorld();
}

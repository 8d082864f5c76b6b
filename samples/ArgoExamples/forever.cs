// Port of: forever.yaml
using Pipelines;

namespace ArgoExamples;

[Workflow(Name = "forever")]
[Label("workflows.argoproj.io/no-test", "duration")]
public partial class Forever
{
    [Container("busybox", Command = ["sh", "-c", "for I in $(seq 1 1000) ; do echo $I ; sleep 1s; done"])]
    [Entrypoint]
    public static partial Node Main();
}

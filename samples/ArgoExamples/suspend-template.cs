// Port of: suspend-template.yaml
using Pipelines;

namespace ArgoExamples;

[Workflow(GenerateName = "suspend-template-")]
[Label("workflows.argoproj.io/no-test", "environment")]
public partial class SuspendTemplate
{
    [Steps, Entrypoint]
    public static void Suspend()
    {
        var build = HelloWorld();
        var approve = Approve();
        var delay = Delay();
        var release = HelloWorld();
    }

    // Waits until someone resumes the workflow.
    [Suspend]
    public static partial Node Approve();

    // Resumes by itself after 20 seconds.
    [Suspend(Duration = "20")]
    public static partial Node Delay();

    [Container("busybox", Command = ["echo"], Args = ["hello world"])]
    public static partial Node HelloWorld();
}

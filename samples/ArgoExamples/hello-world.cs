// Port of: hello-world.yaml
using Pipelines;

namespace ArgoExamples;

/// <summary>
/// This is a simple hello world example.
/// </summary>
[Workflow(GenerateName = "hello-world-")]
[Label("workflows.argoproj.io/archive-strategy", "false")]
public partial class HelloWorldWorkflow
{
    [Container("busybox", Command = ["echo"], Args = ["hello world"])]
    [Entrypoint]
    public static partial Node HelloWorld();
}

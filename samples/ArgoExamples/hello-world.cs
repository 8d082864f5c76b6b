// Port of: hello-world.yaml
using Pipelines;

namespace ArgoExamples;

[Workflow(GenerateName = "hello-world-")]
[Label("workflows.argoproj.io/archive-strategy", "false")]
[Annotation("workflows.argoproj.io/description", "This is a simple hello world example.")]
public partial class HelloWorldWorkflow
{
    [Container("busybox", Command = ["echo"], Args = ["hello world"])]
    [Entrypoint]
    public static partial Node HelloWorld();
}

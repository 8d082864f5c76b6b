// Port of: global-parameters.yaml
using Pipelines;

namespace ArgoExamples;

// A workflow argument that no template declares as an input: templates read it as {{workflow.parameters.message}}.
[Workflow(GenerateName = "global-parameters-")]
[Argument("message", "hello world")]
public partial class GlobalParameters
{
    [Container("busybox", Command = ["echo"], Args = ["{{workflow.parameters.message}}"])]
    [Entrypoint]
    public static partial Node PrintMessage();
}

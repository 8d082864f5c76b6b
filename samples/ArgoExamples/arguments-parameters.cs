// Port of: arguments-parameters.yaml
using Pipelines;

namespace ArgoExamples;

[Workflow(GenerateName = "arguments-parameters-")]
public partial class ArgumentsParameters
{
    // The entrypoint's parameters are the workflow's arguments; the C# default is the argument's value.
    [Container("busybox", Command = ["echo"], Args = ["{{inputs.parameters.message}}"])]
    [Entrypoint]
    public static partial Node PrintMessage(string message = "hello world");
}

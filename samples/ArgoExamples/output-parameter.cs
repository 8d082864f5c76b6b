// Port of: output-parameter.yaml
using Pipelines;

namespace ArgoExamples;

// An outputs record: each property with [OutputParameter] is an output parameter of the templates returning Node<it>.
public sealed record HelloOutputs
{
    [OutputParameter(Path = "/tmp/hello_world.txt", Default = "Foobar")]
    public string HelloParam { get; init; } = string.Empty;
}

[Workflow(GenerateName = "output-parameter-")]
public partial class OutputParameter
{
    [Steps, Entrypoint, Name("output-parameter")]
    public static void OutputParameterSteps()
    {
        var generate = HelloWorldToFile().Named("generate-parameter");
        PrintMessage(generate.Outputs.HelloParam).Named("consume-parameter");
    }

    [Container("busybox", Command = ["sh", "-c"], Args = ["sleep 1; echo -n hello world > /tmp/hello_world.txt"])]
    public static partial Node<HelloOutputs> HelloWorldToFile();

    [Container("busybox", Command = ["echo"], Args = ["{{inputs.parameters.message}}"])]
    public static partial Node PrintMessage(string message);
}

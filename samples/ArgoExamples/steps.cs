// Port of: steps.yaml
using Pipelines;

namespace ArgoExamples;

[Workflow(GenerateName = "steps-")]
public partial class StepsWorkflow
{
    [Container("busybox", Command = ["echo"], Args = ["{{inputs.parameters.message}}"])]
    public static partial Node PrintMessage(string message);

    // Each statement is one step group; Parallel(...) is one group of several steps.
    [Steps, Entrypoint, Name("hello-hello-hello")]
    public static void HelloHelloHello()
    {
        var hello1 = PrintMessage("hello1");
        Parallel(PrintMessage("hello2a").Named("hello2a"), PrintMessage("hello2b").Named("hello2b"));
    }
}

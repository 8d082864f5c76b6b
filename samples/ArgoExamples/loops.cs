// Port of: loops.yaml
using Pipelines;

namespace ArgoExamples;

[Workflow(GenerateName = "loops-")]
public partial class Loops
{
    // A foreach over literal items is one step with withItems; the loop variable is {{item}}.
    [Steps, Entrypoint]
    public static void LoopExample()
    {
        foreach (var item in new[] { "hello world", "goodbye world" })
        {
            PrintMessage(item).Named("print-message-loop");
        }
    }

    [Container("busybox", Command = ["echo"], Args = ["{{inputs.parameters.message}}"])]
    public static partial Node PrintMessage(string message);
}

// Port of: dag-nested.yaml
using Pipelines;

namespace ArgoExamples;

[Workflow(GenerateName = "dag-nested-")]
[Label("workflows.argoproj.io/no-test", "flaky")]
public partial class DagNested
{
    [Container("busybox", Command = ["echo", "{{inputs.parameters.message}}"])]
    public static partial Node Echo(string message);

    [Dag, Entrypoint]
    public static void Diamond()
    {
        var A = NestedDiamond("A");
        var B = NestedDiamond("B").After(A);
        var C = NestedDiamond("C").After(A);
        var D = NestedDiamond("D").After(B, C);
    }

    // A composition method with parameters is a template with inputs; a parameter used in a call is
    // {{inputs.parameters.<name>}}, also inside an interpolated string. Returning Node makes it callable as a task.
    [Dag]
    public static Node NestedDiamond(string message)
    {
        var A = Echo($"{message}A");
        var B = Echo($"{message}B").After(A);
        var C = Echo($"{message}C").After(A);
        var D = Echo($"{message}D").After(B, C);
        return Node.NoOutputs;
    }
}

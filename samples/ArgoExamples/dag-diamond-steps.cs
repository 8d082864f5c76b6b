// Port of: dag-diamond-steps.yaml
using Pipelines;

namespace ArgoExamples;

[Workflow(GenerateName = "dag-diamond-steps-")]
public partial class DagDiamondSteps
{
    [Container("busybox", Command = ["echo", "{{inputs.parameters.message}}"])]
    public static partial Node Echo(string message);

    // A steps template whose one step loops: the loop variable inside an interpolated string is {{item}}.
    [Steps]
    public static Node EchoThrice(string message)
    {
        foreach (var item in new[] { 1, 2, 3 })
            Echo($"{message}{item}");
        return Node.NoOutputs;
    }

    [Dag, Entrypoint]
    public static void Diamond()
    {
        var A = EchoThrice("A");
        var B = EchoThrice("B").After(A);
        var C = EchoThrice("C").After(A);
        var D = EchoThrice("D").After(B, C);
    }
}

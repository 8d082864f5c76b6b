// Port of: dag-diamond.yaml
using Pipelines;

namespace Ports;

[Workflow(GenerateName = "dag-diamond-")]
public partial class DagDiamond
{
    [Container("busybox", Command = ["echo", "{{inputs.parameters.message}}"])]
    public static partial Node Echo(string message);

    [Dag, Entrypoint]
    public static void Diamond()
    {
        var A = Echo("A");
        var B = Echo("B").After(A);
        var C = Echo("C").After(A);
        Echo("D").Named("D").After(B, C);
    }
}

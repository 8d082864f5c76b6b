// Port of: dag-multiroot.yaml
using Pipelines;

namespace ArgoExamples;

[Workflow(GenerateName = "dag-multiroot-")]
public partial class DagMultiroot
{
    [Container("busybox", Command = ["echo", "{{inputs.parameters.message}}"])]
    public static partial Node Echo(string message);

    [Dag, Entrypoint]
    public static void Multiroot()
    {
        var A = Echo("A");
        var B = Echo("B");
        var C = Echo("C").After(A);
        var D = Echo("D").After(A, B);
    }
}

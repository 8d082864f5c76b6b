// Port of: dag-enhanced-depends.yaml
using Pipelines;

namespace ArgoExamples;

[Workflow(GenerateName = "dag-diamond-")]
public partial class DagEnhancedDepends
{
    [Dag, Entrypoint]
    public static void Diamond()
    {
        var A = Pass();
        var B = Pass().After(A);
        var C = Fail().After(A);
        Pass().Named("should-execute-1").Depends(A && (C.Succeeded || C.Failed));
        var shouldExecute2 = Pass().Named("should-execute-2").Depends(B || C);
        var shouldNotExecute = Pass().Named("should-not-execute").Depends(B && C);
        Pass().Named("should-execute-3").Depends(shouldExecute2.Succeeded || shouldNotExecute);
    }

    [Container("busybox", Command = ["sh", "-c", "exit 0"])]
    public static partial Node Pass();

    [Container("busybox", Command = ["sh", "-c", "exit 1"])]
    public static partial Node Fail();
}

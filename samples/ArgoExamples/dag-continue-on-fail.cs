// Port of: dag-continue-on-fail.yaml
using Pipelines;

namespace ArgoExamples;

[Workflow(GenerateName = "dag-contiue-on-fail-")]
[Label("workflows.argoproj.io/no-test", "expected-failure")]
public partial class DagContinueOnFail
{
    [Dag, Entrypoint]
    public static void Workflow()
    {
        var A = HelloWorld();
        var B = IntentionalFail().After(A);
        var C = HelloWorld().After(A);
        var D = HelloWorld().Depends(B.Failed && C);
        var E = IntentionalFail().After(A);
        var F = HelloWorld().After(A);
        var G = HelloWorld().After(E, F);
    }

    [Container("busybox", Command = ["echo"], Args = ["hello world"])]
    public static partial Node HelloWorld();

    [Container("busybox", Command = ["sh", "-c"], Args = ["echo intentional failure; exit 1"])]
    public static partial Node IntentionalFail();
}

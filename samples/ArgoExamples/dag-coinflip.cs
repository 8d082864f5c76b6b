// Port of: dag-coinflip.yaml
using Pipelines;

namespace ArgoExamples;

/// <summary>
/// This is an example of coin flip defined as a DAG.
/// </summary>
[Workflow(GenerateName = "dag-diamond-coinflip-")]
[Label("workflows.argoproj.io/no-test", "duration")]
public partial class DagCoinflip
{
    [Dag, Entrypoint]
    public static void Diamond()
    {
        var A = Coinflip();
        var B = Coinflip().After(A);
        var C = Coinflip().After(A);
        var D = Coinflip().After(B, C);
    }

    // A steps template may call itself: the tails branch flips again.
    [Steps]
    public static Node Coinflip()
    {
        var flip = FlipCoin().Named("flip-coin");
        Parallel(
            Heads().When(flip.Result == "heads"),
            Coinflip().Named("tails").When(flip.Result == "tails"));
        return Node.NoOutputs;
    }

    [Script("python:alpine3.23", Command = ["python"], Source = """
        import random
        result = "heads" if random.randint(0,1) == 0 else "tails"
        print(result)
        """)]
    public static partial Node FlipCoin();

    [Container("busybox", Command = ["sh", "-c"], Args = ["echo \"it was heads\""])]
    public static partial Node Heads();
}

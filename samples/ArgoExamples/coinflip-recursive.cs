// Port of: coinflip-recursive.yaml
using Pipelines;

namespace ArgoExamples;

[Workflow(GenerateName = "coinflip-recursive-")]
public partial class CoinflipRecursive
{
    [Steps, Entrypoint]
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

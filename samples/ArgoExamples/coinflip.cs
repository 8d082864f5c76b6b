// Port of: coinflip.yaml
using Pipelines;

namespace ArgoExamples;

/// <summary>
/// This is an example of coin flip defined as a sequence of conditional steps.\
/// </summary>
[Workflow(GenerateName = "coinflip-")]
public partial class CoinflipWorkflow
{
    [Steps, Entrypoint]
    public static void Coinflip()
    {
        var flip = FlipCoin().Named("flip-coin");
        Parallel(
            Heads().When(flip.Result == "heads"),
            Tails().When(flip.Result == "tails"));
    }

    [Script("python:alpine3.23", Command = ["python"], Source = """
        import random
        result = "heads" if random.randint(0,1) == 0 else "tails"
        print(result)
        """)]
    public static partial Node FlipCoin();

    [Container("busybox", Command = ["sh", "-c"], Args = ["echo \"it was heads\""])]
    public static partial Node Heads();

    [Container("busybox", Command = ["sh", "-c"], Args = ["echo \"it was tails\""])]
    public static partial Node Tails();
}

// Port of: parameter-aggregation-dag.yaml
using Pipelines;

namespace ArgoExamples;

public sealed record OddOrEvenOutputs
{
    [OutputParameter(Path = "/tmp/num")]
    public string Num { get; init; } = string.Empty;

    [OutputParameter(Path = "/tmp/even")]
    public string Evenness { get; init; } = string.Empty;
}

[Workflow(GenerateName = "parameter-aggregation-dag-")]
public partial class ParameterAggregationDag
{
    [Dag, Entrypoint, Name("parameter-aggregation")]
    public static void ParameterAggregation()
    {
        // A looped task with outputs: x.Outputs.Num is the list of every iteration's num.
        var oddOrEven = Loop.ForEach(new[] { 1, 2, 3, 4 }, item => OddOrEven(item)).Named("odd-or-even");
        PrintMessage(oddOrEven.Outputs.Num).Named("print-nums");
        PrintMessage(oddOrEven.Outputs.Evenness).Named("print-evenness");
        // Loop.Over(x.Outputs) loops over every iteration's outputs record; item.Evenness is {{item.evenness}}.
        var divideBy2 = Loop.ForEach(Loop.Over(oddOrEven.Outputs),
            item => DivideBy2(item.Num).When(item.Evenness == "even")).Named("divide-by-2");
        Loop.ForEach(Loop.Over<string>(divideBy2.Result), item => PrintMessage(item)).Named("print");
    }

    [Container("alpine:3.23", Command = ["sh", "-c"], Args = ["""
        sleep 1 &&
        echo {{inputs.parameters.num}} > /tmp/num &&
        if [ $(({{inputs.parameters.num}}%2)) -eq 0 ]; then
          echo "even" > /tmp/even;
        else
          echo "odd" > /tmp/even;
        fi

        """])]
    public static partial Node<OddOrEvenOutputs> OddOrEven(int num);

    [Container("alpine:3.23", Command = ["sh", "-c"], Args = ["echo $(({{inputs.parameters.num}}/2))"])]
    [Name("divide-by-2")]
    public static partial Node DivideBy2(string num);

    [Container("busybox", Command = ["echo"], Args = ["{{inputs.parameters.message}}"])]
    public static partial Node PrintMessage(string message);
}

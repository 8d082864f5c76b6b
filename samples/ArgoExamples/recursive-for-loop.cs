// Port of: recursive-for-loop.yaml
using Pipelines;

namespace ArgoExamples;

[Workflow(GenerateName = "recursive-loop-")]
[Label("workflows.argoproj.io/no-test", "flaky")]
public partial class RecursiveForLoop
{
    [Steps, Entrypoint]
    public static void Plan()
    {
        var recurse = Loop("0", "10");
    }

    // Recursion: the loop calls itself while the counter is below the limit.
    [Steps]
    public static Node Loop(string counter, string limit)
    {
        var iterate = CounterIteration(counter).Named("iterate-counter");
        Loop(iterate.Result, limit).Named("continue").When($"{iterate.Result} < {limit}");
        return Node.NoOutputs;
    }

    [Script("python:alpine3.23", Command = ["python"], Source = """
        print({{inputs.parameters.counter}} + 1)
        """)]
    public static partial Node CounterIteration(string counter);
}

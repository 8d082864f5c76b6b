// Port of: resubmit.yaml
using Pipelines;

namespace ArgoExamples;

[Workflow(GenerateName = "resubmit-")]
[Label("workflows.argoproj.io/no-test", "environment")]
public partial class Resubmit
{
    [Dag, Entrypoint]
    public static void RandFailDag()
    {
        var A = RandomFail();
        var B = RandFailSteps();
        var C = RandomFail().After(B);
        var D = RandomFail().After(A, B);
    }

    [Steps]
    public static Node RandFailSteps()
    {
        Parallel(RandomFail().Named("randfail1a"), RandomFail().Named("randfail1b"));
        Parallel(
            RandomFail().Named("randfail2a"),
            RandomFail().Named("randfail2b"),
            RandomFail().Named("randfail2c"),
            RandomFail().Named("randfail2d"));
        return Node.NoOutputs;
    }

    [Container("python:alpine3.23", Command = ["python", "-c"], Args = ["import random; import sys; exit_code = random.choice([0, 0, 1]); print('exiting with code {}'.format(exit_code)); sys.exit(exit_code)"])]
    public static partial Node RandomFail();
}

// Port of: retry-with-steps.yaml
using Pipelines;

namespace ArgoExamples;

[Workflow(GenerateName = "retry-with-steps-")]
[Label("workflows.argoproj.io/no-test", "flaky")]
public partial class RetryWithSteps
{
    [Steps, Entrypoint, Name("retry-with-steps")]
    public static void Main()
    {
        var hello1 = RandomFail();
        Parallel(RandomFail().Named("hello2a"), RandomFail().Named("hello2b"));
    }

    [Container("python:alpine3.23", Command = ["python", "-c"], Args = ["import random; import sys; print('retries: {{retries}}'); exit_code = random.choice([0, 1, 1]); sys.exit(exit_code)"])]
    [Retry(10)]
    public static partial Node RandomFail();
}

// Port of: retry-backoff.yaml
using Pipelines;

namespace ArgoExamples;

[Workflow(GenerateName = "retry-backoff-")]
[Label("workflows.argoproj.io/no-test", "duration")]
public partial class RetryBackoff
{
    [Container("python:alpine3.23", Command = ["python", "-c"], Args = ["import random; import sys; exit_code = random.choice([0, 1, 1]); sys.exit(exit_code)"])]
    [Retry(10, BackoffDuration = "1", BackoffFactor = "2", BackoffMaxDuration = "1m", BackoffCap = "5")]
    [Entrypoint, Name("retry-backoff")]
    public static partial Node RetryBackoffTemplate();
}

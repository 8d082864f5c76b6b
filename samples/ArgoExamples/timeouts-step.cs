// Port of: timeouts-step.yaml
using Pipelines;

namespace ArgoExamples;

[Workflow(GenerateName = "timeouts-step-")]
[Label("workflows.argoproj.io/no-test", "expected-failure")]
[Annotation("workflows.argoproj.io/no-test-reason", "The step is stopped after ten seconds, so the workflow fails.\n")]
public partial class TimeoutsStep
{
    [Container("argoproj/argosay:v2", Command = ["bash", "-c"], Args = ["echo 123; sleep 1d"])]
    [Entrypoint, ActiveDeadlineSeconds(10)] // the template fails after ten seconds
    public static partial Node Sleep();
}

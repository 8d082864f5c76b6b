// Port of: cron-workflow.yaml
using Pipelines;

namespace ArgoExamples;

[CronWorkflow(
    "hello-world",
    "* * * * *",
    Timezone = "America/Los_Angeles",
    StartingDeadlineSeconds = 0,
    ConcurrencyPolicy = "Replace",
    SuccessfulJobsHistoryLimit = 4,
    FailedJobsHistoryLimit = 4,
    Suspend = false)]
public partial class CronHelloWorld
{
    [Container("busybox", Command = ["echo"], Args = ["🕓 hello world. Scheduled on: {{workflow.scheduledTime}}"])]
    [Entrypoint]
    public static partial Node HelloWorldWithTime();
}

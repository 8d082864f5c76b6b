// Port of: cron-workflow-multiple-schedules.yaml
using Pipelines;

namespace ArgoExamples;

[CronWorkflow(
    "hello-world-multiple-schedules",
    "*/3 * * * 1-5", "*/2 * * * *",
    Timezone = "America/Los_Angeles",
    StartingDeadlineSeconds = 0,
    ConcurrencyPolicy = "Replace",
    SuccessfulJobsHistoryLimit = 4,
    FailedJobsHistoryLimit = 4,
    Suspend = false)]
public partial class CronMultipleSchedules
{
    [Container("docker/whalesay:latest", Command = ["cowsay"], Args = ["🕓 hello world. Scheduled on: {{workflow.scheduledTime}}"])]
    [Entrypoint]
    public static partial Node Whalesay();
}

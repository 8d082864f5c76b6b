using Pipelines;

namespace QuickStart;

/// <summary>Runs the data pipeline every night at 02:00 UTC; a run still going at the next one is left alone.</summary>
[CronWorkflow("data-pipeline-nightly", "0 2 * * *", Timezone = "Etc/UTC", ConcurrencyPolicy = "Forbid",
    SuccessfulJobsHistoryLimit = 3, FailedJobsHistoryLimit = 3)]
public partial class Nightly
{
    /// <summary>Calls the WorkflowTemplate's entrypoint (a templateRef) with its default URL.</summary>
    [Dag, Entrypoint]
    public static void Main() => DataPipeline.Run();
}

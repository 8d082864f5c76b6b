using Pipelines;

namespace QuickStart;

/// <summary>Runs the data pipeline every night at 02:00 UTC; a run still going at the next one is left alone.</summary>
[CronWorkflow("data-pipeline-nightly", "0 2 * * *", Timezone = "Etc/UTC", ConcurrencyPolicy = "Forbid",
    SuccessfulJobsHistoryLimit = 3, FailedJobsHistoryLimit = 3)]
public partial class Nightly
{
    /// <summary>Calls the WorkflowTemplate's entrypoint (a templateRef to data-pipeline/run).</summary>
    /// <remarks>Not named Main: a static Main would be the program's entry point instead of the step runtime's.</remarks>
    [Dag, Entrypoint]
    public static void RunPipeline() => DataPipeline.Run("https://raw.githubusercontent.com/argoproj/argo-workflows/main/README.md");
}

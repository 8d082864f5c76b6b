using Pipelines;
using Pipelines.Argo.Model;

namespace QuickStart;

/// <summary>
/// The classic data pipeline as a DAG: fetch a document, process it in C#, store the result, all three sharing one
/// volume. A WorkflowTemplate, so that the nightly CronWorkflow (Nightly.cs) and anyone with
/// `argo submit --from workflowtemplate/data-pipeline` can run it.
/// </summary>
[WorkflowTemplate("data-pipeline")]
[Label("app.kubernetes.io/part-of", "quick-start")]
public partial class DataPipeline
{
    /// <summary>Where every step sees the shared volume.</summary>
    public const string Data = "/mnt/data";

    // One volume claimed for the workflow's life (a PVC from volumeClaimTemplates, deleted with the workflow). An
    // emptyDir would not do: each step is its own pod, and an emptyDir lives and dies with its pod.
    [Spec]
    private static WorkflowSpec SharedVolume => new()
    {
        VolumeClaimTemplates =
        [
            new()
            {
                Metadata = new() { Name = "data" },
                Spec = new() { AccessModes = ["ReadWriteOnce"], Resources = new() { Requests = new() { ["storage"] = "1Gi" } } },
            },
        ],
    };

    /// <summary>Downloads the document onto the shared volume.</summary>
    [Script("curlimages/curl:8.11.1", Command = ["sh"], Source = """
        curl -fsSL "{{inputs.parameters.url}}" -o /mnt/data/document.txt
        """)]
    public static partial Node Fetch(string url);

    [Spec(nameof(Fetch))]
    private static Template FetchMounts => new() { Script = new() { VolumeMounts = [new() { Name = "data", MountPath = Data }] } };

    // The C# step's template (Processing.Summarize) needs the volume too.
    [Spec(nameof(Processing.Summarize))]
    private static Template ProcessMounts => new() { Container = new() { VolumeMounts = [new() { Name = "data", MountPath = Data }] } };

    /// <summary>Writes the summary onto the shared volume, beside the document.</summary>
    [Container("busybox:1.37", Command = ["sh", "-c"], Args = ["echo \"$0\" > /mnt/data/summary.json && cat /mnt/data/summary.json", "{{inputs.parameters.summary}}"])]
    public static partial Node Store(string summary);

    [Spec(nameof(Store))]
    private static Template StoreMounts => new() { Container = new() { VolumeMounts = [new() { Name = "data", MountPath = Data }] } };

    /// <summary>Fetch, then process in C#, then store.</summary>
    [Dag, Entrypoint]
    public static Node Run(string url = "https://raw.githubusercontent.com/argoproj/argo-workflows/main/README.md")
    {
        var fetch = Fetch(url);
        var process = Node.Run(() => Processing.Summarize("/mnt/data/document.txt")).After(fetch);
        Store(process.Outputs);
        return Node.NoOutputs;
    }
}

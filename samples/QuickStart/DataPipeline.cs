using Pipelines;

namespace QuickStart;

/// <summary>
/// The classic data pipeline as a DAG: fetch a document, process it in C#, store the result. A WorkflowTemplate, so
/// that the nightly CronWorkflow (Nightly.cs) and anyone with `argo submit --from workflowtemplate/data-pipeline` can
/// run it.
/// </summary>
[WorkflowTemplate("data-pipeline")]
[Label("app.kubernetes.io/part-of", "quick-start")]
public partial class DataPipeline
{
    /// <summary>Downloads the document; its text is the node's <c>result</c>.</summary>
    [Script("curlimages/curl:8.11.1", Command = ["sh"], Source = """
        curl -fsSL "{{inputs.parameters.url}}"
        """)]
    public static partial Node Fetch(string url);

    /// <summary>Writes the summary where a later job picks it up.</summary>
    [Container("busybox:1.37", Command = ["sh", "-c"], Args = ["echo \"$0\" > /tmp/summary.json && cat /tmp/summary.json", "{{inputs.parameters.summary}}"])]
    public static partial Node Store(string summary);

    /// <summary>Fetch, then process in C#, then store.</summary>
    [Dag, Entrypoint]
    public static Node Run(string url = "https://raw.githubusercontent.com/argoproj/argo-workflows/main/README.md")
    {
        var fetch = Fetch(url);
        var process = Node.Run(() => Processing.Summarize(fetch.Result));
        Store(process.Outputs);
        return Node.NoOutputs;
    }
}

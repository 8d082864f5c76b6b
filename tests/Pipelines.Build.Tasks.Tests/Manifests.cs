namespace Pipelines.Build.Tasks.Tests;

/// <summary>Manifest JSON as the generator would write it.</summary>
internal static class Manifests
{
    public const string Hello = """{"apiVersion":"argoproj.io/v1alpha1","kind":"Workflow","metadata":{"generateName":"hello-"},"spec":{"entrypoint":"main","templates":[{"name":"main","container":{"image":"alpine:3.20","command":["echo","hi"]}}]}}""";

    public const string Library = """{"apiVersion":"argoproj.io/v1alpha1","kind":"WorkflowTemplate","metadata":{"name":"library"},"spec":{"templates":[{"name":"say","inputs":{"parameters":[{"name":"message"}]},"container":{"image":"alpine:3.20","command":["echo"],"args":["{{inputs.parameters.message}}"]}}]}}""";

    public const string Nightly = """{"apiVersion":"argoproj.io/v1alpha1","kind":"CronWorkflow","metadata":{"name":"nightly"},"spec":{"schedules":["0 3 * * *"],"workflowSpec":{"entrypoint":"main","templates":[{"name":"main","steps":[[{"name":"say","templateRef":{"name":"library","template":"say"},"arguments":{"parameters":[{"name":"message","value":"night"}]}}]]}]}}}""";

    public const string Cluster = """{"apiVersion":"argoproj.io/v1alpha1","kind":"ClusterWorkflowTemplate","metadata":{"name":"shared"},"spec":{"templates":[{"name":"noop","container":{"image":"alpine:3.20"}}]}}""";

    /// <summary>Task b (tasks[1]) depends on a task that does not exist.</summary>
    public const string BadDependency = """{"apiVersion":"argoproj.io/v1alpha1","kind":"Workflow","metadata":{"name":"dag"},"spec":{"entrypoint":"main","templates":[{"name":"main","dag":{"tasks":[{"name":"a","template":"say"},{"name":"b","template":"say","dependencies":["missing"]}]}},{"name":"say","container":{"image":"alpine:3.20"}}]}}""";

    /// <summary>The container has a field Argo does not know: a generator bug.</summary>
    public const string UnknownField = """{"apiVersion":"argoproj.io/v1alpha1","kind":"Workflow","metadata":{"name":"typo"},"spec":{"entrypoint":"main","templates":[{"name":"main","container":{"image":"alpine:3.20","imagePullPolicyy":"Always"}}]}}""";

    public static string Named(string kind, string name) =>
        "{\"apiVersion\":\"argoproj.io/v1alpha1\",\"kind\":\"" + kind + "\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"entrypoint\":\"main\",\"templates\":[{\"name\":\"main\",\"container\":{\"image\":\"alpine:3.20\",\"args\":[\"" + name + "\"]}}]}}";

    public static string Echo(string name, string text) =>
        "{\"apiVersion\":\"argoproj.io/v1alpha1\",\"kind\":\"Workflow\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"entrypoint\":\"main\",\"templates\":[{\"name\":\"main\",\"container\":{\"image\":\"alpine:3.20\",\"args\":[\"" + text + "\"]}}]}}";
}

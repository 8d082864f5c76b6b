using Pipelines.Argo.Model;

namespace Pipelines.Argo.Tests.Model;

/// <summary>Objects built in code are complete manifests: apiVersion and kind are preset, and they read back.</summary>
public sealed class ArgoObjectTests
{
    [Fact]
    public void New_objects_carry_apiVersion_and_kind()
    {
        IArgoObject[] objects = [new Workflow(), new WorkflowTemplate(), new ClusterWorkflowTemplate(), new CronWorkflow()];
        foreach (var o in objects)
        {
            Assert.Equal("argoproj.io/v1alpha1", o.ApiVersion);
            Assert.Equal(o.GetType().Name, o.Kind);
        }
    }

    [Fact]
    public void A_workflow_built_in_code_writes_and_reads_back_without_findings()
    {
        var wf = new Workflow
        {
            Metadata = new ObjectMeta { GenerateName = "hello-" },
            Spec = new WorkflowSpec
            {
                Entrypoint = "main",
                Templates = [new Template { Name = "main", Container = new Container { Image = "alpine:3.20", Command = ["echo", "hello"] } }],
            },
        };

        var yaml = ArgoYaml.Write(wf);
        var file = ArgoYaml.ReadText(yaml);
        Pipelines.Argo.Validation.ArgoValidator.Validate([file]);

        Assert.Empty(file.AllFindings);
        Assert.Equal(ArgoKind.Workflow, Assert.Single(file.Documents).ArgoKind);
        Assert.StartsWith("apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  generateName: hello-\n", yaml);
    }
}

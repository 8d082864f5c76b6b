namespace Pipelines.Argo.Model;

/// <summary>The four Argo kinds this product reads and writes.</summary>
public enum ArgoKind
{
    /// <summary>A <c>Workflow</c>.</summary>
    Workflow,

    /// <summary>A <c>WorkflowTemplate</c>.</summary>
    WorkflowTemplate,

    /// <summary>A <c>ClusterWorkflowTemplate</c>.</summary>
    ClusterWorkflowTemplate,

    /// <summary>A <c>CronWorkflow</c>.</summary>
    CronWorkflow,
}

/// <summary>What the four Argo kinds have in common: apiVersion, kind and metadata.</summary>
public interface IArgoObject
{
    /// <summary>Always <c>argoproj.io/v1alpha1</c> for valid objects.</summary>
    string? ApiVersion { get; set; }

    /// <summary>The kind name.</summary>
    string? Kind { get; set; }

    /// <summary>Name, generateName, namespace, labels and annotations.</summary>
    ObjectMeta? Metadata { get; set; }
}

/// <summary>A Workflow.</summary>
public sealed partial class Workflow : IArgoObject
{
    /// <summary>Creates an empty Workflow with <c>apiVersion</c> and <c>kind</c> already set.</summary>
    public Workflow()
    {
        ApiVersion = ArgoYaml.ApiVersion;
        Kind = "Workflow";
    }
}

/// <summary>A WorkflowTemplate.</summary>
public sealed partial class WorkflowTemplate : IArgoObject
{
    /// <summary>Creates an empty WorkflowTemplate with <c>apiVersion</c> and <c>kind</c> already set.</summary>
    public WorkflowTemplate()
    {
        ApiVersion = ArgoYaml.ApiVersion;
        Kind = "WorkflowTemplate";
    }
}

/// <summary>A ClusterWorkflowTemplate.</summary>
public sealed partial class ClusterWorkflowTemplate : IArgoObject
{
    /// <summary>Creates an empty ClusterWorkflowTemplate with <c>apiVersion</c> and <c>kind</c> already set.</summary>
    public ClusterWorkflowTemplate()
    {
        ApiVersion = ArgoYaml.ApiVersion;
        Kind = "ClusterWorkflowTemplate";
    }
}

/// <summary>A CronWorkflow.</summary>
public sealed partial class CronWorkflow : IArgoObject
{
    /// <summary>Creates an empty CronWorkflow with <c>apiVersion</c> and <c>kind</c> already set.</summary>
    public CronWorkflow()
    {
        ApiVersion = ArgoYaml.ApiVersion;
        Kind = "CronWorkflow";
    }
}

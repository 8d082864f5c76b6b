using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Pipelines.Argo;

namespace Pipelines.Build.Tasks;

/// <summary>
/// Every message code of the build task: band <c>PIPE2xxx</c>. Findings of the reader (<c>PIPE3xxx</c>) and the
/// validator (<c>PIPE1xxx</c>) pass through with their own codes; these codes are for problems of the build step
/// itself. docs/build.md lists them, and a test keeps the two in step.
/// </summary>
public static class BuildCodes
{
    /// <summary>The compiled assembly is missing or is not a .NET assembly.</summary>
    public static readonly FindingDescriptor AssemblyUnreadable = new("PIPE2001", Severity.Error, "The compiled assembly cannot be read, or is not a .NET assembly.");

    /// <summary>A PipelineManifest attribute does not carry three non-null strings.</summary>
    public static readonly FindingDescriptor AttributeUnreadable = new("PIPE2002", Severity.Error, "A PipelineManifest attribute in the assembly does not carry three strings (id, manifest JSON, source map).");

    /// <summary>The source map of a manifest is not a JSON array of [fieldPath, file, line, column] entries.</summary>
    public static readonly FindingDescriptor SourceMapInvalid = new("PIPE2003", Severity.Warning, "A manifest's source map is not a JSON array of [fieldPath, file, line, column] entries; its locations are lost.");

    /// <summary>Two manifests would be written to the same file.</summary>
    public static readonly FindingDescriptor FileNameCollision = new("PIPE2004", Severity.Error, "Two manifests have the same kind and name, so they would be written to the same file.");

    /// <summary>Two PipelineManifest attributes have the same id.</summary>
    public static readonly FindingDescriptor DuplicateId = new("PIPE2005", Severity.Error, "Two PipelineManifest attributes have the same id.");

    /// <summary>The manifest has no usable name to build its file name from.</summary>
    public static readonly FindingDescriptor NoFileName = new("PIPE2006", Severity.Error, "A manifest has no metadata.name or generateName usable as a file name.");

    /// <summary>A manifest file or the state file could not be written.</summary>
    public static readonly FindingDescriptor WriteFailed = new("PIPE2007", Severity.Error, "A manifest file or the task's state file could not be written.");

    /// <summary>A file written by an earlier build could not be deleted.</summary>
    public static readonly FindingDescriptor DeleteFailed = new("PIPE2008", Severity.Warning, "A manifest file written by an earlier build and no longer produced could not be deleted.");

    /// <summary>The manifest JSON is not exactly one document of an Argo kind.</summary>
    public static readonly FindingDescriptor NotArgoManifest = new("PIPE2009", Severity.Error, "A PipelineManifest attribute does not hold exactly one Workflow, WorkflowTemplate, ClusterWorkflowTemplate or CronWorkflow.");

    /// <summary>
    /// The task cannot run: its assembly is missing, or the build runs in .NET Framework MSBuild. Reported by
    /// Pipelines.Build.targets, not by the task.
    /// </summary>
    public static readonly FindingDescriptor TasksUnavailable = new("PIPE2010", Severity.Error, "The build task cannot run: its assembly is missing, or MSBuild is not the .NET SDK's.");

    /// <summary>Verify mode: a file on disk differs from what the build would write, is missing, or would be deleted.</summary>
    public static readonly FindingDescriptor ManifestDrift = new("PIPE2011", Severity.Error, "The manifests on disk are not the ones the build produces (PipelinesVerify=true).");

    /// <summary>A kustomization.yaml that this task did not write is in the way.</summary>
    public static readonly FindingDescriptor KustomizationNotOwned = new("PIPE2012", Severity.Error, "The manifests folder holds a kustomization.yaml that the build did not write.");

    /// <summary>A namespace or common-label setting is not valid.</summary>
    public static readonly FindingDescriptor InvalidSetting = new("PIPE2013", Severity.Error, "PipelinesNamespace or PipelinesCommonLabels has a value Kubernetes does not accept.");

    /// <summary>Digest pinning: the digest PublishContainer reported is not a <c>sha256:</c> digest (runtime-image work).</summary>
    public static readonly FindingDescriptor DigestInvalid = new("PIPE2020", Severity.Error, "Digest pinning: PublishContainer reported no image digest, or not a sha256 digest, so the manifests cannot be pinned.");

    /// <summary>Digest pinning: a manifest file could not be read or rewritten.</summary>
    public static readonly FindingDescriptor PinWriteFailed = new("PIPE2021", Severity.Error, "Digest pinning: a manifest file could not be read or rewritten.");

    /// <summary>PipelinesDiagrams has a value other than mermaid, svg or empty (pictures work, docs/pictures.md).</summary>
    public static readonly FindingDescriptor DiagramsSettingInvalid = new("PIPE2200", Severity.Error, "PipelinesDiagrams is not mermaid, svg or empty.");
    /// <summary>An SLO declaration cannot be turned into rules (bad objective, window or threshold, or no metric to read).</summary>
    public static readonly FindingDescriptor SloInvalid = new("PIPE2150", Severity.Error, "An SLO declaration cannot be turned into Prometheus rules: its objective, window or threshold is not usable, or the workflow does not emit the metric it reads.");

    /// <summary>Events: a PipelineEvents attribute (the trigger of a WorkflowTemplate class) cannot be read.</summary>
    public static readonly FindingDescriptor EventsDescriptionInvalid = new("PIPE2100", Severity.Error, "A PipelineEvents attribute (an event trigger) cannot be read: it is not the JSON the source generator writes.");

    /// <summary>Events: two triggers describe one EventSource, event or ServiceAccount differently.</summary>
    public static readonly FindingDescriptor EventsConflict = new("PIPE2101", Severity.Error, "Two event triggers describe the same EventSource, event or ServiceAccount differently, or put different source types into one EventSource.");

    /// <summary>Events: the [assembly: EventBus] declaration is not usable.</summary>
    public static readonly FindingDescriptor EventBusInvalid = new("PIPE2102", Severity.Error, "The [assembly: EventBus] declaration has an unusable JetStream version or replica count.");

    /// <summary>Events: a dead-letter WorkflowTemplate is not built by this project or its references.</summary>
    public static readonly FindingDescriptor DeadLetterTemplateMissing = new("PIPE2103", Severity.Warning, "A [DeadLetterTemplate] names a WorkflowTemplate that neither this project nor its references build; it must exist in the cluster.");

    /// <summary>All codes, sorted.</summary>
    public static IReadOnlyList<FindingDescriptor> All { get; } = typeof(BuildCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(FindingDescriptor))
        .Select(f => (FindingDescriptor)f.GetValue(null)!)
        .OrderBy(d => d.Code, StringComparer.Ordinal)
        .ToArray();
}

using System;
using Microsoft.Build.Framework;

namespace Pipelines.Build.Tasks;

/// <summary>
/// Reads the Argo manifests that the Pipelines source generator embedded in a compiled assembly
/// (<c>[assembly: Pipelines.PipelineManifest(...)]</c>), validates them together, reports findings at their C#
/// locations, and writes one YAML file per manifest. Nothing is written when there are errors.
/// </summary>
public sealed partial class EmitArgoManifests : Microsoft.Build.Utilities.Task
{
    /// <summary>Creates the task with empty parameters.</summary>
    public EmitArgoManifests()
    {
        AssemblyPath = string.Empty;
        ProjectDirectory = string.Empty;
        ManifestsDirectory = string.Empty;
        StateFile = string.Empty;
        Namespace = string.Empty;
        CommonLabels = string.Empty;
        ManifestFiles = Array.Empty<ITaskItem>();
        DiagramFiles = Array.Empty<ITaskItem>();
        Diagrams = string.Empty;
        ReferenceAssemblies = Array.Empty<ITaskItem>();
    }

    /// <summary>
    /// The assemblies the project references (<c>@(ReferencePath)</c>, framework references left out). Those that carry
    /// PipelineManifest attributes (template libraries) are validated with this project's manifests, so that
    /// templateRefs into them are checked; they are never written, and their own findings are not reported here.
    /// Unreadable files are skipped.
    /// </summary>
    public ITaskItem[] ReferenceAssemblies { get; set; }

    /// <summary>The compiled assembly to read (the project's <c>@(IntermediateAssembly)</c>).</summary>
    [Required]
    public string AssemblyPath { get; set; }

    /// <summary>The project folder: source-map files are relative to it, and so is a relative <see cref="ManifestsDirectory"/>.</summary>
    [Required]
    public string ProjectDirectory { get; set; }

    /// <summary>The folder the YAML files are written to.</summary>
    [Required]
    public string ManifestsDirectory { get; set; }

    /// <summary>
    /// A file (under obj) listing the files this task wrote last time, so that files it no longer produces are deleted.
    /// Optional: without it, nothing is ever deleted.
    /// </summary>
    public string StateFile { get; set; }

    /// <summary>
    /// When true, also write <c>kustomization.yaml</c> into <see cref="ManifestsDirectory"/>, listing every manifest as a
    /// resource, so that <c>kubectl kustomize</c>, Argo CD and Flux can apply the folder. Default false (the targets turn
    /// it on through <c>PipelinesKustomization</c>).
    /// </summary>
    public bool Kustomization { get; set; }

    /// <summary>The <c>namespace</c> of the generated <c>kustomization.yaml</c>; empty for none.</summary>
    public string Namespace { get; set; }

    /// <summary>
    /// Labels that the generated <c>kustomization.yaml</c> adds to every manifest, as <c>key=value</c> pairs separated
    /// by <c>;</c> or <c>,</c>; empty for none.
    /// </summary>
    public string CommonLabels { get; set; }

    /// <summary>
    /// When true, write nothing: compare the files that would be written with the files on disk, and fail with
    /// <c>PIPE2011</c> and a diff for every file that differs, is missing or would be deleted.
    /// </summary>
    public bool Verify { get; set; }

    /// <summary>
    /// <c>mermaid</c> or <c>svg</c>: also write one diagram per manifest beside it (<c>NAME.mermaid.md</c>, a Markdown file
    /// with a Mermaid block that GitHub renders, or <c>NAME.svg</c>), so a pull request shows the picture change with
    /// the YAML change. Diagrams are not listed in <c>kustomization.yaml</c>. Empty (the default) for none; any other
    /// value is <c>PIPE2200</c>.
    /// </summary>
    public string Diagrams { get; set; }

    /// <summary>The diagram files of this run (see <see cref="Diagrams"/>), with metadata <c>ManifestId</c>. Empty when the task fails or writes none.</summary>
    [Output]
    public ITaskItem[] DiagramFiles { get; set; }

    /// <summary>
    /// The manifest files of this run, written or kept unchanged, with metadata <c>ManifestId</c> (the C# type),
    /// <c>Kind</c> and <c>ManifestName</c>. Empty when the task fails.
    /// </summary>
    [Output]
    public ITaskItem[] ManifestFiles { get; set; }
}

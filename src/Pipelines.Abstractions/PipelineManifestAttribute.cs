using System;
using System.ComponentModel;

namespace Pipelines;

/// <summary>
/// Carries one generated Argo manifest inside the compiled assembly. The source generator writes these; the build task
/// reads them with System.Reflection.Metadata (without loading the assembly), validates them and writes the YAML.
/// Not meant to be written by hand.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PipelineManifestAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="id">A stable identifier: the fully qualified name of the C# type that defines the manifest.</param>
    /// <param name="manifestJson">The manifest as JSON, in Argo's shape (apiVersion, kind, metadata, spec).</param>
    /// <param name="sourceMapJson">
    /// Where fields came from: a JSON array of <c>[fieldPath, file, line, column]</c> entries, file relative to the
    /// project folder, line and column 1-based.
    /// </param>
    public PipelineManifestAttribute(string id, string manifestJson, string sourceMapJson)
    {
        Id = id;
        ManifestJson = manifestJson;
        SourceMapJson = sourceMapJson;
    }

    /// <summary>The fully qualified name of the C# type that defines the manifest.</summary>
    public string Id { get; }

    /// <summary>The manifest as JSON, in Argo's shape.</summary>
    public string ManifestJson { get; }

    /// <summary>The source map: <c>[fieldPath, file, line, column]</c> entries.</summary>
    public string SourceMapJson { get; }
}

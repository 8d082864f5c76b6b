namespace Pipelines.Argo.Yaml;

/// <summary>
/// Limits that keep reading bounded in time and memory on hostile or broken input. The defaults are far above any
/// real manifest: Kubernetes stores an object in at most about 1.5 MiB.
/// </summary>
public sealed record YamlLimits
{
    /// <summary>The defaults.</summary>
    public static YamlLimits Default { get; } = new();

    /// <summary>Largest file accepted, in bytes (default 8 MiB).</summary>
    public long MaxFileBytes { get; init; } = 8L * 1024 * 1024;

    /// <summary>Deepest nesting of lists and mappings (default 256).</summary>
    public int MaxDepth { get; init; } = 256;

    /// <summary>Most nodes one document may expand to once aliases are followed (default 1,000,000).</summary>
    public long MaxExpandedNodes { get; init; } = 1_000_000;
}

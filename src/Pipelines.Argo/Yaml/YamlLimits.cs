namespace Pipelines.Argo.Yaml;

/// <summary>
/// Limits that keep reading bounded in time and memory on hostile or broken input. The defaults are far above any
/// real manifest: Kubernetes stores an object in at most about 1.5 MiB.
/// </summary>
public sealed record YamlLimits
{
    /// <summary>The defaults.</summary>
    public static YamlLimits Default { get; } = new();

    /// <summary>No limits: for reading back text this library wrote itself (already bounded when it was read).</summary>
    internal static YamlLimits Unbounded { get; } = new()
    {
        MaxFileBytes = long.MaxValue,
        MaxDepth = int.MaxValue,
        MaxExpandedNodes = long.MaxValue,
        MaxExpandedChars = long.MaxValue,
        MaxFindingsPerKind = int.MaxValue,
    };

    /// <summary>Largest file accepted, in bytes (default 8 MiB).</summary>
    public long MaxFileBytes { get; init; } = 8L * 1024 * 1024;

    /// <summary>Deepest nesting of lists and mappings (default 256).</summary>
    public int MaxDepth { get; init; } = 256;

    /// <summary>Most nodes one document may expand to once aliases are followed (default 1,000,000).</summary>
    public long MaxExpandedNodes { get; init; } = 1_000_000;

    /// <summary>
    /// Most characters of scalar text one document may expand to once aliases are followed (default 16 Mi): an alias of
    /// a long string repeated many times is bounded by its size, not only by its node count.
    /// </summary>
    public long MaxExpandedChars { get; init; } = 16L * 1024 * 1024;

    /// <summary>Most findings of one kind the reader reports per document (default 100); the rest are counted in one more finding.</summary>
    public int MaxFindingsPerKind { get; init; } = 100;
}

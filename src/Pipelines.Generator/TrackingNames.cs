namespace Pipelines.Generator;

/// <summary>The names of the tracked pipeline steps; tests assert their run reasons.</summary>
internal static class TrackingNames
{
    /// <summary>The build options record (project folder).</summary>
    public const string Options = nameof(Options);

    /// <summary>The parsed workflow classes (one per kind attribute; null when a class is not handled).</summary>
    public const string Workflows = nameof(Workflows);

    /// <summary>The workflow specs that will be emitted, without the parser's problems (only the analyzers read those).</summary>
    public const string Specs = nameof(Specs);

    /// <summary>The generated files (spec plus options, rendered).</summary>
    public const string Files = nameof(Files);
}

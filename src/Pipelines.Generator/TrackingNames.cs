namespace Pipelines.Generator;

/// <summary>The names of the tracked pipeline steps; tests assert their run reasons.</summary>
internal static class TrackingNames
{
    /// <summary>The build options record (project folder).</summary>
    public const string Options = nameof(Options);

    /// <summary>What each syntax tree declares and mentions, and its attributed classes (syntax only; re-run only for a changed tree).</summary>
    public const string SourceFiles = nameof(SourceFiles);

    /// <summary>Each attributed class with its dependency key; <c>Unchanged</c> when nothing it can bind to has changed.</summary>
    public const string WorkflowInputs = nameof(WorkflowInputs);

    /// <summary>The parsed workflow classes (null when a class is not handled); run only when a class's key changed.</summary>
    public const string Workflows = nameof(Workflows);

    /// <summary>The workflow specs that will be emitted, without the parser's problems (only the analyzers read those).</summary>
    public const string Specs = nameof(Specs);

    /// <summary>The generated files (spec plus options, rendered).</summary>
    public const string Files = nameof(Files);
}

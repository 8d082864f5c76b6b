namespace Pipelines.Argo.Validation;

/// <summary>How strictly to validate, mirroring the modes of Argo's own validator.</summary>
public sealed record ValidationOptions
{
    /// <summary>The defaults: lint mode.</summary>
    public static ValidationOptions Default { get; } = new();

    /// <summary>
    /// Lint mode (as <c>argo lint</c>): workflow arguments may lack values, since they can be given at submit time.
    /// Default true.
    /// </summary>
    public bool Lint { get; init; } = true;

    /// <summary>Submit mode: a WorkflowTemplate's arguments must have values. Default false.</summary>
    public bool Submit { get; init; }

    /// <summary>
    /// True (the default, as <c>argo lint</c>): a Workflow may leave both metadata.name and generateName out, since
    /// <c>argo submit --name</c> or <c>--generate-name</c> can supply one; that is a warning. False where the manifest
    /// is created exactly as written (the build's output): then it is an error, as the API server rejects it.
    /// </summary>
    public bool NameAtSubmit { get; init; } = true;
}

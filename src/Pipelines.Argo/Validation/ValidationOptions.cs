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
    /// False (the default: <c>pipelines lint</c> and the build): a Workflow with neither metadata.name nor generateName
    /// is an error (PIPE1014), as the API server rejects it when it is created as written. True where the caller gives
    /// the workflow a name itself (<c>pipelines run</c>, or <c>argo submit --name</c>/<c>--generate-name</c>; import
    /// gives it a generateName): then it is a warning.
    /// </summary>
    public bool NameAtSubmit { get; init; }
}

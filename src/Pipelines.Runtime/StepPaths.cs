using System;
using System.IO;

namespace Pipelines.Runtime;

/// <summary>
/// Where the runtime reads input artifacts and writes outputs. The default root is <c>/tmp/pipelines</c>, the folder
/// the C# step templates name; the environment variable <see cref="RootVariable"/> moves it (tests, the local runner).
/// </summary>
public sealed class StepPaths
{
    /// <summary>The environment variable that overrides <see cref="DefaultRoot"/>.</summary>
    public const string RootVariable = "PIPELINES_STEP_ROOT";

    /// <summary>The root the generated templates use.</summary>
    public const string DefaultRoot = "/tmp/pipelines";

    /// <summary>Creates the paths under <paramref name="root"/>.</summary>
    /// <param name="root">The root folder.</param>
    public StepPaths(string root) => Root = root ?? throw new ArgumentNullException(nameof(root));

    /// <summary>The root folder.</summary>
    public string Root { get; }

    /// <summary>The paths from the environment: <see cref="RootVariable"/> when set, else <see cref="DefaultRoot"/>.</summary>
    public static StepPaths FromEnvironment() =>
        new(Environment.GetEnvironmentVariable(RootVariable) is { Length: > 0 } root ? root : DefaultRoot);

    /// <summary>The file an output parameter is written to.</summary>
    /// <param name="name">The output name.</param>
    public string OutputParameter(string name) => Path.Combine(Root, "outputs", "parameters", name);

    /// <summary>The file an output artifact is written to.</summary>
    /// <param name="name">The output name.</param>
    public string OutputArtifact(string name) => Path.Combine(Root, "outputs", "artifacts", name);

    /// <summary>The file an input artifact is read from.</summary>
    /// <param name="name">The input name.</param>
    public string InputArtifact(string name) => Path.Combine(Root, "inputs", "artifacts", name);
}

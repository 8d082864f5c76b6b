using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Pipelines.Runtime.Tests;

/// <summary>The outcome of one host run: exit code, stdout, stderr, and the output root it used.</summary>
internal sealed record HostRun(int ExitCode, string Out, string Error, string Root)
{
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public string Output(string kind, string name) => File.ReadAllText(Path.Combine(Root, "outputs", kind, name));

    public byte[] OutputBytes(string kind, string name) => File.ReadAllBytes(Path.Combine(Root, "outputs", kind, name));

    public bool HasOutput(string kind, string name) => File.Exists(Path.Combine(Root, "outputs", kind, name));

    public string Result => Output("parameters", "result");
}

/// <summary>Runs the host against the generated step table (or given steps) with a fresh output root.</summary>
internal static class HostHarness
{
    public static IReadOnlyList<StepDefinition> Generated { get; } = Pipelines.Generated.PipelinesSteps.All();

    public static string NewRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), "pipelines-runtime-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        return root;
    }

    public static Task<HostRun> RunAsync(params string[] args) => RunAsync(Generated, NewRoot(), default, args);

    public static async Task<HostRun> RunAsync(IReadOnlyList<StepDefinition> steps, string root, CancellationToken cancellationToken, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await PipelineHost.RunAsync(args, steps, new StepHostOptions { Out = stdout, Error = stderr, Paths = new StepPaths(root), CancellationToken = cancellationToken });
        return new HostRun(code, stdout.ToString().Replace("\r\n", "\n", StringComparison.Ordinal), stderr.ToString().Replace("\r\n", "\n", StringComparison.Ordinal), root);
    }
}

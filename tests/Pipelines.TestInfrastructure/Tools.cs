using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace Pipelines.Testing;

/// <summary>
/// External tools some tests run (promtool from Debian's <c>prometheus</c> package...): found on PATH. Tests that need
/// one use <see cref="ToolFactAttribute"/>: skipped with a message naming the Debian package when the tool is absent,
/// except under CI=true, where they run and fail.
/// </summary>
public static class Tools
{
    /// <summary>The full path of an executable on PATH, or null.</summary>
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    /// <summary>The message for a missing tool.</summary>
    public static string MissingMessage(string tool, string package) =>
        $"{tool} not found on PATH: install the Debian package '{package}' (apt-get install {package})";

    /// <summary>The path of a tool, failing with the install hint when it is missing (reached only under CI=true or when asked).</summary>
    public static string Require(string tool, string package) =>
        Find(tool) ?? throw new InvalidOperationException(MissingMessage(tool, package));

    /// <summary>Runs a tool to completion; returns its exit code and its standard output and error together.</summary>
    public static (int ExitCode, string Output) Run(string tool, string package, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Require(tool, package))
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }
}

/// <summary>A fact that needs an external tool: skipped (naming the Debian package) when it is missing, unless CI=true.</summary>
public sealed class ToolFactAttribute : FactAttribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="tool">The executable, for example <c>promtool</c>.</param>
    /// <param name="package">The Debian package that provides it, for example <c>prometheus</c>.</param>
    public ToolFactAttribute(string tool, string package)
    {
        if (Tools.Find(tool) is null && !Corpus.IsCi)
        {
            Skip = Tools.MissingMessage(tool, package);
        }
    }
}

/// <summary>A theory that needs an external tool (see <see cref="ToolFactAttribute"/>).</summary>
public sealed class ToolTheoryAttribute : TheoryAttribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="tool">The executable.</param>
    /// <param name="package">The Debian package that provides it.</param>
    public ToolTheoryAttribute(string tool, string package)
    {
        if (Tools.Find(tool) is null && !Corpus.IsCi)
        {
            Skip = Tools.MissingMessage(tool, package);
        }
    }
}

using System;
using System.IO;

namespace Pipelines.Testing;

/// <summary>
/// Finds external programs (Graphviz's dot, Chromium, ...) on PATH. Tests that need one use
/// <see cref="ToolFactAttribute"/>: skipped, with a message naming the Debian package, when it is absent, except under
/// CI=true, where they run and fail.
/// </summary>
public static class RequiredTool
{
    /// <summary>The full path of <paramref name="program"/> on PATH, or null.</summary>
    public static string? Find(string program)
    {
        if (Path.IsPathRooted(program))
        {
            return File.Exists(program) ? program : null;
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The message of a missing tool.</summary>
    public static string MissingMessage(string program, string debianPackage) =>
        $"'{program}' is not on PATH: install the Debian package {debianPackage} (apt-get install {debianPackage})";

    /// <summary>The full path of <paramref name="program"/>; fails with the install hint when it is absent (only reached under CI=true).</summary>
    public static string Require(string program, string debianPackage) =>
        Find(program) ?? throw new Xunit.Sdk.XunitException(MissingMessage(program, debianPackage));
}

/// <summary>A fact that needs an external program.</summary>
public sealed class ToolFactAttribute : FactAttribute
{
    /// <summary>Skips the fact when <paramref name="program"/> is not on PATH, outside CI.</summary>
    public ToolFactAttribute(string program, string debianPackage)
    {
        if (RequiredTool.Find(program) is null && !Corpus.IsCi)
        {
            Skip = RequiredTool.MissingMessage(program, debianPackage);
        }
    }
}

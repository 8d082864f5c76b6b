using System;
using System.IO;

namespace Pipelines.Cli.Tests;

/// <summary>
/// Finds Argo's reference corpus with the same rules as Pipelines.Argo.Tests' Corpus: $ARGO_CORPUS_DIR, else
/// ../shared/third_party/argo-workflows beside the repository. <see cref="CorpusFactAttribute"/> skips, with a message
/// naming the path, when it is absent, except under CI=true, where the test runs and fails.
/// </summary>
public static class Corpus
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Directory { get; } =
        Environment.GetEnvironmentVariable("ARGO_CORPUS_DIR") is { Length: > 0 } env
            ? Path.GetFullPath(env)
            : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "third_party", "argo-workflows"));

    public static bool Exists => System.IO.Directory.Exists(ExamplesDirectory) && File.Exists(Path.Combine(Directory, "schema.json"));

    public static string ExamplesDirectory => Path.Combine(Directory, "examples");

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string MissingMessage => $"Argo corpus not found at {Directory} (set ARGO_CORPUS_DIR to its folder)";

    public static void Require()
    {
        if (!Exists)
        {
            Assert.Fail(MissingMessage);
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pipelines.Compiler.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (Pipelines.Compiler.sln) above " + AppContext.BaseDirectory);
    }
}

/// <summary>A fact that needs the Argo corpus.</summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        if (!Corpus.Exists && !Corpus.IsCi)
        {
            Skip = Corpus.MissingMessage;
        }
    }
}

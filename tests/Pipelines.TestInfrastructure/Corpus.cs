using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Pipelines.Testing;

/// <summary>
/// Finds Argo's reference corpus: $ARGO_CORPUS_DIR, else ../shared/third_party/argo-workflows beside the repository.
/// Tests that need it use <see cref="CorpusFactAttribute"/>/<see cref="CorpusTheoryAttribute"/>: they are skipped, with a
/// message naming the path, when it is absent, except under CI=true, where they run and fail.
/// </summary>
public static class Corpus
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Directory { get; } =
        Environment.GetEnvironmentVariable("ARGO_CORPUS_DIR") is { Length: > 0 } env
            ? Path.GetFullPath(env)
            : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "third_party", "argo-workflows"));

    public static bool Exists => System.IO.Directory.Exists(ExamplesDirectory) && File.Exists(SchemaPath);

    public static string ExamplesDirectory => Path.Combine(Directory, "examples");

    public static string SchemaPath => Path.Combine(Directory, "schema.json");

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string MissingMessage => $"Argo corpus not found at {Directory} (set ARGO_CORPUS_DIR to its folder)";

    /// <summary>Fails with a clear message when the corpus is missing (only reached under CI=true).</summary>
    public static void Require()
    {
        if (!Exists)
        {
            Assert.Fail(MissingMessage);
        }
    }

    /// <summary>Every example file, relative to the examples folder, sorted.</summary>
    public static IEnumerable<string> ExampleFiles() =>
        !System.IO.Directory.Exists(ExamplesDirectory)
            ? []
            : System.IO.Directory.EnumerateFiles(ExamplesDirectory, "*.*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
                .Select(f => Path.GetRelativePath(ExamplesDirectory, f).Replace('\\', '/'))
                .OrderBy(f => f, StringComparer.Ordinal);

    /// <summary>Theory data: every example file (one placeholder row when the corpus is absent, so the test reports it).</summary>
    public static TheoryData<string> ExampleFileData()
    {
        var data = new TheoryData<string>();
        foreach (var f in ExampleFiles())
        {
            data.Add(f);
        }

        if (data.Count == 0)
        {
            data.Add("(corpus missing)");
        }

        return data;
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

/// <summary>A theory that needs the Argo corpus.</summary>
public sealed class CorpusTheoryAttribute : TheoryAttribute
{
    public CorpusTheoryAttribute()
    {
        if (!Corpus.Exists && !Corpus.IsCi)
        {
            Skip = Corpus.MissingMessage;
        }
    }
}

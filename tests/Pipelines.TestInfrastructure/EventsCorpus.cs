using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Pipelines.Testing;

/// <summary>
/// Finds Argo Events' reference corpus (schema.json, examples/, testdata/): $ARGO_EVENTS_CORPUS_DIR, else
/// ../shared/third_party/argo-events beside the repository. Tests that need it use
/// <see cref="EventsCorpusFactAttribute"/>/<see cref="EventsCorpusTheoryAttribute"/>: skipped with a message naming the path
/// when it is absent, except under CI=true, where they run and fail.
/// </summary>
public static class EventsCorpus
{
    public static string Directory { get; } =
        Environment.GetEnvironmentVariable("ARGO_EVENTS_CORPUS_DIR") is { Length: > 0 } env
            ? Path.GetFullPath(env)
            : Path.GetFullPath(Path.Combine(Corpus.RepoRoot, "..", "shared", "third_party", "argo-events"));

    public static string SchemaPath => Path.Combine(Directory, "schema.json");

    public static bool Exists => File.Exists(SchemaPath) && System.IO.Directory.Exists(Path.Combine(Directory, "examples"));

    public static string MissingMessage => $"Argo Events corpus not found at {Directory} (set ARGO_EVENTS_CORPUS_DIR to its folder)";

    /// <summary>Fails with a clear message when the corpus is missing (only reached under CI=true).</summary>
    public static void Require()
    {
        if (!Exists)
        {
            Assert.Fail(MissingMessage);
        }
    }

    /// <summary>Every manifest under examples/ and testdata/, relative to the corpus folder, sorted.</summary>
    public static IEnumerable<string> ManifestFiles() =>
        new[] { "examples", "testdata" }
            .Select(d => Path.Combine(Directory, d))
            .Where(System.IO.Directory.Exists)
            .SelectMany(d => System.IO.Directory.EnumerateFiles(d, "*.*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Directory, f).Replace('\\', '/'))
            .OrderBy(f => f, StringComparer.Ordinal);

    /// <summary>Theory data: every manifest file (one placeholder row when the corpus is absent, so the test reports it).</summary>
    public static TheoryData<string> ManifestFileData()
    {
        var data = new TheoryData<string>();
        foreach (var f in ManifestFiles())
        {
            data.Add(f);
        }

        if (data.Count == 0)
        {
            data.Add("(corpus missing)");
        }

        return data;
    }
}

/// <summary>A fact that needs the Argo Events corpus.</summary>
public sealed class EventsCorpusFactAttribute : FactAttribute
{
    public EventsCorpusFactAttribute()
    {
        if (!EventsCorpus.Exists && !Corpus.IsCi)
        {
            Skip = EventsCorpus.MissingMessage;
        }
    }
}

/// <summary>A theory that needs the Argo Events corpus.</summary>
public sealed class EventsCorpusTheoryAttribute : TheoryAttribute
{
    public EventsCorpusTheoryAttribute()
    {
        if (!EventsCorpus.Exists && !Corpus.IsCi)
        {
            Skip = EventsCorpus.MissingMessage;
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Pipelines.Argo;

namespace Pipelines.Benchmarks;

/// <summary>Argo's example corpus held in memory: every file's bytes, plus the files read once for the validate/write benchmarks.</summary>
public sealed class CorpusData
{
    private CorpusData(string examples, List<(string Path, byte[] Bytes)> files)
    {
        ExamplesDirectory = examples;
        Files = files;
        Read = ReadAll();
        ArgoDocuments = Read.Sum(f => f.Documents.Count(d => d.ArgoKind is not null));
        ReadingFindings = Read.SelectMany(f => f.Documents).Select(d => d.Findings.Count).ToList();
    }

    public string ExamplesDirectory { get; }

    public List<(string Path, byte[] Bytes)> Files { get; }

    /// <summary>The corpus read once (for benchmarks that start from the model).</summary>
    public List<ManifestFile> Read { get; }

    /// <summary>How many findings reading gave each document of <see cref="Read"/>, in order.</summary>
    public List<int> ReadingFindings { get; }

    /// <summary>Argo documents in the corpus (223 for Argo v4.1.2).</summary>
    public int ArgoDocuments { get; }

    public static CorpusData Load()
    {
        var dir = FindExamples();
        var files = Directory.EnumerateFiles(dir, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => (Path.GetRelativePath(dir, f), File.ReadAllBytes(f)))
            .ToList();
        return new CorpusData(dir, files);
    }

    public List<ManifestFile> ReadAll()
    {
        var result = new List<ManifestFile>(Files.Count);
        foreach (var (path, bytes) in Files)
        {
            result.Add(ArgoYaml.ReadBytes(path, bytes));
        }

        return result;
    }

    // $ARGO_CORPUS_DIR, else ../shared/third_party/argo-workflows beside the repository (as the tests find it).
    private static string FindExamples()
    {
        if (Environment.GetEnvironmentVariable("ARGO_CORPUS_DIR") is { Length: > 0 } env)
        {
            return Path.Combine(Path.GetFullPath(env), "examples");
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Pipelines.Compiler.sln")))
                {
                    var examples = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "third_party", "argo-workflows", "examples"));
                    if (Directory.Exists(examples))
                    {
                        return examples;
                    }
                }
            }
        }

        throw new DirectoryNotFoundException("Argo corpus not found: set ARGO_CORPUS_DIR to the folder holding examples/ and schema.json");
    }
}

using System;
using System.IO;
using System.Linq;
using Pipelines.Argo;

namespace Pipelines.Import.Tests;

/// <summary>
/// The whole corpus, in memory: every Argo document imports without findings, its C# compiles with the generator to a
/// manifest equal to the document, and importing those manifests again gives the same C#. (tests/e2e/import-corpus.sh
/// does the same through the CLI and MSBuild.)
/// </summary>
public sealed class CorpusImportTests
{
    [CorpusFact]
    public void Every_corpus_document_round_trips_and_re_imports_to_the_same_csharp()
    {
        Corpus.Require();
        var sources = Corpus.ExampleFiles().Select(f => ArgoYaml.ReadFile(Path.Combine(Corpus.ExamplesDirectory, f))).ToList();
        var result = Importer.Import(sources, new ImportOptions("Imported"));
        // The only notes: documents of other kinds, and the two upstream Workflows without any name (fun-with-gifs,
        // k8s-jobs), which are given a generateName since a C# workflow must name itself.
        var notes = result.Findings.Where(f => f.Finding.Code != ImportCodes.OtherKind.Code).ToList();
        Assert.Equal(
            ["fun-with-gifs.yaml", "k8s-jobs.yaml"],
            notes.Select(f => Path.GetFileName(f.File)).OrderBy(f => f, StringComparer.Ordinal).ToArray());
        Assert.All(notes, f => Assert.Equal(ImportCodes.NotExact.Code, f.Finding.Code));
        Assert.Equal(223, result.Files.Count);
        RoundTrip.AssertManifests(sources, result);

        // Idempotence: the generated manifests import to byte-identical C#. The generator writes no comments into the
        // manifests, so the C# to compare with is the import without the carried YAML comments; that differs from the
        // import with them only in // lines.
        var (manifests, _) = RoundTrip.Build(result.Files);
        var again = Importer.Import(manifests.OrderBy(m => m.Key, System.StringComparer.Ordinal).Select(m => ArgoYaml.ReadText(m.Value, m.Key)).ToList(), new ImportOptions("Imported"));
        var plain = Importer.Import(Corpus.ExampleFiles().Select(f => ArgoYaml.ReadFile(Path.Combine(Corpus.ExamplesDirectory, f))).ToList(), new ImportOptions("Imported", Comments: false));
        Assert.Equal(plain.Files.Select(f => f.FileName), again.Files.Select(f => f.FileName));
        Assert.Equal(result.Files.Select(f => f.FileName), plain.Files.Select(f => f.FileName));
        foreach (var (first, second) in plain.Files.Zip(again.Files))
        {
            Assert.Equal(first.Content, second.Content);
        }

        static string WithoutComments(string code) => string.Join("\n", code.Split('\n').Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal)));
        foreach (var (commented, uncommented) in result.Files.Zip(plain.Files))
        {
            Assert.Equal(WithoutComments(uncommented.Content), WithoutComments(commented.Content));
        }

        // Comments are carried: most corpus files have some.
        Assert.True(result.Files.Count(f => f.Content != plain.Files.Single(p => p.FileName == f.FileName).Content) > 100);
    }
}

using System.IO;
using System.Linq;
using Pipelines.Argo.Yaml;

namespace Pipelines.Argo.Tests;

/// <summary>Every example of Argo's corpus reads without errors, formats to the same data, and formats stably.</summary>
public sealed class CorpusRoundTripTests
{
    [CorpusTheory]
    [MemberData(nameof(Corpus.ExampleFileData), MemberType = typeof(Corpus))]
    public void Example_reads_without_errors_and_formats_to_the_same_data(string relativePath)
    {
        Corpus.Require();
        var file = ArgoYaml.ReadFile(Path.Combine(Corpus.ExamplesDirectory, relativePath));
        var errors = file.AllFindings.Where(f => f.Severity == Severity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        var formatted = ArgoYaml.Format(file);
        Assert.NotNull(formatted);
        var again = ArgoYaml.ReadText(formatted, relativePath);
        Assert.Empty(again.AllFindings);
        Assert.Equal(file.Documents.Count, again.Documents.Count);
        for (var i = 0; i < file.Documents.Count; i++)
        {
            Assert.Equal(YamlData.Canonical(file.Documents[i].Root), YamlData.Canonical(again.Documents[i].Root));
        }

        Assert.Equal(formatted, ArgoYaml.Format(again));
    }

    [CorpusFact]
    public void Corpus_has_223_Argo_documents()
    {
        Corpus.Require();
        var count = Corpus.ExampleFiles()
            .Select(f => ArgoYaml.ReadFile(Path.Combine(Corpus.ExamplesDirectory, f)))
            .Sum(f => f.Documents.Count(d => d.ArgoKind is not null));
        Assert.Equal(223, count);
    }
}

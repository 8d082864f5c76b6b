using System.IO;
using System.Linq;
using Pipelines.Argo.Validation;
using Xunit.Abstractions;

namespace Pipelines.Argo.Tests.Validation;

/// <summary>
/// Every Argo example is valid for Argo, so validating the whole corpus together reports no error but two: the two
/// upstream Workflows with neither metadata.name nor generateName (fun-with-gifs.yaml, k8s-jobs.yaml), which argo lint
/// accepts but the API server rejects as written (PIPE1014, issue 19 item 16).
/// </summary>
public sealed class CorpusValidationTests(ITestOutputHelper output)
{
    [CorpusFact]
    public void Corpus_validates_without_errors_but_the_two_unnamed_workflows()
    {
        Corpus.Require();
        var files = Corpus.ExampleFiles()
            .Select(f => ArgoYaml.ReadFile(Path.Combine(Corpus.ExamplesDirectory, f)))
            .ToList();
        var before = files.Sum(f => f.AllFindings.Count());

        ArgoValidator.Validate(files);

        var findings = files
            .SelectMany(f => f.AllFindings.Skip(0).Select(x => Path.GetFileName(f.Path) + ":" + x))
            .ToList();
        foreach (var f in findings)
        {
            output.WriteLine(f);
        }

        var errors = files
            .SelectMany(f => f.AllFindings.Where(x => x.Severity == Severity.Error).Select(x => Path.GetFileName(f.Path) + ":" + x))
            .ToList();
        var unnamed = files
            .SelectMany(f => f.AllFindings.Where(x => x.Severity == Severity.Error && x.Code == FindingCodes.ObjectNameMissing.Code).Select(_ => Path.GetFileName(f.Path)))
            .OrderBy(n => n, System.StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(new[] { "fun-with-gifs.yaml", "k8s-jobs.yaml" }, unnamed);
        var others = errors.Where(e => !e.Contains(" " + FindingCodes.ObjectNameMissing.Code + ":", System.StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 2 && others.Count == 0, "Argo accepts every example, but the validator reported:\n" + string.Join("\n", errors));
        Assert.True(findings.Count >= before);
    }

    [CorpusFact]
    public void Corpus_documents_are_all_validated()
    {
        Corpus.Require();
        var files = Corpus.ExampleFiles()
            .Select(f => ArgoYaml.ReadFile(Path.Combine(Corpus.ExamplesDirectory, f)))
            .ToList();
        var documents = files.SelectMany(f => f.Documents).Where(d => d.ArgoKind is not null).ToList();
        Assert.Equal(223, documents.Count);
        Assert.All(documents, d => Assert.False(d.HasErrors, d.Name));
    }
}

using System;
using System.IO;
using System.Linq;
using Pipelines.Argo.Validation;
using Xunit.Abstractions;

namespace Pipelines.Argo.Tests.Validation.Flow;

/// <summary>Every example of Argo's corpus is valid for Argo, so the flow rules must report no error on any of them.</summary>
public sealed class FlowCorpusTests(ITestOutputHelper output)
{
    private static bool IsFlowCode(string code) =>
        code.Length == 8 && code.StartsWith("PIPE1", StringComparison.Ordinal) && code[5] >= '5' && code[5] <= '9';

    [CorpusFact]
    public void Corpus_has_no_flow_errors()
    {
        Corpus.Require();
        var files = Corpus.ExampleFiles().Select(f => ArgoYaml.ReadFile(Path.Combine(Corpus.ExamplesDirectory, f))).ToList();
        Assert.True(files.Sum(f => f.Documents.Count(d => d.ArgoKind is not null)) >= 223);
        ArgoValidator.Validate(files);

        var flow = files
            .SelectMany(f => f.Documents.SelectMany(d => d.Findings.Select(x => (File: Path.GetFileName(f.Path), Finding: x))))
            .Where(x => IsFlowCode(x.Finding.Code))
            .ToList();
        foreach (var (file, finding) in flow)
        {
            output.WriteLine($"{file}: {finding}");
        }

        var errors = flow.Where(x => x.Finding.Severity == Severity.Error).Select(x => $"{x.File}: {x.Finding}").ToList();
        Assert.True(errors.Count == 0, "Flow errors on valid corpus files:\n" + string.Join("\n", errors));
    }

    [CorpusFact]
    public void A_typo_in_a_corpus_example_is_caught()
    {
        Corpus.Require();
        var text = File.ReadAllText(Path.Combine(Corpus.ExamplesDirectory, "variables-showcase.yaml"))
            .Replace("{{workflow.parameters.target}}", "{{workflow.parameters.targte}}", StringComparison.Ordinal)
            .Replace("{{tasks.a.outputs.result}}", "{{tasks.a.outputs.reslt}}", StringComparison.Ordinal);
        var file = ArgoYaml.ReadText(text, "variables-showcase.yaml");
        ArgoValidator.Validate(new[] { file });
        var errors = file.Documents.SelectMany(d => d.Findings).Where(f => IsFlowCode(f.Code) && f.Severity == Severity.Error).ToList();
        Assert.Equal(2, errors.Count(e => e.Code == FindingCodes.UnresolvedWorkflowParameter.Code && e.Path == "spec.templates[1].script.source"));
        Assert.Single(errors, e => e.Code == FindingCodes.UnresolvedTaskReference.Code && e.Path == "spec.templates[4].dag.tasks[2].arguments.parameters[8].value");
        Assert.Equal(3, errors.Count);
    }
}

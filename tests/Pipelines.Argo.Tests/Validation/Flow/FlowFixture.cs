using System;
using System.Collections.Generic;
using System.Linq;
using Pipelines.Argo.Validation;

namespace Pipelines.Argo.Tests.Validation.Flow;

/// <summary>Reads YAML fixtures, validates them together and returns the flow findings (codes PIPE1500 to PIPE1999).</summary>
internal static class FlowFixture
{
    public static List<Finding> Validate(string yaml)
    {
        var file = ArgoYaml.ReadText(yaml.Replace("\t", "  ", StringComparison.Ordinal), "fixture.yaml");
        var readErrors = file.AllFindings.Where(f => f.Severity == Severity.Error).ToList();
        Assert.True(readErrors.Count == 0, "fixture does not read cleanly:\n" + string.Join("\n", readErrors));
        ArgoValidator.Validate(new[] { file });
        return file.Documents.SelectMany(d => d.Findings).Where(f => IsFlow(f.Code)).ToList();
    }

    public static bool IsFlow(string code) =>
        code.Length == 8 && code.StartsWith("PIPE1", StringComparison.Ordinal) && code[5] >= '5' && code[5] <= '9';

    /// <summary>Asserts exactly one finding: its code, severity and path; returns it.</summary>
    public static Finding Single(string yaml, FindingDescriptor code, string path, Severity? severity = null)
    {
        var findings = Validate(yaml);
        Assert.True(findings.Count == 1, "expected one finding, got:\n" + string.Join("\n", findings));
        var f = findings[0];
        Assert.Equal(code.Code, f.Code);
        Assert.Equal(path, f.Path);
        Assert.Equal(severity ?? code.Severity, f.Severity);
        return f;
    }

    public static void None(string yaml)
    {
        var findings = Validate(yaml);
        Assert.True(findings.Count == 0, "expected no flow finding, got:\n" + string.Join("\n", findings));
    }

    /// <summary>A Workflow whose spec.templates is <paramref name="templates"/> (YAML indented by four spaces).</summary>
    public static string Workflow(string templates, string extraSpec = "") =>
        "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  name: wf\nspec:\n  entrypoint: main\n" + extraSpec + "  templates:\n" + templates;
}

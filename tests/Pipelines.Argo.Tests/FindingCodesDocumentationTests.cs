using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Pipelines.Argo.Tests;

/// <summary>Finding codes are product surface: unique, well-formed, in their band, and all listed in docs/lint-codes.md.</summary>
public sealed class FindingCodesDocumentationTests
{
    private static readonly string DocPath = Path.Combine(Corpus.RepoRoot, "docs", "lint-codes.md");

    [Fact]
    public void Codes_are_unique_well_formed_and_in_their_band()
    {
        var codes = FindingCodes.All.Select(d => d.Code).ToList();
        Assert.NotEmpty(codes);
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, c => Assert.Matches(new Regex("^PIPE[135][0-9]{3}$"), c));
        Assert.All(FindingCodes.All, d => Assert.False(string.IsNullOrWhiteSpace(d.Title), d.Code + " has no title"));
    }

    [Fact]
    public void Docs_list_every_code()
    {
        var expected = Render();
        if (Environment.GetEnvironmentVariable("PIPELINES_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(DocPath, expected);
        }

        var actual = File.Exists(DocPath) ? File.ReadAllText(DocPath).Replace("\r\n", "\n") : string.Empty;
        Assert.True(
            expected == actual,
            "docs/lint-codes.md is out of date with FindingCodes. Regenerate it with: PIPELINES_UPDATE_DOCS=1 dotnet test tests/Pipelines.Argo.Tests --filter Docs_list_every_code");
    }

    private static string Render()
    {
        var sb = new StringBuilder();
        sb.Append("# Finding codes of `pipelines lint`\n\n");
        sb.Append("Every finding that the reader and the validator report has a stable code. Bands: `PIPE1xxx` Argo's\n");
        sb.Append("validation rules (the rule column names the rule in Argo's validation, as summarised in the project's\n");
        sb.Append("ARGO-RULES reference), `PIPE3xxx` reading manifests (YAML syntax, strict decoding, limits), `PIPE5xxx`\n");
        sb.Append("Argo Events objects (rules of the project's Argo Events guide, section 9; see docs/events.md).\n");
        sb.Append("Verdicts follow Argo Workflows v4.1.2: a finding is an error only where Argo rejects the manifest (its\n");
        sb.Append("validator, `workflow/validate/validate.go` and what it calls, or the controller when the run starts, or Go\n");
        sb.Append("decoding). Rules that only the full CRD schema or Kubernetes enforces, and problems Argo accepts but that fail\n");
        sb.Append("or surprise at run time, are warnings; `--strict` turns every warning into an error. The Argo source column\n");
        sb.Append("names the Go function behind each rule (functions without a file name are in validate.go).\n\n");
        sb.Append("This page is generated from `FindingCodes`; a test keeps it in step.\n\n");
        sb.Append("| Code | Severity | Rule | What it means | Argo source |\n|---|---|---|---|---|\n");
        foreach (var d in FindingCodes.All)
        {
            sb.Append("| ").Append(d.Code).Append(" | ").Append(d.Severity == Severity.Error ? "error" : "warning").Append(" | ")
                .Append(d.Rule.Length == 0 ? "-" : d.Rule).Append(" | ").Append(d.Title.Replace("|", "\\|"))
                .Append(" | ").Append(d.Source.Length == 0 ? "-" : d.Source.Replace("|", "\\|")).Append(" |\n");
        }

        return sb.ToString();
    }
}

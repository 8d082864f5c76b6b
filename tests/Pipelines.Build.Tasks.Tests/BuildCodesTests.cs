using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Pipelines.Argo;

namespace Pipelines.Build.Tasks.Tests;

/// <summary>The task's codes are product surface: unique, in the build bands (PIPE20xx the build step, PIPE2100-2149 events, PIPE2150-2199 SLO rules and dashboards, PIPE2200-2249 diagrams), and documented in docs/build.md.</summary>
public sealed class BuildCodesTests
{
    [Fact]
    public void Codes_are_unique_and_in_the_build_band()
    {
        var codes = BuildCodes.All.Select(d => d.Code).ToList();
        Assert.True(codes.Count >= 10, "expected the full list of codes");
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, c => Assert.Matches(new Regex("^PIPE(20[0-9]{2}|21[0-9]{2}|22[0-4][0-9])$"), c));
        Assert.Empty(codes.Intersect(FindingCodes.All.Select(d => d.Code), StringComparer.Ordinal));
    }

    [Fact]
    public void Docs_list_every_code_with_its_severity()
    {
        var doc = File.ReadAllText(Path.Combine(Corpus.RepoRoot, "docs", "build.md"));
        foreach (var code in BuildCodes.All)
        {
            var severity = code.Severity == Severity.Error ? "error" : "warning";
            Assert.Contains($"| {code.Code} | {severity} |", doc, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Targets_report_PIPE2010_and_use_only_prefixed_names()
    {
        var folder = Path.Combine(Corpus.RepoRoot, "msbuild", "Pipelines.Build.Tasks", "build");
        var targets = File.ReadAllText(Path.Combine(folder, "Pipelines.Build.targets"));
        Assert.Contains($"Code=\"{BuildCodes.TasksUnavailable.Code}\"", targets, StringComparison.Ordinal);

        foreach (var file in new[] { "Pipelines.Build.props", "Pipelines.Build.targets" })
        {
            var text = File.ReadAllText(Path.Combine(folder, file));
            var defined = Regex.Matches(text, "<(?:Target Name=\"|)([A-Za-z_]+)[ >\"]")
                .Select(m => m.Groups[1].Value)
                .Where(n => n.Contains("Pipelines", StringComparison.Ordinal) || n.StartsWith('_'));
            Assert.All(defined, n => Assert.True(n.StartsWith("Pipelines", StringComparison.Ordinal) || n.StartsWith("_Pipelines", StringComparison.Ordinal), $"{file}: {n}"));
        }
    }
}

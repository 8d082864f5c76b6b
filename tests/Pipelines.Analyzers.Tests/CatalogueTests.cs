using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Pipelines.Analyzers.Tests;

/// <summary>Keeps the descriptors, the release-tracking file, the doc pages, docs/diagnostics.md and the tests in step.</summary>
public sealed class CatalogueTests
{
    private static readonly string[] Bands = ["40", "41", "42", "43", "44", "45", "46", "47", "48", "49"];

    // From the repository root, not [CallerFilePath]: CI builds map source paths to /_/.
    private static string Root() => Pipelines.Testing.Corpus.RepoRoot;

    private static IReadOnlyList<string> Ids => DiagnosticDescriptors.All.Select(d => d.Id).ToList();

    [Fact]
    public void Ids_AreUniqueAndInTheirBands()
    {
        Assert.Equal(Ids.Count, Ids.Distinct().Count());
        Assert.True(Ids.Count >= 25, "at least 25 diagnostic IDs");
        Assert.All(Ids, id => Assert.Matches("^PIPE4[0-9]{3}$", id));
        Assert.All(Ids, id => Assert.Contains(id.Substring(4, 2), Bands));
    }

    [Fact]
    public void Analyzer_SupportsEveryDescriptor()
    {
        var supported = new PipelinesAnalyzer().SupportedDiagnostics.Select(d => d.Id).ToHashSet();
        var declared = typeof(DiagnosticDescriptors).GetFields().Where(f => f.FieldType == typeof(Microsoft.CodeAnalysis.DiagnosticDescriptor)).Select(f => ((Microsoft.CodeAnalysis.DiagnosticDescriptor)f.GetValue(null)!).Id).ToHashSet();
        Assert.Equal(declared.OrderBy(x => x, StringComparer.Ordinal), supported.OrderBy(x => x, StringComparer.Ordinal));
    }

    [Fact]
    public void EveryDescriptor_HasItsHelpLinkAndAPage()
    {
        foreach (var d in DiagnosticDescriptors.All)
        {
            Assert.Equal(DiagnosticDescriptors.HelpLinkBase + d.Id + ".md", d.HelpLinkUri);
            var page = Path.Combine(Root(), "analyzers", "docs", d.Id + ".md");
            Assert.True(File.Exists(page), "missing page " + page);
            var text = File.ReadAllText(page);
            Assert.StartsWith("# " + d.Id + ": ", text, StringComparison.Ordinal);
            foreach (var section in new[] { "## What it finds", "## Why it matters", "## Bad", "## Fixed", "## How to suppress" })
            {
                Assert.True(text.Contains(section, StringComparison.Ordinal), d.Id + " page lacks " + section);
            }

            Assert.True(Regex.Matches(text, "```(cs|xml)").Count >= 2, d.Id + " page needs a bad and a fixed example");
        }

        var pages = Directory.GetFiles(Path.Combine(Root(), "analyzers", "docs"), "PIPE*.md").Select(Path.GetFileNameWithoutExtension);
        Assert.Equal(Ids.OrderBy(x => x, StringComparer.Ordinal), pages.OrderBy(x => x, StringComparer.Ordinal));
    }

    [Fact]
    public void HelpLinks_AreUnderTheRepositoryUrlOfTheBuild()
    {
        // The address is written once, as the RepositoryUrl MSBuild property; the packages carry the same value.
        var url = System.Xml.Linq.XDocument.Load(Path.Combine(Root(), "Directory.Build.props")).Descendants("RepositoryUrl").Single().Value;
        Assert.StartsWith("https://", url, StringComparison.Ordinal);
        Assert.Equal(DiagnosticDescriptors.HelpLinkBase, url.TrimEnd('/') + "/blob/main/analyzers/docs/");
    }

    [Fact]
    public void ReleaseTracking_ListsEveryIdWithItsCategoryAndSeverity()
    {
        var lines = File.ReadAllLines(Path.Combine(Root(), "analyzers", "Pipelines.Analyzers", "AnalyzerReleases.Unshipped.md"))
            .Concat(File.ReadAllLines(Path.Combine(Root(), "analyzers", "Pipelines.Analyzers", "AnalyzerReleases.Shipped.md")))
            .Where(l => l.StartsWith("PIPE", StringComparison.Ordinal))
            .Select(l => l.Split('|').Select(c => c.Trim()).ToArray())
            .ToList();
        Assert.Equal(Ids.OrderBy(x => x, StringComparer.Ordinal), lines.Select(l => l[0]).OrderBy(x => x, StringComparer.Ordinal));
        foreach (var d in DiagnosticDescriptors.All)
        {
            var line = lines.Single(l => l[0] == d.Id);
            Assert.Equal(d.Category, line[1]);
            // Release tracking writes an off-by-default rule's severity as Disabled.
            Assert.Equal(d.IsEnabledByDefault ? d.DefaultSeverity.ToString() : "Disabled", line[2]);
        }
    }

    [Fact]
    public void DiagnosticsPage_ListsEveryIdOnceWithItsLink()
    {
        var text = File.ReadAllText(Path.Combine(Root(), "docs", "diagnostics.md"));
        var listed = Regex.Matches(text, @"\[(PIPE4\d{3})\]\(\.\./analyzers/docs/(PIPE4\d{3})\.md\)").Select(m =>
        {
            Assert.Equal(m.Groups[1].Value, m.Groups[2].Value);
            return m.Groups[1].Value;
        }).ToList();
        Assert.Equal(Ids.OrderBy(x => x, StringComparer.Ordinal), listed.OrderBy(x => x, StringComparer.Ordinal));
    }

    [Fact]
    public void EveryId_HasATriggeringAndACleanCase()
    {
        var cases = RuleCases.All().ToList();
        Assert.Equal(Ids.OrderBy(x => x, StringComparer.Ordinal), cases.Select(c => c.Id).OrderBy(x => x, StringComparer.Ordinal));
        Assert.All(cases.Where(c => c.Properties is null), c => Assert.NotEqual(c.Bad, c.Good));
    }

    [Fact]
    public void EveryProblemCode_HasADescriptor()
    {
        var codes = typeof(Pipelines.Generator.PipelinesGenerator).GetNestedTypes(System.Reflection.BindingFlags.NonPublic)
            .Single(t => t.Name == "ProblemCodes")
            .GetFields().Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.NotEmpty(codes);
        Assert.All(codes, code => Assert.Contains(code, Ids));
    }
}

using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Pipelines.Analyzers.Tests;

/// <summary>Every diagnostic ID: a source that triggers it, on the expected text, and a clean source that does not.</summary>
public sealed class RuleTests
{
    public static IEnumerable<object[]> Cases() => RuleCases.All().Select(c => new object[] { c });

    private static Microsoft.CodeAnalysis.OutputKind Kind(RuleCase rule) =>
        rule.Executable ? Microsoft.CodeAnalysis.OutputKind.ConsoleApplication : Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Triggers(RuleCase rule)
    {
        var found = await AnalyzerHarness.Analyze(rule.Bad, rule.Properties, Kind(rule));
        var matching = found.Where(f => f.Id == rule.Id).ToList();
        Assert.True(matching.Count > 0, rule.Id + " was not reported; got: " + string.Join(" | ", found.Select(f => f.Id + " " + f.Message)));
        if (rule.At is not null)
        {
            Assert.Contains(matching, f => f.Text == rule.At);
        }

        if (rule.MessageContains is not null)
        {
            Assert.Contains(matching, f => f.Message.Contains(rule.MessageContains, System.StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task CleanCaseHasNoDiagnostics(RuleCase rule)
    {
        var properties = rule.Id == "PIPE4802" ? new Dictionary<string, string> { ["build_property.PipelinesArgoVersion"] = "4.1" } : null;
        var found = await AnalyzerHarness.Analyze(rule.Good, properties, Kind(rule));
        Assert.True(found.Count == 0, "Expected no diagnostics; got: " + string.Join(" | ", found.Select(f => f.Id + " at '" + f.Text + "': " + f.Message)));
    }
}

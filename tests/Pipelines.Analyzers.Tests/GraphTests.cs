using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace Pipelines.Analyzers.Tests;

/// <summary>Cycle detection: correct paths, and linear in tasks plus edges.</summary>
public sealed class GraphTests
{
    [Fact]
    public void FindCycle_ReturnsNullForAnAcyclicGraph()
    {
        int[][] edges = [[1, 2], [3], [3], []];
        Assert.Null(GraphChecks.FindCycle(4, i => edges[i]));
    }

    [Fact]
    public void FindCycle_ReturnsThePathOfTheCycle()
    {
        int[][] edges = [[1], [2], [3], [1]];
        var cycle = GraphChecks.FindCycle(4, i => edges[i]);
        Assert.Equal([1, 2, 3, 1], cycle);
    }

    [Fact]
    public void FindCycle_OnA5000TaskChainWithOneBackEdge_IsFast()
    {
        const int n = 5000;
        var edges = Enumerable.Range(0, n).Select(i => i + 1 < n ? new[] { i + 1 } : new[] { 0 }).ToArray();
        var watch = Stopwatch.StartNew();
        var cycle = GraphChecks.FindCycle(n, i => edges[i]);
        watch.Stop();
        Assert.NotNull(cycle);
        Assert.Equal(n + 1, cycle!.Count);
        Assert.True(watch.ElapsedMilliseconds < 200, "took " + watch.ElapsedMilliseconds + " ms");
    }

    [Fact]
    public async Task Dag_With5000ChainedTasksAndOneBackEdge_IsReportedFast()
    {
        // Each task is named t<i> and waits for the one before; the last task takes the name "t0" again, so t0 waits
        // for t4999 (a back edge) through the name Argo sees.
        var body = new StringBuilder("var t0 = Echo(\"0\").Named(\"t0\");\n");
        for (var i = 1; i < 5000; i++)
        {
            body.Append("        var t").Append(i).Append(" = Echo(\"").Append(i).Append("\").After(t").Append(i - 1).Append(").Named(\"t").Append(i).Append("\");\n");
        }

        body.Append("        Echo(\"back\").After(t4999).Named(\"t0\");");
        var compilation = AnalyzerHarness.Compile(RuleCases.Dag(body.ToString()));
        var compileWatch = Stopwatch.StartNew();
        Assert.DoesNotContain(compilation.GetDiagnostics(), d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        compileWatch.Stop();

        // The analyzer's own execution time (Roslyn telemetry), apart from binding the 5,000-statement method.
        var (diagnostics, analyzerTime) = await AnalyzerHarness.RunTimed(compilation);
        var cycle = Assert.Single(diagnostics, d => d.Id == "PIPE4001");
        Assert.Contains("t0 -> t4999 -> t4998", cycle.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        // Compared with binding the same method on the same (possibly busy) machine rather than with a fixed time: a
        // quadratic step over 5,000 tasks would cost far more than the compiler's own pass.
        Assert.True(analyzerTime < compileWatch.Elapsed, "the analyzer took " + analyzerTime.TotalSeconds + " s; compiling took " + compileWatch.Elapsed.TotalSeconds + " s");
    }

    [Theory]
    [InlineData("a && b.Failed || !(c.Succeeded)", new[] { "a", "b", "c" })]
    [InlineData("task-1", new[] { "task-1" })]
    public void DependencyNames_ReadsTheTaskNames(string depends, string[] expected) =>
        Assert.Equal(expected, GraphChecks.DependencyNames(depends).ToArray());
}

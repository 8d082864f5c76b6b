using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Attributes;
using Pipelines.Argo;
using Pipelines.Argo.Model;
using Pipelines.Graphs;

namespace Pipelines.Benchmarks;

/// <summary>
/// Diagrams (issue 17): a 1,000-task DAG drawn as SVG (diagram, layout and text) must take under 1 s; Mermaid and the
/// whole corpus as SVG for scale.
/// </summary>
[MemoryDiagnoser]
public class GraphBenchmarks
{
    private IArgoObject _large = null!;
    private CorpusData _corpus = null!;
    private IArgoObject[] _documents = null!;

    [GlobalSetup]
    public void Setup()
    {
        _large = LargeDag(1000);
        _corpus = CorpusData.Load();
        _documents = _corpus.ReadAll().SelectMany(f => f.Documents).Select(d => d.Object).Where(WorkflowDiagrams.CanDraw).ToArray()!;
    }

    /// <summary>Build the diagram of a 1,000-task DAG, lay it out and write the SVG.</summary>
    [Benchmark]
    public int LargeDagSvg() => SvgDiagram.ToSvg(WorkflowDiagrams.Build(_large)).Length;

    /// <summary>The same DAG as Mermaid (no layout).</summary>
    [Benchmark]
    public int LargeDagMermaid() => TextDiagrams.ToMermaid(WorkflowDiagrams.Build(_large)).Length;

    /// <summary>Every Argo document of the corpus as SVG.</summary>
    [Benchmark]
    public int CorpusSvg() => _documents.Sum(d => SvgDiagram.ToSvg(WorkflowDiagrams.Build(d)).Length);

    /// <summary>A deterministic DAG: each task depends on one to three of the twenty before it (a long, braided graph).</summary>
    public static IArgoObject LargeDag(int count)
    {
        var sb = new StringBuilder("apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  name: large\nspec:\n  entrypoint: main\n  templates:\n  - name: main\n    dag:\n      tasks:\n");
        var random = new Random(7);
        for (var i = 0; i < count; i++)
        {
            sb.Append("      - name: task-").Append(i.ToString(CultureInfo.InvariantCulture)).Append("\n        template: work\n");
            if (i > 0)
            {
                var deps = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => i - 1 - random.Next(Math.Min(i, 20))).Distinct().Select(d => "task-" + d.ToString(CultureInfo.InvariantCulture));
                sb.Append("        depends: ").Append(string.Join(" && ", deps)).Append('\n');
            }
        }

        sb.Append("  - name: work\n    container:\n      image: alpine:3.20\n");
        return ArgoYaml.ReadText(sb.ToString()).Documents[0].Object!;
    }

    private static string LoadAverage() =>
        System.IO.File.Exists("/proc/loadavg") ? System.IO.File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    /// <summary>--graph N: cold first draw, then N warm draws of the 1,000-task DAG, timed with a Stopwatch.</summary>
    public static int Quick(int iterations)
    {
        var large = LargeDag(1000);
        var cold = Stopwatch.StartNew();
        var length = SvgDiagram.ToSvg(WorkflowDiagrams.Build(large)).Length;
        var coldMs = cold.Elapsed.TotalMilliseconds;
        var times = new double[iterations];
        var cpu = new double[iterations];
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < iterations; i++)
        {
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            SvgDiagram.ToSvg(WorkflowDiagrams.Build(large));
            times[i] = sw.Elapsed.TotalMilliseconds;
            process.Refresh();
            cpu[i] = (process.TotalProcessorTime - cpu0).TotalMilliseconds;
        }

        Array.Sort(times);
        Array.Sort(cpu);

        // Wall time on a busy shared machine mostly measures waiting for a core; process CPU time is what drawing costs.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"1,000-task DAG to SVG ({length / 1024.0:0} KiB): cold {coldMs:0.0} ms; warm wall median {times[times.Length / 2]:0.0} ms (min {times[0]:0.0}, max {times[^1]:0.0}); CPU median {cpu[cpu.Length / 2]:0.0} ms (min {cpu[0]:0.0}, max {cpu[^1]:0.0}); {iterations} iterations, load average {LoadAverage()}"));
        return 0;
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Running;
using Microsoft.CodeAnalysis;
using Pipelines.Generator;
using Pipelines.Generator.Benchmarks;

// --quick [iterations]: time warm runs of each scenario with a Stopwatch on this thread, then a breakdown by tracked
// step (a separate run with step tracking on); anything else goes to BenchmarkDotNet, e.g. --filter '*'.
if (args.Length > 0 && args[0] == "--quick")
{
    var iterations = args.Length > 1 && int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 20;
    return Quick.Run(iterations);
}

// --loop <full|edit|unrelated> [iterations]: only repeat one scenario (step tracking off), for a profiler to attach
// (e.g. dotnet-trace collect -- dotnet Pipelines.Generator.Benchmarks.dll --loop unrelated 200).
if (args.Length > 1 && args[0] == "--loop")
{
    var count = args.Length > 2 && int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m > 0 ? m : 100;
    var scenarios = new Scenarios(SyntheticProject.Create(), static () => new PipelinesGenerator());
    Func<GeneratorDriver> scenario = args[1] switch
    {
        "full" => scenarios.FullRun,
        "edit" => scenarios.OneMethodEdit,
        _ => scenarios.UnrelatedEdit,
    };
    for (var i = 0; i < count; i++)
    {
        scenario();
    }

    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(GeneratorBenchmarks).Assembly).Run(args);
return 0;

internal static class Quick
{
    public static int Run(int iterations)
    {
        var project = SyntheticProject.Create();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"project: {SyntheticProject.Workflows} workflow files, {SyntheticProject.TasksPerWorkflow} DAG tasks each, {project.TotalChars / 1024.0:0.0} KiB; {iterations} warm iterations each, one thread, step tracking off"));
        var real = new Scenarios(project, static () => new PipelinesGenerator());
        real.Check();
        var discovery = new Scenarios(project, static () => new DiscoveryOnlyGenerator());
        var floor = new Scenarios(project, static () => new FloorGenerator());
        var scenarios = new (string Name, Func<GeneratorDriver> Run)[]
        {
            ("full run", real.FullRun),
            ("one-method edit", real.OneMethodEdit),
            ("unrelated edit", real.UnrelatedEdit),
            ("full run, bound compilation", real.FullRunBoundCompilation),
            ("full run, discovery only", discovery.FullRun),
            ("one-method edit, discovery only", discovery.OneMethodEdit),
            ("unrelated edit, discovery only", discovery.UnrelatedEdit),
            ("one-method edit, no-op generator", floor.OneMethodEdit),
            ("unrelated edit, no-op generator", floor.UnrelatedEdit),
        };
        foreach (var (name, run) in scenarios)
        {
            var (times, cpu, allocated) = Time(run, iterations);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{name,-32} median {times[times.Length / 2],8:0.000} ms  mean {times.Average(),8:0.000}  min {times[0],8:0.000}  max {times[^1],8:0.000}  cpu/op {cpu,8:0.000}  alloc/op {allocated / 1024.0 / 1024.0,7:0.00} MB"));
        }

        Breakdown(project, iterations);
        return 0;
    }

    // The process CPU time per operation (all threads, so GC and JIT threads count too) is the better signal on a
    // loaded machine: unlike the wall clock, it does not grow while the thread waits for a core.
    private static (double[] Times, double CpuPerOp, double AllocatedPerOp) Time(Func<GeneratorDriver> run, int iterations)
    {
        for (var i = 0; i < Math.Max(5, iterations / 2); i++)
        {
            run();
        }

        var times = new double[iterations];
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < iterations; i++)
        {
            var sw = Stopwatch.StartNew();
            run();
            times[i] = sw.Elapsed.TotalMilliseconds;
        }

        var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (double)iterations;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / iterations;
        Array.Sort(times);
        return (times, cpu, allocated);
    }

    // With step tracking on (slower overall, so only the shares matter): the generator's own time as the driver reports
    // it, and the time of each tracked step (ours and Roslyn's internal ones), as medians over the iterations; plus the
    // run reasons of the per-file facts, the per-class keys, the parse and the generated files: what the edit re-did.
    private static void Breakdown(SyntheticProject project, int iterations)
    {
        var tracked = new Scenarios(project, static () => new PipelinesGenerator(), trackSteps: true);
        foreach (var (name, run) in new (string, Func<GeneratorDriver>)[] { ("full run", tracked.FullRun), ("one-method edit", tracked.OneMethodEdit), ("unrelated edit", tracked.UnrelatedEdit) })
        {
            var steps = new Dictionary<string, List<double>>(StringComparer.Ordinal);
            var generatorTimes = new List<double>();
            GeneratorDriver last = null!;
            for (var i = 0; i < Math.Max(5, iterations / 2) + iterations; i++)
            {
                last = run();
                if (i < Math.Max(5, iterations / 2))
                {
                    continue;
                }

                generatorTimes.Add(last.GetTimingInfo().GeneratorTimes[0].ElapsedTime.TotalMilliseconds);
                var result = last.GetRunResult().Results[0];
                foreach (var (stepName, runs) in result.TrackedSteps)
                {
                    if (!steps.TryGetValue(stepName, out var list))
                    {
                        steps[stepName] = list = new List<double>();
                    }

                    list.Add(runs.Sum(r => r.ElapsedTime.TotalMilliseconds));
                }
            }

            var single = last.GetRunResult().Results[0];
            string Reasons(string step) => single.TrackedSteps.TryGetValue(step, out var runs)
                ? string.Join(", ", runs.SelectMany(s => s.Outputs).GroupBy(o => o.Reason).OrderBy(g => g.Key.ToString(), StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"))
                : "none";
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"breakdown, {name} (tracking on): generator {Median(generatorTimes),8:0.000} ms; SourceFiles: {Reasons("SourceFiles")}; WorkflowInputs: {Reasons("WorkflowInputs")}; Workflows (parse): {Reasons("Workflows")}; Files: {Reasons("Files")}"));
            foreach (var (stepName, list) in steps.OrderByDescending(kv => Median(kv.Value)).ThenBy(kv => kv.Key, StringComparer.Ordinal))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {stepName,-48} {Median(list),8:0.000} ms"));
            }
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }
}

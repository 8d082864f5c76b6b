using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Pipelines.Runner;
using Pipelines.Benchmarks.Shared;
using Pipelines.Runner.Executors;

namespace Pipelines.Runner.Benchmarks;

/// <summary>
/// Times the engine with trivial in-process steps (no processes): a 10,000-task DAG (100 chains of 100 tasks) and a
/// 1,000-item withParam fan-out at parallelism 50; prints wall, process CPU and allocated bytes. Usage: dotnet run -c Release [-- --runs N | --alloc-types [TOP]].
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var runs = args.Length >= 2 && args[0] == "--runs" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        if (args.Length >= 1 && args[0] == "--alloc-types")
        {
            // What the 10k DAG allocates, by type (sampled): one warm-up run, then one sampled run.
            using var sampler = new AllocationSampler();
            await Measure("10,000-task DAG, warm-up", BenchmarkWorkflows.Dag(100, 100), parallelism: null, runs: 1, expectedNodes: 10_001);
            sampler.Start();
            await Measure("10,000-task DAG, sampled", BenchmarkWorkflows.Dag(100, 100), parallelism: null, runs: 1, expectedNodes: 10_001);
            sampler.Stop();
            sampler.Print(args.Length >= 2 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30);
            return 0;
        }

        await Measure("10,000-task DAG (100 chains x 100 tasks), in-process steps", BenchmarkWorkflows.Dag(100, 100), parallelism: null, runs, expectedNodes: 10_001);
        await Measure("1,000-item withParam fan-out, parallelism 50, in-process steps", BenchmarkWorkflows.FanOut(1000), parallelism: 50, runs, expectedNodes: 1_000 + 4);
        return 0;
    }

    private static async Task Measure(string title, string yaml, int? parallelism, int runs, int expectedNodes)
    {
        var times = new List<double>();
        var cpu = new List<double>();
        var allocated = new List<double>();
        for (var r = 0; r < runs + 1; r++)
        {
            var dir = Path.Combine(Path.GetTempPath(), "pipelines-bench", Guid.NewGuid().ToString("N"));
            var options = new RunOptions { RunDirectory = dir, Parallelism = parallelism };
            var list = "[" + string.Join(",", Enumerable.Range(0, 1000)) + "]";
            var maxActive = 0;
            var active = 0;
            options.Executors.Add(new DelegateExecutor(req =>
            {
                var now = Interlocked.Increment(ref active);
                InterlockedMax(ref maxActive, now);
                var result = LeafResult.FromExitCode(0);
                result.Stdout = req.Template.Name == "gen" ? list + "\n" : string.Empty;
                Interlocked.Decrement(ref active);
                return result;
            }));
            var bytes0 = GC.GetTotalAllocatedBytes(precise: true);
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            var report = await WorkflowRunner.RunTextAsync(yaml, options);
            sw.Stop();
            if (report.Phase != "Succeeded" || report.Nodes.Count != expectedNodes)
            {
                throw new InvalidOperationException($"{title}: {report.Phase} {report.Message}, {report.Nodes.Count} nodes (expected {expectedNodes})");
            }

            if (r > 0)
            {
                times.Add(sw.Elapsed.TotalSeconds);
                cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds);
                allocated.Add((GC.GetTotalAllocatedBytes(precise: true) - bytes0) / 1e6);
            }

            Directory.Delete(dir, recursive: true);
        }

        times.Sort();
        cpu.Sort();
        allocated.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{title}: wall median {times[times.Count / 2]:F3} s, best {times[0]:F3} s; CPU median {cpu[cpu.Count / 2]:F3} s; allocated median {allocated[allocated.Count / 2]:F0} MB; {runs} runs after one warm-up, {Environment.ProcessorCount} cores, load average {LoadAverage()}"));
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}

using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Running;
using Pipelines.Benchmarks;

// --quick [iterations]: time warm corpus passes with a Stopwatch on this thread (for quick checks);
// anything else goes to BenchmarkDotNet, e.g. --filter '*'.
if (args.Length > 0 && args[0] == "--quick")
{
    var iterations = args.Length > 1 && int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 20;
    return Quick.Run(iterations);
}

// --breakdown [iterations] [stage]: CPU time and allocations of each stage of a corpus pass (see Breakdown.cs); with a
// stage, only the stages whose name contains it (to profile one).
if (args.Length > 0 && args[0] == "--breakdown")
{
    return Breakdown.Run(args.Length > 1 && int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var b) && b > 0 ? b : 10, args.Length > 2 ? args[2] : null);
}

// --dump OUT DIR...: read, validate and format every YAML file under the folders into one text file, to compare builds.
if (args.Length > 2 && args[0] == "--dump")
{
    return Breakdown.Dump(args[1], args[2..]);
}

// --graph [iterations]: time drawing a 1,000-task DAG as SVG (issue 17's target: under 1 s).
if (args.Length > 0 && args[0] == "--graph")
{
    return GraphBenchmarks.Quick(args.Length > 1 && int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var g) && g > 0 ? g : 20);
}

BenchmarkSwitcher.FromAssembly(typeof(CorpusBenchmarks).Assembly).Run(args);
return 0;

internal static class Quick
{
    public static int Run(int iterations)
    {
        var corpus = CorpusData.Load();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"corpus: {corpus.Files.Count} files, {corpus.ArgoDocuments} Argo documents, {corpus.Files.Sum(f => f.Bytes.Length) / 1024.0:0.0} KiB; {iterations} warm iterations each, one thread"));
        var stages = new (string Name, Func<CorpusData, int> Pass)[]
        {
            ("load", Passes.Load),
            ("validate", Passes.Validate),
            ("write", Passes.Write),
            ("all", Passes.All),
            ("import", Passes.Import),
        };
        foreach (var (name, pass) in stages)
        {
            for (var i = 0; i < Math.Max(10, iterations / 2); i++)
            {
                pass(corpus);
            }

            var times = new double[iterations];
            for (var i = 0; i < iterations; i++)
            {
                var sw = Stopwatch.StartNew();
                pass(corpus);
                times[i] = sw.Elapsed.TotalMilliseconds;
            }

            Array.Sort(times);
            var median = times[times.Length / 2];
            var mean = times.Average();
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{name,-9} median {median,8:0.00} ms/pass  mean {mean,8:0.00}  min {times[0],8:0.00}  max {times[^1],8:0.00}  {corpus.ArgoDocuments / (median / 1000.0),10:N0} docs/s"));
        }

        return 0;
    }
}

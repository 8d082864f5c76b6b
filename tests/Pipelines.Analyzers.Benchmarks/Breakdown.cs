using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Pipelines.Analyzers;

namespace Pipelines.Analyzers.Benchmarks;

/// <summary>Where the analyzer's time goes, over a compilation that is already bound: parse, then each family.</summary>
internal static class Breakdown
{
    public static void Run(Compilation compilation, int rounds)
    {
        compilation.GetDiagnostics();
        var times = new double[13];
        var names = new[] { "parse", "graph", "references", "arguments", "names", "templates", "control", "security", "symbols", "walk", "pipeline", "entrypoint", "observability" };
        var all = names.Select(_ => new List<double>()).ToArray();
        var parseAlloc = new List<long>();
        var bytes = new long[13];
        var ownAlloc = new List<long>();

        // 3 warm-up rounds first: the checks run once per class, so a round or two measures unoptimised (tier-0) code.
        for (var round = 0; round < rounds + 3; round++)
        {
            Array.Clear(times);
            long parseBytes = 0, ownBytes = 0;
            Array.Clear(bytes);
            foreach (var tree in compilation.SyntaxTrees)
            {
                var model = compilation.GetSemanticModel(tree);
                foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>())
                {
                    var watch = CpuWatch.StartNew();
                    if (model.GetDeclaredSymbol(declaration) is not { } type || PipelinesAnalyzer.FirstKindAttribute(type) is not { } kind)
                    {
                        continue;
                    }

                    times[8] += watch.ElapsedMs;
                    watch.Restart();
                    var allocated = GC.GetAllocatedBytesForCurrentThread();
                    var spec = Pipelines.Generator.PipelinesGenerator.Parser.Parse(declaration, type, kind, model, default);
                    times[0] += watch.ElapsedMs;
                    parseBytes += GC.GetAllocatedBytesForCurrentThread() - allocated;
                    allocated = GC.GetAllocatedBytesForCurrentThread();
                    if (spec is null)
                    {
                        continue;
                    }

                    watch.Restart();
                    var pipeline = new Pipeline(spec, declaration, type, kind, model, _ => { }, default);
                    times[10] += watch.ElapsedMs;
                    bytes[10] += GC.GetAllocatedBytesForCurrentThread() - allocated;
                    var walkStart = GC.GetAllocatedBytesForCurrentThread();
                    watch.Restart();
                    _ = pipeline.Methods; // the class's one shared syntax walk
                    times[9] += watch.ElapsedMs;
                    bytes[9] += GC.GetAllocatedBytesForCurrentThread() - walkStart;
                    Action<Pipeline>[] families = [GraphChecks.Run, ReferenceChecks.Run, ArgumentChecks.Run, NameChecks.Run, TemplateChecks.Run, ControlChecks.Run, SecurityChecks.Run, EntryPointChecks.Run, ObservabilityChecks.Run];
                    for (var i = 0; i < families.Length; i++)
                    {
                        watch.Restart();
                        var before = GC.GetAllocatedBytesForCurrentThread();
                        families[i](pipeline);
                        times[i < 7 ? i + 1 : i + 4] += watch.ElapsedMs;
                        bytes[i < 7 ? i + 1 : i + 4] += GC.GetAllocatedBytesForCurrentThread() - before;
                    }

                    ownBytes += GC.GetAllocatedBytesForCurrentThread() - allocated;
                }
            }

            if (round >= 3)
            {
                for (var i = 0; i < times.Length; i++)
                {
                    all[i].Add(times[i]);
                }

                parseAlloc.Add(parseBytes);
                ownAlloc.Add(ownBytes);
            }
        }

        // Thread CPU time, not wall time: on a shared machine a phase's wall time includes time the thread waited for a core.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"breakdown over a bound compilation, thread CPU time (median of {rounds} rounds after 3 warm-ups): ")
            + string.Join(", ", names.Select((n, i) => string.Create(CultureInfo.InvariantCulture, $"{n} {all[i].OrderBy(v => v).ElementAt(all[i].Count / 2):0.0} ms"))));
        var own = all.Select((values, i) => i == 0 ? 0 : values.OrderBy(v => v).ElementAt(values.Count / 2)).Sum();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"allocated in the last round: {string.Join(", ", names.Select((n, i) => $"{n} {bytes[i] / 1024.0:0} KiB").Skip(1))}; parse {all[0].OrderBy(v => v).ElementAt(all[0].Count / 2):0.0} ms, everything else (the analyzer's own) {own:0.0} ms; allocated per round: parse {parseAlloc.OrderBy(v => v).ElementAt(parseAlloc.Count / 2) / 1024.0:0} KiB, the analyzer's own {ownAlloc.OrderBy(v => v).ElementAt(ownAlloc.Count / 2) / 1024.0:0} KiB"));
    }
}

/// <summary>The calling thread's CPU time (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>; wall time elsewhere).</summary>
internal struct CpuWatch
{
    private double _start;

    public static CpuWatch StartNew() => new() { _start = Now() };

    public readonly double ElapsedMs => Now() - _start;

    public void Restart() => _start = Now();

    private static double Now()
    {
        if (OperatingSystem.IsLinux() && clock_gettime(3 /* CLOCK_THREAD_CPUTIME_ID */, out var ts) == 0)
        {
            return (ts.Seconds * 1e3) + (ts.Nanoseconds / 1e6);
        }

        return Stopwatch.GetTimestamp() * 1e3 / Stopwatch.Frequency;
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = false)]
    private static extern int clock_gettime(int clock, out TimeSpec time);

    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}

extern alias generator;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Pipelines.Analyzers;
using Pipelines.Generator.Benchmarks;

// Usage: dotnet run -c Release --project tests/Pipelines.Analyzers.Benchmarks -- [iterations]
// Times, on one thread, over fresh compilations of the 200-workflow synthetic project (nothing bound beforehand):
//   compile   = run the generator, then bind and emit the project (what csc does for it);
//   analyzers = the analyzer's own execution time as Roslyn's telemetry reports it (logAnalyzerExecutionTime), during
//               GetAnalyzerDiagnosticsAsync over a fresh compilation that includes the generated files.
var iterations = args.Length > 0 && int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 10;
var project = SyntheticProject.Create();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"project: {SyntheticProject.Workflows} workflow files, {SyntheticProject.TasksPerWorkflow} DAG tasks each, {project.TotalChars / 1024.0:0.0} KiB; {iterations} timed iterations after 3 warm-ups"));

// The generated files, once: the analyzer runs over the project as the compiler sees it.
var generated = SyntheticProject.Driver(new generator::Pipelines.Generator.PipelinesGenerator())
    .RunGenerators(project.Compilation()).GetRunResult().GeneratedTrees;

if (args.Contains("--probe"))
{
    Pipelines.Analyzers.Benchmarks.Probe.Run(() => project.Compilation().AddSyntaxTrees(generated));
    return 0;
}

if (args.Contains("--breakdown"))
{
    Pipelines.Analyzers.Benchmarks.Breakdown.Run(project.Compilation().AddSyntaxTrees(generated), iterations);
    return 0;
}

var compile = new List<double>();
var compileCpu = new List<double>();
var analyzerCpu = new List<double>();
var baselineCpu = new List<double>();
var analyzer = new List<double>();
var shared = new List<double>();
var found = -1;
for (var i = 0; i < iterations + 3; i++)
{
    var watch = Stopwatch.StartNew();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    SyntheticProject.Driver(new generator::Pipelines.Generator.PipelinesGenerator()).RunGeneratorsAndUpdateCompilation(project.Compilation(), out var output, out _);
    using (var stream = new MemoryStream())
    {
        var result = output.Emit(stream);
        if (!result.Success)
        {
            Console.Error.WriteLine("the synthetic project does not compile: " + string.Join("; ", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(3)));
            return 1;
        }
    }

    var compileMs = watch.Elapsed.TotalMilliseconds;
    var compileCpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;

    var pipelines = new PipelinesAnalyzer();
    var options = new CompilationWithAnalyzersOptions(
        new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
        onAnalyzerException: null,
        concurrentAnalysis: false,
        logAnalyzerExecutionTime: true);
    // Process CPU time of the same run with a no-op analyzer (the driver's own binding), then with PipelinesAnalyzer:
    // the difference is what the analyzer adds, the figure that load on the machine distorts least.
    cpu = Process.GetCurrentProcess().TotalProcessorTime;
    project.Compilation().AddSyntaxTrees(generated).WithAnalyzers([new Pipelines.Analyzers.Benchmarks.Probe.NoOpSymbolStart()], options)
        .GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
    var baselineCpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
    cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var withAnalyzers = project.Compilation().AddSyntaxTrees(generated).WithAnalyzers([pipelines], options);
    var diagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
    var analyzerCpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
    var telemetry = withAnalyzers.GetAnalyzerTelemetryInfoAsync(pipelines, CancellationToken.None).GetAwaiter().GetResult();
    found = diagnostics.Length;

    // As in csc, where analyzers share the compilation the compiler has bound: the same run over a compilation whose
    // binding is already done (only the analyzer's own work is left).
    var bound = project.Compilation().AddSyntaxTrees(generated);
    bound.GetDiagnostics();
    var boundPipelines = new PipelinesAnalyzer();
    var withBound = bound.WithAnalyzers([boundPipelines], options);
    withBound.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
    var boundTelemetry = withBound.GetAnalyzerTelemetryInfoAsync(boundPipelines, CancellationToken.None).GetAwaiter().GetResult();
    if (i >= 3)
    {
        compile.Add(compileMs);
        analyzer.Add(telemetry.ExecutionTime.TotalMilliseconds);
        shared.Add(boundTelemetry.ExecutionTime.TotalMilliseconds);
        compileCpu.Add(compileCpuMs);
        analyzerCpu.Add(analyzerCpuMs);
        baselineCpu.Add(baselineCpuMs);
    }
}

static string Stats(List<double> values)
{
    var sorted = values.OrderBy(v => v).ToList();
    return string.Create(CultureInfo.InvariantCulture, $"median {sorted[sorted.Count / 2],8:0.0} ms  mean {values.Average(),8:0.0} ms  min {sorted[0],8:0.0} ms  max {sorted[^1],8:0.0} ms");
}

Console.WriteLine("compile (generator + bind + emit): " + Stats(compile));
Console.WriteLine("analyzers, fresh compilation:      " + Stats(analyzer));
Console.WriteLine("analyzers, bound compilation:      " + Stats(shared));
foreach (var (name, values) in new[] { ("fresh", analyzer), ("bound", shared) })
{
    var ratios = compile.Zip(values, (c, a) => a / c).OrderBy(r => r).ToList();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"analyzers ({name}) / compile: median {ratios[ratios.Count / 2]:P1} (min {ratios[0]:P1}, max {ratios[^1]:P1})"));
}

Console.WriteLine("compile, process CPU:              " + Stats(compileCpu));
Console.WriteLine("no-op analyzer run, process CPU:   " + Stats(baselineCpu));
Console.WriteLine("PipelinesAnalyzer run, process CPU:" + Stats(analyzerCpu));
var added = analyzerCpu.Zip(baselineCpu, (a, b) => a - b).ToList();
Console.WriteLine("analyzer's added CPU (run - no-op):" + Stats(added));
var cpuRatios = added.Zip(compileCpu, (a, c) => a / c).OrderBy(r => r).ToList();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"analyzer's added CPU / compile CPU: median {cpuRatios[cpuRatios.Count / 2]:P1} (min {cpuRatios[0]:P1}, max {cpuRatios[^1]:P1}); sum over runs {added.Sum() / compileCpu.Sum():P1}"));
Console.WriteLine("diagnostics reported: " + found);
return found == 0 ? 0 : 2;

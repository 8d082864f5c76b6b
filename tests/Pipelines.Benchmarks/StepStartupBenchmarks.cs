using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Pipelines.Runtime;

namespace Pipelines.Benchmarks;

/// <summary>
/// The cost of telemetry in a C# step's start-up: <see cref="PipelineHost.RunAsync(string[], IReadOnlyList{StepDefinition}, StepHostOptions)"/>
/// on a step that does nothing, with telemetry off (no OTEL_* variables, no listener: the aim is no measurable cost)
/// and on (a tracer provider listening, spans exported to memory: the span, its tags and the exporter pipeline).
/// </summary>
[MemoryDiagnoser]
public class StepStartupBenchmarks
{
    private static readonly Dictionary<string, string> ArgoEnvironment = new(StringComparer.Ordinal)
    {
        ["ARGO_WORKFLOW_NAME"] = "nightly-etl-x7k2p",
        ["ARGO_NODE_ID"] = "nightly-etl-x7k2p-1234567890",
        ["ARGO_CONTAINER_NAME"] = "main",
        ["TRACEPARENT"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
    };

    private readonly List<Activity> _exported = [];
    private StepDefinition[] _steps = [];
    private StepHostOptions _options = new();
    private TracerProvider? _provider;
    private string _root = string.Empty;

    /// <summary>Telemetry on (a listener and an exporter) or off.</summary>
    [Params(false, true)]
    public bool Telemetry { get; set; }

    /// <summary>A step that does nothing, an output root, and a listening provider when <see cref="Telemetry"/> is on.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _root = Path.Combine(Path.GetTempPath(), "pipelines-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_root);
        _steps = [new StepDefinition("noop", [], _ => Task.CompletedTask)];
        _options = new StepHostOptions { Out = TextWriter.Null, Error = TextWriter.Null, Paths = new StepPaths(_root), Environment = ArgoEnvironment };
        _provider = Telemetry ? Sdk.CreateTracerProviderBuilder().AddSource(StepTelemetry.SourceName).AddInMemoryExporter(_exported).Build() : null;
    }

    /// <summary>Drops the spans exported during an iteration.</summary>
    [IterationCleanup]
    public void Clear() => _exported.Clear();

    /// <summary>Disposes the provider and deletes the output root.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _provider?.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    /// <summary>One step run, from the command line to the exit code.</summary>
    [Benchmark]
    public Task<int> RunStep() => PipelineHost.RunAsync(["step", "noop"], _steps, _options);
}

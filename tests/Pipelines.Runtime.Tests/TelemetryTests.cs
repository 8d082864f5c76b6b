using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Pipelines.Runtime.Tests;

/// <summary>
/// The telemetry tests listen to the step activity source, so they run alone: a step another test class ran in parallel
/// would otherwise be exported to their in-memory lists.
/// </summary>
[CollectionDefinition(nameof(TelemetryTests), DisableParallelization = true)]
public sealed class TelemetryCollection;

/// <summary>Each C# step runs inside an activity tagged with the pod's identity, a child of TRACEPARENT.</summary>
[Collection(nameof(TelemetryTests))]
public sealed class TelemetryTests
{
    private const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string ParentSpanId = "00f067aa0ba902b7";

    private static readonly Dictionary<string, string> Argo = new(StringComparer.Ordinal)
    {
        ["ARGO_WORKFLOW_NAME"] = "nightly-etl-x7k2p",
        ["ARGO_NODE_ID"] = "nightly-etl-x7k2p-1234567890",
        ["ARGO_CONTAINER_NAME"] = "main",
        ["TRACEPARENT"] = "00-" + TraceId + "-" + ParentSpanId + "-01",
    };

    private static StepDefinition Step(string name, Func<StepContext, Task> body) => new(name, [], body);

    private static async Task<(int Exit, List<Activity> Spans)> Run(StepDefinition step, IReadOnlyDictionary<string, string> environment)
    {
        var spans = new List<Activity>();
        using var provider = Sdk.CreateTracerProviderBuilder().AddSource(StepTelemetry.SourceName).AddInMemoryExporter(spans).Build();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await PipelineHost.RunAsync(["step", step.Name], [step], new StepHostOptions
        {
            Out = stdout,
            Error = stderr,
            Paths = new StepPaths(HostHarness.NewRoot()),
            Environment = environment,
        });
        provider.ForceFlush();
        return (exit, spans);
    }

    [Fact]
    public async Task A_step_runs_in_a_span_with_the_pod_identity_under_the_traceparent()
    {
        string? seenTrace = null;
        var (exit, spans) = await Run(Step("load", _ => { seenTrace = Activity.Current?.TraceId.ToString(); return Task.CompletedTask; }), Argo);
        Assert.Equal(0, exit);
        var span = Assert.Single(spans);
        Assert.Equal("step load", span.DisplayName);
        Assert.Equal(TraceId, span.TraceId.ToString());
        Assert.Equal(ParentSpanId, span.ParentSpanId.ToString());
        Assert.Equal(TraceId, seenTrace);
        Assert.Equal(ActivityStatusCode.Ok, span.Status);
        Assert.Equal("nightly-etl-x7k2p", span.GetTagItem(StepIdentity.WorkflowTag));
        Assert.Equal("nightly-etl-x7k2p-1234567890", span.GetTagItem(StepIdentity.NodeTag));
        Assert.Equal("load", span.GetTagItem(StepIdentity.TemplateTag));
        Assert.Equal("main", span.GetTagItem(StepIdentity.ContainerTag));
    }

    [Fact]
    public async Task A_failing_step_has_an_error_status_and_the_exception_event()
    {
        var (exit, spans) = await Run(Step("boom", _ => throw new InvalidOperationException("no rows")), Argo);
        Assert.Equal(PipelineHost.FailureExitCode, exit);
        var span = Assert.Single(spans);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("no rows", span.StatusDescription);
        Assert.Contains(span.Events, e => e.Name == "exception");
    }

    [Fact]
    public async Task Outside_argo_the_span_is_a_root_without_identity_tags()
    {
        var (_, spans) = await Run(Step("local", _ => Task.CompletedTask), new Dictionary<string, string>());
        var span = Assert.Single(spans);
        Assert.Equal(default, span.ParentSpanId);
        Assert.Null(span.GetTagItem(StepIdentity.WorkflowTag));
        Assert.Equal("local", span.GetTagItem(StepIdentity.TemplateTag));
    }

    [Fact]
    public void Export_is_requested_only_by_the_otlp_endpoint_variables()
    {
        Assert.False(StepTelemetry.ExportRequested(new Dictionary<string, string>()));
        Assert.False(StepTelemetry.ExportRequested(new Dictionary<string, string> { ["OTEL_SERVICE_NAME"] = "etl" }));
        Assert.True(StepTelemetry.ExportRequested(new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://collector:4317" }));
        Assert.True(StepTelemetry.ExportRequested(new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = "http://collector:4318/v1/traces" }));
    }

    [Fact]
    public void Without_a_listener_no_activity_is_created()
    {
        // No TracerProvider (the tests of this collection dispose theirs; no other test listens to this source) and no
        // OTEL_* variable: the telemetry-off path creates no activity and no provider.
        Assert.False(StepTelemetry.Source.HasListeners());
        using var span = StepTelemetry.Start(Step("quiet", _ => Task.CompletedTask), Argo);
        Assert.Null(span.Activity);
    }

    [Fact]
    public async Task The_step_logger_carries_the_ids_of_the_steps_span_in_a_scope()
    {
        var spans = new List<Activity>();
        using var provider = Sdk.CreateTracerProviderBuilder().AddSource(StepTelemetry.SourceName).AddInMemoryExporter(spans).Build();
        var capture = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(capture));
        var step = Step("load", context =>
        {
            context.Logger.LogInformation("loaded {Rows} rows", 42);
            return Task.CompletedTask;
        });
        var exit = await PipelineHost.RunAsync(["step", "load"], [step], new StepHostOptions
        {
            Out = TextWriter.Null,
            Error = TextWriter.Null,
            Paths = new StepPaths(HostHarness.NewRoot()),
            Environment = Argo,
            LoggerFactory = factory,
        });
        provider.ForceFlush();

        Assert.Equal(0, exit);
        var span = Assert.Single(spans);
        var record = Assert.Single(capture.Records);
        Assert.Equal("loaded 42 rows", record.Message);
        Assert.Equal("Pipelines.Runtime.load", record.Category);
        Assert.Equal("nightly-etl-x7k2p", record.Scope[StepIdentity.WorkflowTag]);
        Assert.Equal("nightly-etl-x7k2p-1234567890", record.Scope[StepIdentity.NodeTag]);
        Assert.Equal("load", record.Scope[StepIdentity.TemplateTag]);
        Assert.Equal("main", record.Scope[StepIdentity.ContainerTag]);
        Assert.Equal(span.TraceId.ToHexString(), record.Scope[StepSpan.TraceIdKey]);
        Assert.Equal(span.SpanId.ToHexString(), record.Scope[StepSpan.SpanIdKey]);
        Assert.Equal(TraceId, record.Scope[StepSpan.TraceIdKey]);
    }

    [Fact]
    public async Task Without_a_sink_the_step_logger_is_a_no_op_and_without_a_span_the_scope_has_no_trace_ids()
    {
        ILogger? seen = null;
        var exit = await PipelineHost.RunAsync(["step", "quiet"], [Step("quiet", c => { seen = c.Logger; return Task.CompletedTask; })], new StepHostOptions
        {
            Out = TextWriter.Null,
            Error = TextWriter.Null,
            Paths = new StepPaths(HostHarness.NewRoot()),
            Environment = Argo,
        });
        Assert.Equal(0, exit);
        Assert.False(seen!.IsEnabled(LogLevel.Critical));

        using var span = StepTelemetry.Start(Step("quiet", _ => Task.CompletedTask), Argo);
        Assert.Null(span.Activity);
        var keys = span.LogScope().Select(p => p.Key).ToList();
        Assert.Equal([StepIdentity.WorkflowTag, StepIdentity.NodeTag, StepIdentity.TemplateTag, StepIdentity.ContainerTag], keys);
    }

    private sealed record LogRecord(string Category, string Message, Dictionary<string, object?> Scope);

    /// <summary>Captures records with the key/value pairs of the scopes active when each was written.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly AsyncLocal<ImmutableStack> _scopes = new();

        public List<LogRecord> Records { get; } = [];

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed record ImmutableStack(object State, ImmutableStack? Next);

        private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull
            {
                var previous = owner._scopes.Value;
                owner._scopes.Value = new ImmutableStack(state, previous);
                return new Pop(() => owner._scopes.Value = previous!);
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var scope = new Dictionary<string, object?>(StringComparer.Ordinal);
                for (var s = owner._scopes.Value; s is not null; s = s.Next)
                {
                    if (s.State is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        foreach (var pair in pairs)
                        {
                            scope.TryAdd(pair.Key, pair.Value);
                        }
                    }
                }

                lock (owner.Records)
                {
                    owner.Records.Add(new LogRecord(category, formatter(state, exception), scope));
                }
            }
        }

        private sealed class Pop(Action action) : IDisposable
        {
            public void Dispose() => action();
        }
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Reflection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Pipelines.Runtime;

/// <summary>
/// Traces and logs of C# steps. Each step runs inside an <see cref="Activity"/> of <see cref="SourceName"/> named
/// <c>step &lt;name&gt;</c>, tagged with the identity Argo gives the pod (<see cref="StepIdentity"/>) and a child of the
/// span in <c>TRACEPARENT</c>, so it joins the workflow's trace. Spans and logs are exported over OTLP only when an
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or <c>..._TRACES_ENDPOINT</c>/<c>..._LOGS_ENDPOINT</c>) variable is set;
/// otherwise no provider is built and the activity costs a null check (no listener). Providers are flushed when the step
/// ends, because a step is a short process.
/// </summary>
public static class StepTelemetry
{
    /// <summary>The name of the activity source (and logger category prefix) of the runtime.</summary>
    public const string SourceName = "Pipelines.Runtime";

    /// <summary>The activity source every step's span comes from.</summary>
    public static ActivitySource Source { get; } = new(SourceName, typeof(StepTelemetry).Assembly.GetName().Version?.ToString());

    private static readonly string[] Variables =
    [
        "ARGO_WORKFLOW_NAME", "ARGO_NODE_ID", "ARGO_CONTAINER_NAME", "TRACEPARENT", "TRACESTATE",
        "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT",
    ];

    /// <summary>Whether the environment asks for OTLP export (traces or logs).</summary>
    public static bool ExportRequested(IReadOnlyDictionary<string, string> environment) =>
        Has(environment, "OTEL_EXPORTER_OTLP_ENDPOINT") || Has(environment, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") || Has(environment, "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT");

    /// <summary>The variables telemetry reads, from the process environment (only those that are set).</summary>
    public static IReadOnlyDictionary<string, string> ProcessEnvironment()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in Variables)
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                result[name] = value;
            }
        }

        return result;
    }

    /// <summary>
    /// Starts the telemetry of one step: the OTLP providers when asked for, and the step's activity. Dispose the result
    /// when the step ends (it stops the activity and flushes the providers).
    /// </summary>
    /// <param name="step">The step.</param>
    /// <param name="environment">The environment (Argo's identity variables, TRACEPARENT, OTEL_*).</param>
    public static StepSpan Start(StepDefinition step, IReadOnlyDictionary<string, string> environment) => Start(step, environment, null);

    /// <summary>
    /// Starts the telemetry of one step, with <paramref name="loggerFactory"/> as a further sink of the step's logs (in
    /// addition to OTLP when asked for). Dispose the result when the step ends.
    /// </summary>
    /// <param name="step">The step.</param>
    /// <param name="environment">The environment (Argo's identity variables, TRACEPARENT, OTEL_*).</param>
    /// <param name="loggerFactory">Where the step's logs go besides OTLP (not disposed here), or null.</param>
    public static StepSpan Start(StepDefinition step, IReadOnlyDictionary<string, string> environment, ILoggerFactory? loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(environment);
        var identity = StepIdentity.From(environment, step.Name);
        TracerProvider? tracer = null;
        ILoggerFactory? loggers = null;
        if (ExportRequested(environment))
        {
            // The SDK reads OTEL_* itself (endpoint, protocol, headers, service name, resource attributes); the
            // resource adds the pod's identity so that every span and log record carries it.
            var resource = ResourceBuilder.CreateDefault().AddService(AppName()).AddAttributes(identity.ResourceAttributes());
            tracer = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource).AddSource(SourceName).AddOtlpExporter().Build();
            loggers = LoggerFactory.Create(builder => builder.AddOpenTelemetry(o =>
            {
                o.SetResourceBuilder(resource);
                o.IncludeScopes = true;
                o.AddOtlpExporter();
            }));
        }

        var parent = default(ActivityContext);
        if (environment.TryGetValue("TRACEPARENT", out var traceParent))
        {
            environment.TryGetValue("TRACESTATE", out var traceState);
            ActivityContext.TryParse(traceParent, traceState, out parent);
        }

        var activity = Source.StartActivity("step " + step.Name, ActivityKind.Internal, parent, identity.Tags());
        return new StepSpan(activity, tracer, loggers, loggerFactory, identity);
    }

    private static bool Has(IReadOnlyDictionary<string, string> environment, string name) =>
        environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value);

    private static string AppName() =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) is { Length: > 0 } name ? name : Assembly.GetEntryAssembly()?.GetName().Name ?? "pipelines-step";
}

/// <summary>
/// The identity Argo v4.1 gives a step's main container (<c>workflowpod.go</c>): <c>ARGO_WORKFLOW_NAME</c>,
/// <c>ARGO_NODE_ID</c>, <c>ARGO_CONTAINER_NAME</c>; the template is the step (Argo sets <c>ARGO_TEMPLATE</c> only in
/// init-less layouts). Run identity belongs on spans and logs, never on metric labels.
/// </summary>
/// <param name="WorkflowName">The workflow (run) name, or null outside Argo.</param>
/// <param name="NodeId">The node id, or null outside Argo.</param>
/// <param name="ContainerName">The container name (<c>main</c>), or null.</param>
/// <param name="Step">The C# step's name (its template).</param>
public sealed record StepIdentity(string? WorkflowName, string? NodeId, string? ContainerName, string Step)
{
    /// <summary>The span tag of the workflow name.</summary>
    public const string WorkflowTag = "argo.workflow.name";

    /// <summary>The span tag of the node id.</summary>
    public const string NodeTag = "argo.node.id";

    /// <summary>The span tag of the template (the step).</summary>
    public const string TemplateTag = "argo.template.name";

    /// <summary>The span tag of the container name.</summary>
    public const string ContainerTag = "k8s.container.name";

    /// <summary>Reads the identity from the environment.</summary>
    public static StepIdentity From(IReadOnlyDictionary<string, string> environment, string step)
    {
        string? Get(string name) => environment.TryGetValue(name, out var v) && v.Length > 0 ? v : null;
        return new StepIdentity(Get("ARGO_WORKFLOW_NAME"), Get("ARGO_NODE_ID"), Get("ARGO_CONTAINER_NAME"), step);
    }

    /// <summary>The tags of the step's span (absent values left out).</summary>
    public IEnumerable<KeyValuePair<string, object?>> Tags()
    {
        if (WorkflowName is not null)
        {
            yield return new(WorkflowTag, WorkflowName);
        }

        if (NodeId is not null)
        {
            yield return new(NodeTag, NodeId);
        }

        yield return new(TemplateTag, Step);
        if (ContainerName is not null)
        {
            yield return new(ContainerTag, ContainerName);
        }
    }

    /// <summary>The same values as resource attributes (so OTLP log records carry them too).</summary>
    public IEnumerable<KeyValuePair<string, object>> ResourceAttributes()
    {
        foreach (var tag in Tags())
        {
            yield return new(tag.Key, tag.Value!);
        }
    }
}

/// <summary>The span of a running step; disposing it ends the span and flushes the exporters.</summary>
public sealed class StepSpan : IDisposable
{
    private readonly TracerProvider? _tracer;
    private readonly ILoggerFactory? _loggers;
    private readonly ILoggerFactory? _external;

    internal StepSpan(Activity? activity, TracerProvider? tracer, ILoggerFactory? loggers, ILoggerFactory? external, StepIdentity identity)
    {
        Activity = activity;
        _tracer = tracer;
        _loggers = loggers;
        _external = external;
        Identity = identity;
    }

    /// <summary>The scope key of the trace id (present when the step has an activity).</summary>
    public const string TraceIdKey = "trace_id";

    /// <summary>The scope key of the span id (present when the step has an activity).</summary>
    public const string SpanIdKey = "span_id";

    /// <summary>The step's activity, or null when nothing listens (telemetry off).</summary>
    public Activity? Activity { get; }

    /// <summary>The pod's identity.</summary>
    public StepIdentity Identity { get; }

    /// <summary>
    /// The ids every record of <see cref="CreateLogger"/> carries as a logging scope: the identity's span tags
    /// (<see cref="StepIdentity.Tags"/>) and, when the step has an activity, <see cref="TraceIdKey"/> and
    /// <see cref="SpanIdKey"/> of that activity.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, object?>> LogScope()
    {
        var scope = new List<KeyValuePair<string, object?>>(Identity.Tags());
        if (Activity is { } activity)
        {
            scope.Add(new(TraceIdKey, activity.TraceId.ToHexString()));
            scope.Add(new(SpanIdKey, activity.SpanId.ToHexString()));
        }

        return scope;
    }

    /// <summary>
    /// A logger whose records carry the step's ids in a scope (<see cref="LogScope"/>); OTLP records also carry the
    /// trace and span ids of the activity and the identity as resource attributes. Writes to OTLP when asked for and to
    /// the host's logger factory when one was given; a no-op logger when neither.
    /// </summary>
    /// <param name="category">The logger category.</param>
    public ILogger CreateLogger(string category)
    {
        var sinks = new List<ILogger>(2);
        if (_loggers is not null)
        {
            sinks.Add(_loggers.CreateLogger(category));
        }

        if (_external is not null)
        {
            sinks.Add(_external.CreateLogger(category));
        }

        return sinks.Count switch
        {
            0 => Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance,
            _ => new IdentityLogger(sinks.ToArray(), [.. LogScope()]),
        };
    }

    /// <summary>Marks the step failed: error status and the exception as an event.</summary>
    public void Fail(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (Activity is { } activity)
        {
            activity.SetStatus(ActivityStatusCode.Error, exception.Message);
            activity.AddException(exception);
        }
    }

    /// <summary>Marks the step succeeded.</summary>
    public void Succeed() => Activity?.SetStatus(ActivityStatusCode.Ok);

    /// <inheritdoc/>
    public void Dispose()
    {
        Activity?.Dispose();
        _tracer?.ForceFlush();
        _tracer?.Dispose();
        _loggers?.Dispose();
    }

    /// <summary>Writes every record to each sink inside a scope holding the step's ids.</summary>
    private sealed class IdentityLogger(ILogger[] sinks, KeyValuePair<string, object?>[] scope) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            if (sinks.Length == 1)
            {
                return sinks[0].BeginScope(state);
            }

            var scopes = new IDisposable?[sinks.Length];
            for (var i = 0; i < sinks.Length; i++)
            {
                scopes[i] = sinks[i].BeginScope(state);
            }

            return new Scopes(scopes);
        }

        public bool IsEnabled(LogLevel logLevel) => Array.Exists(sinks, s => s.IsEnabled(logLevel));

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            foreach (var sink in sinks)
            {
                if (!sink.IsEnabled(logLevel))
                {
                    continue;
                }

                using (sink.BeginScope(scope))
                {
                    sink.Log(logLevel, eventId, state, exception, formatter);
                }
            }
        }
    }

    private sealed class Scopes(IDisposable?[] scopes) : IDisposable
    {
        public void Dispose()
        {
            for (var i = scopes.Length - 1; i >= 0; i--)
            {
                scopes[i]?.Dispose();
            }
        }
    }
}

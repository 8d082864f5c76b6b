using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Linq;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Pipelines.Runner.Telemetry;

/// <summary>
/// Sends the trace of a local run to an OTLP endpoint with the OpenTelemetry SDK's OTLP exporter: the same spans as
/// <see cref="RunTrace.ToOtlpJson"/> (a <c>workflow</c> span, a span per node under its parent node's span, the node's
/// phase as status, retries as events), with the times of the run. The exporter makes its own span ids, so the ids
/// differ from the file's; the shape and the parent links are the same.
/// </summary>
public static class RunTraceExport
{
    /// <summary>The <c>--trace</c> value that exports to the endpoint of the standard <c>OTEL_EXPORTER_OTLP_*</c> variables.</summary>
    public const string Otlp = "otlp";

    private const string ExporterEventSource = "OpenTelemetry-Exporter-OpenTelemetryProtocol";

    private static readonly object Gate = new();

    /// <summary>
    /// Whether a <c>--trace</c> value names an OTLP target rather than a file: <c>otlp</c> (the standard
    /// <c>OTEL_EXPORTER_OTLP_*</c> variables, or the SDK's default <c>http://localhost:4317</c> over gRPC) or an
    /// <c>http://</c>/<c>https://</c> URL (the endpoint).
    /// </summary>
    public static bool IsTarget(string? value) =>
        string.Equals(value, Otlp, StringComparison.OrdinalIgnoreCase) ||
        (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps));

    /// <summary>
    /// Exports the trace of a run and waits for it; returns the exporter's error messages (empty when it was sent).
    /// </summary>
    /// <param name="report">The run.</param>
    /// <param name="target"><c>otlp</c>, or the endpoint URL. A URL without a path is a base endpoint (as
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>): <c>/v1/traces</c> is added for OTLP/HTTP.</param>
    /// <param name="protocol">The protocol for a URL: null for OTLP/HTTP protobuf unless
    /// <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> is <c>grpc</c>; ignored for <c>otlp</c> (the SDK reads the variables).</param>
    public static IReadOnlyList<string> Export(RunReport report, string target, OtlpExportProtocol? protocol = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(target);
        if (!IsTarget(target))
        {
            throw new ArgumentException("not an OTLP target: " + target, nameof(target));
        }

        // One export at a time: the activity source name and the exporter's event source are process-wide.
        lock (Gate)
        {
            using var errors = new ExporterErrors();
            var sourceName = RunTrace.ScopeName + ".Export";
            using var source = new ActivitySource(sourceName);
            var resource = ResourceBuilder.CreateEmpty()
                .AddService("pipelines-runner")
                .AddAttributes([new("workflows.argoproj.io/workflow", report.WorkflowName)]);
            using (var provider = Sdk.CreateTracerProviderBuilder()
                .SetResourceBuilder(resource)
                .AddSource(sourceName)
                .SetSampler(new AlwaysOnSampler())
                .AddOtlpExporter(o =>
                {
                    o.ExportProcessorType = ExportProcessorType.Simple;
                    if (!string.Equals(target, Otlp, StringComparison.OrdinalIgnoreCase))
                    {
                        o.Protocol = protocol ?? (string.Equals(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_PROTOCOL"), "grpc", StringComparison.OrdinalIgnoreCase) ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf);
                        o.Endpoint = Endpoint(new Uri(target), o.Protocol);
                    }
                })
                .Build())
            {
                var previous = Activity.Current;
                try
                {
                    Emit(source, report);
                }
                finally
                {
                    Activity.Current = previous;
                }

                provider.ForceFlush();
            }

            return errors.Messages;
        }
    }

    private static Uri Endpoint(Uri uri, OtlpExportProtocol protocol) =>
        protocol == OtlpExportProtocol.HttpProtobuf && uri.AbsolutePath is "" or "/" ? new Uri(uri, "v1/traces") : uri;

    private static void Emit(ActivitySource source, RunReport report)
    {
        var byName = report.Nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
        var end = report.FinishedAt ?? report.Nodes.Select(n => n.FinishedAt ?? n.StartedAt).DefaultIfEmpty(report.StartedAt).Max();
        var workflow = source.StartActivity("workflow", ActivityKind.Internal, default(ActivityContext), [new("workflow.name", report.WorkflowName)], null, report.StartedAt);
        if (workflow is null)
        {
            return;
        }

        var contexts = new Dictionary<string, ActivityContext>(StringComparer.Ordinal);
        var pending = new List<Activity>();

        // Parents before children: a node's span needs its parent's context.
        ActivityContext ContextOf(RunNode node, int depth)
        {
            if (contexts.TryGetValue(node.Name, out var known))
            {
                return known;
            }

            var parent = depth < 1000 && node.Parent is { } p && byName.TryGetValue(p, out var parentNode) ? ContextOf(parentNode, depth + 1) : workflow.Context;
            var tags = new KeyValuePair<string, object?>[]
            {
                new("workflow.name", report.WorkflowName),
                new("node.id", node.Id),
                new("node.name", node.Name),
                new("node.type", node.Type.ToString()),
                new("node.phase", node.Phase.ToString()),
                new("template.name", node.TemplateName ?? string.Empty),
            };
            var activity = source.StartActivity(node.DisplayName, ActivityKind.Internal, parent, tags, null, node.StartedAt)!;
            if (node.Type == NodeType.Retry)
            {
                var attempt = 0;
                foreach (var child in node.Children.Select(c => byName.TryGetValue(c, out var n) ? n : null).Where(n => n is not null))
                {
                    activity.AddEvent(new ActivityEvent("attempt " + attempt++, child!.FinishedAt ?? child.StartedAt, new ActivityTagsCollection { ["node.phase"] = child.Phase.ToString() }));
                }
            }

            Finish(activity, node.FinishedAt ?? node.StartedAt, node.Phase.ToString(), node.Message);
            pending.Add(activity);
            contexts[node.Name] = activity.Context;
            return activity.Context;
        }

        foreach (var node in report.Nodes)
        {
            ContextOf(node, 0);
        }

        Finish(workflow, end, report.Phase, report.Message);

        // Children end (and are exported) before their parents, as in a live trace.
        foreach (var activity in pending.AsEnumerable().Reverse())
        {
            activity.Stop();
        }

        workflow.Stop();
    }

    private static void Finish(Activity activity, DateTimeOffset end, string phase, string message)
    {
        var start = activity.StartTimeUtc;
        activity.SetEndTime(end.UtcDateTime < start ? start : end.UtcDateTime);
        if (phase is "Succeeded")
        {
            activity.SetStatus(ActivityStatusCode.Ok);
        }
        else if (phase is "Failed" or "Error")
        {
            activity.SetStatus(ActivityStatusCode.Error, message.Length > 0 ? message : null);
        }
    }

    /// <summary>Collects the exporter's error events (it reports failed exports there, never by throwing).</summary>
    private sealed class ExporterErrors : EventListener
    {
        private readonly List<string> _messages = [];

        public IReadOnlyList<string> Messages
        {
            get
            {
                lock (_messages)
                {
                    return _messages.ToArray();
                }
            }
        }

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == ExporterEventSource)
            {
                EnableEvents(eventSource, EventLevel.Error);
            }

            base.OnEventSourceCreated(eventSource);
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.Level > EventLevel.Error)
            {
                return;
            }

            var text = eventData.Message is { Length: > 0 } format && eventData.Payload is { } payload
                ? SafeFormat(format, payload)
                : eventData.EventName ?? "export failed";
            lock (_messages)
            {
                _messages.Add(text);
            }
        }

        private static string SafeFormat(string format, IReadOnlyList<object?> payload)
        {
            try
            {
                return string.Format(System.Globalization.CultureInfo.InvariantCulture, format, [.. payload]);
            }
            catch (FormatException)
            {
                return format;
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Pipelines.Runner.Telemetry;

/// <summary>
/// The trace of a local run: one trace per run, a root span for the workflow and one span per node, each a child of its
/// parent node's span (nodes without a parent, such as the entry node and exit handlers, hang off the workflow span).
/// Spans carry the identity Argo's own spans and a step's runtime use (<c>workflow.name</c>, <c>node.id</c>...), the
/// node's phase as status, and retries as events on the retry node. Written as OTLP/JSON (the format of the OpenTelemetry
/// Collector's file exporter and <c>otlpjsonfile</c> receiver), so any OTLP tool can read it.
/// </summary>
public static class RunTrace
{
    /// <summary>The instrumentation scope of the spans.</summary>
    public const string ScopeName = "Pipelines.Runner";

    /// <summary>The trace id of a run: 32 hex digits derived from its name and start, stable for the run.</summary>
    public static string TraceId(RunReport report) => Hex(report.WorkflowName + "\n" + report.StartedAt.UtcTicks.ToString(CultureInfo.InvariantCulture), 16);

    /// <summary>The span id of a node (16 hex digits), or of the workflow span for null.</summary>
    public static string SpanId(RunReport report, RunNode? node) => Hex(TraceId(report) + "\n" + (node?.Id ?? "workflow"), 8);

    /// <summary>Writes the trace of a run as OTLP/JSON.</summary>
    public static string ToOtlpJson(RunReport report)
    {
        var traceId = TraceId(report);
        var byName = report.Nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
        var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartArray("resourceSpans");
            json.WriteStartObject();
            json.WriteStartObject("resource");
            json.WriteStartArray("attributes");
            Attribute(json, "service.name", "pipelines-runner");
            Attribute(json, "workflows.argoproj.io/workflow", report.WorkflowName);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartArray("scopeSpans");
            json.WriteStartObject();
            json.WriteStartObject("scope");
            json.WriteString("name", ScopeName);
            json.WriteEndObject();
            json.WriteStartArray("spans");

            var end = report.FinishedAt ?? report.Nodes.Select(n => n.FinishedAt ?? n.StartedAt).DefaultIfEmpty(report.StartedAt).Max();
            Span(json, traceId, SpanId(report, null), null, "workflow", report.StartedAt, end, report.Phase, report.Message, [("workflow.name", report.WorkflowName)], []);
            foreach (var node in report.Nodes)
            {
                var parent = node.Parent is { } p && byName.TryGetValue(p, out var parentNode) ? SpanId(report, parentNode) : SpanId(report, null);
                var events = new List<(string Name, DateTimeOffset Time, string Detail)>();
                if (node.Type == NodeType.Retry)
                {
                    var attempt = 0;
                    foreach (var child in node.Children.Select(c => byName.TryGetValue(c, out var n) ? n : null).Where(n => n is not null))
                    {
                        events.Add(("attempt " + (attempt++).ToString(CultureInfo.InvariantCulture), child!.FinishedAt ?? child.StartedAt, child.Phase.ToString()));
                    }
                }

                Span(
                    json,
                    traceId,
                    SpanId(report, node),
                    parent,
                    node.DisplayName,
                    node.StartedAt,
                    node.FinishedAt ?? node.StartedAt,
                    node.Phase.ToString(),
                    node.Message,
                    [
                        ("workflow.name", report.WorkflowName),
                        ("node.id", node.Id),
                        ("node.name", node.Name),
                        ("node.type", node.Type.ToString()),
                        ("node.phase", node.Phase.ToString()),
                        ("template.name", node.TemplateName ?? string.Empty),
                    ],
                    events);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Span(
        Utf8JsonWriter json,
        string traceId,
        string spanId,
        string? parentSpanId,
        string name,
        DateTimeOffset start,
        DateTimeOffset end,
        string phase,
        string message,
        (string Key, string Value)[] attributes,
        List<(string Name, DateTimeOffset Time, string Detail)> events)
    {
        json.WriteStartObject();
        json.WriteString("traceId", traceId);
        json.WriteString("spanId", spanId);
        if (parentSpanId is not null)
        {
            json.WriteString("parentSpanId", parentSpanId);
        }

        json.WriteString("name", name);
        json.WriteNumber("kind", 1);
        json.WriteString("startTimeUnixNano", Nanos(start));
        json.WriteString("endTimeUnixNano", Nanos(end < start ? start : end));
        json.WriteStartArray("attributes");
        foreach (var (key, value) in attributes)
        {
            Attribute(json, key, value);
        }

        json.WriteEndArray();
        json.WriteStartArray("events");
        foreach (var (eventName, time, detail) in events)
        {
            json.WriteStartObject();
            json.WriteString("name", eventName);
            json.WriteString("timeUnixNano", Nanos(time));
            json.WriteStartArray("attributes");
            Attribute(json, "node.phase", detail);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("status");

        // OTLP status codes: 0 unset, 1 ok, 2 error.
        var code = phase is "Succeeded" ? 1 : phase is "Failed" or "Error" ? 2 : 0;
        json.WriteNumber("code", code);
        if (code == 2 && message.Length > 0)
        {
            json.WriteString("message", message);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Attribute(Utf8JsonWriter json, string key, string value)
    {
        json.WriteStartObject();
        json.WriteString("key", key);
        json.WriteStartObject("value");
        json.WriteString("stringValue", value);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static string Nanos(DateTimeOffset time) =>
        ((time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100).ToString(CultureInfo.InvariantCulture);

    private static string Hex(string seed, int bytes) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(seed)), 0, bytes).ToLowerInvariant();
}

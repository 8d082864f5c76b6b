using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Pipelines.Argo.Observability;

namespace Pipelines.Build.Tasks;

/// <summary>
/// A Grafana dashboard (classic JSON model, schemaVersion 39) for the SLOs of one workflow class, in three rows: the
/// executive view (attainment, budget left, runs per day), the on-call view (burn rate per window against the alert
/// factors, firing alerts, failing templates) and the debug view (latency percentiles, per-template failure ratio, pod
/// pending reasons). The data source is a variable, so the file imports into any Grafana. Deterministic: fixed ids,
/// invariant numbers, no timestamps.
/// </summary>
internal static class GrafanaDashboard
{
    private const int SchemaVersion = 39;

    public static string Write(SloDescription description, string prefix)
    {
        var panels = new List<Action<Utf8JsonWriter, int, int>>();
        var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNull("id");
            json.WriteString("uid", Uid(description.Workflow));
            json.WriteString("title", "Pipelines SLOs: " + description.Workflow);
            json.WriteStartArray("tags");
            json.WriteStringValue("pipelines");
            json.WriteStringValue("slo");
            json.WriteEndArray();
            json.WriteNumber("schemaVersion", SchemaVersion);
            json.WriteBoolean("editable", true);
            json.WriteNumber("graphTooltip", 1);
            json.WriteString("refresh", "1m");
            json.WriteStartObject("time");
            json.WriteString("from", "now-7d");
            json.WriteString("to", "now");
            json.WriteEndObject();
            json.WriteStartObject("templating");
            json.WriteStartArray("list");
            json.WriteStartObject();
            json.WriteString("name", "datasource");
            json.WriteString("label", "Data source");
            json.WriteString("type", "datasource");
            json.WriteString("query", "prometheus");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartObject("annotations");
            json.WriteStartArray("list");
            json.WriteEndArray();
            json.WriteEndObject();

            json.WriteStartArray("panels");
            var id = 1;
            var y = 0;
            Row(json, ref id, ref y, "Executive");
            var x = 0;
            foreach (var slo in description.Slos)
            {
                var selector = "{slo_id=\"" + SloRules.SloId(description, slo) + "\"}";
                Panel(json, ref id, x, y, 6, 5, "stat", slo.Name + ": attainment (" + slo.Window + ")", "percentunit",
                    [("1 - " + SloRules.SliRecord(slo.Window) + selector, "attainment")], thresholds: [("red", null), ("green", slo.Objective)]);
                x += 6;
                Panel(json, ref id, x, y, 6, 5, "stat", slo.Name + ": error budget left", "percentunit",
                    [("slo:period_error_budget_remaining:ratio" + selector, "budget left")], thresholds: [("red", null), ("green", 0m)]);
                x += 6;
                if (x >= 24)
                {
                    x = 0;
                    y += 5;
                }
            }

            if (description.RunsMetric is { } runs)
            {
                var metric = prefix + runs + "{workflow=\"" + description.Workflow + "\"}";
                Panel(json, ref id, x, y, 24 - x, 5, "stat", "Runs per day", "short", [("sum(increase(" + metric + "[1d]))", "runs")]);
            }

            y += 5;
            Row(json, ref id, ref y, "On-call");
            foreach (var slo in description.Slos)
            {
                var selector = "{slo_id=\"" + SloRules.SloId(description, slo) + "\"}";
                var targets = SloRules.Windows.Select(w => w.Long).Prepend("5m")
                    .Select(w => (SloRules.SliRecord(w) + selector + " / on (slo_id) group_left slo:error_budget:ratio" + selector, "burn rate " + w))
                    .ToArray();
                var steps = SloRules.Windows.Select(w => w.Factor(slo.WindowHours)).Distinct().OrderBy(f => f).ToList();
                var colors = new[] { "yellow", "orange", "red", "dark-red" };
                var thresholds = new List<(string, decimal?)> { ("green", null) };
                thresholds.AddRange(steps.Select((f, i) => (colors[Math.Min(i, colors.Length - 1)], (decimal?)f)));
                Panel(json, ref id, 0, y, 12, 8, "timeseries", slo.Name + ": burn rate (alert factors as thresholds)", "short", targets, thresholds: thresholds.ToArray());
                Panel(json, ref id, 12, y, 12, 8, "stat", slo.Name + ": firing alerts", "short",
                    [("count(ALERTS{alertstate=\"firing\",slo_id=\"" + SloRules.SloId(description, slo) + "\"}) or vector(0)", "firing")], thresholds: [("green", null), ("red", 1m)]);
                y += 8;
            }

            if (description.TemplatesMetric is { } templates)
            {
                var metric = prefix + templates;
                Panel(json, ref id, 0, y, 24, 8, "timeseries", "Failing templates (top 5, per second over 1h)", "short",
                    [("topk(5, sum by (template) (rate(" + metric + "{workflow=\"" + description.Workflow + "\",status=~\"Failed|Error\"}[1h])))", "{{template}}")]);
                y += 8;
            }

            Row(json, ref id, ref y, "Debug");
            if (description.DurationMetric is { } duration)
            {
                var bucket = prefix + duration + "_bucket{workflow=\"" + description.Workflow + "\"}";
                Panel(json, ref id, 0, y, 12, 8, "timeseries", "Run duration percentiles (1h)", "s",
                    new[] { "0.5", "0.95", "0.99" }.Select(q => ("histogram_quantile(" + q + ", sum by (le) (rate(" + bucket + "[1h])))", "p" + q.Substring(2))).ToArray());
            }

            if (description.TemplatesMetric is { } perTemplate)
            {
                var metric = prefix + perTemplate + "{workflow=\"" + description.Workflow + "\"";
                Panel(json, ref id, 12, y, 12, 8, "timeseries", "Failure ratio per template (1h)", "percentunit",
                    [("sum by (template) (rate(" + metric + ",status=~\"Failed|Error\"}[1h])) / sum by (template) (rate(" + metric + "}[1h]))", "{{template}}")]);
            }

            y += 8;
            Panel(json, ref id, 0, y, 24, 8, "timeseries", "Pod pending reasons (namespace-wide, 15m)", "short",
                [("sum by (reason) (rate(" + prefix + "pod_pending_count[15m]))", "{{reason}}")]);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>A uid of at most 40 characters: the workflow name, or a stable hash of it when it is too long.</summary>
    internal static string Uid(string workflow)
    {
        var uid = "pipelines-" + workflow;
        if (uid.Length <= 40)
        {
            return uid;
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(workflow))).ToLowerInvariant();
        return "pipelines-" + workflow.Substring(0, 17) + "-" + hash.Substring(0, 12);
    }

    private static void Row(Utf8JsonWriter json, ref int id, ref int y, string title)
    {
        json.WriteStartObject();
        json.WriteNumber("id", id++);
        json.WriteString("type", "row");
        json.WriteString("title", title);
        json.WriteBoolean("collapsed", false);
        GridPos(json, 0, y, 24, 1);
        json.WriteStartArray("panels");
        json.WriteEndArray();
        json.WriteEndObject();
        y += 1;
    }

    private static void Panel(Utf8JsonWriter json, ref int id, int x, int y, int w, int h, string type, string title, string unit, (string Expr, string Legend)[] targets, (string Color, decimal? Value)[]? thresholds = null)
    {
        json.WriteStartObject();
        json.WriteNumber("id", id++);
        json.WriteString("type", type);
        json.WriteString("title", title);
        GridPos(json, x, y, w, h);
        json.WriteStartObject("datasource");
        json.WriteString("type", "prometheus");
        json.WriteString("uid", "${datasource}");
        json.WriteEndObject();
        json.WriteStartArray("targets");
        var refId = 'A';
        foreach (var (expr, legend) in targets)
        {
            json.WriteStartObject();
            json.WriteString("refId", (refId++).ToString());
            json.WriteStartObject("datasource");
            json.WriteString("type", "prometheus");
            json.WriteString("uid", "${datasource}");
            json.WriteEndObject();
            json.WriteString("expr", expr);
            json.WriteString("legendFormat", legend);
            json.WriteBoolean("instant", type == "stat");
            json.WriteBoolean("range", type != "stat");
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("fieldConfig");
        json.WriteStartObject("defaults");
        json.WriteString("unit", unit);
        if (thresholds is not null)
        {
            json.WriteStartObject("thresholds");
            json.WriteString("mode", "absolute");
            json.WriteStartArray("steps");
            foreach (var (color, value) in thresholds)
            {
                json.WriteStartObject();
                json.WriteString("color", color);
                if (value is { } v)
                {
                    json.WriteNumber("value", v);
                }
                else
                {
                    json.WriteNull("value");
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteStartArray("overrides");
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartObject("options");
        json.WriteEndObject();
        json.WriteStartArray("transformations");
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void GridPos(Utf8JsonWriter json, int x, int y, int w, int h)
    {
        json.WriteStartObject("gridPos");
        json.WriteNumber("h", h);
        json.WriteNumber("w", w);
        json.WriteNumber("x", x);
        json.WriteNumber("y", y);
        json.WriteEndObject();
    }
}

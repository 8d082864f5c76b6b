using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.CodeAnalysis;
using Pipelines.Generator.Model;

namespace Pipelines.Generator;

public sealed partial class PipelinesGenerator
{
    /// <summary>
    /// SLO declarations (<c>[Slo]</c>, <c>[LatencySlo]</c>), the standard run metrics the SLIs read, and user metrics
    /// (<c>[Metric]</c>): parsed into an <see cref="ObservabilitySpec"/>, added to the manifest as fragments
    /// (<c>spec.metrics</c>, <c>templates[].metrics</c>) and embedded as a <c>[PipelineObservability]</c> attribute
    /// for the build task. The validation helpers here are shared with the analyzers (PIPE4950-4999).
    /// </summary>
    internal static class Observability
    {
        public const string SloAttribute = "Pipelines.SloAttribute";
        public const string LatencySloAttribute = "Pipelines.LatencySloAttribute";
        public const string RunMetricsAttribute = "Pipelines.RunMetricsAttribute";
        public const string MetricAttribute = "Pipelines.MetricAttribute";

        /// <summary>The run counter: one per finished run, labelled by class and final status.</summary>
        public const string RunsMetric = "pipelines_workflow_runs";

        /// <summary>The run duration histogram (seconds, Argo's <c>{{workflow.duration}}</c>).</summary>
        public const string DurationMetric = "pipelines_workflow_duration_seconds";

        /// <summary>The per-template counter: one per completed node (attempt), labelled by class, template and status.</summary>
        public const string TemplatesMetric = "pipelines_template_runs";

        /// <summary>The retry counter: the retries of a retry node (<c>{{retries}}</c>), by class and template.</summary>
        public const string RetriesMetric = "pipelines_template_retries";

        private const string RetryAttribute = "Pipelines.RetryAttribute";

        // Help texts are part of a metric's identity in Argo (another help for a known name is an emission error), so
        // they are constants, the same for every workflow.
        private const string RunsHelp = "Finished workflow runs by workflow class and final status (Pipelines).";
        private const string DurationHelp = "Workflow run duration in seconds, Pending excluded (Pipelines).";
        private const string TemplatesHelp = "Completed template nodes (attempts) by workflow class, template and status (Pipelines).";
        private const string RetriesHelp = "Retries of completed retry nodes by workflow class and template (Pipelines).";

        /// <summary>
        /// The default duration buckets in seconds: the same for every workflow, since Argo fixes a histogram's buckets
        /// when it first creates the metric. A latency threshold outside the ladder is added to it.
        /// </summary>
        public static readonly decimal[] DefaultBuckets = [1, 5, 10, 30, 60, 120, 300, 600, 900, 1200, 1800, 2700, 3600, 5400, 7200, 10800, 14400, 21600, 43200, 86400];

        private static readonly Regex MetricName = new("^[a-zA-Z_][a-zA-Z0-9_]*$", RegexOptions.CultureInvariant);

        private static readonly Regex SloName = new("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", RegexOptions.CultureInvariant);

        /// <summary>Argo variables whose value differs per run or per pod: never metric label values.</summary>
        private static readonly string[] PerRunVariables =
        [
            "workflow.name", "workflow.uid", "workflow.creationTimestamp", "workflow.parameters", "workflow.labels", "workflow.annotations",
            "workflow.mainEntrypoint", "pod.name", "node.name", "inputs.", "outputs.", "item", "steps.", "tasks.", "retries", "exitCode", "duration",
            "workflow.duration", "resourcesDuration",
        ];

        /// <summary>Argo's metric and label-key rule (<c>IsValidMetricName</c>): Prometheus' legacy name check, and no <c>:</c>.</summary>
        public static bool IsValidMetricName(string? name) => name is { Length: > 0 } && MetricName.IsMatch(name);

        /// <summary>Whether a name is usable as an SLO name (it becomes part of rule names and labels).</summary>
        public static bool IsValidSloName(string? name) => name is { Length: > 0 and <= 63 } && SloName.IsMatch(name);

        /// <summary>A Prometheus duration (<c>30d</c>, <c>1h30m</c>, <c>90s</c>) in seconds; null when it is not one.</summary>
        public static decimal? ParseDuration(string? text) => Pipelines.Argo.Observability.PrometheusDuration.Seconds(text);

        /// <summary>Whether an objective is usable: strictly between 0 and 1.</summary>
        public static bool IsValidObjective(double objective) => objective > 0 && objective < 1 && !double.IsNaN(objective);

        /// <summary>The first per-run variable a label value uses (<c>{{workflow.name}}</c>...), or null when it is bounded.</summary>
        public static string? PerRunVariable(string value)
        {
            var start = 0;
            while ((start = value.IndexOf("{{", start, StringComparison.Ordinal)) >= 0)
            {
                var end = value.IndexOf("}}", start + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    return null;
                }

                var inner = value.Substring(start + 2, end - start - 2).Trim();
                foreach (var variable in PerRunVariables)
                {
                    if (inner == variable || (variable.EndsWith(".", StringComparison.Ordinal) ? inner.StartsWith(variable, StringComparison.Ordinal) : inner.StartsWith(variable + ".", StringComparison.Ordinal)))
                    {
                        return inner;
                    }
                }

                start = end + 2;
            }

            return null;
        }

        /// <summary>A decimal as invariant text without trailing zeros (<c>900</c>, <c>0.5</c>).</summary>
        public static string Format(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

        /// <summary>Reads the observability attributes of a workflow class; null when it has none.</summary>
        public static ObservabilitySpec? Read(INamedTypeSymbol type, IEnumerable<(IMethodSymbol Method, string Template)> templates, CancellationToken ct)
        {
            var slos = new List<SloSpec>();
            var workflowMetrics = new List<MetricSpec>();
            AttributeData? runMetrics = null;
            foreach (var a in type.GetAttributes())
            {
                switch (Parser.AttributeName(a))
                {
                    case SloAttribute:
                        slos.Add(ReadSlo(a, SloKind.SuccessRate));
                        break;
                    case LatencySloAttribute:
                        slos.Add(ReadSlo(a, SloKind.Latency));
                        break;
                    case RunMetricsAttribute:
                        runMetrics = a;
                        break;
                    case MetricAttribute when ReadMetric(a) is { } metric:
                        workflowMetrics.Add(metric);
                        break;
                }
            }

            var userTemplateMetrics = new Dictionary<string, List<MetricSpec>>(StringComparer.Ordinal);
            foreach (var (method, template) in templates)
            {
                ct.ThrowIfCancellationRequested();
                foreach (var a in method.GetAttributes())
                {
                    if (Parser.AttributeName(a) == MetricAttribute && ReadMetric(a) is { } metric)
                    {
                        if (!userTemplateMetrics.TryGetValue(template, out var list))
                        {
                            userTemplateMetrics[template] = list = [];
                        }

                        list.Add(metric);
                    }
                }
            }

            if (slos.Count == 0 && runMetrics is null && workflowMetrics.Count == 0 && userTemplateMetrics.Count == 0)
            {
                return null;
            }

            var standard = slos.Count > 0 || runMetrics is not null;
            var runs = standard && Bool(runMetrics, "Runs", true);
            var perTemplate = standard && Bool(runMetrics, "Templates", true);
            var retries = runMetrics is not null && Bool(runMetrics, "Retries", false);
            var latency = slos.Where(s => s.Kind == SloKind.Latency).ToList();
            var buckets = new SortedSet<decimal>(latency.Any(s => s.Buckets is not null)
                ? latency.Where(s => s.Buckets is not null).SelectMany(s => s.Buckets!).Select(b => decimal.Parse(b, NumberStyles.Float, CultureInfo.InvariantCulture))
                : DefaultBuckets);
            if (latency.All(s => s.Buckets is null))
            {
                foreach (var slo in latency)
                {
                    if (slo.UnderSeconds is { } under)
                    {
                        buckets.Add(decimal.Parse(under, NumberStyles.Float, CultureInfo.InvariantCulture));
                    }
                }
            }

            var workflow = Naming.ToKebabCase(type.Name);
            var templateMetrics = new List<TemplateMetricsSpec>();
            var position = type.Locations.Length > 0 ? Parser.Position(type.Locations[0]) : new SourcePosition(1, 1);
            foreach (var (method, template) in templates)
            {
                var list = new List<MetricSpec>();
                if (perTemplate)
                {
                    list.Add(new MetricSpec(
                        TemplatesMetric,
                        "counter",
                        TemplatesHelp,
                        "1",
                        new[] { new KeyValueSpec("workflow", workflow), new KeyValueSpec("template", template), new KeyValueSpec("status", "{{status}}") }.ToImmutableEquatableArray(),
                        null,
                        null,
                        false,
                        position));
                }

                // {{retries}} exists only on a node with children, so only templates with a retryStrategy get it.
                if (retries && method.GetAttributes().Any(a => Parser.AttributeName(a) == RetryAttribute))
                {
                    list.Add(new MetricSpec(
                        RetriesMetric,
                        "counter",
                        RetriesHelp,
                        "{{retries}}",
                        new[] { new KeyValueSpec("workflow", workflow), new KeyValueSpec("template", template) }.ToImmutableEquatableArray(),
                        null,
                        null,
                        false,
                        position));
                }

                if (userTemplateMetrics.TryGetValue(template, out var user))
                {
                    list.AddRange(user);
                }

                if (list.Count > 0 && !templateMetrics.Any(t => t.Template == template))
                {
                    templateMetrics.Add(new TemplateMetricsSpec(template, list.ToImmutableEquatableArray()));
                }
            }

            return new ObservabilitySpec(
                workflow,
                runs ? RunsMetric : null,
                latency.Count > 0 ? DurationMetric : null,
                perTemplate ? TemplatesMetric : null,
                buckets.Select(Format).ToImmutableEquatableArray(),
                slos.ToImmutableEquatableArray(),
                workflowMetrics.ToImmutableEquatableArray(),
                templateMetrics.ToImmutableEquatableArray());
        }

        private static SloSpec ReadSlo(AttributeData a, SloKind kind)
        {
            var objective = Named<double>(a, kind == SloKind.SuccessRate ? "SuccessRate" : "Percentile") ?? 0;
            var under = kind == SloKind.Latency ? NamedString(a, "Under") ?? string.Empty : null;
            var underSeconds = under is null ? null : ParseDuration(under) is { } s ? Format(s) : null;
            ImmutableEquatableArray<string>? buckets = null;
            foreach (var pair in a.NamedArguments)
            {
                if (pair.Key == "Buckets" && pair.Value.Kind == TypedConstantKind.Array && !pair.Value.IsNull)
                {
                    buckets = pair.Value.Values
                        .Select(v => v.Value is double d && !double.IsNaN(d) && !double.IsInfinity(d) ? Format((decimal)d) : null)
                        .Where(v => v is not null)
                        .Select(v => v!)
                        .ToImmutableEquatableArray();
                }
            }

            return new SloSpec(
                NamedString(a, "Name") ?? (kind == SloKind.SuccessRate ? "success-rate" : "latency"),
                kind,
                objective.ToString("R", CultureInfo.InvariantCulture),
                NamedString(a, "Window") ?? "30d",
                under,
                underSeconds,
                buckets,
                NamedString(a, "Page") ?? "page",
                NamedString(a, "Ticket") ?? "ticket",
                Pairs(a, "AlertLabels"),
                Position(a));
        }

        private static MetricSpec? ReadMetric(AttributeData a)
        {
            if (a.ConstructorArguments.Length < 2 || a.ConstructorArguments[0].Value is not string name || a.ConstructorArguments[1].Value is not int kind)
            {
                return null;
            }

            ImmutableEquatableArray<string>? buckets = null;
            foreach (var pair in a.NamedArguments)
            {
                if (pair.Key == "Buckets" && pair.Value.Kind == TypedConstantKind.Array && !pair.Value.IsNull)
                {
                    buckets = pair.Value.Values.Select(v => v.Value is double d ? d.ToString("R", CultureInfo.InvariantCulture) : "0").ToImmutableEquatableArray();
                }
            }

            return new MetricSpec(
                name,
                kind switch { 1 => "gauge", 2 => "histogram", _ => "counter" },
                NamedString(a, "Help") ?? name,
                NamedString(a, "Value") ?? "1",
                Pairs(a, "Labels"),
                NamedString(a, "When"),
                buckets,
                Named<bool>(a, "Realtime") ?? false,
                Position(a));
        }

        /// <summary>The metrics fragments: <c>spec.metrics</c> and each template's <c>metrics</c>, merged before user fragments.</summary>
        public static IEnumerable<FragmentSpec> Fragments(ObservabilitySpec spec, WorkflowKind kind)
        {
            var specRoot = kind == WorkflowKind.CronWorkflow ? "spec.workflowSpec" : "spec";
            var workflow = new List<MetricSpec>();
            var position = spec.Slos.Count > 0 ? spec.Slos[0].Position : new SourcePosition(1, 1);
            if (spec.RunsMetric is { } runs)
            {
                workflow.Add(new MetricSpec(runs, "counter", RunsHelp, "1", new[] { new KeyValueSpec("workflow", spec.Workflow), new KeyValueSpec("status", "{{workflow.status}}") }.ToImmutableEquatableArray(), null, null, false, position));
            }

            if (spec.DurationMetric is { } duration)
            {
                workflow.Add(new MetricSpec(duration, "histogram", DurationHelp, "{{workflow.duration}}", new[] { new KeyValueSpec("workflow", spec.Workflow) }.ToImmutableEquatableArray(), null, spec.DurationBuckets, false, position));
            }

            workflow.AddRange(spec.WorkflowMetrics);
            if (workflow.Count > 0)
            {
                yield return new FragmentSpec(specRoot, MetricsJson(workflow), workflow[0].Position);
            }

            foreach (var template in spec.TemplateMetrics)
            {
                yield return new FragmentSpec(specRoot + ".templates[name=" + template.Template + "]", MetricsJson(template.Metrics), template.Metrics[0].Position);
            }
        }

        private static string MetricsJson(IEnumerable<MetricSpec> metrics)
        {
            var json = new JsonWriter().BeginObject().Name("metrics").BeginObject().Name("prometheus").BeginArray();
            foreach (var metric in metrics)
            {
                json.BeginObject().Property("name", metric.Name).Property("help", metric.Help);
                if (metric.Labels.Count > 0)
                {
                    json.Name("labels").BeginArray();
                    foreach (var label in metric.Labels)
                    {
                        json.BeginObject().Property("key", label.Key).Property("value", label.Value).EndObject();
                    }

                    json.EndArray();
                }

                json.Property("when", metric.When);
                json.Name(metric.Kind).BeginObject().Property("value", metric.Value);
                if (metric.Kind == "histogram")
                {
                    json.Name("buckets").BeginArray();
                    foreach (var bucket in metric.Buckets ?? ImmutableEquatableArray<string>.Empty)
                    {
                        json.Raw(bucket);
                    }

                    json.EndArray();
                }

                if (metric.Kind == "gauge" && metric.Realtime)
                {
                    json.Property("realtime", true);
                }

                json.EndObject().EndObject();
            }

            return json.EndArray().EndObject().EndObject().ToString();
        }

        /// <summary>The JSON of the <c>[PipelineObservability]</c> attribute: what the build task needs to write rules and dashboards.</summary>
        public static string Json(ObservabilitySpec spec, string id)
        {
            var json = new JsonWriter().BeginObject()
                .Property("id", id)
                .Property("workflow", spec.Workflow)
                .Property("runsMetric", spec.RunsMetric)
                .Property("durationMetric", spec.DurationMetric)
                .Property("templatesMetric", spec.TemplatesMetric)
                .StringArray("durationBuckets", spec.DurationBuckets);
            json.Name("slos").BeginArray();
            foreach (var slo in spec.Slos)
            {
                json.BeginObject()
                    .Property("name", slo.Name)
                    .Property("kind", slo.Kind == SloKind.SuccessRate ? "success-rate" : "latency")
                    .Property("objective", slo.Objective)
                    .Property("window", slo.Window)
                    .Property("under", slo.Under)
                    .Property("underSeconds", slo.UnderSeconds)
                    .Property("page", slo.Page)
                    .Property("ticket", slo.Ticket);
                json.Name("alertLabels").BeginObject();
                foreach (var label in slo.AlertLabels)
                {
                    json.Property(label.Key, label.Value);
                }

                json.EndObject().EndObject();
            }

            return json.EndArray().EndObject().ToString();
        }

        private static SourcePosition Position(AttributeData a) =>
            a.ApplicationSyntaxReference is { } r ? Parser.Position(r.GetSyntax().GetLocation()) : new SourcePosition(1, 1);

        private static bool Bool(AttributeData? a, string name, bool fallback) => a is null ? fallback : Named<bool>(a, name) ?? fallback;

        private static T? Named<T>(AttributeData a, string name)
            where T : struct
        {
            foreach (var pair in a.NamedArguments)
            {
                if (pair.Key == name && pair.Value is { Kind: TypedConstantKind.Primitive, Value: T value })
                {
                    return value;
                }
            }

            return null;
        }

        private static string? NamedString(AttributeData a, string name)
        {
            foreach (var pair in a.NamedArguments)
            {
                if (pair.Key == name && pair.Value is { Kind: TypedConstantKind.Primitive, Value: string s })
                {
                    return s;
                }
            }

            return null;
        }

        /// <summary><c>key=value</c> strings as pairs, in the order written; an entry without <c>=</c> gets an empty value.</summary>
        private static ImmutableEquatableArray<KeyValueSpec> Pairs(AttributeData a, string name)
        {
            foreach (var pair in a.NamedArguments)
            {
                if (pair.Key == name && pair.Value.Kind == TypedConstantKind.Array && !pair.Value.IsNull)
                {
                    return pair.Value.Values
                        .Select(v => v.Value as string ?? string.Empty)
                        .Select(s => s.IndexOf('=') is var i and >= 0 ? new KeyValueSpec(s.Substring(0, i).Trim(), s.Substring(i + 1).Trim()) : new KeyValueSpec(s.Trim(), string.Empty))
                        .ToImmutableEquatableArray();
                }
            }

            return ImmutableEquatableArray<KeyValueSpec>.Empty;
        }
    }
}

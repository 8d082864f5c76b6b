using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Pipelines.Argo.Model;
using Pipelines.Argo.Observability;
using Pipelines.Runner.Expressions;

namespace Pipelines.Runner.Telemetry;

/// <summary>
/// The Argo custom metrics of runs (<c>spec.metrics</c> and <c>templates[].metrics</c>), computed from the nodes of a
/// finished run as the controller emits them: a template's metrics once per completed node (under a retry strategy every
/// attempt but the last, then the retry node with its own scope), the workflow's metrics once at the end with
/// <c>workflow.status</c> from the entry node. Several runs add up in one registry, like the controller's in-memory
/// values, and <see cref="ToPrometheusText"/> writes what its Prometheus endpoint would serve.
/// </summary>
public sealed class RunMetrics
{
    private static readonly Regex Tag = new("\\{\\{\\s*([^{}]+?)\\s*\\}\\}", RegexOptions.CultureInvariant);

    private readonly SortedDictionary<string, Family> _families = new(StringComparer.Ordinal);

    /// <summary>Emission errors (Argo's <c>MetricsError</c> condition), one sentence each.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>The name prefix of the Prometheus endpoint (<c>argo_workflows_</c>).</summary>
    public string Prefix { get; init; } = SloRules.ScrapePrefix;

    /// <summary>Adds the metrics of one finished run.</summary>
    /// <param name="report">The run.</param>
    /// <param name="workflowMetrics">The workflow's <c>spec.metrics</c>, or null.</param>
    /// <param name="templateMetrics">The <c>metrics</c> of the workflow's templates by template name, as written (preferred over the resolved template's).</param>
    public void Add(RunReport report, Metrics? workflowMetrics, IReadOnlyDictionary<string, Metrics>? templateMetrics = null)
    {
        var byName = report.Nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
        foreach (var node in report.Nodes)
        {
            // The manifest's own metrics first: Argo substitutes a metric at emission with the node's scope, while the
            // runner's resolved template may already have had its {{...}} replaced as part of the template.
            var declared = (node.TemplateName is { } template && templateMetrics is not null && templateMetrics.TryGetValue(template, out var byTemplate) ? byTemplate : null)
                ?? node.Resolved?.Metrics;
            if (!node.Completed || declared?.Prometheus is not { Count: > 0 } metrics)
            {
                continue;
            }

            // The final attempt of a retry node does not emit: the retry node emits with the final outcome.
            if (node.Parent is { } parent && byName.TryGetValue(parent, out var p) && p.Type == NodeType.Retry && p.Children.LastOrDefault() == node.Name && p.Completed)
            {
                continue;
            }

            var scope = NodeScope(report, node);
            foreach (var metric in metrics)
            {
                Emit(metric, scope, node.DisplayName);
            }
        }

        if (workflowMetrics?.Prometheus is { Count: > 0 } workflow && report.FinishedAt is { } finished)
        {
            var entry = report.Nodes.FirstOrDefault(n => n.Parent is null && !n.Hooked);
            var scope = WorkflowScope(report);
            scope["workflow.status"] = (entry?.Phase ?? NodePhase.Error).ToString();
            scope["workflow.duration"] = Seconds(finished - report.StartedAt);
            scope["status"] = scope["workflow.status"];
            foreach (var metric in workflow)
            {
                Emit(metric, scope, "workflow");
            }
        }
    }

    /// <summary>The metrics in Prometheus text exposition format (version 0.0.4), sorted by name and labels.</summary>
    public string ToPrometheusText()
    {
        var sb = new StringBuilder();
        foreach (var family in _families.Values)
        {
            var name = Prefix + family.Name;
            sb.Append("# HELP ").Append(name).Append(' ').Append(family.Help.Replace("\\", "\\\\").Replace("\n", "\\n")).Append('\n');
            sb.Append("# TYPE ").Append(name).Append(' ').Append(family.Type).Append('\n');
            foreach (var series in family.Series.Values)
            {
                if (family.Type == "histogram")
                {
                    foreach (var (bound, count) in series.Buckets)
                    {
                        sb.Append(name).Append("_bucket").Append(Labels(series.Labels, ("le", SloRules.GoFloat(bound)))).Append(' ').Append(Number(count)).Append('\n');
                    }

                    sb.Append(name).Append("_bucket").Append(Labels(series.Labels, ("le", "+Inf"))).Append(' ').Append(Number(series.Count)).Append('\n');
                    sb.Append(name).Append("_sum").Append(Labels(series.Labels)).Append(' ').Append(Number(series.Value)).Append('\n');
                    sb.Append(name).Append("_count").Append(Labels(series.Labels)).Append(' ').Append(Number(series.Count)).Append('\n');
                }
                else
                {
                    sb.Append(name).Append(Labels(series.Labels)).Append(' ').Append(Number(series.Value)).Append('\n');
                }
            }
        }

        return sb.ToString();
    }

    /// <summary>Every sample as (series text, value), for tests and tools: <c>name{k="v"}</c> as Prometheus writes it.</summary>
    public IEnumerable<(string Series, decimal Value)> Samples() =>
        ToPrometheusText().Split('\n')
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => (l.Substring(0, l.LastIndexOf(' ')), decimal.Parse(l.Substring(l.LastIndexOf(' ') + 1), NumberStyles.Float, CultureInfo.InvariantCulture)));

    private void Emit(Prometheus metric, Dictionary<string, string> scope, string where)
    {
        var name = metric.Name ?? string.Empty;
        string? Substitute(string? text, string what)
        {
            if (text is null)
            {
                return null;
            }

            string? missing = null;
            var result = Tag.Replace(text, m =>
            {
                if (scope.TryGetValue(m.Groups[1].Value, out var found))
                {
                    return found;
                }

                missing ??= m.Groups[1].Value;
                return m.Value;
            });
            if (missing is not null)
            {
                Errors.Add($"{where}: metric '{name}': {what} uses '{{{{{missing}}}}}', which is not available here");
                return null;
            }

            return result;
        }

        if (metric.When is { Length: > 0 } when)
        {
            var condition = Substitute(when, "when");
            if (condition is null)
            {
                return;
            }

            try
            {
                if (Expr.Evaluate(condition, new Dictionary<string, object?>(), ExprDialect.Govaluate) is not true)
                {
                    return;
                }
            }
            catch (ExprException e)
            {
                Errors.Add($"{where}: metric '{name}': when '{condition}' cannot be evaluated: {e.Message}");
                return;
            }
        }

        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var label in metric.Labels ?? [])
        {
            var labelValue = Substitute(label.Value, "label " + label.Key);
            if (labelValue is null)
            {
                return;
            }

            labels[label.Key ?? string.Empty] = labelValue;
        }

        var (type, valueText) = metric.Gauge is { } g ? ("gauge", g.Value) : metric.Histogram is { } h ? ("histogram", h.Value) : ("counter", metric.Counter?.Value);
        var substituted = Substitute(valueText, "value");
        if (substituted is null)
        {
            return;
        }

        if (!decimal.TryParse(substituted, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            Errors.Add($"{where}: metric '{name}': value '{substituted}' is not a number");
            return;
        }

        if (!_families.TryGetValue(name, out var family))
        {
            _families[name] = family = new Family(name, metric.Help ?? string.Empty, type);
        }
        else if (family.Type != type)
        {
            Errors.Add($"{where}: found existing {family.Type} for custom metric {name} of type {type}");
            return;
        }
        else if (family.Help != (metric.Help ?? string.Empty))
        {
            Errors.Add($"{where}: help for metric {name} is already set to {family.Help}, it cannot be changed");
            return;
        }

        var key = string.Join(",", labels.Select(l => l.Key + "=" + l.Value));
        if (!family.Series.TryGetValue(key, out var series))
        {
            var bounds = type == "histogram"
                ? (metric.Histogram!.Buckets ?? []).Select(b => decimal.Parse(b.Text, NumberStyles.Float, CultureInfo.InvariantCulture)).OrderBy(b => b).ToList()
                : [];
            family.Series[key] = series = new Series(labels, bounds);
        }

        switch (type)
        {
            case "counter":
                series.Value += value;
                break;
            case "gauge":
                series.Value = metric.Gauge!.Operation switch { "Add" => series.Value + value, "Sub" => series.Value - value, _ => value };
                break;
            default:
                series.Value += value;
                series.Count++;
                for (var i = 0; i < series.Buckets.Count; i++)
                {
                    if (value <= series.Buckets[i].Bound)
                    {
                        series.Buckets[i] = (series.Buckets[i].Bound, series.Buckets[i].Count + 1);
                    }
                }

                break;
        }
    }

    private static Dictionary<string, string> WorkflowScope(RunReport report) => new(StringComparer.Ordinal)
    {
        ["workflow.name"] = report.WorkflowName,
    };

    private static Dictionary<string, string> NodeScope(RunReport report, RunNode node)
    {
        var scope = WorkflowScope(report);
        scope["status"] = node.Phase.ToString();
        scope["duration"] = Seconds((node.FinishedAt ?? node.StartedAt) - node.StartedAt);
        foreach (var input in node.Inputs)
        {
            scope["inputs.parameters." + input.Key] = input.Value;
        }

        if (node.Outputs is { } outputs)
        {
            foreach (var output in outputs.Parameters)
            {
                scope["outputs.parameters." + output.Key] = output.Value;
            }

            if (outputs.Result is { } result)
            {
                scope["outputs.result"] = result;
            }

            if (outputs.ExitCode is { } exit)
            {
                scope["exitCode"] = exit;
            }
        }

        // {{retries}} exists only on a node with children (a retry node): the number of attempts after the first.
        if (node.Children.Count > 0)
        {
            scope["retries"] = (node.Children.Count - 1).ToString(CultureInfo.InvariantCulture);
        }

        return scope;
    }

    private static string Seconds(TimeSpan span) => Number(Math.Round((decimal)span.TotalSeconds, 6));

    private static string Number(decimal value) => SloRules.Number(value);

    private static string Labels(SortedDictionary<string, string> labels, params (string Key, string Value)[] extra)
    {
        var all = labels.Select(l => (l.Key, l.Value)).Concat(extra).ToList();
        if (all.Count == 0)
        {
            return string.Empty;
        }

        return "{" + string.Join(",", all.Select(l => l.Key + "=\"" + l.Value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n") + "\"")) + "}";
    }

    private sealed class Family(string name, string help, string type)
    {
        public string Name { get; } = name;

        public string Help { get; } = help;

        public string Type { get; } = type;

        public SortedDictionary<string, Series> Series { get; } = new(StringComparer.Ordinal);
    }

    private sealed class Series(SortedDictionary<string, string> labels, List<decimal> bounds)
    {
        public SortedDictionary<string, string> Labels { get; } = labels;

        public List<(decimal Bound, long Count)> Buckets { get; } = bounds.Select(b => (b, 0L)).ToList();

        public decimal Value { get; set; }

        public long Count { get; set; }
    }
}

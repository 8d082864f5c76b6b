using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Pipelines.Argo.Yaml;

namespace Pipelines.Argo.Observability;

/// <summary>One pair of burn-rate windows: alert when both the long and the short window burn faster than the factor.</summary>
/// <param name="Long">The long window (Prometheus duration).</param>
/// <param name="Short">The short window, which makes the alert reset soon after the burn stops.</param>
/// <param name="BudgetConsumed">The share of the period's budget the long window consumes at the factor.</param>
/// <param name="Page">True for the fast (page) pairs, false for the slow (ticket) pairs.</param>
public sealed record BurnWindow(string Long, string Short, decimal BudgetConsumed, bool Page)
{
    /// <summary>The burn-rate factor for a period of <paramref name="periodHours"/>: k = f · P / L (14.4 for 2% in 1h of 30d).</summary>
    public decimal Factor(decimal periodHours) =>
        Math.Round(BudgetConsumed * periodHours / (PrometheusDuration.Seconds(Long)!.Value / 3600), 6, MidpointRounding.AwayFromZero);
}

/// <summary>
/// Writes the Prometheus rules of an SLO in Sloth's structure: SLI error-ratio recording rules over the standard windows
/// and the period, meta recording rules (objective, budget, burn rates), and multi-window multi-burn-rate alerts (page:
/// 2% of the budget in 1h/5m or 5% in 6h/30m; ticket: 10% in 1d/2h or 3d/6h). Numbers are exact decimals, written
/// invariantly; the output depends only on the input.
/// </summary>
public static class SloRules
{
    /// <summary>The metric name prefix of Argo's Prometheus endpoint (<c>argo_workflows_</c>, no <c>_total</c> suffix).</summary>
    public const string ScrapePrefix = "argo_workflows_";

    /// <summary>The windows of the SRE workbook table (Sloth's google-30d), fastest first.</summary>
    public static IReadOnlyList<BurnWindow> Windows { get; } =
    [
        new("1h", "5m", 0.02m, Page: true),
        new("6h", "30m", 0.05m, Page: true),
        new("1d", "2h", 0.10m, Page: false),
        new("3d", "6h", 0.10m, Page: false),
    ];

    /// <summary>Every window an SLI is recorded over, shortest first.</summary>
    public static IReadOnlyList<string> SliWindows { get; } = ["5m", "30m", "1h", "2h", "6h", "1d", "3d"];

    /// <summary>The name of the SLI error-ratio recording rule over a window (<c>slo:sli_error:ratio_rate5m</c>).</summary>
    public static string SliRecord(string window) => "slo:sli_error:ratio_rate" + window;

    /// <summary>The stable id of an SLO: <c>&lt;workflow&gt;-&lt;slo&gt;</c>.</summary>
    public static string SloId(SloDescription description, Slo slo) => description.Workflow + "-" + slo.Name;

    /// <summary>The alert name: the workflow and SLO in PascalCase, then <c>BudgetBurn</c> (<c>NightlyEtlSuccessRateBudgetBurn</c>).</summary>
    public static string AlertName(SloDescription description, Slo slo) => Pascal(description.Workflow) + Pascal(slo.Name) + "BudgetBurn";

    /// <summary>The SLI error ratio over a window, as PromQL: bad events over all events of the metric the SLO reads.</summary>
    public static string ErrorRatio(SloDescription description, Slo slo, string window, string prefix = ScrapePrefix)
    {
        var workflow = "workflow=\"" + description.Workflow + "\"";
        if (slo.Kind == SloKind.SuccessRate)
        {
            var runs = prefix + (description.RunsMetric ?? throw new InvalidOperationException(description.Id + " has a success-rate SLO but emits no run counter"));
            return $"(sum(rate({runs}{{{workflow},status!=\"Succeeded\"}}[{window}])) or vector(0))\n/\nsum(rate({runs}{{{workflow}}}[{window}]))";
        }

        var histogram = prefix + (description.DurationMetric ?? throw new InvalidOperationException(description.Id + " has a latency SLO but emits no duration histogram"));
        var le = GoFloat(slo.UnderSeconds!.Value);
        return $"(\n  sum(rate({histogram}_count{{{workflow}}}[{window}]))\n  -\n  sum(rate({histogram}_bucket{{{workflow},le=\"{le}\"}}[{window}]))\n)\n/\nsum(rate({histogram}_count{{{workflow}}}[{window}]))";
    }

    /// <summary>The rule groups of one SLO (the <c>groups</c> of a Prometheus rule file, or a PrometheusRule's <c>spec.groups</c>).</summary>
    public static YamlSequence Groups(SloDescription description, Slo slo, string prefix = ScrapePrefix)
    {
        var id = SloId(description, slo);
        var selector = "{slo_id=\"" + id + "\"}";
        var budget = Number(slo.Budget);

        var sli = new YamlSequence();
        foreach (var window in SliWindows)
        {
            sli.Items.Add(Record(SliRecord(window), ErrorRatio(description, slo, window, prefix), Labels(description, slo, ("slo_window", window))));
        }

        sli.Items.Add(Record(
            SliRecord(slo.Window),
            $"sum_over_time({SliRecord("5m")}{selector}[{slo.Window}])\n/ ignoring (slo_window)\ncount_over_time({SliRecord("5m")}{selector}[{slo.Window}])",
            Labels(description, slo, ("slo_window", slo.Window))));

        var meta = new YamlSequence();
        meta.Items.Add(Record("slo:objective:ratio", "vector(" + Number(slo.Objective) + ")", Labels(description, slo)));
        meta.Items.Add(Record("slo:error_budget:ratio", "vector(" + budget + ")", Labels(description, slo)));
        meta.Items.Add(Record("slo:time_period:days", "vector(" + Number(slo.WindowHours / 24) + ")", Labels(description, slo)));
        meta.Items.Add(Record(
            "slo:current_burn_rate:ratio",
            $"{SliRecord("5m")}{selector}\n/ on (slo_id, slo_workflow, slo_name) group_left\nslo:error_budget:ratio{selector}",
            Labels(description, slo)));
        meta.Items.Add(Record(
            "slo:period_burn_rate:ratio",
            $"{SliRecord(slo.Window)}{selector}\n/ on (slo_id, slo_workflow, slo_name) group_left\nslo:error_budget:ratio{selector}",
            Labels(description, slo)));
        meta.Items.Add(Record("slo:period_error_budget_remaining:ratio", $"1 - slo:period_burn_rate:ratio{selector}", Labels(description, slo)));

        var alerts = new YamlSequence();
        foreach (var page in new[] { true, false })
        {
            var pairs = Windows.Where(w => w.Page == page).Select(w =>
            {
                var threshold = "(" + Number(w.Factor(slo.WindowHours)) + " * " + budget + ")";
                return $"(\n  max({SliRecord(w.Short)}{selector} > {threshold}) without (slo_window)\n  and\n  max({SliRecord(w.Long)}{selector} > {threshold}) without (slo_window)\n)";
            });
            var severity = page ? slo.Page : slo.Ticket;
            var labels = Labels(description, slo);
            labels.Add("severity", YamlScalar.String(severity));
            foreach (var label in slo.AlertLabels)
            {
                if (labels.Get(label.Key) is null)
                {
                    labels.Add(label.Key, YamlScalar.String(label.Value));
                }
            }

            var what = slo.Kind == SloKind.SuccessRate
                ? $"{Percent(slo.Objective)} of {description.Workflow} runs succeed over {slo.Window}"
                : $"{Percent(slo.Objective)} of {description.Workflow} runs finish under {slo.Under} over {slo.Window}";
            var annotations = new YamlMapping();
            annotations.Add("summary", YamlScalar.String($"{(page ? "page" : "ticket")}: {description.Workflow} {slo.Name} SLO error budget burn rate is too fast."));
            annotations.Add("description", YamlScalar.String(
                $"The SLO '{what}' is burning its error budget {(page ? "fast: it is gone within days" : "steadily: it will be gone before the period ends")} at this rate. Check the failing templates of {description.Workflow}."));

            var alert = new YamlMapping();
            alert.Add("alert", YamlScalar.String(AlertName(description, slo)));
            alert.Add("expr", YamlScalar.String(string.Join("\nor\n", pairs)));
            alert.Add("labels", labels);
            alert.Add("annotations", annotations);
            alerts.Items.Add(alert);
        }

        var groups = new YamlSequence();
        groups.Items.Add(Group(id + "-sli", sli));
        groups.Items.Add(Group(id + "-meta", meta));
        groups.Items.Add(Group(id + "-alerts", alerts));
        return groups;
    }

    /// <summary>A plain Prometheus rule file (<c>groups:</c>), as <c>promtool check rules</c> reads it.</summary>
    public static string RuleFile(SloDescription description, Slo slo, string prefix = ScrapePrefix)
    {
        var root = new YamlMapping();
        root.Add("groups", Groups(description, slo, prefix));
        return YamlTextWriter.Write(root);
    }

    /// <summary>The PrometheusRule object (prometheus-operator <c>monitoring.coreos.com/v1</c>) of one SLO.</summary>
    public static YamlMapping PrometheusRule(SloDescription description, Slo slo, string prefix = ScrapePrefix)
    {
        var labels = new YamlMapping();
        labels.Add("app.kubernetes.io/component", YamlScalar.String("SLO"));
        labels.Add("app.kubernetes.io/managed-by", YamlScalar.String("pipelines"));
        labels.Add("app.kubernetes.io/part-of", YamlScalar.String(description.Workflow));
        var annotations = new YamlMapping();
        annotations.Add("pipelines.dev/workflow-class", YamlScalar.String(description.Id));
        var metadata = new YamlMapping();
        metadata.Add("name", YamlScalar.String(SloId(description, slo)));
        metadata.Add("labels", labels);
        metadata.Add("annotations", annotations);
        var spec = new YamlMapping();
        spec.Add("groups", Groups(description, slo, prefix));
        var root = new YamlMapping();
        root.Add("apiVersion", YamlScalar.String("monitoring.coreos.com/v1"));
        root.Add("kind", YamlScalar.String("PrometheusRule"));
        root.Add("metadata", metadata);
        root.Add("spec", spec);
        return root;
    }

    /// <summary>
    /// A number as Go's <c>strconv.FormatFloat(f, 'g', -1, 64)</c> writes it, which is how Prometheus text exposition
    /// writes a bucket's <c>le</c> (<c>900</c>, <c>0.5</c>, <c>1e+06</c>): the SLI must select exactly that string.
    /// </summary>
    public static string GoFloat(decimal value)
    {
        if (value == 0)
        {
            return "0";
        }

        var sign = value < 0 ? "-" : string.Empty;
        var text = Number(Math.Abs(value));
        var point = text.IndexOf('.');
        var whole = point < 0 ? text : text.Substring(0, point);
        var fraction = point < 0 ? string.Empty : text.Substring(point + 1);
        var exponent = whole != "0" ? whole.Length - 1 : -(fraction.Length - fraction.TrimStart('0').Length + 1);

        // Shortest formatting switches to an exponent below 1e-4 and from 1e6 on (Go: eprec = 6 when shortest).
        if (exponent >= -4 && exponent < 6)
        {
            return sign + text;
        }

        var digits = (whole + fraction).TrimStart('0').TrimEnd('0');
        var mantissa = digits.Length == 1 ? digits : digits.Substring(0, 1) + "." + digits.Substring(1);
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>A decimal as invariant text without trailing zeros.</summary>
    public static string Number(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    private static string Percent(decimal ratio) => Number(ratio * 100) + "%";

    private static YamlMapping Labels(SloDescription description, Slo slo, params (string Key, string Value)[] extra)
    {
        var labels = new YamlMapping();
        labels.Add("slo_id", YamlScalar.String(SloId(description, slo)));
        labels.Add("slo_workflow", YamlScalar.String(description.Workflow));
        labels.Add("slo_name", YamlScalar.String(slo.Name));
        foreach (var (key, value) in extra)
        {
            labels.Add(key, YamlScalar.String(value));
        }

        return labels;
    }

    private static YamlMapping Record(string name, string expr, YamlMapping labels)
    {
        var rule = new YamlMapping();
        rule.Add("record", YamlScalar.String(name));
        rule.Add("expr", YamlScalar.String(expr));
        rule.Add("labels", labels);
        return rule;
    }

    private static YamlMapping Group(string name, YamlSequence rules)
    {
        var group = new YamlMapping();
        group.Add("name", YamlScalar.String(name));
        group.Add("rules", rules);
        return group;
    }

    private static string Pascal(string kebab)
    {
        var sb = new StringBuilder(kebab.Length);
        var upper = true;
        foreach (var c in kebab)
        {
            if (c == '-' || c == '_' || c == '.')
            {
                upper = true;
                continue;
            }

            sb.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return sb.ToString();
    }
}

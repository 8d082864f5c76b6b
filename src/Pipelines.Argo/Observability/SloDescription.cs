using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Pipelines.Argo.Yaml;

namespace Pipelines.Argo.Observability;

/// <summary>The kind of an SLO.</summary>
public enum SloKind
{
    /// <summary>The share of runs that end Succeeded.</summary>
    SuccessRate,

    /// <summary>The share of runs faster than a threshold.</summary>
    Latency,
}

/// <summary>One SLO of a workflow class, as the source generator embeds it (<c>[PipelineObservability]</c>).</summary>
/// <param name="Name">The SLO's name (<c>success-rate</c>, <c>latency</c>, or the user's).</param>
/// <param name="Kind">Success rate or latency.</param>
/// <param name="Objective">The objective, strictly between 0 and 1.</param>
/// <param name="Window">The SLO period as a Prometheus duration (<c>30d</c>).</param>
/// <param name="WindowHours">The period in hours.</param>
/// <param name="Under">Latency only: the threshold as written (<c>15m</c>).</param>
/// <param name="UnderSeconds">Latency only: the threshold in seconds.</param>
/// <param name="Page">The severity label of the page alerts.</param>
/// <param name="Ticket">The severity label of the ticket alerts.</param>
/// <param name="AlertLabels">Extra alert labels, in the order written.</param>
public sealed record Slo(
    string Name,
    SloKind Kind,
    decimal Objective,
    string Window,
    decimal WindowHours,
    string? Under,
    decimal? UnderSeconds,
    string Page,
    string Ticket,
    IReadOnlyList<KeyValuePair<string, string>> AlertLabels)
{
    /// <summary>The error budget: 1 − objective, exact.</summary>
    public decimal Budget => 1 - Objective;
}

/// <summary>The SLOs and metric names of one workflow class.</summary>
/// <param name="Id">The C# type's full name (the manifest id).</param>
/// <param name="Workflow">The <c>workflow</c> label value of its metrics.</param>
/// <param name="RunsMetric">The run counter's name, or null when the class does not emit it.</param>
/// <param name="DurationMetric">The duration histogram's name, or null.</param>
/// <param name="TemplatesMetric">The per-template counter's name, or null.</param>
/// <param name="DurationBuckets">The duration histogram's buckets, in seconds.</param>
/// <param name="Slos">The SLOs, in declaration order.</param>
public sealed record SloDescription(
    string Id,
    string Workflow,
    string? RunsMetric,
    string? DurationMetric,
    string? TemplatesMetric,
    IReadOnlyList<decimal> DurationBuckets,
    IReadOnlyList<Slo> Slos)
{
    private static readonly Regex Dns1123 = new("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant);

    /// <summary>
    /// Reads the JSON the generator embeds. Problems (a bad objective, window or threshold) are listed in
    /// <paramref name="problems"/>, one sentence each, and the SLO is left out; null when the text is not a description.
    /// </summary>
    public static SloDescription? Parse(string json, List<string> problems)
    {
        var findings = new List<Finding>();
        var documents = YamlDocumentReader.Parse(json, findings);
        if (documents.Count != 1 || documents[0].Root is not YamlMapping root || findings.Any(f => f.Severity == Severity.Error))
        {
            problems.Add("the embedded SLO description is not a JSON object; rebuild the project so that the generator writes it again");
            return null;
        }

        string? Text(YamlMapping m, string key) => m.Get(key) is YamlScalar { Type: not YamlScalarType.Null } s ? s.Value : null;

        var id = Text(root, "id") ?? string.Empty;
        var workflow = Text(root, "workflow") ?? string.Empty;
        if (!Dns1123.IsMatch(workflow))
        {
            problems.Add($"{id}: the workflow label '{workflow}' is not a lowercase name");
            return null;
        }

        var buckets = new List<decimal>();
        if (root.Get("durationBuckets") is YamlSequence bucketList)
        {
            foreach (var item in bucketList.Items.OfType<YamlScalar>())
            {
                if (decimal.TryParse(item.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var b))
                {
                    buckets.Add(b);
                }
            }
        }

        var slos = new List<Slo>();
        foreach (var item in (root.Get("slos") as YamlSequence)?.Items.OfType<YamlMapping>() ?? [])
        {
            var name = Text(item, "name") ?? string.Empty;
            var kind = Text(item, "kind") == "latency" ? SloKind.Latency : SloKind.SuccessRate;
            var where = $"{id}: SLO '{name}'";
            if (!Dns1123.IsMatch(name) || name.Length > 63)
            {
                problems.Add($"{where}: the name is not a lowercase name of letters, digits and '-'; rename it");
                continue;
            }

            if (!decimal.TryParse(Text(item, "objective"), NumberStyles.Float, CultureInfo.InvariantCulture, out var objective) || objective <= 0 || objective >= 1)
            {
                problems.Add($"{where}: the objective '{Text(item, "objective")}' is not strictly between 0 and 1 (write 0.99 for 99%)");
                continue;
            }

            var window = Text(item, "window") ?? string.Empty;
            if (DurationSeconds(window) is not { } windowSeconds || windowSeconds < 86400)
            {
                problems.Add($"{where}: the window '{window}' is not a Prometheus duration of at least a day, such as 30d or 28d");
                continue;
            }

            decimal? under = null;
            if (kind == SloKind.Latency)
            {
                under = DurationSeconds(Text(item, "under"));
                if (under is null)
                {
                    problems.Add($"{where}: the threshold '{Text(item, "under")}' is not a Prometheus duration such as 90s or 15m");
                    continue;
                }

                if (!buckets.Contains(under.Value))
                {
                    problems.Add($"{where}: the threshold {Text(item, "under")} is not a bucket of the duration histogram, so the SLI cannot be computed; add it to Buckets");
                    continue;
                }
            }

            var labels = new List<KeyValuePair<string, string>>();
            if (item.Get("alertLabels") is YamlMapping alertLabels)
            {
                foreach (var entry in alertLabels.Entries)
                {
                    labels.Add(new KeyValuePair<string, string>(entry.Key.Value, (entry.Value as YamlScalar)?.Value ?? string.Empty));
                }
            }

            slos.Add(new Slo(name, kind, objective, window, windowSeconds / 3600, Text(item, "under"), under, Text(item, "page") ?? "page", Text(item, "ticket") ?? "ticket", labels));
        }

        return new SloDescription(id, workflow, Text(root, "runsMetric"), Text(root, "durationMetric"), Text(root, "templatesMetric"), buckets, slos);
    }

    /// <summary>A Prometheus duration (<c>30d</c>, <c>1h30m</c>) in seconds; null when it is not one.</summary>
    public static decimal? DurationSeconds(string? text) => PrometheusDuration.Seconds(text);
}

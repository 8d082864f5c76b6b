using System;

namespace Pipelines;

/// <summary>
/// A success-rate service level objective on a workflow class (Workflow, WorkflowTemplate or CronWorkflow): the share
/// of runs that must end <c>Succeeded</c> over <see cref="Window"/>. The build adds the run counter the SLI reads to the
/// workflow (<c>spec.metrics</c>) and writes a PrometheusRule with the SLI recording rules and multi-window,
/// multi-burn-rate page and ticket alerts beside the manifests.
/// </summary>
/// <example><code>[Slo(SuccessRate = 0.99, Window = "30d")]</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SloAttribute : Attribute
{
    /// <summary>The objective: the share of runs that succeed, strictly between 0 and 1 (for example <c>0.99</c>).</summary>
    public double SuccessRate { get; set; }

    /// <summary>The SLO period as a Prometheus duration (<c>30d</c>, <c>28d</c>, <c>7d</c>); default <c>30d</c>.</summary>
    public string Window { get; set; } = "30d";

    /// <summary>The SLO's name in rule labels and alert names (lowercase, digits and <c>-</c>); default <c>success-rate</c>.</summary>
    public string? Name { get; set; }

    /// <summary>The <c>severity</c> label of the fast-burn (page) alerts; default <c>page</c>.</summary>
    public string Page { get; set; } = "page";

    /// <summary>The <c>severity</c> label of the slow-burn (ticket) alerts; default <c>ticket</c>.</summary>
    public string Ticket { get; set; } = "ticket";

    /// <summary>Extra alert labels for routing, each <c>key=value</c> (for example <c>team=data</c>).</summary>
    public string[]? AlertLabels { get; set; }
}

/// <summary>
/// A latency service level objective on a workflow class: the share of runs (<see cref="Percentile"/>) that must finish
/// in less than <see cref="Under"/> over <see cref="Window"/>. Run duration is Argo's <c>{{workflow.duration}}</c>
/// (time in Pending excluded). The build adds a duration histogram whose buckets include the threshold.
/// </summary>
/// <example><code>[LatencySlo(Percentile = 0.95, Under = "15m")]</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LatencySloAttribute : Attribute
{
    /// <summary>The objective: the share of runs faster than <see cref="Under"/>, strictly between 0 and 1 (for example <c>0.95</c>).</summary>
    public double Percentile { get; set; }

    /// <summary>The threshold as a Prometheus duration (<c>90s</c>, <c>15m</c>, <c>2h</c>).</summary>
    public string Under { get; set; } = string.Empty;

    /// <summary>The SLO period as a Prometheus duration; default <c>30d</c>.</summary>
    public string Window { get; set; } = "30d";

    /// <summary>The SLO's name in rule labels and alert names; default <c>latency</c>.</summary>
    public string? Name { get; set; }

    /// <summary>
    /// The histogram buckets in seconds. Default: a fixed ladder plus the threshold. When given, the threshold must be
    /// one of them (PIPE4951), or the SLI cannot be computed.
    /// </summary>
    public double[]? Buckets { get; set; }

    /// <summary>The <c>severity</c> label of the fast-burn (page) alerts; default <c>page</c>.</summary>
    public string Page { get; set; } = "page";

    /// <summary>The <c>severity</c> label of the slow-burn (ticket) alerts; default <c>ticket</c>.</summary>
    public string Ticket { get; set; } = "ticket";

    /// <summary>Extra alert labels for routing, each <c>key=value</c>.</summary>
    public string[]? AlertLabels { get; set; }
}

/// <summary>
/// Turns the standard run metrics of a workflow class on or off. Without this attribute they are on when the class
/// declares an SLO: a run counter by final status, a run duration histogram (with a latency SLO) and a per-template
/// counter by node status (attempts, so retries show as extra failed attempts). Labels are the workflow class, the
/// template and the status only, never the run name.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class RunMetricsAttribute : Attribute
{
    /// <summary>Emit the run counter (<c>pipelines_workflow_runs</c>) that success-rate SLOs read; default true.</summary>
    public bool Runs { get; set; } = true;

    /// <summary>Emit the per-template counter (<c>pipelines_template_runs</c>); default true.</summary>
    public bool Templates { get; set; } = true;

    /// <summary>
    /// Emit the retry counter (<c>pipelines_template_retries</c>, value <c>{{retries}}</c>, labels workflow class and
    /// template) on each template with <see cref="RetryAttribute"/>; default false. Argo adds the retries of a retry
    /// node when it completes; it also evaluates the metric for each attempt that is not the last, where
    /// <c>{{retries}}</c> does not exist, and records a <c>MetricsError</c> condition on the workflow for each of them.
    /// </summary>
    public bool Retries { get; set; }
}

/// <summary>The kind of an Argo custom metric.</summary>
public enum MetricKind
{
    /// <summary>A counter: each emission adds the value.</summary>
    Counter,

    /// <summary>A gauge: each emission sets the value.</summary>
    Gauge,

    /// <summary>A histogram: each emission observes the value.</summary>
    Histogram,
}

/// <summary>
/// An Argo custom metric (<c>metrics.prometheus[]</c>): on a template method it is emitted when that template's node
/// completes, on a workflow class when the workflow completes. Keep labels bounded: static values, <c>{{status}}</c> or
/// <c>{{workflow.status}}</c>, never a run name, uid, pod name or parameter.
/// </summary>
/// <example><code>[Metric("rows_loaded", MetricKind.Counter, Help = "Rows loaded", Value = "{{outputs.parameters.rows}}")]</code></example>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class MetricAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="name">The metric name (letters, digits and <c>_</c>; not starting with a digit; no variables).</param>
    /// <param name="kind">Counter, gauge or histogram.</param>
    public MetricAttribute(string name, MetricKind kind)
    {
        Name = name;
        Kind = kind;
    }

    /// <summary>The metric name.</summary>
    public string Name { get; }

    /// <summary>Counter, gauge or histogram.</summary>
    public MetricKind Kind { get; }

    /// <summary>The help text Argo requires; keep it the same wherever the name is used.</summary>
    public string? Help { get; set; }

    /// <summary>The value: a number or an Argo variable such as <c>{{duration}}</c>; default <c>1</c>.</summary>
    public string Value { get; set; } = "1";

    /// <summary>Labels, each <c>key=value</c>; values may use bounded variables such as <c>{{status}}</c>.</summary>
    public string[]? Labels { get; set; }

    /// <summary>An Argo condition for emitting (<c>when</c>), for example <c>{{status}} == Failed</c>.</summary>
    public string? When { get; set; }

    /// <summary>Histogram buckets (histograms only).</summary>
    public double[]? Buckets { get; set; }

    /// <summary>A gauge updated while the node runs (<c>realtime</c>; the value must be <c>{{duration}}</c> or <c>{{workflow.duration}}</c>).</summary>
    public bool Realtime { get; set; }
}

/// <summary>
/// Carries the SLO declarations of one workflow class inside the compiled assembly, for the build task that writes
/// PrometheusRules and dashboards. Written by the source generator; not meant to be written by hand.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed class PipelineObservabilityAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="id">The fully qualified name of the workflow type (the id of its <see cref="PipelineManifestAttribute"/>).</param>
    /// <param name="json">The SLOs and metric names as JSON (docs/observability.md).</param>
    public PipelineObservabilityAttribute(string id, string json)
    {
        Id = id;
        Json = json;
    }

    /// <summary>The fully qualified name of the workflow type.</summary>
    public string Id { get; }

    /// <summary>The SLOs and metric names as JSON.</summary>
    public string Json { get; }
}

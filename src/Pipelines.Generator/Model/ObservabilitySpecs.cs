namespace Pipelines.Generator.Model;

// SLO declarations and metrics of a workflow class. Same contract as Specs.cs: immutable, no Roslyn types, equality by
// value. Numbers are kept as the invariant text the emitter writes, so equality never depends on float formatting.

/// <summary>The kind of an SLO.</summary>
internal enum SloKind
{
    /// <summary>The share of runs that end Succeeded.</summary>
    SuccessRate,

    /// <summary>The share of runs faster than a threshold.</summary>
    Latency,
}

/// <summary>One declared SLO.</summary>
/// <remarks>
/// <c>Objective</c> is the objective as written (invariant text, for example <c>0.99</c>); it may be out of range (the
/// analyzer says so). Latency only: <c>UnderSeconds</c> is the threshold in seconds (invariant text), null when
/// <c>Under</c> does not parse; <c>Buckets</c> are the buckets the user gave, in seconds, or null for the default ladder.
/// </remarks>
internal sealed record SloSpec(
    string Name,
    SloKind Kind,
    string Objective,
    string Window,
    string? Under,
    string? UnderSeconds,
    ImmutableEquatableArray<string>? Buckets,
    string Page,
    string Ticket,
    ImmutableEquatableArray<KeyValueSpec> AlertLabels,
    SourcePosition Position);

/// <summary>A custom metric, from <c>[Metric]</c> or added by the build for the SLIs.</summary>
internal sealed record MetricSpec(
    string Name,
    string Kind,
    string Help,
    string Value,
    ImmutableEquatableArray<KeyValueSpec> Labels,
    string? When,
    ImmutableEquatableArray<string>? Buckets,
    bool Realtime,
    SourcePosition Position);

/// <summary>The custom metrics of one template.</summary>
internal sealed record TemplateMetricsSpec(string Template, ImmutableEquatableArray<MetricSpec> Metrics);

/// <summary>Everything observability adds to a workflow class.</summary>
/// <remarks>
/// <c>Workflow</c> is the <c>workflow</c> label value: the class name in kebab case (static, so bounded). The metric
/// names are null when the metric is off (the duration histogram is on only with a latency SLO);
/// <c>DurationBuckets</c> are in seconds (invariant text, ascending).
/// </remarks>
internal sealed record ObservabilitySpec(
    string Workflow,
    string? RunsMetric,
    string? DurationMetric,
    string? TemplatesMetric,
    ImmutableEquatableArray<string> DurationBuckets,
    ImmutableEquatableArray<SloSpec> Slos,
    ImmutableEquatableArray<MetricSpec> WorkflowMetrics,
    ImmutableEquatableArray<TemplateMetricsSpec> TemplateMetrics);

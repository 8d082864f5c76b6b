using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Pipelines.Generator;

namespace Pipelines.Analyzers;

/// <summary>
/// PIPE4950-4999: SLO declarations and custom metrics. The rules share the generator's reading (objective range,
/// Prometheus durations, Argo's metric-name rule, per-run variables), so what they accept is what the build emits.
/// </summary>
internal static class ObservabilityChecks
{
    public static void Run(Pipeline pipeline)
    {
        var fallback = pipeline.Declaration.Identifier.GetLocation();
        var attributes = pipeline.Type.GetAttributes();
        var runMetrics = attributes.FirstOrDefault(a => Symbols.Is(a, "RunMetricsAttribute"));
        var runsOff = runMetrics is not null && runMetrics.NamedArguments.Any(p => p.Key == "Runs" && p.Value.Value is false);
        foreach (var a in attributes)
        {
            var latency = Symbols.Is(a, "LatencySloAttribute");
            if (!latency && !Symbols.Is(a, "SloAttribute"))
            {
                continue;
            }

            var objectiveName = latency ? "Percentile" : "SuccessRate";
            var objective = a.NamedArguments.FirstOrDefault(p => p.Key == objectiveName).Value.Value is double d ? d : 0;
            if (!PipelinesGenerator.Observability.IsValidObjective(objective))
            {
                pipeline.Report(DiagnosticDescriptors.SloObjectiveOutOfRange, Location(a, objectiveName, fallback), objectiveName, objective.ToString("R", CultureInfo.InvariantCulture));
            }

            var window = Named(a, "Window") ?? "30d";
            if (PipelinesGenerator.Observability.ParseDuration(window) is not { } seconds || seconds < 86400)
            {
                pipeline.Report(DiagnosticDescriptors.SloInvalidDuration, Location(a, "Window", fallback), "Window", window, "a period of at least a day, such as 30d or 28d");
            }

            if (Named(a, "Name") is { } name && !PipelinesGenerator.Observability.IsValidSloName(name))
            {
                pipeline.Report(DiagnosticDescriptors.InvalidMetricName, Location(a, "Name", fallback), "SLO name", name, "lowercase letters, digits and '-' (it becomes part of rule names and labels)");
            }

            if (latency)
            {
                var under = Named(a, "Under") ?? string.Empty;
                var threshold = PipelinesGenerator.Observability.ParseDuration(under);
                if (threshold is null)
                {
                    pipeline.Report(DiagnosticDescriptors.SloInvalidDuration, Location(a, "Under", fallback), "Under", under, "a threshold such as 90s, 15m or 2h");
                }
                else if (a.NamedArguments.FirstOrDefault(p => p.Key == "Buckets").Value is { Kind: TypedConstantKind.Array, IsNull: false } buckets
                    && !buckets.Values.Any(v => v.Value is double b && (decimal)b == threshold.Value))
                {
                    pipeline.Report(DiagnosticDescriptors.LatencyThresholdNotBucket, Location(a, "Buckets", fallback), under, PipelinesGenerator.Observability.Format(threshold.Value));
                }
            }
            else if (runsOff)
            {
                pipeline.Report(DiagnosticDescriptors.SloWithoutStatusMetric, Pipeline.Where(a, fallback), pipeline.Type.Name);
            }
        }

        foreach (var owner in new ISymbol[] { pipeline.Type }.Concat(pipeline.Methods.Select(m => (ISymbol)m.Symbol)))
        {
            foreach (var a in owner.GetAttributes().Where(a => Symbols.Is(a, "MetricAttribute")))
            {
                CheckMetric(pipeline, a, fallback);
            }
        }
    }

    private static void CheckMetric(Pipeline pipeline, AttributeData a, Location fallback)
    {
        if (a.ConstructorArguments.Length > 0 && a.ConstructorArguments[0].Value is string name && !PipelinesGenerator.Observability.IsValidMetricName(name))
        {
            pipeline.Report(DiagnosticDescriptors.InvalidMetricName, Pipeline.ArgumentOf(a, null, 0)?.GetLocation() ?? Pipeline.Where(a, fallback), "metric name", name, "letters, digits and '_', not starting with a digit, no ':' and no {{variables}}");
        }

        if (a.NamedArguments.FirstOrDefault(p => p.Key == "Labels").Value is not { Kind: TypedConstantKind.Array, IsNull: false } labels)
        {
            return;
        }

        foreach (var label in labels.Values.Select(v => v.Value as string ?? string.Empty))
        {
            var eq = label.IndexOf('=');
            var key = eq < 0 ? label : label.Substring(0, eq).Trim();
            var value = eq < 0 ? string.Empty : label.Substring(eq + 1).Trim();
            if (!PipelinesGenerator.Observability.IsValidMetricName(key))
            {
                pipeline.Report(DiagnosticDescriptors.InvalidMetricName, Location(a, "Labels", fallback), "label key", key, "letters, digits and '_', written key=value");
            }
            else if (PipelinesGenerator.Observability.PerRunVariable(value) is { } variable)
            {
                pipeline.Report(DiagnosticDescriptors.PerRunMetricLabel, Location(a, "Labels", fallback), key, variable);
            }
        }
    }

    private static string? Named(AttributeData a, string name) =>
        a.NamedArguments.FirstOrDefault(p => p.Key == name).Value.Value as string;

    private static Location Location(AttributeData a, string named, Location fallback) =>
        Pipeline.ArgumentOf(a, named)?.GetLocation() ?? Pipeline.Where(a, fallback);
}

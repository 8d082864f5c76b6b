using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Pipelines.Argo;
using Pipelines.Argo.Model;

namespace Pipelines.Runner.Telemetry;

/// <summary>What <c>pipelines run --metrics/--trace</c> write after a run.</summary>
public static class RunTelemetryFiles
{
    /// <summary>The workflow's <c>spec.metrics</c> from the run folder's copy of the manifest, or null.</summary>
    public static Metrics? WorkflowMetrics(RunReport report) => Spec(report)?.Metrics;

    /// <summary>The <c>metrics</c> of the workflow's templates, by template name.</summary>
    public static Dictionary<string, Metrics> TemplateMetrics(RunReport report)
    {
        var result = new Dictionary<string, Metrics>(StringComparer.Ordinal);
        foreach (var template in Spec(report)?.Templates ?? [])
        {
            if (template.Name is { } name && template.Metrics is { } metrics)
            {
                result[name] = metrics;
            }
        }

        return result;
    }

    /// <summary>Adds a finished run to <paramref name="metrics"/>, with the metrics its manifest declares.</summary>
    public static void AddRun(RunMetrics metrics, RunReport report)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        metrics.Add(report, WorkflowMetrics(report), TemplateMetrics(report));
    }

    /// <summary>The run's custom metrics.</summary>
    public static RunMetrics Metrics(RunReport report)
    {
        var metrics = new RunMetrics();
        AddRun(metrics, report);
        return metrics;
    }

    private static WorkflowSpec? Spec(RunReport report)
    {
        var path = Path.Combine(report.RunDirectory, "workflow.yaml");
        if (!File.Exists(path))
        {
            return null;
        }

        return ArgoYaml.ReadFile(path).Documents.Select(d => d.Object).FirstOrDefault() switch
        {
            Workflow w => w.Spec,
            WorkflowTemplate t => t.Spec,
            CronWorkflow c => c.Spec?.WorkflowSpec,
            _ => null,
        };
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Pipelines.Argo.Observability;
using Pipelines.Argo.Yaml;

namespace Pipelines.Build.Tasks;

/// <summary>
/// The observability half of the task: a PrometheusRule per SLO (<c>prometheusrule-&lt;workflow&gt;-&lt;slo&gt;.yaml</c>,
/// listed in kustomization.yaml) and, with <see cref="Dashboards"/>, a Grafana dashboard per workflow class with SLOs
/// (<c>dashboard-&lt;workflow&gt;.json</c>, a file for Grafana's provisioning or import, not a Kubernetes resource).
/// </summary>
public sealed partial class EmitArgoManifests
{
    /// <summary>Write a Grafana dashboard JSON per workflow class that declares SLOs. Default false.</summary>
    public bool Dashboards { get; set; }

    /// <summary>
    /// The prefix of Argo's metric names as Prometheus stores them; empty for <c>argo_workflows_</c> (the controller's
    /// Prometheus endpoint). Set it when metrics reach Prometheus another way, e.g. through an OpenTelemetry Collector.
    /// </summary>
    public string MetricsPrefix { get; set; } = string.Empty;

    /// <summary>The rule and dashboard files of the SLOs of the written manifests, in file-name order.</summary>
    private List<PlannedFile> PlanObservability(List<Output> outputs)
    {
        var files = new List<PlannedFile>();
        List<EmbeddedObservability> embedded;
        var problems = new List<string>();
        try
        {
            embedded = ManifestAttributeReader.ReadObservability(File.ReadAllBytes(AssemblyPath), problems);
        }
        catch (Exception e) when (IsIoProblem(e) || e is BadImageFormatException or InvalidOperationException)
        {
            Report(BuildCodes.AssemblyUnreadable, $"cannot read the SLOs of '{AssemblyPath}': {e.Message}; rebuild the project", AssemblyPath);
            return files;
        }

        foreach (var problem in problems)
        {
            Report(BuildCodes.SloInvalid, problem + "; the attribute is meant to be written by the Pipelines source generator, not by hand", AssemblyPath);
        }

        var prefix = string.IsNullOrEmpty(MetricsPrefix) ? SloRules.ScrapePrefix : MetricsPrefix;
        var byId = outputs.ToDictionary(o => o.Entry.Source.Id, StringComparer.Ordinal);
        foreach (var item in embedded.OrderBy(e => e.Id, StringComparer.Ordinal))
        {
            if (!byId.TryGetValue(item.Id, out var output))
            {
                continue;
            }

            var sloProblems = new List<string>();
            var description = SloDescription.Parse(item.Json, sloProblems);
            foreach (var problem in sloProblems)
            {
                Report(BuildCodes.SloInvalid, problem, output.Entry.Map.Locate(string.Empty), AssemblyPath);
            }

            if (description is null || description.Slos.Count == 0)
            {
                continue;
            }

            foreach (var slo in description.Slos)
            {
                if ((slo.Kind == SloKind.SuccessRate && description.RunsMetric is null) || (slo.Kind == SloKind.Latency && description.DurationMetric is null))
                {
                    Report(BuildCodes.SloInvalid, $"{item.Id}: SLO '{slo.Name}' reads a metric the workflow does not emit; remove [RunMetrics(Runs = false)] or the SLO (PIPE4954)", output.Entry.Map.Locate(string.Empty), AssemblyPath);
                    continue;
                }

                var name = "prometheusrule-" + SloRules.SloId(description, slo) + ".yaml";
                files.Add(new PlannedFile(name, Utf8.GetBytes(YamlTextWriter.Write(SloRules.PrometheusRule(description, slo, prefix))), null));
            }

            if (Dashboards)
            {
                files.Add(new PlannedFile("dashboard-" + description.Workflow + ".json", Utf8.GetBytes(GrafanaDashboard.Write(description, prefix)), null));
            }
        }

        foreach (var clash in files.GroupBy(f => f.FileName, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            Report(BuildCodes.SloInvalid, $"two SLOs would be written to {clash.Key}; give the SLOs of one workflow different names", AssemblyPath);
        }

        return files.GroupBy(f => f.FileName, StringComparer.OrdinalIgnoreCase).Select(g => g.First()).OrderBy(f => f.FileName, StringComparer.Ordinal).ToList();
    }
}

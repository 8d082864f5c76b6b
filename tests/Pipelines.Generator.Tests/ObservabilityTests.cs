using System;
using System.Linq;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Pipelines.Argo;
using Pipelines.Argo.Validation;
using static Pipelines.Generator.Tests.ManifestQuery;

namespace Pipelines.Generator.Tests;

/// <summary>SLO declarations: the metrics they add to the manifest and the description embedded for the build task.</summary>
public sealed class ObservabilityTests
{
    internal const string Sample = """
        [Workflow(GenerateName = "nightly-etl-")]
        [Slo(SuccessRate = 0.99, Window = "30d", AlertLabels = new[] { "team=data" })]
        [LatencySlo(Percentile = 0.95, Under = "17m")]
        public partial class NightlyEtl
        {
            [Container("busybox", Command = new[] { "echo", "extract" })]
            [Retry(2)]
            [Metric("rows_loaded", MetricKind.Counter, Help = "Rows loaded", Labels = new[] { "status={{status}}" })]
            public static partial void Extract();

            [Dag, Entrypoint]
            public static void Main() => Extract();
        }
        """;

    [Fact]
    public void An_slo_adds_the_run_counter_the_duration_histogram_and_template_counters()
    {
        var root = Manifest(Sample);
        Assert.Equal("pipelines_workflow_runs", At(root, "spec.metrics.prometheus[0].name"));
        Assert.Equal("nightly-etl", At(root, "spec.metrics.prometheus[0].labels[0].value"));
        Assert.Equal("{{workflow.status}}", At(root, "spec.metrics.prometheus[0].labels[1].value"));
        Assert.Equal("1", At(root, "spec.metrics.prometheus[0].counter.value"));
        Assert.Equal("pipelines_workflow_duration_seconds", At(root, "spec.metrics.prometheus[1].name"));
        Assert.Equal("{{workflow.duration}}", At(root, "spec.metrics.prometheus[1].histogram.value"));

        // The threshold (17m = 1020 s) is not on the default ladder, so it is added to it, in order.
        var buckets = At(root, "spec.metrics.prometheus[1].histogram.buckets")!;
        Assert.Contains("900, 1020, 1200", buckets, StringComparison.Ordinal);

        var extract = At(root, "spec.templates[0].metrics.prometheus[0].name");
        Assert.Equal("pipelines_template_runs", extract);
        Assert.Equal("{{status}}", At(root, "spec.templates[0].metrics.prometheus[0].labels[2].value"));
        Assert.Equal("rows_loaded", At(root, "spec.templates[0].metrics.prometheus[1].name"));
        Assert.Equal("pipelines_template_runs", At(root, "spec.templates[1].metrics.prometheus[0].name"));
    }

    [Fact]
    public void Metric_labels_never_carry_the_run_name()
    {
        var run = GeneratorHarness.Run(Header + Sample).AssertClean();
        var json = Assert.Single(run.Manifests).Json;
        Assert.DoesNotContain("{{workflow.name}}", json, StringComparison.Ordinal);
        Assert.DoesNotContain("{{workflow.uid}}", json, StringComparison.Ordinal);
        Assert.DoesNotContain("{{pod.name}}", json, StringComparison.Ordinal);
    }

    [Fact]
    public void The_metrics_pass_the_validator()
    {
        var run = GeneratorHarness.Run(Header + Sample).AssertClean();
        var files = run.Manifests.Select(m => ArgoYaml.ReadText(m.Json, m.Id)).ToList();
        ArgoValidator.Validate(files);
        Assert.Empty(files.SelectMany(f => f.AllFindings).Select(f => f.ToString()));
    }

    [CorpusFact]
    public void The_metrics_are_valid_against_the_strict_argo_schema()
    {
        Corpus.Require();
        var run = GeneratorHarness.Run(Header + Sample).AssertClean();
        var errors = ArgoSchema.Validate(Assert.Single(run.Manifests).Json, "Workflow");
        Assert.Empty(errors);
    }

    [Fact]
    public void The_slos_are_embedded_for_the_build_task()
    {
        var run = GeneratorHarness.Run(Header + Sample).AssertClean();
        var json = Assert.Single(ObservabilityOf(run));
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal("App.NightlyEtl", root.GetProperty("id").GetString());
        Assert.Equal("pipelines_workflow_runs", root.GetProperty("runsMetric").GetString());
        var slos = root.GetProperty("slos").EnumerateArray().ToList();
        Assert.Equal(2, slos.Count);
        Assert.Equal("success-rate", slos[0].GetProperty("kind").GetString());
        Assert.Equal("0.99", slos[0].GetProperty("objective").GetString());
        Assert.Equal("data", slos[0].GetProperty("alertLabels").GetProperty("team").GetString());
        Assert.Equal("latency", slos[1].GetProperty("kind").GetString());
        Assert.Equal("1020", slos[1].GetProperty("underSeconds").GetString());
    }

    [Fact]
    public void A_class_without_slo_or_metrics_is_unchanged()
    {
        var run = GeneratorHarness.Run(Header + """
            [Workflow(GenerateName = "plain-")]
            public partial class Plain
            {
                [Container("busybox"), Entrypoint]
                public static partial void Main();
            }
            """).AssertClean();
        Assert.DoesNotContain("metrics", Assert.Single(run.Manifests).Json, StringComparison.Ordinal);
        Assert.Empty(ObservabilityOf(run));
    }

    [Fact]
    public void Run_metrics_can_be_turned_off_and_cron_workflows_get_them_in_the_workflow_spec()
    {
        var root = Manifest("""
            [CronWorkflow("hourly", "0 * * * *")]
            [Slo(SuccessRate = 0.999)]
            [RunMetrics(Templates = false)]
            public partial class Hourly
            {
                [Container("busybox"), Entrypoint]
                public static partial void Main();
            }
            """);
        Assert.Equal("pipelines_workflow_runs", At(root, "spec.workflowSpec.metrics.prometheus[0].name"));
        Assert.Null(At(root, "spec.workflowSpec.templates[0].metrics"));
    }

    private const string RetriesSample = """
        [Workflow(GenerateName = "nightly-etl-")]
        [Slo(SuccessRate = 0.99)]
        [RunMetrics(Retries = true)]
        public partial class NightlyEtl
        {
            [Container("busybox", Command = new[] { "echo", "extract" })]
            [Retry(2)]
            public static partial void Extract();

            [Container("busybox", Command = new[] { "echo", "load" })]
            public static partial void Load();

            [Dag, Entrypoint]
            public static void Main()
            {
                Extract();
                Load();
            }
        }
        """;

    [Fact]
    public void The_retry_counter_is_opt_in_and_only_on_templates_with_a_retry_strategy()
    {
        var root = Manifest(RetriesSample);
        var templates = Enumerable.Range(0, 3).ToDictionary(i => At(root, $"spec.templates[{i}].name")!, i => i);
        var extract = templates["extract"];
        Assert.Equal("2", At(root, $"spec.templates[{extract}].retryStrategy.limit"));
        Assert.Equal("pipelines_template_retries", At(root, $"spec.templates[{extract}].metrics.prometheus[1].name"));
        Assert.Equal("{{retries}}", At(root, $"spec.templates[{extract}].metrics.prometheus[1].counter.value"));
        Assert.Equal("nightly-etl", At(root, $"spec.templates[{extract}].metrics.prometheus[1].labels[0].value"));
        Assert.Equal("extract", At(root, $"spec.templates[{extract}].metrics.prometheus[1].labels[1].value"));
        Assert.Null(At(root, $"spec.templates[{extract}].metrics.prometheus[1].labels[2].key"));
        Assert.Null(At(root, $"spec.templates[{templates["load"]}].metrics.prometheus[1]"));
        Assert.Null(At(root, $"spec.templates[{templates["main"]}].metrics.prometheus[1]"));

        // Without [RunMetrics(Retries = true)] there is no retry counter.
        Assert.DoesNotContain("pipelines_template_retries", Assert.Single(GeneratorHarness.Run(Header + Sample).AssertClean().Manifests).Json, StringComparison.Ordinal);
    }

    [Fact]
    public void The_retry_counter_passes_the_validator()
    {
        var run = GeneratorHarness.Run(Header + RetriesSample).AssertClean();
        var files = run.Manifests.Select(m => ArgoYaml.ReadText(m.Json, m.Id)).ToList();
        ArgoValidator.Validate(files);
        Assert.Empty(files.SelectMany(f => f.AllFindings).Select(f => f.ToString()));
    }

    [CorpusFact]
    public void The_retry_counter_is_valid_against_the_strict_argo_schema()
    {
        Corpus.Require();
        var run = GeneratorHarness.Run(Header + RetriesSample).AssertClean();
        Assert.Empty(ArgoSchema.Validate(Assert.Single(run.Manifests).Json, "Workflow"));
    }

    [Fact]
    public void Prometheus_durations_parse_to_seconds()
    {
        Assert.Equal(2592000m, PipelinesGenerator.Observability.ParseDuration("30d"));
        Assert.Equal(5400m, PipelinesGenerator.Observability.ParseDuration("1h30m"));
        Assert.Equal(0.5m, PipelinesGenerator.Observability.ParseDuration("500ms"));
        Assert.Null(PipelinesGenerator.Observability.ParseDuration("15 minutes"));
        Assert.Null(PipelinesGenerator.Observability.ParseDuration(""));
    }

    internal static System.Collections.Generic.IEnumerable<string> ObservabilityOf(GeneratorRun run) =>
        run.Output.SyntaxTrees
            .SelectMany(t => t.GetRoot().DescendantNodes().OfType<AttributeSyntax>())
            .Where(a => a.Name.ToString().EndsWith("PipelineObservability", StringComparison.Ordinal) && a.ArgumentList?.Arguments.Count == 2)
            .Select(a => ((LiteralExpressionSyntax)a.ArgumentList!.Arguments[1].Expression).Token.ValueText);
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Pipelines.Argo.Observability;
using Pipelines.Argo.Yaml;

namespace Pipelines.Argo.Tests.Observability;

/// <summary>
/// The rules written for an SLO: promtool accepts them, and promtool unit tests over synthetic counters show that each
/// burn-rate pair fires its alert when the error ratio burns the budget just above its factor and stays silent just
/// below, for a success-rate and a latency SLO.
/// </summary>
public sealed class SloRulesTests
{
    /// <summary>What the generator embeds for ObservabilityTests.Sample (kept in step with it by the build tests).</summary>
    public const string SampleJson = """
        {"id":"App.NightlyEtl","workflow":"nightly-etl","runsMetric":"pipelines_workflow_runs","durationMetric":"pipelines_workflow_duration_seconds","templatesMetric":"pipelines_template_runs",
         "durationBuckets":["1","5","10","30","60","120","300","600","900","1020","1200","1800","3600"],
         "slos":[{"name":"success-rate","kind":"success-rate","objective":"0.99","window":"30d","page":"page","ticket":"ticket","alertLabels":{"team":"data"}},
                 {"name":"latency","kind":"latency","objective":"0.95","window":"30d","under":"17m","underSeconds":"1020","page":"critical","ticket":"warning","alertLabels":{}}]}
        """;

    private const int Minutes = 3 * 24 * 60;

    /// <summary>
    /// Samples and rule evaluations every 4 minutes: under the 5m lookback (promtool evaluates a file's groups in no fixed
    /// order, so alerts may read the previous evaluation's recordings, as in a real Prometheus), and a quarter of the
    /// work of 1m. rate()[5m] still sees two samples (Prometheus 2.42 ranges include both ends).
    /// </summary>
    private const int Step = 4;

    public static SloDescription Sample()
    {
        var problems = new List<string>();
        var description = SloDescription.Parse(SampleJson, problems);
        Assert.Empty(problems);
        return description!;
    }

    [Fact]
    public void Factors_follow_the_workbook_table_for_30d_and_28d()
    {
        Assert.Equal(new[] { 14.4m, 6m, 3m, 1m }, SloRules.Windows.Select(w => w.Factor(720)).ToArray());
        Assert.Equal(new[] { 13.44m, 5.6m, 2.8m, 0.933333m }, SloRules.Windows.Select(w => w.Factor(672)).ToArray());
    }

    [Fact]
    public void Bucket_bounds_are_written_as_prometheus_writes_le()
    {
        Assert.Equal("900", SloRules.GoFloat(900));
        Assert.Equal("0.5", SloRules.GoFloat(0.5m));
        Assert.Equal("86400", SloRules.GoFloat(86400));
        Assert.Equal("1e+06", SloRules.GoFloat(1000000));
        Assert.Equal("1.5e+06", SloRules.GoFloat(1500000));
        Assert.Equal("1e-05", SloRules.GoFloat(0.00001m));
    }

    [Fact]
    public void Budgets_are_exact_decimals()
    {
        var rules = SloRules.RuleFile(Sample(), Sample().Slos[0]);
        Assert.Contains("vector(0.01)", rules, StringComparison.Ordinal);
        Assert.Contains("(14.4 * 0.01)", rules, StringComparison.Ordinal);
        Assert.DoesNotContain("0.0099999", rules, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_is_the_same_in_every_culture()
    {
        var expected = SloRules.RuleFile(Sample(), Sample().Slos[1]);
        var saved = CultureInfo.CurrentCulture;
        try
        {
            foreach (var name in new[] { "de-DE", "ar-SA", "fa-IR", "sv-SE" })
            {
                var culture = (CultureInfo)CultureInfo.GetCultureInfo(name).Clone();
                culture.NumberFormat.NegativeSign = "\u2212";
                CultureInfo.CurrentCulture = culture;
                Assert.Equal(expected, SloRules.RuleFile(Sample(), Sample().Slos[1]));
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void A_bad_description_is_reported_not_thrown()
    {
        var problems = new List<string>();
        var description = SloDescription.Parse(SampleJson.Replace("\"0.99\"", "\"1.5\"", StringComparison.Ordinal).Replace("\"under\":\"17m\",\"underSeconds\":\"1020\"", "\"under\":\"16m\",\"underSeconds\":\"960\"", StringComparison.Ordinal), problems);
        Assert.NotNull(description);
        Assert.Empty(description!.Slos);
        Assert.Contains(problems, p => p.Contains("not strictly between 0 and 1", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("not a bucket of the duration histogram", StringComparison.Ordinal));
        Assert.Null(SloDescription.Parse("[1, 2", problems));
    }

    [ToolTheory(Promtool.Tool, Promtool.Package)]
    [InlineData(0, "30d")]
    [InlineData(1, "30d")]
    [InlineData(0, "28d")]
    public void Promtool_accepts_the_rules(int slo, string window)
    {
        var description = Sample();
        var s = description.Slos[slo] with { Window = window, WindowHours = SloDescription.DurationSeconds(window)!.Value / 3600 };
        var (exit, output) = Promtool.CheckRules(SloRules.RuleFile(description, s));
        Assert.True(exit == 0, output);
        Assert.Contains("SUCCESS: 16 rules found", output, StringComparison.Ordinal);
    }

    /// <summary>Each scenario: the phases of the error ratio (minutes, ratio as a multiple of the budget) and which alert fires.</summary>
    public static TheoryData<int, string, decimal, bool> Scenarios()
    {
        var data = new TheoryData<int, string, decimal, bool>();
        foreach (var slo in new[] { 0, 1 })
        {
            foreach (var pair in new[] { "1h/5m", "6h/30m", "1d/2h", "3d/6h" })
            {
                data.Add(slo, pair, 1.05m, true);
                data.Add(slo, pair, 0.95m, false);
            }
        }

        return data;
    }

    [ToolTheory(Promtool.Tool, Promtool.Package)]
    [MemberData(nameof(Scenarios))]
    public void Each_burn_rate_pair_fires_above_its_factor_and_stays_silent_below(int slo, string pair, decimal multiple, bool fires)
    {
        var description = Sample();
        var s = description.Slos[slo];
        var window = SloRules.Windows.Single(w => w.Long + "/" + w.Short == pair);
        var ratio = multiple * window.Factor(s.WindowHours) * s.Budget;

        // The burn lasts the long window plus three evaluations (an alert may read recordings one evaluation old), after
        // a clean stretch: the pair's windows see the ratio, longer windows see it diluted below their own factors.
        var burnMinutes = Math.Min(Minutes, (int)(SloDescription.DurationSeconds(window.Long)!.Value / 60) + (3 * Step));
        var phases = new List<(int, decimal)>();
        if (burnMinutes < Minutes)
        {
            phases.Add(((Minutes - burnMinutes) / Step, 0m));
        }

        phases.Add((burnMinutes / Step, ratio));
        var rules = SloRules.Groups(description, s);
        var alerts = ((YamlSequence)((YamlMapping)rules.Items[2]).Get("rules")!).Items.Cast<YamlMapping>().ToList();
        var alert = alerts[window.Page ? 0 : 1];

        // Both severities share the alert name, so the expected list is the whole set firing: the pair's severity when
        // above its factor, and nothing at all below (the other severity's pairs see ratios below their factors).
        var expected = fires ? new[] { ((YamlMapping)alert.Get("labels")!, (YamlMapping)alert.Get("annotations")!) } : [];
        var eval = Minutes.ToString(CultureInfo.InvariantCulture) + "m";
        // promtool 2.42 compares sample values exactly, so the ratio is checked to 1e-9 with a bool comparison.
        var sample = "{slo_id=\"" + SloRules.SloId(description, s) + "\",slo_name=\"" + s.Name
            + "\",slo_window=\"" + window.Short + "\",slo_workflow=\"" + description.Workflow + "\"}";
        var close = "abs(" + SloRules.SliRecord(window.Short) + " - " + ratio.ToString(CultureInfo.InvariantCulture) + ") < bool 1e-9";
        var test = Promtool.Test(
            InputSeries(description, s, phases),
            [Promtool.AlertTest(eval, SloRules.AlertName(description, s), expected)],
            [Promtool.ExprTest(close, eval, [(sample, 1m)])],
            interval: Step + "m");

        var (exit, output) = Promtool.TestRules(SloRules.RuleFile(description, s), [test], evaluationInterval: Step + "m");
        Assert.True(exit == 0, $"{s.Name} {pair} at {multiple}x: {output}");
    }

    /// <summary>The series Argo's Prometheus endpoint would show, 100 runs per sample, with the given error ratio per phase (lengths in samples).</summary>
    internal static IEnumerable<YamlMapping> InputSeries(SloDescription description, Slo slo, List<(int Samples, decimal Ratio)> phases)
    {
        const decimal runs = 100;
        var workflow = "workflow=\"" + description.Workflow + "\"";
        if (slo.Kind == SloKind.SuccessRate)
        {
            var metric = SloRules.ScrapePrefix + description.RunsMetric;
            yield return Promtool.Series(metric + "{" + workflow + ",status=\"Succeeded\"}", Promtool.Counter(phases.Select(p => (p.Samples, runs * (1 - p.Ratio))).ToArray()));
            yield return Promtool.Series(metric + "{" + workflow + ",status=\"Failed\"}", Promtool.Counter(phases.Select(p => (p.Samples, runs * p.Ratio)).ToArray()));
        }
        else
        {
            var metric = SloRules.ScrapePrefix + description.DurationMetric;
            yield return Promtool.Series(metric + "_count{" + workflow + "}", Promtool.Counter(phases.Select(p => (p.Samples, runs)).ToArray()));
            yield return Promtool.Series(metric + "_bucket{" + workflow + ",le=\"" + SloRules.GoFloat(slo.UnderSeconds!.Value) + "\"}", Promtool.Counter(phases.Select(p => (p.Samples, runs * (1 - p.Ratio))).ToArray()));
            yield return Promtool.Series(metric + "_bucket{" + workflow + ",le=\"+Inf\"}", Promtool.Counter(phases.Select(p => (p.Samples, runs)).ToArray()));
        }
    }
}

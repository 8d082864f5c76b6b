using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Pipelines.Argo.Yaml;

namespace Pipelines.Testing;

/// <summary>
/// Runs <c>promtool check rules</c> and <c>promtool test rules</c> (Debian package <c>prometheus</c>) on rule text in a
/// temporary folder. Test files are built as YAML nodes: <see cref="Series"/>, <see cref="AlertTest"/>, <see cref="ExprTest"/>.
/// </summary>
public static class Promtool
{
    public const string Tool = "promtool";
    public const string Package = "prometheus";

    /// <summary><c>promtool check rules</c> on a rule file (plain <c>groups:</c>).</summary>
    public static (int ExitCode, string Output) CheckRules(string ruleFile) =>
        InTemp(dir =>
        {
            File.WriteAllText(Path.Combine(dir, "rules.yaml"), ruleFile);
            return Tools.Run(Tool, Package, dir, "check", "rules", "rules.yaml");
        });

    /// <summary>
    /// <c>promtool test rules</c>: the rule file plus one test file with the given tests, rules evaluated every
    /// <paramref name="evaluationInterval"/>. promtool evaluates the groups of a file in no fixed order, so an alert may
    /// read the recording of the previous evaluation: keep the interval under the 5m lookback, as a real Prometheus does.
    /// </summary>
    public static (int ExitCode, string Output) TestRules(string ruleFile, IEnumerable<YamlMapping> tests, string evaluationInterval = "1m") =>
        InTemp(dir =>
        {
            File.WriteAllText(Path.Combine(dir, "rules.yaml"), ruleFile);
            var root = new YamlMapping();
            root.Add("rule_files", new YamlSequence([YamlScalar.String("rules.yaml")]));
            root.Add("evaluation_interval", YamlScalar.PlainText(evaluationInterval));
            root.Add("tests", new YamlSequence(tests));
            File.WriteAllText(Path.Combine(dir, "rules.test.yaml"), YamlTextWriter.Write(root));
            return Tools.Run(Tool, Package, dir, "test", "rules", "rules.test.yaml");
        });

    /// <summary>One test: input series at <paramref name="interval"/> spacing, then alert and expression checks.</summary>
    public static YamlMapping Test(IEnumerable<YamlMapping> series, IEnumerable<YamlMapping>? alerts = null, IEnumerable<YamlMapping>? exprs = null, string interval = "1m")
    {
        var test = new YamlMapping();
        test.Add("interval", YamlScalar.PlainText(interval));
        test.Add("input_series", new YamlSequence(series));
        test.Add("alert_rule_test", new YamlSequence(alerts ?? []));
        test.Add("promql_expr_test", new YamlSequence(exprs ?? []));
        return test;
    }

    /// <summary>An input series in promtool's expanding notation (<c>0+5x60</c>).</summary>
    public static YamlMapping Series(string series, string values)
    {
        var m = new YamlMapping();
        m.Add("series", YamlScalar.String(series));
        m.Add("values", YamlScalar.String(values));
        return m;
    }

    /// <summary>
    /// A counter in phases: each phase adds <c>PerSample</c> per sample for <c>Samples</c> samples, after a first 0.
    /// The result is promtool notation with one segment per phase.
    /// </summary>
    public static string Counter(params (int Samples, decimal PerSample)[] phases)
    {
        var segments = new List<string>();
        decimal value = 0;
        var first = true;
        foreach (var (minutes, perMinute) in phases)
        {
            if (first)
            {
                segments.Add($"0+{Num(perMinute)}x{minutes}");
                value = perMinute * minutes;
                first = false;
            }
            else
            {
                segments.Add($"{Num(value + perMinute)}+{Num(perMinute)}x{minutes - 1}");
                value += perMinute * minutes;
            }
        }

        return string.Join(" ", segments);
    }

    /// <summary>An alert check: the alert at <paramref name="evalTime"/> fires exactly with these label sets and annotations.</summary>
    public static YamlMapping AlertTest(string evalTime, string alertName, IEnumerable<(YamlMapping Labels, YamlMapping Annotations)> firing)
    {
        var m = new YamlMapping();
        m.Add("eval_time", YamlScalar.PlainText(evalTime));
        m.Add("alertname", YamlScalar.String(alertName));
        var list = new YamlSequence();
        foreach (var (labels, annotations) in firing)
        {
            var alert = new YamlMapping();
            alert.Add("exp_labels", labels);
            alert.Add("exp_annotations", annotations);
            list.Items.Add(alert);
        }

        m.Add("exp_alerts", list);
        return m;
    }

    /// <summary>An expression check: at <paramref name="evalTime"/> the expression gives exactly these samples.</summary>
    public static YamlMapping ExprTest(string expr, string evalTime, IEnumerable<(string Labels, decimal Value)> samples)
    {
        var m = new YamlMapping();
        m.Add("expr", YamlScalar.String(expr));
        m.Add("eval_time", YamlScalar.PlainText(evalTime));
        var list = new YamlSequence();
        foreach (var (labels, value) in samples)
        {
            var sample = new YamlMapping();
            sample.Add("labels", YamlScalar.String(labels));
            sample.Add("value", YamlScalar.PlainText(Num(value)));
            list.Items.Add(sample);
        }

        m.Add("exp_samples", list);
        return m;
    }

    private static string Num(decimal value) => value.ToString("0.############################", System.Globalization.CultureInfo.InvariantCulture);

    private static T InTemp<T>(Func<string, T> action)
    {
        var dir = Path.Combine(Path.GetTempPath(), "pipelines-promtool-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            return action(dir);
        }
        finally
        {
            // PIPELINES_PROMTOOL_KEEP=1 keeps the files for a failing test to be rerun by hand.
            if (Environment.GetEnvironmentVariable("PIPELINES_PROMTOOL_KEEP") != "1")
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }
}

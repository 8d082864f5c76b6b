using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using Pipelines.Argo;
using Pipelines.Argo.Yaml;

namespace Pipelines.Build.Tasks.Tests;

/// <summary>
/// The SLO files beside the manifests: a PrometheusRule per SLO (in kustomization.yaml, valid against the CRD's
/// schema, accepted by promtool once extracted), an optional Grafana dashboard, verify mode, and byte-identical output
/// in every culture.
/// </summary>
public sealed class ObservabilityEmissionTests : IDisposable
{
    /// <summary>What the generator writes for a workflow class with a success-rate and a latency SLO (see ObservabilityTests).</summary>
    private const string Slos = """
        {"id":"Demo.NightlyEtl","workflow":"nightly-etl","runsMetric":"pipelines_workflow_runs","durationMetric":"pipelines_workflow_duration_seconds","templatesMetric":"pipelines_template_runs","durationBuckets":["60","300","900","1020","3600"],"slos":[{"name":"success-rate","kind":"success-rate","objective":"0.99","window":"30d","page":"page","ticket":"ticket","alertLabels":{"team":"data"}},{"name":"latency","kind":"latency","objective":"0.95","window":"28d","under":"17m","underSeconds":"1020","page":"page","ticket":"ticket","alertLabels":{}}]}
        """;

    private readonly TaskWorkspace _ws = new();

    public void Dispose() => _ws.Dispose();

    private string Assembly(string slos = Slos) => _ws.Compile(
        TaskWorkspace.Attribute("Demo.NightlyEtl", Manifests.Named("Workflow", "nightly-etl"), TaskWorkspace.Map("NightlyEtl.cs")),
        $"[assembly: global::Pipelines.PipelineObservability({TaskWorkspace.Literal("Demo.NightlyEtl")}, {TaskWorkspace.Literal(slos)})]\n");

    private string File(string name) => System.IO.File.ReadAllText(Path.Combine(_ws.ManifestsDirectory, name));

    [Fact]
    public void A_rule_file_per_slo_is_written_and_listed_in_the_kustomization()
    {
        _ws.Run(Assembly(), configure: t => t.Kustomization = true).Clean();
        Assert.Equal(
            ["kustomization.yaml", "prometheusrule-nightly-etl-latency.yaml", "prometheusrule-nightly-etl-success-rate.yaml", "workflow-nightly-etl.yaml"],
            _ws.ManifestNames());
        var kustomization = File("kustomization.yaml");
        Assert.Contains("- prometheusrule-nightly-etl-latency.yaml\n- prometheusrule-nightly-etl-success-rate.yaml\n- workflow-nightly-etl.yaml\n", kustomization, StringComparison.Ordinal);

        var rule = File("prometheusrule-nightly-etl-success-rate.yaml");
        Assert.StartsWith("apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\n", rule, StringComparison.Ordinal);
        Assert.Contains("argo_workflows_pipelines_workflow_runs{workflow=\"nightly-etl\",status!=\"Succeeded\"}[5m]", rule, StringComparison.Ordinal);
        Assert.Contains("(14.4 * 0.01)", rule, StringComparison.Ordinal);
        Assert.Contains("(13.44 * 0.05)", File("prometheusrule-nightly-etl-latency.yaml"), StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task Rules_are_valid_against_the_PrometheusRule_CRD_schema()
    {
        _ws.Run(Assembly()).Clean();
        var schema = await JsonSchema.FromJsonAsync(System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", "prometheusrule-v1.schema.json")));
        foreach (var name in _ws.ManifestNames().Where(n => n.StartsWith("prometheusrule-", StringComparison.Ordinal)))
        {
            var json = ToJson(Root(File(name)));
            Assert.Empty(schema.Validate(json).Select(e => name + ": " + e));
            var rules = ((JArray)json["spec"]!["groups"]!).SelectMany(g => (JArray)g["rules"]!).ToList();
            Assert.All(rules, r => Assert.True(r["record"] is null != (r["alert"] is null), "exactly one of record and alert: " + r));
            Assert.All(rules.Where(r => r["record"] is not null), r => Assert.Null(r["annotations"]));
        }
    }

    [ToolFact(Promtool.Tool, Promtool.Package)]
    public void Promtool_accepts_every_written_rule_file_once_its_spec_is_extracted()
    {
        _ws.Run(Assembly()).Clean();
        foreach (var name in _ws.ManifestNames().Where(n => n.StartsWith("prometheusrule-", StringComparison.Ordinal)))
        {
            var spec = (YamlMapping)((YamlMapping)Root(File(name))).Get("spec")!;
            var (exit, output) = Promtool.CheckRules(YamlTextWriter.Write(spec));
            Assert.True(exit == 0, name + ": " + output);
            Assert.Contains("SUCCESS: 16 rules found", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_dashboard_is_written_on_request_as_a_file_not_a_resource()
    {
        _ws.Run(Assembly(), configure: t => { t.Kustomization = true; t.Dashboards = true; }).Clean();
        Assert.Contains("dashboard-nightly-etl.json", _ws.ManifestNames());
        Assert.DoesNotContain("dashboard", File("kustomization.yaml"), StringComparison.Ordinal);

        // The minimum shape Grafana's classic model needs (dashboard_kind.cue): uid 8-40, schemaVersion, panels on a
        // 24-column grid with a type, an id and Prometheus targets with expressions, and the data source variable.
        using var doc = JsonDocument.Parse(File("dashboard-nightly-etl.json"));
        var root = doc.RootElement;
        Assert.Equal(JsonValueKind.Null, root.GetProperty("id").ValueKind);
        Assert.InRange(root.GetProperty("uid").GetString()!.Length, 8, 40);
        Assert.InRange(root.GetProperty("schemaVersion").GetInt32(), 39, 42);
        Assert.False(string.IsNullOrEmpty(root.GetProperty("title").GetString()));
        Assert.Equal("datasource", root.GetProperty("templating").GetProperty("list")[0].GetProperty("type").GetString());
        var panels = root.GetProperty("panels").EnumerateArray().ToList();
        Assert.True(panels.Count >= 8);
        Assert.Equal(panels.Count, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());
        foreach (var panel in panels)
        {
            Assert.False(string.IsNullOrEmpty(panel.GetProperty("type").GetString()));
            var grid = panel.GetProperty("gridPos");
            Assert.InRange(grid.GetProperty("w").GetInt32(), 1, 24);
            Assert.InRange(grid.GetProperty("x").GetInt32(), 0, 23);
            Assert.True(grid.GetProperty("x").GetInt32() + grid.GetProperty("w").GetInt32() <= 24);
            if (panel.GetProperty("type").GetString() != "row")
            {
                Assert.All(panel.GetProperty("targets").EnumerateArray(), t => Assert.False(string.IsNullOrWhiteSpace(t.GetProperty("expr").GetString())));
                Assert.Equal("${datasource}", panel.GetProperty("datasource").GetProperty("uid").GetString());
            }
        }

        var exprs = panels.Where(p => p.TryGetProperty("targets", out _)).SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!).ToList();
        Assert.Contains("slo:period_error_budget_remaining:ratio{slo_id=\"nightly-etl-success-rate\"}", exprs);
    }

    [Fact]
    public void Output_is_byte_identical_in_every_culture()
    {
        var dll = Assembly();
        _ws.Run(dll, configure: t => t.Dashboards = true).Clean();
        var expected = _ws.ManifestNames().ToDictionary(n => n, File);
        var saved = CultureInfo.CurrentCulture;
        try
        {
            foreach (var culture in new[] { "de-DE", "ar-SA", "tr-TR" })
            {
                var c = (CultureInfo)CultureInfo.GetCultureInfo(culture).Clone();
                c.NumberFormat.NegativeSign = "\u2212";
                c.NumberFormat.NumberDecimalSeparator = ",";
                CultureInfo.CurrentCulture = c;
                Directory.Delete(_ws.ManifestsDirectory, recursive: true);
                _ws.Run(dll, configure: t => t.Dashboards = true).Clean();
                Assert.Equal(expected, _ws.ManifestNames().ToDictionary(n => n, File));
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Verify_covers_the_rule_files()
    {
        var dll = Assembly();
        _ws.Run(dll, configure: t => t.Kustomization = true).Clean();
        _ws.Run(dll, configure: t => { t.Kustomization = true; t.Verify = true; }).Clean();

        var path = Path.Combine(_ws.ManifestsDirectory, "prometheusrule-nightly-etl-success-rate.yaml");
        System.IO.File.WriteAllText(path, File("prometheusrule-nightly-etl-success-rate.yaml").Replace("14.4", "20", StringComparison.Ordinal));
        var run = _ws.Run(dll, configure: t => { t.Kustomization = true; t.Verify = true; });
        Assert.False(run.Result);
        var error = Assert.Single(run.Engine.Errors);
        Assert.Equal(BuildCodes.ManifestDrift.Code, error.Code);
        Assert.Equal(path, error.File);
    }

    [Fact]
    public void A_rule_file_no_longer_produced_is_deleted()
    {
        _ws.Run(Assembly(), configure: t => t.Kustomization = true).Clean();
        var onlyLatency = Slos.Replace("""{"name":"success-rate","kind":"success-rate","objective":"0.99","window":"30d","page":"page","ticket":"ticket","alertLabels":{"team":"data"}},""", string.Empty, StringComparison.Ordinal);
        _ws.Run(Assembly(onlyLatency), configure: t => t.Kustomization = true).Clean();
        Assert.DoesNotContain("prometheusrule-nightly-etl-success-rate.yaml", _ws.ManifestNames());
        Assert.Contains("prometheusrule-nightly-etl-latency.yaml", _ws.ManifestNames());
    }

    [Fact]
    public void A_bad_slo_fails_the_build_with_PIPE2150_at_the_class()
    {
        var run = _ws.Run(Assembly(Slos.Replace("\"0.99\"", "\"1\"", StringComparison.Ordinal)));
        Assert.False(run.Result);
        var error = Assert.Single(run.Engine.Errors);
        Assert.Equal(BuildCodes.SloInvalid.Code, error.Code);
        Assert.EndsWith("NightlyEtl.cs", error.File, StringComparison.Ordinal);
        Assert.Contains("strictly between 0 and 1", error.Message, StringComparison.Ordinal);
    }

    private static YamlValue Root(string yaml)
    {
        var findings = new System.Collections.Generic.List<Finding>();
        var docs = YamlDocumentReader.Parse(yaml, findings);
        Assert.Empty(findings);
        return Assert.Single(docs).Root;
    }

    private static JToken ToJson(YamlValue value) => value switch
    {
        YamlMapping m => new JObject(m.Entries.Select(e => new JProperty(e.Key.Value, ToJson(e.Value)))),
        YamlSequence s => new JArray(s.Items.Select(ToJson)),
        YamlScalar { Type: YamlScalarType.Int } i => new JValue(long.Parse(i.Value, CultureInfo.InvariantCulture)),
        YamlScalar s => new JValue(s.Value),
        _ => JValue.CreateNull(),
    };
}

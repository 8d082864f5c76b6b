using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading.Tasks;
using Pipelines.Argo.Observability;
using Pipelines.Argo.Yaml;
using Pipelines.Runner.Executors;
using Pipelines.Runner.Telemetry;
using static Pipelines.Runner.Tests.Harness;

namespace Pipelines.Runner.Tests;

/// <summary>
/// The custom metrics of local runs, computed as Argo emits them on node completion, and the SLI queries of the generated
/// rules over them (promtool); the trace of a run.
/// </summary>
public sealed class TelemetryTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The metrics the build adds for [Slo] and [LatencySlo(Under = "17m")] (generator output, written as YAML).</summary>
    private const string Workflow = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: nightly-etl-}
        spec:
          entrypoint: main
          metrics:
            prometheus:
            - name: pipelines_workflow_runs
              help: Finished workflow runs by workflow class and final status (Pipelines).
              labels: [{key: workflow, value: nightly-etl}, {key: status, value: "{{workflow.status}}"}]
              counter: {value: "1"}
            - name: pipelines_workflow_duration_seconds
              help: Workflow run duration in seconds, Pending excluded (Pipelines).
              labels: [{key: workflow, value: nightly-etl}]
              histogram: {value: "{{workflow.duration}}", buckets: [60, 300, 900, 1020, 3600]}
          templates:
          - name: main
            steps: [[{name: work, template: work}]]
            metrics:
              prometheus:
              - name: pipelines_template_runs
                help: Completed template nodes (attempts) by workflow class, template and status (Pipelines).
                labels: [{key: workflow, value: nightly-etl}, {key: template, value: main}, {key: status, value: "{{status}}"}]
                counter: {value: "1"}
          - name: work
            retryStrategy: {limit: 1}
            container: {image: alpine, command: [sh, -c, "exit 0"]}
            metrics:
              prometheus:
              - name: pipelines_template_runs
                help: Completed template nodes (attempts) by workflow class, template and status (Pipelines).
                labels: [{key: workflow, value: nightly-etl}, {key: template, value: work}, {key: status, value: "{{status}}"}]
                counter: {value: "1"}
        """;

    private const string SloJson = """
        {"id":"App.NightlyEtl","workflow":"nightly-etl","runsMetric":"pipelines_workflow_runs","durationMetric":"pipelines_workflow_duration_seconds","templatesMetric":"pipelines_template_runs","durationBuckets":["60","300","900","1020","3600"],
         "slos":[{"name":"success-rate","kind":"success-rate","objective":"0.99","window":"30d"},{"name":"latency","kind":"latency","objective":"0.95","window":"30d","under":"17m","underSeconds":"1020"}]}
        """;

    /// <summary>Four runs: succeeded in 5m, succeeded in 20m (too slow), failed twice in 1m attempts (twice).</summary>
    private static async Task<RunMetrics> FourRuns()
    {
        var metrics = new RunMetrics();
        foreach (var (succeed, minutes) in new[] { (true, 5), (true, 20), (false, 1), (false, 1) })
        {
            var clock = new VirtualClock(Start);
            var report = await Text(Workflow, o =>
            {
                o.Clock = clock;
                o.Executors.Add(new DelegateExecutor(_ =>
                {
                    clock.Advance(TimeSpan.FromMinutes(minutes));
                    return LeafResult.FromExitCode(succeed ? 0 : 1);
                }));
            }, host: false);
            Assert.Equal(succeed ? "Succeeded" : "Failed", report.Phase);
            RunTelemetryFiles.AddRun(metrics, report);
        }

        Assert.Empty(metrics.Errors);
        return metrics;
    }

    [Fact]
    public async Task Runs_add_up_as_the_controller_emits_them()
    {
        var samples = (await FourRuns()).Samples().ToDictionary(s => s.Series, s => s.Value);
        Assert.Equal(2, samples["argo_workflows_pipelines_workflow_runs{status=\"Succeeded\",workflow=\"nightly-etl\"}"]);
        Assert.Equal(2, samples["argo_workflows_pipelines_workflow_runs{status=\"Failed\",workflow=\"nightly-etl\"}"]);
        Assert.Equal(4, samples["argo_workflows_pipelines_workflow_duration_seconds_count{workflow=\"nightly-etl\"}"]);
        Assert.Equal(3, samples["argo_workflows_pipelines_workflow_duration_seconds_bucket{workflow=\"nightly-etl\",le=\"1020\"}"]);
        Assert.Equal(3, samples["argo_workflows_pipelines_workflow_duration_seconds_bucket{workflow=\"nightly-etl\",le=\"900\"}"]);
        Assert.Equal(0, samples["argo_workflows_pipelines_workflow_duration_seconds_bucket{workflow=\"nightly-etl\",le=\"60\"}"]);
        Assert.Equal((5 + 20 + 2 + 2) * 60, samples["argo_workflows_pipelines_workflow_duration_seconds_sum{workflow=\"nightly-etl\"}"]);

        // Under the retry strategy every attempt but the last emits, then the retry node: a failed run counts its
        // failed first attempt and the failed retry node; a succeeded run only the retry node.
        Assert.Equal(2, samples["argo_workflows_pipelines_template_runs{status=\"Succeeded\",template=\"work\",workflow=\"nightly-etl\"}"]);
        Assert.Equal(4, samples["argo_workflows_pipelines_template_runs{status=\"Failed\",template=\"work\",workflow=\"nightly-etl\"}"]);
        Assert.Equal(2, samples["argo_workflows_pipelines_template_runs{status=\"Failed\",template=\"main\",workflow=\"nightly-etl\"}"]);
    }

    [Fact]
    public async Task The_text_format_has_help_type_and_sorted_series()
    {
        var text = (await FourRuns()).ToPrometheusText();
        Assert.Contains("# HELP argo_workflows_pipelines_workflow_runs Finished workflow runs by workflow class and final status (Pipelines).\n# TYPE argo_workflows_pipelines_workflow_runs counter\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE argo_workflows_pipelines_workflow_duration_seconds histogram\n", text, StringComparison.Ordinal);
        Assert.Contains("argo_workflows_pipelines_workflow_duration_seconds_bucket{workflow=\"nightly-etl\",le=\"+Inf\"} 4\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_variable_that_is_not_available_is_an_emission_error_not_a_crash()
    {
        var report = await Text(Workflow.Replace("template, value: work}, {key: status, value: \"{{status}}\"}", "template, value: work}, {key: status, value: \"{{retries}}\"}", StringComparison.Ordinal), o =>
        {
            o.Clock = new VirtualClock(Start);
            o.Executors.Add(new DelegateExecutor(_ => LeafResult.FromExitCode(1)));
        }, host: false);
        var metrics = new RunMetrics();
        RunTelemetryFiles.AddRun(metrics, report);
        Assert.Contains(metrics.Errors, e => e.Contains("{{retries}}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_retry_counter_adds_the_retries_of_each_retry_node()
    {
        // The counter [RunMetrics(Retries = true)] adds to a template with a retry strategy (generator output).
        var workflow = Workflow.Replace("retryStrategy: {limit: 1}", "retryStrategy: {limit: 2}", StringComparison.Ordinal) + """

                  - name: pipelines_template_retries
                    help: Retries of completed retry nodes by workflow class and template (Pipelines).
                    labels: [{key: workflow, value: nightly-etl}, {key: template, value: work}]
                    counter: {value: "{{retries}}"}
            """;
        var metrics = new RunMetrics();
        var errors = new List<int>();
        foreach (var failures in new[] { 0, 1, 2 })
        {
            var attempts = 0;
            var report = await Text(workflow, o =>
            {
                o.Clock = new VirtualClock(Start);
                o.Executors.Add(new DelegateExecutor(_ => LeafResult.FromExitCode(attempts++ < failures ? 1 : 0)));
            }, host: false);
            Assert.Equal("Succeeded", report.Phase);
            var before = metrics.Errors.Count;
            RunTelemetryFiles.AddRun(metrics, report);
            errors.Add(metrics.Errors.Count - before);
        }

        // 0 + 1 + 2 retries over three runs.
        var samples = metrics.Samples().ToDictionary(s => s.Series, s => s.Value);
        Assert.Equal(3, samples["argo_workflows_pipelines_template_retries{template=\"work\",workflow=\"nightly-etl\"}"]);

        // As in Argo, each attempt that is not the last is evaluated too, has no {{retries}} and is an emission error.
        Assert.Equal([0, 1, 2], errors);
        Assert.All(metrics.Errors, e => Assert.Contains("{{retries}}", e, StringComparison.Ordinal));
    }

    [ToolFact(Promtool.Tool, Promtool.Package)]
    public async Task The_generated_SLI_queries_evaluate_to_the_expected_ratios_over_the_runner_output()
    {
        var samples = (await FourRuns()).Samples().ToList();
        var problems = new List<string>();
        var description = SloDescription.Parse(SloJson, problems)!;
        Assert.Empty(problems);

        // Each series of the runner's output becomes a counter that is 0 for half an hour, then holds the runner's value:
        // the four runs happened inside the last hour. Expected: 2 of 4 runs failed; 1 of 4 took longer than 17m.
        var series = samples.Select(s => Promtool.Series(s.Series, "0+0x30 " + s.Value.ToString(CultureInfo.InvariantCulture) + "+0x30")).ToList();
        foreach (var (slo, expected) in new[] { (description.Slos[0], 0.5m), (description.Slos[1], 0.25m) })
        {
            var sample = "{slo_id=\"" + SloRules.SloId(description, slo) + "\",slo_name=\"" + slo.Name + "\",slo_window=\"1h\",slo_workflow=\"nightly-etl\"}";
            var test = Promtool.Test(
                series,
                exprs: [Promtool.ExprTest("abs(" + SloRules.SliRecord("1h") + " - " + expected.ToString(CultureInfo.InvariantCulture) + ") < bool 1e-9", "60m", [(sample, 1m)])]);
            var (exit, output) = Promtool.TestRules(SloRules.RuleFile(description, slo), [test]);
            Assert.True(exit == 0, slo.Name + ": " + output);
        }
    }

    [Fact]
    public async Task The_trace_has_one_span_per_node_with_parent_links_in_one_trace()
    {
        var clock = new VirtualClock(Start);
        var report = await Text(Workflow, o =>
        {
            o.Clock = clock;
            o.Executors.Add(new DelegateExecutor(_ =>
            {
                clock.Advance(TimeSpan.FromSeconds(30));
                return LeafResult.FromExitCode(1);
            }));
        }, host: false);

        using var doc = JsonDocument.Parse(RunTrace.ToOtlpJson(report));
        var spans = doc.RootElement.GetProperty("resourceSpans")[0].GetProperty("scopeSpans")[0].GetProperty("spans").EnumerateArray().ToList();
        Assert.Equal(report.Nodes.Count + 1, spans.Count);
        Assert.Single(spans.Select(s => s.GetProperty("traceId").GetString()).Distinct());
        Assert.Equal(32, spans[0].GetProperty("traceId").GetString()!.Length);
        Assert.Equal(spans.Count, spans.Select(s => s.GetProperty("spanId").GetString()).Distinct().Count());

        var root = Assert.Single(spans, s => !s.TryGetProperty("parentSpanId", out _));
        Assert.Equal("workflow", root.GetProperty("name").GetString());
        var ids = spans.ToDictionary(s => s.GetProperty("spanId").GetString()!, s => s);
        foreach (var node in report.Nodes)
        {
            var span = ids[RunTrace.SpanId(report, node)];
            var parent = span.GetProperty("parentSpanId").GetString()!;
            var expected = node.Parent is { } p ? RunTrace.SpanId(report, report.ByName(p)) : RunTrace.SpanId(report, null);
            Assert.Equal(expected, parent);
            Assert.Equal(node.FailedOrError ? 2 : node.Phase == NodePhase.Succeeded ? 1 : 0, span.GetProperty("status").GetProperty("code").GetInt32());
        }

        // The retry node records its attempts as events.
        var retry = ids[RunTrace.SpanId(report, report.Nodes.Single(n => n.Type == NodeType.Retry))];
        Assert.Equal(["attempt 0", "attempt 1"], retry.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("name").GetString()!).ToArray());
    }

    [Fact]
    public async Task The_trace_can_be_sent_to_an_otlp_http_endpoint()
    {
        var clock = new VirtualClock(Start);
        var report = await Text(Workflow, o =>
        {
            o.Clock = clock;
            o.Executors.Add(new DelegateExecutor(_ =>
            {
                clock.Advance(TimeSpan.FromSeconds(30));
                return LeafResult.FromExitCode(1);
            }));
        }, host: false);

        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var received = new List<(string Path, string? ContentType, byte[] Body)>();
        var serve = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                HttpListenerContext request;
                try
                {
                    request = await listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using var body = new MemoryStream();
                await request.Request.InputStream.CopyToAsync(body);
                lock (received)
                {
                    received.Add((request.Request.Url!.AbsolutePath, request.Request.ContentType, body.ToArray()));
                }

                // An empty ExportTraceServiceResponse.
                request.Response.StatusCode = 200;
                request.Response.ContentType = "application/x-protobuf";
                request.Response.Close();
            }
        });

        // A base endpoint, as OTEL_EXPORTER_OTLP_ENDPOINT: /v1/traces is added for OTLP/HTTP.
        var errors = RunTraceExport.Export(report, $"http://127.0.0.1:{port}");
        listener.Stop();
        await serve;
        Assert.Empty(errors);
        Assert.NotEmpty(received);
        Assert.All(received, r => Assert.Equal("/v1/traces", r.Path));
        Assert.All(received, r => Assert.Equal("application/x-protobuf", r.ContentType));

        var spans = received.SelectMany(r => OtlpSpans(r.Body)).ToList();
        Assert.Equal(report.Nodes.Count + 1, spans.Count);
        Assert.Single(spans.Select(s => s.TraceId).Distinct());
        var root = Assert.Single(spans, s => s.ParentSpanId.Length == 0);
        Assert.Equal("workflow", root.Name);
        var byId = spans.ToDictionary(s => s.SpanId);
        foreach (var node in report.Nodes)
        {
            var span = Assert.Single(spans, s => s.Name == node.DisplayName && s.StartNanos == (ulong)((node.StartedAt - DateTimeOffset.UnixEpoch).Ticks * 100) && s.Phase == node.Phase.ToString());
            var parent = byId[span.ParentSpanId];
            Assert.Equal(node.Parent is { } p ? report.ByName(p)!.DisplayName : "workflow", parent.Name);
        }
    }

    [Fact]
    public void Only_otlp_and_http_urls_are_trace_targets()
    {
        Assert.True(RunTraceExport.IsTarget("otlp"));
        Assert.True(RunTraceExport.IsTarget("http://collector:4318"));
        Assert.True(RunTraceExport.IsTarget("https://collector:4318/v1/traces"));
        Assert.False(RunTraceExport.IsTarget("trace.json"));
        Assert.False(RunTraceExport.IsTarget("./otlp"));
        Assert.False(RunTraceExport.IsTarget("-"));
    }

    [Fact]
    public async Task An_unreachable_endpoint_is_reported()
    {
        var report = await Text(Workflow, o =>
        {
            o.Clock = new VirtualClock(Start);
            o.Executors.Add(new DelegateExecutor(_ => LeafResult.FromExitCode(0)));
        }, host: false);
        Assert.NotEmpty(RunTraceExport.Export(report, $"http://127.0.0.1:{FreePort()}"));
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private sealed record OtlpSpan(string TraceId, string SpanId, string ParentSpanId, string Name, ulong StartNanos, string Phase);

    /// <summary>The spans of an ExportTraceServiceRequest (protobuf): resource_spans(1) / scope_spans(2) / spans(2).</summary>
    private static IEnumerable<OtlpSpan> OtlpSpans(byte[] request)
    {
        foreach (var resource in Fields(request).Where(f => f.Number == 1))
        {
            foreach (var scope in Fields(resource.Bytes!).Where(f => f.Number == 2))
            {
                foreach (var span in Fields(scope.Bytes!).Where(f => f.Number == 2))
                {
                    var fields = Fields(span.Bytes!).ToList();
                    string Hex(int number) => fields.FirstOrDefault(f => f.Number == number).Bytes is { } b ? Convert.ToHexString(b) : string.Empty;
                    var phase = string.Empty;

                    // attributes(9): KeyValue{key(1), value(2): AnyValue{string_value(1)}}
                    foreach (var attribute in fields.Where(f => f.Number == 9))
                    {
                        var kv = Fields(attribute.Bytes!).ToList();
                        if (System.Text.Encoding.UTF8.GetString(kv.First(f => f.Number == 1).Bytes!) == "node.phase")
                        {
                            phase = System.Text.Encoding.UTF8.GetString(Fields(kv.First(f => f.Number == 2).Bytes!).First().Bytes!);
                        }
                    }

                    yield return new OtlpSpan(
                        Hex(1),
                        Hex(2),
                        Hex(4),
                        System.Text.Encoding.UTF8.GetString(fields.First(f => f.Number == 5).Bytes!),
                        fields.First(f => f.Number == 7).Fixed,
                        phase);
                }
            }
        }
    }

    private static IEnumerable<(int Number, byte[]? Bytes, ulong Fixed)> Fields(byte[] data)
    {
        var i = 0;
        ulong Varint()
        {
            ulong value = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = data[i++];
                value |= (ulong)(b & 0x7f) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }
        }

        var result = new List<(int, byte[]?, ulong)>();
        while (i < data.Length)
        {
            var key = Varint();
            var number = (int)(key >> 3);
            switch (key & 7)
            {
                case 0:
                    result.Add((number, null, Varint()));
                    break;
                case 1:
                    result.Add((number, null, BitConverter.ToUInt64(data, i)));
                    i += 8;
                    break;
                case 2:
                    var length = (int)Varint();
                    result.Add((number, data[i..(i + length)], 0));
                    i += length;
                    break;
                case 5:
                    result.Add((number, null, BitConverter.ToUInt32(data, i)));
                    i += 4;
                    break;
                default:
                    throw new InvalidDataException("unexpected wire type " + (key & 7));
            }
        }

        return result;
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Pipelines.Argo;
using Pipelines.Graphs.Reports;

namespace Pipelines.Graphs.Tests;

public sealed class ReportTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    private const string Workflow = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          name: demo
        spec:
          entrypoint: main
          templates:
          - name: main
            dag:
              tasks:
              - name: flaky
                template: work
              - name: wait
                template: pause
              - name: last
                depends: flaky && wait
                template: work
          - name: work
            container:
              image: alpine:3.20
          - name: pause
            suspend:
              duration: 5s
        """;

    private static RunTraceNode N(string name, string type, string phase, double start, double end, string? parent, bool retried = false) => new()
    {
        Id = "id-" + name,
        Name = name,
        DisplayName = name.Contains('.', StringComparison.Ordinal) ? name[(name.LastIndexOf('.') + 1)..] : name,
        Type = type,
        Phase = phase,
        StartedAt = T0.AddSeconds(start),
        FinishedAt = T0.AddSeconds(end),
        Parent = parent,
        Retried = retried,
        TemplateName = type == "DAG" ? "main" : "work",
    };

    internal static RunTrace Trace()
    {
        var trace = new RunTrace { WorkflowName = "demo", Phase = "Failed", Message = "child 'demo.last' failed <b>", StartedAt = T0, FinishedAt = T0.AddSeconds(20) };
        trace.Nodes.Add(N("demo", "DAG", "Failed", 0, 20, null));
        trace.Nodes.Add(N("demo.flaky", "Retry", "Succeeded", 0, 9, "demo"));
        trace.Nodes.Add(N("demo.flaky(0)", "Pod", "Failed", 0, 2, "demo.flaky", retried: true));
        trace.Nodes.Add(N("demo.wait", "Suspend", "Succeeded", 0, 5, "demo"));
        trace.Nodes.Add(N("demo.flaky(1)", "Pod", "Succeeded", 6, 9, "demo.flaky", retried: true));
        var last = N("demo.last", "Pod", "Failed", 9, 20, "demo");
        last.Message = "main: Error (exit code 1)";
        last.Inputs.Add(new("message", "<script>alert(1)</script>"));
        last.Outputs.Add(new("exitCode", "1"));
        last.LogTail = "line 1\nsee https://example.org/help";
        trace.Nodes.Add(last);
        return trace;
    }

    [Fact]
    public void The_report_is_self_contained_and_shows_every_node_with_its_phase()
    {
        var trace = Trace();
        var html = ReportHtml.Write(trace, ArgoYaml.ReadText(Workflow).Documents[0].Object);
        Assert.Contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=", html, StringComparison.Ordinal);
        // The only URL is the log text, escaped as text (never a link).
        Assert.Single(Regex.Matches(html, "https?://"));
        Assert.DoesNotContain("href=\"http", html, StringComparison.Ordinal);
        foreach (var node in trace.Nodes)
        {
            // The graph, the timeline and the table each show the node with its phase.
            Assert.Equal(3, Regex.Matches(html, "data-node=\"" + Regex.Escape(node.Name.Replace("<", "&lt;", StringComparison.Ordinal)) + "\"[^>]*data-phase=\"" + node.Phase + "\"").Count);
        }

        Assert.Contains("id=\"final-phase\" class=\"badge\" data-phase=\"Failed\"", html, StringComparison.Ordinal);
        Assert.Contains("child &#39;demo.last&#39; failed &lt;b&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_timeline_marks_retry_backoff_and_suspend()
    {
        var html = ReportHtml.Write(Trace(), null);
        var backoff = Assert.Single(Regex.Matches(html, "<rect class=\"backoff\"[^>]*><title>backoff ([^<]*)</title>"));
        Assert.Equal("4.0s", backoff.Groups[1].Value);
        Assert.Single(Regex.Matches(html, "<rect class=\"bar suspend\""));
        Assert.Equal(5, Regex.Matches(html, "<rect class=\"bar\"").Count);
    }

    [Fact]
    public void The_graph_follows_dag_dependencies_when_the_workflow_is_known()
    {
        var diagram = RunGraph.Build(Trace(), ArgoYaml.ReadText(Workflow).Documents[0].Object);
        var id = diagram.AllNodes.ToDictionary(n => n.RunName!, n => n.Id);
        var edges = diagram.Clusters[0].Edges.Select(e => (e.From, e.To)).ToHashSet();
        Assert.Contains((id["demo.flaky"], id["demo.last"]), edges);
        Assert.Contains((id["demo.wait"], id["demo.last"]), edges);
        Assert.DoesNotContain((id["demo"], id["demo.last"]), edges);
        Assert.Contains((id["demo.flaky"], id["demo.flaky(0)"]), edges);

        var without = RunGraph.Build(Trace(), null);
        var id2 = without.AllNodes.ToDictionary(n => n.RunName!, n => n.Id);
        Assert.Contains((id2["demo"], id2["demo.last"]), without.Clusters[0].Edges.Select(e => (e.From, e.To)));
    }

    [Fact]
    public void The_report_is_deterministic_and_its_svg_parts_are_well_formed()
    {
        var a = ReportHtml.Write(Trace(), null);
        Assert.Equal(a, ReportHtml.Write(Trace(), null));
        foreach (Match svg in Regex.Matches(a, "<svg.*?</svg>", RegexOptions.Singleline))
        {
            XDocument.Parse(svg.Value);
        }
    }

    [Fact]
    public void Without_times_the_report_says_so()
    {
        var trace = Trace();
        foreach (var n in trace.Nodes)
        {
            n.StartedAt = null;
            n.FinishedAt = null;
        }

        var html = ReportHtml.Write(trace, null);
        Assert.Contains("No times: this report was rebuilt from the run's journal", html, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"gantt\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Nodes_are_listed_parent_first()
    {
        var order = ReportHtml.TreeOrder(Trace().Nodes).Select(n => n.Name).ToList();
        Assert.Equal(["demo", "demo.flaky", "demo.flaky(0)", "demo.flaky(1)", "demo.wait", "demo.last"], order);
    }
}

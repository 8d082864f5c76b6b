using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace Pipelines.Cli.Tests;

/// <summary><c>pipelines graph</c> and <c>pipelines report</c> (docs/pictures.md).</summary>
public sealed class GraphAndReportTests : IDisposable
{
    private const string Dag = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          generateName: diamond-
        spec:
          entrypoint: main
          templates:
          - name: main
            dag:
              tasks:
              - name: A
                template: echo
              - name: B
                depends: A.Failed
                template: echo
          - name: echo
            container:
              image: alpine:3.20
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("pipelines-graph-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Graph_prints_mermaid_by_default()
    {
        Write("dag.yaml", Dag);
        var r = Cli.Run(_dir, "graph", "dag.yaml");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.StartsWith("---\ntitle: \"Workflow diamond-\"\n---\nflowchart TB\n", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("  n0 -->|\"Failed\"| n1\n", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Graph_writes_svg_and_dot_files()
    {
        Write("dag.yaml", Dag);
        Assert.Equal(0, Cli.Run(_dir, "graph", "dag.yaml", "--format", "svg", "-o", "out/dag.svg").ExitCode);
        var svg = XDocument.Load(Path.Combine(_dir, "out", "dag.svg"));
        Assert.Equal(2, svg.Descendants().Count(e => ((string?)e.Attribute("class"))?.StartsWith("node ", StringComparison.Ordinal) == true));
        var dot = Cli.Run(_dir, "graph", "dag.yaml", "-f", "dot");
        Assert.Contains("n0 -> n1 [label=\"Failed\"];", dot.Stdout, StringComparison.Ordinal);
    }

    [ToolFact("dot", "graphviz")]
    public void Graph_writes_png_through_graphviz()
    {
        Write("dag.yaml", Dag);
        var r = Cli.Run(_dir, "graph", "dag.yaml", "-f", "png", "-o", "dag.png");
        Assert.True(r.ExitCode == 0, r.ToString());
        var bytes = File.ReadAllBytes(Path.Combine(_dir, "dag.png"));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes.Take(4));
        Assert.Equal(2, Cli.Run(_dir, "graph", "dag.yaml", "-f", "png").ExitCode);
    }

    [Fact]
    public void Several_workflows_need_a_folder_and_get_one_file_each()
    {
        Write("a.yaml", Dag);
        Write("b.yaml", Dag.Replace("generateName: diamond-", "name: other", StringComparison.Ordinal));
        var r = Cli.Run(_dir, "graph", ".");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("2 workflows found; give -o FOLDER", r.Stderr, StringComparison.Ordinal);

        r = Cli.Run(_dir, "graph", ".", "-o", "pictures");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(["workflow-diamond.mmd", "workflow-other.mmd"], Directory.GetFiles(Path.Combine(_dir, "pictures")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Bad_input_is_a_located_error_and_writes_nothing()
    {
        Write("bad.yaml", "kind: Workflow\nspec: [\n");
        var r = Cli.Run(_dir, "graph", "bad.yaml", "-f", "svg", "-o", "bad.svg");
        Assert.Equal(1, r.ExitCode);
        Assert.Matches("^bad\\.yaml:[0-9]+:[0-9]+: error PIPE3", r.Stderr);
        Assert.False(File.Exists(Path.Combine(_dir, "bad.svg")));

        Write("dag.yaml", Dag);
        r = Cli.Run(_dir, "graph", "dag.yaml", "--template", "nope");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("dag.yaml:1: error: there is no template 'nope'; the templates are: main, echo", r.Stderr, StringComparison.Ordinal);

        Write("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
        r = Cli.Run(_dir, "graph", "cm.yaml");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("no Workflow, WorkflowTemplate, ClusterWorkflowTemplate or CronWorkflow found", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_of_a_folder_that_is_not_a_run_is_a_usage_error()
    {
        var r = Cli.Run(_dir, "report", ".");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("not a run folder (no workflow.yaml)", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_of_a_killed_run_is_rebuilt_from_the_journal()
    {
        Write("run/workflow.yaml", Dag);
        Write("run/run.json", "{\"name\":\"diamond-abcde\"}");
        Write("run/journal.jsonl", "{\"kind\":\"node\",\"name\":\"diamond-abcde.A\",\"phase\":\"Failed\",\"message\":\"main: Error (exit code 1)\",\"exitCode\":\"1\"}\n{\"kind\":\"node\",\"name\":\"diamond-ab");
        var r = Cli.Run(_dir, "report", "run");
        Assert.True(r.ExitCode == 0, r.ToString());
        var html = File.ReadAllText(Path.Combine(_dir, "run", "report.html"));
        Assert.Contains("data-node=\"diamond-abcde.A\" data-phase=\"Failed\"", html, StringComparison.Ordinal);
        Assert.Contains("No times: this report was rebuilt from the run's journal", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http", html.Replace("http-equiv", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_trace_to_an_otlp_url_sends_instead_of_writing_a_file_and_reports_a_failed_export()
    {
        Write("dag.yaml", Dag.Replace("depends: A.Failed", "depends: A", StringComparison.Ordinal));
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        // Nothing listens on the port: the export fails, is reported, and the exit code is the usage code.
        var url = $"http://127.0.0.1:{port}";
        var r = Cli.Run(_dir, "run", "dag.yaml", "--mock", "echo=phase=Succeeded", "--trace", url);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains(url + ": error: cannot send --trace: ", r.Stderr, StringComparison.Ordinal);
        Assert.Equal(new[] { "dag.yaml" }, Directory.GetFileSystemEntries(_dir).Select(p => Path.GetFileName(p)).Where(n => n != "run" && !n.StartsWith('.')).ToArray());
    }

    [Fact]
    public void Run_with_report_writes_the_report_and_keeps_the_trace()
    {
        Write("dag.yaml", Dag.Replace("depends: A.Failed", "depends: A", StringComparison.Ordinal));
        var r = Cli.Run(_dir, "run", "dag.yaml", "--mock", "echo=phase=Succeeded", "--run-dir", "run", "--report", "r.html");
        Assert.True(r.ExitCode == 0, r.ToString());
        var html = File.ReadAllText(Path.Combine(_dir, "r.html"));
        Assert.Contains("id=\"final-phase\" class=\"badge\" data-phase=\"Succeeded\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"gantt\"", html, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_dir, "run", "run-report.json")));

        // The report of the same run, written later, is the same file.
        Assert.Equal(0, Cli.Run(_dir, "report", "run", "-o", "again.html").ExitCode);
        Assert.Equal(html, File.ReadAllText(Path.Combine(_dir, "again.html")));
    }
}

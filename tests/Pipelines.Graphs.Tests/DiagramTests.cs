using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Xml.Linq;
using Pipelines.Argo;
using Pipelines.Argo.Model;

namespace Pipelines.Graphs.Tests;

public sealed class DiagramTests
{
    private const string Diamond = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          generateName: diamond-
        spec:
          entrypoint: main
          onExit: notify
          templates:
          - name: main
            dag:
              tasks:
              - name: A
                template: echo
              - name: B
                depends: A
                template: echo
                withItems: [1, 2, 3]
              - name: C
                depends: A.Failed
                template: echo
                when: "{{workflow.parameters.x}} == \"yes\""
              - name: D
                depends: B || C.Skipped
                templateRef:
                  name: shared
                  template: report
                hooks:
                  running:
                    expression: steps.D.status == "Running"
                    template: echo
          - name: echo
            container:
              image: alpine:3.20
          - name: notify
            steps:
            - - name: tell
                template: echo
              - name: also
                template: echo
                continueOn:
                  failed: true
            - - name: done
                template: echo
        """;

    private static IArgoObject Read(string yaml) => ArgoYaml.ReadText(yaml).Documents.Single().Object!;

    [Fact]
    public void A_dag_draws_its_tasks_edges_labels_loops_refs_and_hooks()
    {
        var diagram = WorkflowDiagrams.Build(Read(Diamond));
        Assert.Equal(["dag: main", "steps: notify", "workflow exit handler and hooks"], diagram.Clusters.Select(c => c.Label));
        var main = diagram.Clusters[0];
        DiagramNode Node(string title) => diagram.AllNodes.Single(n => n.Title == title);
        Assert.True(Node("B").Loop);
        Assert.Contains("withItems: 3 items", Node("B").Details);
        Assert.True(Node("D").TemplateRef);
        Assert.Contains("ref shared/report", Node("D").Details);
        Assert.Contains(Node("C").Details, d => d.StartsWith("when ", StringComparison.Ordinal));
        string? Label(string from, string to) => main.Edges.Single(e => e.From == Node(from).Id && e.To == Node(to).Id).Label;
        Assert.Null(Label("A", "B"));
        Assert.Equal("Failed", Label("A", "C"));
        Assert.Equal("||", Label("B", "D"));
        Assert.Equal("Skipped ||", Label("C", "D"));
        var hook = Node("hook running");
        Assert.Contains(main.Edges, e => e.From == Node("D").Id && e.To == hook.Id && e.Style == DiagramEdgeStyle.Dashed && e.Label == "running");
        var exit = Node("onExit");
        Assert.Equal(DiagramNodeKind.Exit, exit.Kind);
        Assert.Equal(diagram.Clusters[1].Id, exit.LinkCluster);
    }

    [Fact]
    public void Steps_groups_chain_through_junctions()
    {
        var diagram = WorkflowDiagrams.Build(Read(Diamond), "notify");
        var steps = Assert.Single(diagram.Clusters);
        var ids = steps.Nodes.ToDictionary(n => n.Title, n => n.Id);
        var edges = steps.Edges.Select(e => (e.From, e.To)).ToHashSet();
        Assert.Contains((ids["[0]"], ids["tell"]), edges);
        Assert.Contains((ids["[0]"], ids["also"]), edges);
        Assert.Contains((ids["tell"], ids["[1]"]), edges);
        Assert.Contains((ids["also"], ids["[1]"]), edges);
        Assert.Contains((ids["[1]"], ids["done"]), edges);
        Assert.Equal("continueOn", steps.Edges.Single(e => e.To == ids["also"]).Label);
    }

    [Fact]
    public void An_unknown_template_is_a_clear_error_that_lists_the_templates()
    {
        var e = Assert.Throws<ArgumentException>(() => WorkflowDiagrams.Build(Read(Diamond), "nope"));
        Assert.StartsWith("there is no template 'nope'; the templates are: main, echo, notify", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Labels_with_special_characters_are_escaped_in_every_format()
    {
        var yaml = Diamond.Replace("name: A\n", "name: A\"<b>#x|y\n", StringComparison.Ordinal).Replace("depends: A\n", "depends: A\"<b>#x|y\n", StringComparison.Ordinal);
        var diagram = WorkflowDiagrams.Build(Read(yaml));
        Assert.Empty(MermaidGrammar.Check(TextDiagrams.ToMermaid(diagram)));
        XDocument.Parse(SvgDiagram.ToSvg(diagram));
        Assert.Contains("A\\\"<b>#x|y", TextDiagrams.ToDot(diagram), StringComparison.Ordinal);
    }

    [Fact]
    public void The_grammar_check_rejects_broken_mermaid()
    {
        var good = TextDiagrams.ToMermaid(WorkflowDiagrams.Build(Read(Diamond)));
        Assert.Empty(MermaidGrammar.Check(good));
        Assert.NotEmpty(MermaidGrammar.Check(good.Replace("  end\n", string.Empty, StringComparison.Ordinal)));
        Assert.NotEmpty(MermaidGrammar.Check(good.Replace("n1[[\"B", "n1[[\"B\"", StringComparison.Ordinal)));
        Assert.NotEmpty(MermaidGrammar.Check(good + "  n0 --> n999\n"));
    }

    [Fact]
    public void Output_is_byte_identical_across_runs_and_cultures()
    {
        var document = Read(Diamond);
        var large = LargeDag(300);
        string All()
        {
            var sb = new StringBuilder();
            foreach (var d in new[] { WorkflowDiagrams.Build(document), large })
            {
                sb.Append(TextDiagrams.ToMermaid(d)).Append(TextDiagrams.ToDot(d)).Append(SvgDiagram.ToSvg(d));
            }

            return sb.ToString();
        }

        var invariant = WithCulture(CultureInfo.InvariantCulture, All);
        var odd = (CultureInfo)CultureInfo.GetCultureInfo("fr-FR").Clone();
        odd.NumberFormat.NegativeSign = "\u2212";
        odd.NumberFormat.NumberDecimalSeparator = ",";
        Assert.Equal(invariant, WithCulture(odd, All));
        Assert.Equal(invariant, WithCulture(CultureInfo.GetCultureInfo("tr-TR"), All));
        Assert.Equal(invariant, All());
    }

    [Fact]
    public void A_thousand_task_dag_has_no_overlapping_nodes()
    {
        var diagram = LargeDag(1000);
        var svg = XDocument.Parse(SvgDiagram.ToSvg(diagram));
        Assert.Equal(1000, SvgChecks.Nodes(svg).Count);
        Assert.Empty(SvgChecks.Overlaps(svg));
    }

    [Fact]
    public void The_overlap_check_finds_overlaps()
    {
        var svg = XDocument.Parse("""<svg xmlns="http://www.w3.org/2000/svg"><g class="node" id="a"><rect x="0" y="0" width="50" height="20"/></g><g class="node" id="b"><rect x="40" y="10" width="50" height="20"/></g></svg>""");
        Assert.Equal(["a overlaps b"], SvgChecks.Overlaps(svg));
    }

    [Fact]
    public void Layout_keeps_layers_top_to_bottom_and_survives_cycles()
    {
        var layout = LayeredLayout.Layout([(80, 30), (80, 30), (80, 30)], [(0, 1), (1, 2), (2, 0), (0, 0), (5, 1)]);
        Assert.True(layout.Nodes[0].Y < layout.Nodes[1].Y);
        Assert.True(layout.Nodes[1].Y < layout.Nodes[2].Y);
        Assert.Empty(layout.Routes[3]);
        Assert.Empty(layout.Routes[4]);
        var back = layout.Routes[2];
        Assert.Equal(layout.Nodes[2].X, back[0].X);
    }

    /// <summary>A deterministic 1,000-task DAG: each task depends on one to three of the twenty before it.</summary>
    internal static Diagram LargeDag(int count)
    {
        var sb = new StringBuilder("apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  name: large\nspec:\n  entrypoint: main\n  templates:\n  - name: main\n    dag:\n      tasks:\n");
        var random = new Random(7);
        for (var i = 0; i < count; i++)
        {
            sb.Append("      - name: task-").Append(i.ToString(CultureInfo.InvariantCulture)).Append("\n        template: work\n");
            if (i > 0)
            {
                var deps = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => i - 1 - random.Next(Math.Min(i, 20))).Distinct().Select(d => "task-" + d.ToString(CultureInfo.InvariantCulture));
                sb.Append("        depends: ").Append(string.Join(" && ", deps)).Append('\n');
            }
        }

        sb.Append("  - name: work\n    container:\n      image: alpine:3.20\n");
        return WorkflowDiagrams.Build(Read(sb.ToString()));
    }

    private static string WithCulture(CultureInfo culture, Func<string> action)
    {
        var before = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            return action();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = before;
        }
    }
}

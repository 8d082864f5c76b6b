using System.Collections.Generic;

namespace Pipelines.Graphs;

/// <summary>What a diagram node stands for; writers pick its shape from this.</summary>
public enum DiagramNodeKind
{
    /// <summary>A DAG task.</summary>
    Task,

    /// <summary>A step of a steps template.</summary>
    Step,

    /// <summary>The junction before a group of parallel steps (Argo's StepGroup node).</summary>
    StepGroup,

    /// <summary>A template drawn on its own (a leaf entrypoint, or a template with no steps or tasks).</summary>
    Template,

    /// <summary>A workflow-level exit handler or an <c>onExit</c> of a task or step.</summary>
    Exit,

    /// <summary>A lifecycle hook.</summary>
    Hook,

    /// <summary>A Workflow that only references a WorkflowTemplate (<c>spec.workflowTemplateRef</c>).</summary>
    WorkflowRef,

    /// <summary>A node of a run (the HTML report).</summary>
    RunNode,
}

/// <summary>How an edge is drawn.</summary>
public enum DiagramEdgeStyle
{
    /// <summary>A dependency or sequence.</summary>
    Solid,

    /// <summary>An exit handler or hook, set apart from the flow.</summary>
    Dashed,
}

/// <summary>One box of a diagram.</summary>
public sealed class DiagramNode
{
    /// <summary>Creates a node.</summary>
    /// <param name="id">The node's identifier: unique in the diagram, letters, digits and '_' only.</param>
    /// <param name="title">The first line of the label.</param>
    /// <param name="kind">What it stands for.</param>
    public DiagramNode(string id, string title, DiagramNodeKind kind)
    {
        Id = id;
        Title = title;
        Kind = kind;
    }

    /// <summary>The identifier: unique in the diagram, letters, digits and '_' only.</summary>
    public string Id { get; }

    /// <summary>The first line of the label (a task or step name).</summary>
    public string Title { get; }

    /// <summary>What the node stands for.</summary>
    public DiagramNodeKind Kind { get; }

    /// <summary>More label lines: the template called, the loop's item source, the <c>when</c> condition.</summary>
    public List<string> Details { get; } = [];

    /// <summary>A loop (withItems, withParam, withSequence): drawn as stacked boxes.</summary>
    public bool Loop { get; set; }

    /// <summary>The node calls a template by templateRef (drawn with a link mark).</summary>
    public bool TemplateRef { get; set; }

    /// <summary>The identifier of the cluster that draws the template this node calls, when the diagram has it.</summary>
    public string? LinkCluster { get; set; }

    /// <summary>A run phase (Succeeded, Failed, ...) that colours the node, or null for a workflow diagram.</summary>
    public string? Phase { get; set; }

    /// <summary>The run node's full name (the report), or null.</summary>
    public string? RunName { get; set; }
}

/// <summary>An arrow between two nodes of the same cluster.</summary>
public sealed class DiagramEdge
{
    /// <summary>Creates an edge.</summary>
    public DiagramEdge(string from, string to, string? label = null, DiagramEdgeStyle style = DiagramEdgeStyle.Solid)
    {
        From = from;
        To = to;
        Label = label;
        Style = style;
    }

    /// <summary>The source node's identifier.</summary>
    public string From { get; }

    /// <summary>The target node's identifier.</summary>
    public string To { get; }

    /// <summary>The label (a depends result such as <c>Failed</c>, a hook name), or null.</summary>
    public string? Label { get; }

    /// <summary>How it is drawn.</summary>
    public DiagramEdgeStyle Style { get; }
}

/// <summary>A framed group of nodes: one template, or the workflow's exit handler and hooks.</summary>
public sealed class DiagramCluster
{
    /// <summary>Creates a cluster.</summary>
    public DiagramCluster(string id, string label)
    {
        Id = id;
        Label = label;
    }

    /// <summary>The identifier: unique in the diagram, letters, digits and '_' only.</summary>
    public string Id { get; }

    /// <summary>The frame's label, e.g. <c>dag: diamond</c>.</summary>
    public string Label { get; }

    /// <summary>The nodes, in the order the template lists them.</summary>
    public List<DiagramNode> Nodes { get; } = [];

    /// <summary>The edges between this cluster's nodes.</summary>
    public List<DiagramEdge> Edges { get; } = [];
}

/// <summary>A picture of a workflow (or of a run): framed clusters of nodes and edges, in a fixed order.</summary>
public sealed class Diagram
{
    /// <summary>Creates an empty diagram.</summary>
    public Diagram(string title) => Title = title;

    /// <summary>The title, e.g. <c>Workflow dag-diamond-</c>.</summary>
    public string Title { get; }

    /// <summary>The clusters, the entrypoint's first.</summary>
    public List<DiagramCluster> Clusters { get; } = [];

    /// <summary>Every node of every cluster.</summary>
    public IEnumerable<DiagramNode> AllNodes
    {
        get
        {
            foreach (var c in Clusters)
            {
                foreach (var n in c.Nodes)
                {
                    yield return n;
                }
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Pipelines.Argo.Model;
using Pipelines.Argo.Validation.Flow;

namespace Pipelines.Graphs;

/// <summary>
/// Builds the diagram of a workflow as Argo's UI thinks of it: one frame per steps or DAG template, DAG tasks and steps
/// as boxes, <c>depends</c> edges labelled when they wait for something other than success, loops stacked with their
/// item source, <c>when</c> conditions on the box, exit handlers and hooks on dashed edges or in a frame of their own,
/// and templateRefs marked as links.
/// </summary>
public static class WorkflowDiagrams
{
    private const int MaxLabel = 48;

    /// <summary>Whether <paramref name="document"/> is a kind that can be drawn (the four Argo kinds).</summary>
    public static bool CanDraw(IArgoObject? document) => document is Workflow or WorkflowTemplate or ClusterWorkflowTemplate or CronWorkflow;

    /// <summary>The templates of a document, in order (empty when it has none).</summary>
    public static IReadOnlyList<Template> Templates(IArgoObject document) => Spec(document)?.Templates ?? [];

    /// <summary>
    /// Builds the diagram of <paramref name="document"/>. With <paramref name="template"/> only that template is drawn;
    /// otherwise the entrypoint and every steps or DAG template, the entrypoint first.
    /// </summary>
    /// <exception cref="ArgumentException">The document is not an Argo kind, or <paramref name="template"/> is not one of its templates (the message lists them).</exception>
    public static Diagram Build(IArgoObject document, string? template = null)
    {
        if (!CanDraw(document))
        {
            throw new ArgumentException("only Workflow, WorkflowTemplate, ClusterWorkflowTemplate and CronWorkflow documents can be drawn", nameof(document));
        }

        var spec = Spec(document);
        var name = document.Metadata?.Name ?? document.Metadata?.GenerateName ?? "(unnamed)";
        var diagram = new Diagram(document.Kind + " " + name);
        var templates = spec?.Templates ?? [];
        var byName = new Dictionary<string, Template>(StringComparer.Ordinal);
        foreach (var t in templates)
        {
            if (t.Name is { } n)
            {
                byName.TryAdd(n, t);
            }
        }

        var builder = new Builder(diagram, byName);
        if (template is not null)
        {
            if (!byName.TryGetValue(template, out var chosen))
            {
                var known = string.Join(", ", byName.Keys);
                throw new ArgumentException($"there is no template '{template}'; the templates are: {(known.Length == 0 ? "(none)" : known)}", nameof(template));
            }

            builder.Plan([chosen]);
            return diagram;
        }

        if (spec?.WorkflowTemplateRef is { } wtr && templates.Count == 0)
        {
            var cluster = new DiagramCluster("c0", "workflow");
            var node = new DiagramNode("n0", wtr.Name ?? "(unnamed)", DiagramNodeKind.WorkflowRef) { TemplateRef = true };
            node.Details.Add((wtr.ClusterScope == true ? "clusterWorkflowTemplateRef" : "workflowTemplateRef") + (spec.Entrypoint is { } ep ? ", entrypoint " + ep : string.Empty));
            cluster.Nodes.Add(node);
            diagram.Clusters.Add(cluster);
            builder.AddWorkflowExit(spec);
            return diagram;
        }

        var order = new List<Template>();
        if (spec?.Entrypoint is { } entry && byName.TryGetValue(entry, out var entryTemplate))
        {
            order.Add(entryTemplate);
        }

        order.AddRange(templates.Where(t => (t.Dag is not null || t.Steps is not null) && !order.Contains(t)));
        if (order.Count == 0 && templates.Count > 0)
        {
            order.Add(templates[0]);
        }

        builder.Plan(order);
        if (spec is not null)
        {
            builder.AddWorkflowExit(spec);
        }

        if (diagram.Clusters.Count == 0)
        {
            var empty = new DiagramCluster("c0", "workflow");
            empty.Nodes.Add(new DiagramNode("n0", "(no templates)", DiagramNodeKind.Template));
            diagram.Clusters.Add(empty);
        }

        return diagram;
    }

    private static WorkflowSpec? Spec(IArgoObject document) => document switch
    {
        Workflow w => w.Spec,
        WorkflowTemplate t => t.Spec,
        ClusterWorkflowTemplate c => c.Spec,
        CronWorkflow cron => cron.Spec?.WorkflowSpec,
        _ => null,
    };

    /// <summary>Shortens a label line to a readable length (whole text is in the YAML).</summary>
    internal static string Clip(string text)
    {
        var oneLine = text.Replace("\r", string.Empty, StringComparison.Ordinal).Replace('\n', ' ').Replace('\t', ' ').Trim();
        while (oneLine.Contains("  ", StringComparison.Ordinal))
        {
            oneLine = oneLine.Replace("  ", " ", StringComparison.Ordinal);
        }

        return oneLine.Length <= MaxLabel ? oneLine : oneLine.Substring(0, MaxLabel - 1) + "…";
    }

    private static string Kind(Template t) =>
        t.Dag is not null ? "dag" :
        t.Steps is not null ? "steps" :
        t.Container is not null ? "container" :
        t.Script is not null ? "script" :
        t.ContainerSet is not null ? "containerSet" :
        t.Resource is not null ? "resource" :
        t.Suspend is not null ? "suspend" :
        t.Http is not null ? "http" :
        t.Data is not null ? "data" :
        t.Plugin is not null ? "plugin" : "template";

    private sealed class Builder(Diagram diagram, Dictionary<string, Template> byName)
    {
        private readonly Dictionary<string, string> _clusterOf = new(StringComparer.Ordinal);
        private int _nodes;

        public void Plan(List<Template> order)
        {
            for (var i = 0; i < order.Count; i++)
            {
                _clusterOf[order[i].Name ?? string.Empty] = "c" + i.ToString(CultureInfo.InvariantCulture);
            }

            for (var i = 0; i < order.Count; i++)
            {
                var t = order[i];
                var cluster = new DiagramCluster("c" + i.ToString(CultureInfo.InvariantCulture), Kind(t) + ": " + (t.Name ?? "(unnamed)"));
                diagram.Clusters.Add(cluster);
                if (t.Dag is { } dag)
                {
                    AddDag(cluster, dag);
                }
                else if (t.Steps is { } steps)
                {
                    AddSteps(cluster, steps);
                }
                else
                {
                    var node = NewNode(t.Name ?? "(unnamed)", DiagramNodeKind.Template);
                    node.Details.Add(Kind(t) + ImageOf(t));
                    cluster.Nodes.Add(node);
                }
            }
        }

        public void AddWorkflowExit(WorkflowSpec spec)
        {
            var hasExit = !string.IsNullOrEmpty(spec.OnExit);
            var hooks = spec.Hooks?.ToList() ?? [];
            if (!hasExit && hooks.Count == 0)
            {
                return;
            }

            var cluster = new DiagramCluster("c" + diagram.Clusters.Count.ToString(CultureInfo.InvariantCulture), "workflow exit handler and hooks");
            diagram.Clusters.Add(cluster);
            var workflowNode = NewNode("workflow", DiagramNodeKind.Template);
            workflowNode.Details.Add("entrypoint " + (spec.Entrypoint ?? "(none)"));
            cluster.Nodes.Add(workflowNode);
            if (hasExit)
            {
                var exit = NewNode("onExit", DiagramNodeKind.Exit);
                exit.Details.Add("→ " + spec.OnExit);
                exit.LinkCluster = _clusterOf.TryGetValue(spec.OnExit!, out var c) ? c : null;
                cluster.Nodes.Add(exit);
                cluster.Edges.Add(new DiagramEdge(workflowNode.Id, exit.Id, "exit", DiagramEdgeStyle.Dashed));
            }

            foreach (var hook in hooks)
            {
                var node = NewNode("hook " + hook.Key, DiagramNodeKind.Hook);
                AddHookDetails(node, hook.Value);
                cluster.Nodes.Add(node);
                cluster.Edges.Add(new DiagramEdge(workflowNode.Id, node.Id, hook.Key, DiagramEdgeStyle.Dashed));
            }
        }

        private DiagramNode NewNode(string title, DiagramNodeKind kind) =>
            new("n" + (_nodes++).ToString(CultureInfo.InvariantCulture), Clip(title), kind);

        private void AddDag(DiagramCluster cluster, DAGTemplate dag)
        {
            var tasks = dag.Tasks ?? [];
            var ids = new Dictionary<string, DiagramNode>(StringComparer.Ordinal);
            var created = new List<(DAGTask Task, DiagramNode Node)>();
            foreach (var task in tasks)
            {
                var node = NewNode(task.Name ?? "(unnamed)", DiagramNodeKind.Task);
                Describe(node, task.Template, task.TemplateRef, task.Inline, task.WithItems, task.WithParam, task.WithSequence, task.When);
                cluster.Nodes.Add(node);
                created.Add((task, node));
                if (task.Name is { } n)
                {
                    ids.TryAdd(n, node);
                }
            }

            foreach (var (task, node) in created)
            {
                if (!string.IsNullOrWhiteSpace(task.Depends))
                {
                    var text = task.Depends!;
                    var or = text.Contains("||", StringComparison.Ordinal);
                    var seen = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var token in DagGraph.ParseDepends(text))
                    {
                        if (!ids.TryGetValue(token.Name, out var from) || !seen.Add(token.Name + "." + token.Result))
                        {
                            continue;
                        }

                        var parts = new List<string>();
                        if (token.Result is { } r && r != "Succeeded")
                        {
                            parts.Add(r);
                        }

                        if (or)
                        {
                            parts.Add("||");
                        }

                        cluster.Edges.Add(new DiagramEdge(from.Id, node.Id, parts.Count == 0 ? null : string.Join(" ", parts)));
                    }
                }
                else
                {
                    foreach (var dep in (task.Dependencies ?? []).Distinct(StringComparer.Ordinal))
                    {
                        if (ids.TryGetValue(dep, out var from))
                        {
                            cluster.Edges.Add(new DiagramEdge(from.Id, node.Id));
                        }
                    }
                }

                AddExitAndHooks(cluster, node, task.OnExit, task.Hooks);
            }
        }

        private void AddSteps(DiagramCluster cluster, List<List<WorkflowStep>> groups)
        {
            DiagramNode? previous = null;
            for (var g = 0; g < groups.Count; g++)
            {
                var junction = NewNode("[" + g.ToString(CultureInfo.InvariantCulture) + "]", DiagramNodeKind.StepGroup);
                cluster.Nodes.Add(junction);
                if (previous is not null)
                {
                    // The steps of the previous group all lead to this junction.
                    foreach (var edge in cluster.Edges.Where(e => e.From == previous.Id).ToList())
                    {
                        cluster.Edges.Add(new DiagramEdge(edge.To, junction.Id));
                    }

                    if (!cluster.Edges.Any(e => e.From == previous.Id))
                    {
                        cluster.Edges.Add(new DiagramEdge(previous.Id, junction.Id));
                    }
                }

                foreach (var step in groups[g] ?? [])
                {
                    var node = NewNode(step.Name ?? "(unnamed)", DiagramNodeKind.Step);
                    Describe(node, step.Template, step.TemplateRef, step.Inline, step.WithItems, step.WithParam, step.WithSequence, step.When);
                    cluster.Nodes.Add(node);
                    cluster.Edges.Add(new DiagramEdge(junction.Id, node.Id, step.ContinueOn is { } co && (co.Failed == true || co.Error == true) ? "continueOn" : null));
                    AddExitAndHooks(cluster, node, step.OnExit, step.Hooks);
                }

                previous = junction;
            }
        }

        private void AddExitAndHooks(DiagramCluster cluster, DiagramNode node, string? onExit, OrderedMap<LifecycleHook>? hooks)
        {
            if (!string.IsNullOrEmpty(onExit))
            {
                var exit = NewNode("onExit " + node.Title, DiagramNodeKind.Exit);
                exit.Details.Add("→ " + onExit);
                exit.LinkCluster = _clusterOf.TryGetValue(onExit!, out var c) ? c : null;
                cluster.Nodes.Add(exit);
                cluster.Edges.Add(new DiagramEdge(node.Id, exit.Id, "exit", DiagramEdgeStyle.Dashed));
            }

            foreach (var hook in hooks?.ToList() ?? [])
            {
                var h = NewNode("hook " + hook.Key, DiagramNodeKind.Hook);
                AddHookDetails(h, hook.Value);
                cluster.Nodes.Add(h);
                cluster.Edges.Add(new DiagramEdge(node.Id, h.Id, hook.Key, DiagramEdgeStyle.Dashed));
            }
        }

        private void AddHookDetails(DiagramNode node, LifecycleHook? hook)
        {
            if (hook is null)
            {
                return;
            }

            if (hook.TemplateRef is { } tr)
            {
                node.TemplateRef = true;
                node.Details.Add("ref " + (tr.Name ?? "?") + "/" + (tr.Template ?? "?"));
            }
            else if (hook.Template is { } t)
            {
                node.Details.Add("→ " + t);
                node.LinkCluster = _clusterOf.TryGetValue(t, out var c) ? c : null;
            }

            if (!string.IsNullOrWhiteSpace(hook.Expression))
            {
                node.Details.Add(Clip("if " + hook.Expression));
            }
        }

        private void Describe(DiagramNode node, string? template, TemplateRef? templateRef, Template? inline, List<Pipelines.Argo.Yaml.YamlValue>? withItems, string? withParam, Sequence? withSequence, string? when)
        {
            if (templateRef is not null)
            {
                node.TemplateRef = true;
                node.Details.Add(Clip((templateRef.ClusterScope == true ? "clusterRef " : "ref ") + (templateRef.Name ?? "?") + "/" + (templateRef.Template ?? "?")));
            }
            else if (inline is not null)
            {
                node.Details.Add("inline " + Kind(inline));
            }
            else if (template is not null)
            {
                var kind = byName.TryGetValue(template, out var t) ? Kind(t) : "missing";
                node.Details.Add(Clip(template + " (" + kind + ")"));
                node.LinkCluster = _clusterOf.TryGetValue(template, out var c) ? c : null;
            }

            if (withItems is not null)
            {
                node.Loop = true;
                node.Details.Add(withItems.Count == 1 ? "withItems: 1 item" : "withItems: " + withItems.Count.ToString(CultureInfo.InvariantCulture) + " items");
            }
            else if (withParam is not null)
            {
                node.Loop = true;
                node.Details.Add(Clip("withParam: " + withParam));
            }
            else if (withSequence is not null)
            {
                node.Loop = true;
                var s = new StringBuilder("withSequence:");
                if (withSequence.Count is { } count)
                {
                    s.Append(" count ").Append(count.Text);
                }

                if (withSequence.Start is { } start)
                {
                    s.Append(" start ").Append(start.Text);
                }

                if (withSequence.End is { } end)
                {
                    s.Append(" end ").Append(end.Text);
                }

                node.Details.Add(Clip(s.ToString()));
            }

            if (!string.IsNullOrWhiteSpace(when))
            {
                node.Details.Add(Clip("when " + when));
            }
        }
    }

    private static string ImageOf(Template t)
    {
        if (t.Container?.Image is { } image)
        {
            return " " + Clip(image);
        }

        if (t.Script?.Image is { } scriptImage)
        {
            return " " + Clip(scriptImage);
        }

        return string.Empty;
    }
}

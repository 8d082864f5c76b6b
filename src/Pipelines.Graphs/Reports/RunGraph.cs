using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Pipelines.Argo.Model;
using Pipelines.Argo.Validation.Flow;

namespace Pipelines.Graphs.Reports;

/// <summary>
/// The graph of a run, as Argo's UI draws a running workflow: every node coloured by its phase; a DAG's tasks hang off
/// the tasks they depend on (from the workflow's <c>depends</c>/<c>dependencies</c>), a steps template's groups are
/// chained, loops, retries and everything else hang off their parent; exit handlers and hooks are dashed.
/// </summary>
public static class RunGraph
{
    /// <summary>Builds the diagram of <paramref name="trace"/>; <paramref name="workflow"/> (optional) supplies the DAG dependencies.</summary>
    public static Diagram Build(RunTrace trace, IArgoObject? workflow)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var diagram = new Diagram("Run " + trace.WorkflowName + ": " + trace.Phase);
        var cluster = new DiagramCluster("c0", "run " + trace.WorkflowName);
        diagram.Clusters.Add(cluster);
        var ids = new Dictionary<string, DiagramNode>(StringComparer.Ordinal);
        var byName = new Dictionary<string, RunTraceNode>(StringComparer.Ordinal);
        var index = 0;
        foreach (var n in trace.Nodes)
        {
            if (!byName.TryAdd(n.Name, n))
            {
                continue;
            }

            var kind = n.Type == "StepGroup" ? DiagramNodeKind.StepGroup : n.Hooked ? DiagramNodeKind.Exit : DiagramNodeKind.RunNode;
            var node = new DiagramNode("r" + (index++).ToString(CultureInfo.InvariantCulture), kind == DiagramNodeKind.StepGroup ? "[" + n.DisplayName.Trim('[', ']') + "]" : WorkflowDiagrams.Clip(n.DisplayName), kind)
            {
                Phase = n.Phase,
                RunName = n.Name,
                Loop = n.Type == "TaskGroup",
            };
            if (kind != DiagramNodeKind.StepGroup)
            {
                node.Details.Add(n.Type + (n.TemplateName is { } t ? " · " + WorkflowDiagrams.Clip(t) : string.Empty));
                if (n.Message.Length > 0)
                {
                    node.Details.Add(WorkflowDiagrams.Clip(n.Message));
                }
            }

            cluster.Nodes.Add(node);
            ids[n.Name] = node;
        }

        var templates = workflow is null ? new Dictionary<string, Template>(StringComparer.Ordinal) : WorkflowDiagrams.Templates(workflow)
            .Where(t => t.Name is not null).GroupBy(t => t.Name!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var children = trace.Nodes.Where(n => n.Parent is not null && ids.ContainsKey(n.Name)).GroupBy(n => n.Parent!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(n => n.Name).Distinct(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        var edges = new HashSet<(string, string)>();

        void Edge(string from, string to, DiagramEdgeStyle style = DiagramEdgeStyle.Solid, string? label = null)
        {
            if (ids.TryGetValue(from, out var a) && ids.TryGetValue(to, out var b) && a != b && edges.Add((a.Id, b.Id)))
            {
                cluster.Edges.Add(new DiagramEdge(a.Id, b.Id, label, style));
            }
        }

        foreach (var parent in trace.Nodes)
        {
            if (!children.TryGetValue(parent.Name, out var kids) || !ids.ContainsKey(parent.Name))
            {
                continue;
            }

            var hooked = kids.Where(k => byName[k].Hooked).ToList();
            var flow = kids.Where(k => !byName[k].Hooked).ToList();
            if (parent.Type == "DAG" && parent.TemplateName is { } tn && templates.TryGetValue(tn, out var dagTemplate) && dagTemplate.Dag?.Tasks is { } tasks)
            {
                var bySiblingName = flow.GroupBy(k => byName[k].DisplayName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
                foreach (var kid in flow)
                {
                    var task = tasks.FirstOrDefault(t => t.Name == byName[kid].DisplayName);
                    var deps = task is null ? [] : Dependencies(task);
                    var any = false;
                    foreach (var (dep, result) in deps)
                    {
                        if (bySiblingName.TryGetValue(dep, out var from))
                        {
                            Edge(from, kid, label: result is { } r && r != "Succeeded" ? r : null);
                            any = true;
                        }
                    }

                    if (!any)
                    {
                        Edge(parent.Name, kid);
                    }
                }
            }
            else if (parent.Type == "Steps")
            {
                var previous = new List<string> { parent.Name };
                foreach (var group in flow)
                {
                    foreach (var p in previous)
                    {
                        Edge(p, group);
                    }

                    var groupKids = children.TryGetValue(group, out var gk) ? gk.Where(k => !byName[k].Hooked).ToList() : [];
                    previous = groupKids.Count > 0 ? groupKids : [group];
                }
            }
            else if (parent.Type != "StepGroup")
            {
                foreach (var kid in flow)
                {
                    Edge(parent.Name, kid);
                }
            }
            else
            {
                foreach (var kid in flow)
                {
                    Edge(parent.Name, kid);
                }
            }

            foreach (var h in hooked)
            {
                Edge(parent.Name, h, DiagramEdgeStyle.Dashed, "exit");
            }
        }

        return diagram;
    }

    private static List<(string Name, string? Result)> Dependencies(DAGTask task)
    {
        if (!string.IsNullOrWhiteSpace(task.Depends))
        {
            return DagGraph.ParseDepends(task.Depends!).Select(t => (t.Name, t.Result)).ToList();
        }

        return (task.Dependencies ?? []).Select(d => (d, (string?)null)).ToList();
    }
}

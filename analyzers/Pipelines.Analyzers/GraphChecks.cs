using System;
using System.Collections.Generic;
using System.Linq;
using Pipelines.Generator.Model;

namespace Pipelines.Analyzers;

/// <summary>PIPE40xx (DAG graph) and PIPE4501 (unconditional recursion).</summary>
internal static class GraphChecks
{
    public static void Run(Pipeline pipeline)
    {
        foreach (var template in pipeline.Spec.Templates)
        {
            if (template.Kind == TemplateKind.Dag && template.Tasks.Count > 0)
            {
                CheckDag(pipeline, template);
            }
        }

        CheckRecursion(pipeline);
    }

    private static void CheckDag(Pipeline pipeline, TemplateSpec template)
    {
        // Vertices are task names (two tasks with one name are one vertex, as Argo sees them); edges point from a task to
        // the tasks it waits for.
        var tasks = template.Tasks;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>();
        var first = new List<NodeSpec>();
        foreach (var task in tasks)
        {
            if (!index.ContainsKey(task.Name))
            {
                index.Add(task.Name, names.Count);
                names.Add(task.Name);
                first.Add(task);
            }
        }

        var edges = new List<int>[names.Count];
        for (var i = 0; i < edges.Length; i++)
        {
            edges[i] = new List<int>();
        }

        foreach (var task in tasks)
        {
            var from = index[task.Name];
            foreach (var name in DependencyNames(task.Depends))
            {
                if (name == task.Name)
                {
                    pipeline.Report(DiagnosticDescriptors.SelfDependency, pipeline.LocationOf(task), name);
                }
                else if (index.TryGetValue(name, out var target))
                {
                    edges[from].Add(target);
                }
            }
        }

        if (FindCycle(names.Count, i => edges[i]) is { } cycle)
        {
            var path = string.Join(" -> ", cycle.Select(i => names[i]));
            var closing = tasks.LastOrDefault(t => t.Name == names[cycle[cycle.Count - 2]] && DependencyNames(t.Depends).Contains(names[cycle[cycle.Count - 1]])) ?? first[cycle[0]];
            pipeline.Report(DiagnosticDescriptors.DagCycle, pipeline.LocationOf(closing), template.Name, path);
        }
    }

    /// <summary>The task names a depends expression mentions (<c>a &amp;&amp; (b.Failed || !c)</c> gives a, b, c).</summary>
    public static IEnumerable<string> DependencyNames(string? depends)
    {
        if (depends is null)
        {
            yield break;
        }

        var i = 0;
        while (i < depends.Length)
        {
            if (!IsNameChar(depends[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < depends.Length && IsNameChar(depends[i]))
            {
                i++;
            }

            yield return depends.Substring(start, i - start);

            // Skip a state suffix such as ".Succeeded".
            if (i < depends.Length && depends[i] == '.')
            {
                i++;
                while (i < depends.Length && IsNameChar(depends[i]))
                {
                    i++;
                }
            }
        }
    }

    private static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c == '-' || c == '_';

    /// <summary>
    /// A cycle of the graph as a path that starts and ends at the same vertex (a -> b -> a), or null. Iterative
    /// depth-first search with three colours: every vertex and edge is visited once, so it is linear in both.
    /// </summary>
    public static List<int>? FindCycle(int count, Func<int, IReadOnlyList<int>> edges)
    {
        var state = new byte[count]; // 0 new, 1 on the stack, 2 done
        var parent = new int[count];
        var next = new int[count];
        var stack = new Stack<int>();
        for (var root = 0; root < count; root++)
        {
            if (state[root] != 0)
            {
                continue;
            }

            state[root] = 1;
            parent[root] = -1;
            stack.Push(root);
            while (stack.Count > 0)
            {
                var v = stack.Peek();
                var out_ = edges(v);
                if (next[v] < out_.Count)
                {
                    var w = out_[next[v]++];
                    if (state[w] == 0)
                    {
                        state[w] = 1;
                        parent[w] = v;
                        stack.Push(w);
                    }
                    else if (state[w] == 1)
                    {
                        // w is on the stack: the path w -> ... -> v -> w closes a cycle. Dependencies point from a task to
                        // what it waits for; show the cycle in that order.
                        var path = new List<int> { w };
                        for (var u = v; u != w; u = parent[u])
                        {
                            path.Add(u);
                        }

                        path.Add(w);
                        path.Reverse();
                        return path;
                    }
                }
                else
                {
                    state[v] = 2;
                    stack.Pop();
                }
            }
        }

        return null;
    }

    /// <summary>A template whose calls lead back to itself through nodes without a When condition never ends.</summary>
    private static void CheckRecursion(Pipeline pipeline)
    {
        var templates = pipeline.Spec.Templates;
        foreach (var template in templates)
        {
            foreach (var node in Nodes(template))
            {
                if (node.When is not null || node.TemplateRef is not null || node.Loop is { ItemsJson.Count: 0 })
                {
                    continue;
                }

                if (node.Template == template.Name || Reaches(templates, node.Template, template.Name))
                {
                    pipeline.Report(DiagnosticDescriptors.UnconditionalRecursion, pipeline.LocationOf(node), template.Name, "'" + node.Name + "'");
                    break;
                }
            }
        }
    }

    private static bool Reaches(IReadOnlyList<TemplateSpec> templates, string from, string target)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { from };
        var queue = new Queue<string>();
        queue.Enqueue(from);
        while (queue.Count > 0)
        {
            var current = templates.FirstOrDefault(t => t.Name == queue.Peek());
            queue.Dequeue();
            if (current is null)
            {
                continue;
            }

            foreach (var node in Nodes(current))
            {
                if (node.When is not null || node.TemplateRef is not null)
                {
                    continue;
                }

                if (node.Template == target)
                {
                    return true;
                }

                if (seen.Add(node.Template))
                {
                    queue.Enqueue(node.Template);
                }
            }
        }

        return false;
    }

    /// <summary>The tasks of a DAG template or the steps of a steps template.</summary>
    public static IEnumerable<NodeSpec> Nodes(TemplateSpec template) =>
        template.Kind == TemplateKind.Dag ? template.Tasks : template.StepGroups.SelectMany(g => g.Steps);
}

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
        var index = new Dictionary<string, int>(tasks.Count, StringComparer.Ordinal);
        foreach (var task in tasks)
        {
            if (!index.ContainsKey(task.Name))
            {
                index.Add(task.Name, index.Count);
            }
        }

        // Tasks as usually written: each waits only for tasks named before its own name first appears. Every edge then
        // points to an earlier vertex, so there is no cycle and no self-dependency, and nothing more to build.
        if (OnlyBackwardEdges(tasks, index))
        {
            return;
        }

        var names = new List<string>();
        var first = new List<NodeSpec>();
        foreach (var task in tasks)
        {
            if (index[task.Name] == names.Count)
            {
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

    private static bool OnlyBackwardEdges(IReadOnlyList<NodeSpec> tasks, Dictionary<string, int> index)
    {
        foreach (var task in tasks)
        {
            if (task.Depends is null)
            {
                continue;
            }

            var from = index[task.Name];
            var depends = task.Depends;
            var i = 0;
            while (NextName(depends, ref i, out var start, out var length))
            {
                // A depends that is one bare name ("t0", the usual case) is looked up without a substring.
                var name = start == 0 && length == depends.Length ? depends : depends.Substring(start, length);
                if (name == task.Name || (index.TryGetValue(name, out var target) && target >= from))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>The task names a depends expression mentions (<c>a &amp;&amp; (b.Failed || !c)</c> gives a, b, c).</summary>
    public static IEnumerable<string> DependencyNames(string? depends)
    {
        if (depends is null)
        {
            yield break;
        }

        var i = 0;
        while (NextName(depends, ref i, out var start, out var length))
        {
            yield return depends.Substring(start, length);
        }
    }

    // The next task name of a depends expression from position i on (a state suffix such as ".Succeeded" is skipped).
    private static bool NextName(string depends, ref int i, out int start, out int length)
    {
        while (i < depends.Length)
        {
            if (!IsNameChar(depends[i]))
            {
                i++;
                continue;
            }

            start = i;
            while (i < depends.Length && IsNameChar(depends[i]))
            {
                i++;
            }

            length = i - start;

            // Skip a state suffix such as ".Succeeded".
            if (i < depends.Length && depends[i] == '.')
            {
                i++;
                while (i < depends.Length && IsNameChar(depends[i]))
                {
                    i++;
                }
            }

            return true;
        }

        start = length = 0;
        return false;
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
        Dictionary<string, HashSet<string>>? reached = null;
        foreach (var template in templates)
        {
            foreach (var node in Nodes(template))
            {
                if (node.When is not null || node.TemplateRef is not null || node.Loop is { ItemsJson.Count: 0 })
                {
                    continue;
                }

                if (node.Template == template.Name || Reaches(templates, node.Template, template.Name, ref reached))
                {
                    pipeline.Report(DiagnosticDescriptors.UnconditionalRecursion, pipeline.LocationOf(node), template.Name, "'" + node.Name + "'");
                    break;
                }
            }
        }
    }

    /// <summary>
    /// Whether a chain of unconditional calls starting at template <paramref name="from"/> calls <paramref name="target"/>.
    /// What each starting template reaches is worked out once per class (a DAG of 20 tasks calling one leaf asks 20
    /// times); a template that calls nothing, the usual case, answers without allocating.
    /// </summary>
    private static bool Reaches(IReadOnlyList<TemplateSpec> templates, string from, string target, ref Dictionary<string, HashSet<string>>? reached)
    {
        if (!CallsAnything(Find(templates, from)))
        {
            return false;
        }

        reached ??= new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        if (!reached.TryGetValue(from, out var called))
        {
            reached.Add(from, called = Called(templates, from));
        }

        return called.Contains(target);
    }

    // Breadth-first over the templates reachable from 'from' by unconditional calls: every template they call.
    private static HashSet<string> Called(IReadOnlyList<TemplateSpec> templates, string from)
    {
        var called = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal) { from };
        var queue = new Queue<string>();
        queue.Enqueue(from);
        while (queue.Count > 0)
        {
            var current = Find(templates, queue.Dequeue());
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

                called.Add(node.Template);
                if (seen.Add(node.Template))
                {
                    queue.Enqueue(node.Template);
                }
            }
        }

        return called;
    }

    private static TemplateSpec? Find(IReadOnlyList<TemplateSpec> templates, string name)
    {
        for (var i = 0; i < templates.Count; i++)
        {
            if (templates[i].Name == name)
            {
                return templates[i];
            }
        }

        return null;
    }

    private static bool CallsAnything(TemplateSpec? template)
    {
        if (template is null)
        {
            return false;
        }

        if (template.Kind == TemplateKind.Dag)
        {
            return template.Tasks.Count > 0;
        }

        for (var i = 0; i < template.StepGroups.Count; i++)
        {
            if (template.StepGroups[i].Steps.Count > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The tasks of a DAG template or the steps of a steps template.</summary>
    public static IEnumerable<NodeSpec> Nodes(TemplateSpec template) =>
        template.Kind == TemplateKind.Dag ? template.Tasks : template.StepGroups.SelectMany(g => g.Steps);
}

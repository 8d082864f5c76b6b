using System;
using System.Collections.Generic;

namespace Pipelines.Argo.Validation.Flow;

/// <summary>One dependency named by a task: the task name, the result it waits for (if any), and where it is written.</summary>
internal readonly struct DependencyToken
{
    public DependencyToken(string name, string? result)
    {
        Name = name;
        Result = result;
    }

    public string Name { get; }

    /// <summary>The result after the dot (<c>Succeeded</c> in <c>A.Succeeded</c>), or null.</summary>
    public string? Result { get; }
}

/// <summary>Parsing of <c>depends</c> (DAG-06) and graph algorithms over DAG tasks (DAG-03, ancestry).</summary>
internal static class DagGraph
{
    /// <summary>The task results <c>depends</c> may name.</summary>
    public static readonly string[] Results = ["Succeeded", "Failed", "Errored", "Skipped", "Omitted", "Daemoned", "AnySucceeded", "AllFailed"];

    /// <summary>
    /// The names in a <c>depends</c> expression, as Argo reads it: every token <c>[a-zA-Z0-9][-a-zA-Z0-9]*</c> is a task
    /// name, and a following <c>.Result</c> (starting with a capital letter) is its result. Operators and parentheses
    /// are skipped and not syntax-checked (Q6).
    /// </summary>
    public static List<DependencyToken> ParseDepends(string depends)
    {
        var tokens = new List<DependencyToken>();
        var i = 0;
        while (i < depends.Length)
        {
            if (!IsAlnum(depends[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < depends.Length && (IsAlnum(depends[i]) || depends[i] == '-'))
            {
                i++;
            }

            var name = depends.Substring(start, i - start);
            string? result = null;
            if (i + 1 < depends.Length && depends[i] == '.' && depends[i + 1] >= 'A' && depends[i + 1] <= 'Z')
            {
                var rs = i + 1;
                i = rs;
                while (i < depends.Length && IsLetter(depends[i]))
                {
                    i++;
                }

                result = depends.Substring(rs, i - rs);
            }

            tokens.Add(new DependencyToken(name, result));
        }

        return tokens;
    }

    /// <summary>
    /// Finds a cycle in a graph of <paramref name="count"/> nodes whose edges go from a task to its dependencies.
    /// Iterative depth-first search, linear in nodes plus edges. Returns the cycle as node indexes, first repeated at
    /// the end (<c>a, b, a</c>), or null when there is none.
    /// </summary>
    public static List<int>? FindCycle(int count, List<int>[] edges)
    {
        var state = new byte[count]; // 0 new, 1 on the path, 2 done
        var next = new int[count];
        var path = new List<int>();
        for (var root = 0; root < count; root++)
        {
            if (state[root] != 0)
            {
                continue;
            }

            path.Add(root);
            state[root] = 1;
            while (path.Count > 0)
            {
                var u = path[path.Count - 1];
                if (next[u] < edges[u].Count)
                {
                    var v = edges[u][next[u]++];
                    if (state[v] == 0)
                    {
                        state[v] = 1;
                        path.Add(v);
                    }
                    else if (state[v] == 1)
                    {
                        var from = path.LastIndexOf(v);
                        var cycle = path.GetRange(from, path.Count - from);
                        cycle.Add(v);
                        return cycle;
                    }
                }
                else
                {
                    state[u] = 2;
                    path.RemoveAt(path.Count - 1);
                }
            }
        }

        return null;
    }

    /// <summary>The transitive dependencies of <paramref name="node"/> (breadth-first, linear).</summary>
    public static HashSet<int> Ancestors(int node, List<int>[] edges)
    {
        var seen = new HashSet<int>();
        var queue = new Queue<int>();
        queue.Enqueue(node);
        while (queue.Count > 0)
        {
            foreach (var v in edges[queue.Dequeue()])
            {
                if (seen.Add(v))
                {
                    queue.Enqueue(v);
                }
            }
        }

        seen.Remove(node);
        return seen;
    }

    private static bool IsAlnum(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');

    private static bool IsLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

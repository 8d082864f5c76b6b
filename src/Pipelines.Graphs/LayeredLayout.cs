using System;
using System.Collections.Generic;
using System.Linq;

namespace Pipelines.Graphs;

/// <summary>Where the layout put one node: its centre and size.</summary>
public readonly record struct NodeBox(double X, double Y, double Width, double Height)
{
    /// <summary>The left edge.</summary>
    public double Left => X - (Width / 2);

    /// <summary>The top edge.</summary>
    public double Top => Y - (Height / 2);

    /// <summary>The right edge.</summary>
    public double Right => X + (Width / 2);

    /// <summary>The bottom edge.</summary>
    public double Bottom => Y + (Height / 2);
}

/// <summary>A point of an edge's route.</summary>
public readonly record struct RoutePoint(double X, double Y);

/// <summary>The result of laying out one cluster: node boxes, edge routes and the total size (origin at 0,0).</summary>
public sealed class ClusterLayout
{
    internal ClusterLayout(NodeBox[] nodes, List<RoutePoint>[] routes, double width, double height)
    {
        Nodes = nodes;
        Routes = routes;
        Width = width;
        Height = height;
    }

    /// <summary>The box of each node, in the order the nodes were given.</summary>
    public IReadOnlyList<NodeBox> Nodes { get; }

    /// <summary>The route of each edge, in the order the edges were given, from source to target (empty for a self-loop or an edge to a missing node).</summary>
    public IReadOnlyList<List<RoutePoint>> Routes { get; }

    /// <summary>The width of the laid-out cluster.</summary>
    public double Width { get; }

    /// <summary>The height of the laid-out cluster.</summary>
    public double Height { get; }
}

/// <summary>
/// A small layered (Sugiyama-style) layout, top to bottom: cycles broken by reversing back edges, layers by longest
/// path (sources pulled down next to their first successor), long edges split by virtual nodes, crossings reduced by
/// barycentre sweeps, and x positions balanced towards neighbours by isotonic regression, which keeps the order and
/// the minimum gaps, so boxes never overlap. Deterministic: no hashing order, no randomness, no culture.
/// Linear-ish in nodes plus edge spans per sweep; a 1,000-task DAG takes milliseconds (see tests/Pipelines.Benchmarks).
/// </summary>
public static class LayeredLayout
{
    /// <summary>The horizontal gap between neighbouring boxes.</summary>
    public const double NodeGap = 24;

    /// <summary>The vertical gap between layers (room for edge labels).</summary>
    public const double LayerGap = 48;

    private const int Sweeps = 8;
    private const double VirtualWidth = 8;

    /// <summary>Lays out a graph of <paramref name="sizes"/>.Count nodes and the given edges (indexes into the sizes).</summary>
    public static ClusterLayout Layout(IReadOnlyList<(double Width, double Height)> sizes, IReadOnlyList<(int From, int To)> edges)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(edges);
        var n = sizes.Count;
        var routes = new List<RoutePoint>[edges.Count];
        for (var i = 0; i < routes.Length; i++)
        {
            routes[i] = [];
        }

        if (n == 0)
        {
            return new ClusterLayout([], routes, 0, 0);
        }

        // 1. Proper edges (no self-loops, no duplicates, no dangling ends), then break cycles.
        var succ = new List<int>[n];
        var pred = new List<int>[n];
        for (var i = 0; i < n; i++)
        {
            succ[i] = [];
            pred[i] = [];
        }

        var seen = new HashSet<long>();
        var kept = new List<(int From, int To, int Edge)>();
        for (var e = 0; e < edges.Count; e++)
        {
            var (a, b) = edges[e];
            if (a < 0 || b < 0 || a >= n || b >= n || a == b)
            {
                continue;
            }

            kept.Add((a, b, e));
        }

        var reversed = BackEdges(n, kept);
        var flow = new List<(int From, int To, int Edge)>();
        foreach (var (a, b, e) in kept)
        {
            var (u, v) = reversed.Contains(e) ? (b, a) : (a, b);
            if (seen.Add(((long)u * n) + v))
            {
                succ[u].Add(v);
                pred[v].Add(u);
            }

            flow.Add((u, v, e));
        }

        // 2. Layers: longest path from the sources, then sources moved down to just above their nearest successor.
        var topo = TopologicalOrder(n, succ, pred);
        var layer = new int[n];
        foreach (var v in topo)
        {
            foreach (var u in pred[v])
            {
                layer[v] = Math.Max(layer[v], layer[u] + 1);
            }
        }

        for (var k = topo.Count - 1; k >= 0; k--)
        {
            var v = topo[k];
            if (pred[v].Count == 0 && succ[v].Count > 0)
            {
                layer[v] = succ[v].Min(s => layer[s]) - 1;
            }
        }

        // 3. Virtual nodes on long edges.
        var widths = new List<double>(n);
        var heights = new List<double>(n);
        var layers = new List<int>(n);
        for (var i = 0; i < n; i++)
        {
            widths.Add(Math.Max(1, sizes[i].Width));
            heights.Add(Math.Max(1, sizes[i].Height));
            layers.Add(layer[i]);
        }

        var chains = new List<int>[edges.Count];
        var up = new List<List<int>>();
        var down = new List<List<int>>();
        for (var i = 0; i < n; i++)
        {
            up.Add([]);
            down.Add([]);
        }

        var linked = new HashSet<long>();
        foreach (var (u, v, e) in flow)
        {
            var chain = new List<int> { u };
            var prev = u;
            for (var l = layer[u] + 1; l < layer[v]; l++)
            {
                var d = widths.Count;
                widths.Add(VirtualWidth);
                heights.Add(1);
                layers.Add(l);
                up.Add([]);
                down.Add([]);
                Link(prev, d);
                chain.Add(d);
                prev = d;
            }

            if (layer[v] > layer[u])
            {
                Link(prev, v);
            }

            chain.Add(v);
            chains[e] = chain;
        }

        void Link(int a, int b)
        {
            if (linked.Add(((long)a * 1_000_003) + b))
            {
                down[a].Add(b);
                up[b].Add(a);
            }
        }

        var total = widths.Count;
        var layerCount = layers.Max() + 1;
        var rows = new List<int>[layerCount];
        for (var l = 0; l < layerCount; l++)
        {
            rows[l] = [];
        }

        // Initial order: depth-first from the roots in node order, so that chains stay together.
        var visited = new bool[total];
        var stack = new Stack<int>();
        for (var r = 0; r < total; r++)
        {
            if (visited[r] || up[r].Count > 0)
            {
                continue;
            }

            stack.Push(r);
            while (stack.Count > 0)
            {
                var v = stack.Pop();
                if (visited[v])
                {
                    continue;
                }

                visited[v] = true;
                rows[layers[v]].Add(v);
                for (var c = down[v].Count - 1; c >= 0; c--)
                {
                    if (!visited[down[v][c]])
                    {
                        stack.Push(down[v][c]);
                    }
                }
            }
        }

        for (var v = 0; v < total; v++)
        {
            if (!visited[v])
            {
                rows[layers[v]].Add(v);
            }
        }

        var pos = new int[total];
        void Index()
        {
            foreach (var row in rows)
            {
                for (var i = 0; i < row.Count; i++)
                {
                    pos[row[i]] = i;
                }
            }
        }

        Index();

        // 4. Crossing reduction: barycentre sweeps down and up.
        var key = new double[total];
        for (var s = 0; s < Sweeps; s++)
        {
            var downward = s % 2 == 0;
            for (var step = 1; step < layerCount; step++)
            {
                var l = downward ? step : layerCount - 1 - step;
                var row = rows[l];
                foreach (var v in row)
                {
                    var neighbours = downward ? up[v] : down[v];
                    key[v] = neighbours.Count == 0 ? pos[v] : neighbours.Average(x => (double)pos[x]);
                }

                var ordered = row.OrderBy(v => key[v]).ThenBy(v => pos[v]).ToList();
                rows[l] = ordered;
                for (var i = 0; i < ordered.Count; i++)
                {
                    pos[ordered[i]] = i;
                }
            }
        }

        // 5. x: packed left, then balanced towards the neighbours' centres with the order and gaps kept.
        var x = new double[total];
        foreach (var row in rows)
        {
            var cursor = 0.0;
            foreach (var v in row)
            {
                x[v] = cursor + (widths[v] / 2);
                cursor += widths[v] + NodeGap;
            }
        }

        var desired = new double[total];
        for (var s = 0; s < Sweeps; s++)
        {
            var downward = s % 2 == 0;
            for (var step = 0; step < layerCount; step++)
            {
                var l = downward ? step : layerCount - 1 - step;
                var row = rows[l];
                foreach (var v in row)
                {
                    var a = downward ? up[v] : down[v];
                    var b = downward ? down[v] : up[v];
                    desired[v] = a.Count > 0 ? a.Average(u => x[u]) : b.Count > 0 ? b.Average(u => x[u]) : x[v];
                }

                Balance(row, widths, desired, x);
            }
        }

        // 6. y by layer, then normalise to start at 0,0.
        var layerHeight = new double[layerCount];
        for (var v = 0; v < total; v++)
        {
            layerHeight[layers[v]] = Math.Max(layerHeight[layers[v]], heights[v]);
        }

        var layerY = new double[layerCount];
        var yCursor = 0.0;
        for (var l = 0; l < layerCount; l++)
        {
            layerY[l] = yCursor + (layerHeight[l] / 2);
            yCursor += layerHeight[l] + LayerGap;
        }

        var minX = double.MaxValue;
        var maxX = double.MinValue;
        for (var v = 0; v < total; v++)
        {
            minX = Math.Min(minX, x[v] - (widths[v] / 2));
            maxX = Math.Max(maxX, x[v] + (widths[v] / 2));
        }

        var boxes = new NodeBox[n];
        for (var v = 0; v < n; v++)
        {
            boxes[v] = new NodeBox(x[v] - minX, layerY[layers[v]], widths[v], heights[v]);
        }

        foreach (var (u, v, e) in flow)
        {
            var chain = chains[e];
            var route = routes[e];
            var forward = chain.Select(c => c < n ? (RoutePoint?)null : new RoutePoint(x[c] - minX, layerY[layers[c]])).ToList();
            var from = boxes[u];
            var to = boxes[v];
            if (layer[v] > layer[u])
            {
                route.Add(new RoutePoint(from.X, from.Bottom));
                foreach (var p in forward)
                {
                    if (p is { } point)
                    {
                        route.Add(point);
                    }
                }

                route.Add(new RoutePoint(to.X, to.Top));
            }
            else
            {
                // Same layer (only possible for a reversed edge in a cycle): a short side hop.
                route.Add(new RoutePoint(from.X, from.Bottom));
                route.Add(new RoutePoint(to.X, to.Bottom));
            }

            if (reversed.Contains(e))
            {
                route.Reverse();
            }
        }

        return new ClusterLayout(boxes, routes, maxX - minX, Math.Max(0, yCursor - LayerGap));
    }

    /// <summary>The edges that close a cycle in a depth-first search from each node in index order.</summary>
    private static HashSet<int> BackEdges(int n, List<(int From, int To, int Edge)> kept)
    {
        var outEdges = new List<(int To, int Edge)>[n];
        for (var i = 0; i < n; i++)
        {
            outEdges[i] = [];
        }

        foreach (var (a, b, e) in kept)
        {
            outEdges[a].Add((b, e));
        }

        var state = new byte[n];
        var back = new HashSet<int>();
        var stack = new Stack<(int Node, int Next)>();
        for (var root = 0; root < n; root++)
        {
            if (state[root] != 0)
            {
                continue;
            }

            stack.Push((root, 0));
            state[root] = 1;
            while (stack.Count > 0)
            {
                var (v, next) = stack.Pop();
                if (next < outEdges[v].Count)
                {
                    stack.Push((v, next + 1));
                    var (w, e) = outEdges[v][next];
                    if (state[w] == 1)
                    {
                        back.Add(e);
                    }
                    else if (state[w] == 0)
                    {
                        state[w] = 1;
                        stack.Push((w, 0));
                    }
                }
                else
                {
                    state[v] = 2;
                }
            }
        }

        return back;
    }

    private static List<int> TopologicalOrder(int n, List<int>[] succ, List<int>[] pred)
    {
        var indegree = new int[n];
        for (var v = 0; v < n; v++)
        {
            indegree[v] = pred[v].Count;
        }

        var queue = new Queue<int>();
        for (var v = 0; v < n; v++)
        {
            if (indegree[v] == 0)
            {
                queue.Enqueue(v);
            }
        }

        var order = new List<int>(n);
        while (queue.Count > 0)
        {
            var v = queue.Dequeue();
            order.Add(v);
            foreach (var w in succ[v])
            {
                if (--indegree[w] == 0)
                {
                    queue.Enqueue(w);
                }
            }
        }

        return order;
    }

    /// <summary>
    /// Moves the boxes of one row as close to <paramref name="desired"/> as possible (least squares) while keeping
    /// their order and at least <see cref="NodeGap"/> between them: pool-adjacent-violators over the offsets.
    /// </summary>
    private static void Balance(List<int> row, List<double> widths, double[] desired, double[] x)
    {
        var count = row.Count;
        if (count == 0)
        {
            return;
        }

        var offset = new double[count];
        for (var i = 1; i < count; i++)
        {
            offset[i] = offset[i - 1] + (widths[row[i - 1]] / 2) + NodeGap + (widths[row[i]] / 2);
        }

        // Blocks of (sum, count, first index); each block's value is its mean.
        var sums = new List<double>(count);
        var sizes = new List<int>(count);
        for (var i = 0; i < count; i++)
        {
            sums.Add(desired[row[i]] - offset[i]);
            sizes.Add(1);
            while (sums.Count > 1 && (sums[^2] / sizes[^2]) > (sums[^1] / sizes[^1]))
            {
                sums[^2] += sums[^1];
                sizes[^2] += sizes[^1];
                sums.RemoveAt(sums.Count - 1);
                sizes.RemoveAt(sizes.Count - 1);
            }
        }

        var index = 0;
        for (var b = 0; b < sums.Count; b++)
        {
            var value = sums[b] / sizes[b];
            for (var k = 0; k < sizes[b]; k++, index++)
            {
                x[row[index]] = value + offset[index];
            }
        }
    }
}

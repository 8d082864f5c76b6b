using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Pipelines.Graphs;

/// <summary>
/// Draws a <see cref="Diagram"/> as SVG with <see cref="LayeredLayout"/>: clusters stacked top to bottom, each laid out
/// on its own. Text is sized with a fixed advance per character (a monospace font), so the output does not depend on
/// installed fonts and is byte-identical everywhere. Every node is one <c>&lt;g class="node"&gt;</c> element.
/// </summary>
public static class SvgDiagram
{
    internal const double CharWidth = 7.3;
    internal const double LineHeight = 16;
    internal const double Padding = 10;
    private const double Margin = 16;
    private const double ClusterPadding = 16;
    private const double ClusterHeader = 24;
    private const double JunctionSize = 26;

    /// <summary>The SVG text of <paramref name="diagram"/>.</summary>
    /// <param name="diagram">The diagram.</param>
    /// <param name="standalone">True for an .svg file (with the XML namespace); false to embed the element in HTML, where the namespace is implied.</param>
    public static string ToSvg(Diagram diagram, bool standalone = true)
    {
        ArgumentNullException.ThrowIfNull(diagram);
        var placed = Place(diagram);
        var sb = new StringBuilder();
        sb.Append("<svg");
        if (standalone)
        {
            sb.Append(" xmlns=\"http://www.w3.org/2000/svg\"");
        }

        sb.Append(" class=\"pipelines-graph\" width=\"").Append(N(placed.Width)).Append("\" height=\"").Append(N(placed.Height))
            .Append("\" viewBox=\"0 0 ").Append(N(placed.Width)).Append(' ').Append(N(placed.Height)).Append("\">\n");
        sb.Append("<title>").Append(Xml(diagram.Title)).Append("</title>\n");
        sb.Append("<style>\n")
            .Append("text{font-family:'DejaVu Sans Mono',Menlo,Consolas,monospace;font-size:12px;fill:#1a202c}\n")
            .Append(".cluster>rect{fill:#ffffff;stroke:#a0aec0;stroke-dasharray:4 3}\n")
            .Append(".cluster>text{font-weight:bold;fill:#4a5568}\n")
            .Append(".node .box{fill:#f5f7fa;stroke:#4a5568;stroke-width:1.2}\n")
            .Append(".node .title{font-weight:bold}\n")
            .Append(".node .detail{fill:#4a5568}\n")
            .Append(".node.exit .box,.node.hook .box{stroke-dasharray:5 3}\n")
            .Append(".node.ref .box{stroke:#2b6cb0;stroke-width:2}\n")
            .Append(".edge path{fill:none;stroke:#4a5568;stroke-width:1.2}\n")
            .Append(".edge.dashed path{stroke-dasharray:5 3}\n")
            .Append(".edge rect{fill:#ffffff;opacity:0.9}\n")
            .Append(".edge text{font-size:11px;fill:#2d3748}\n");
        foreach (var phase in diagram.AllNodes.Where(n => n.Phase is not null).Select(n => n.Phase!).Distinct(StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal))
        {
            var (fill, stroke) = Palette.Of(phase);
            sb.Append(".node.").Append(Palette.ClassName(phase)).Append(" .box{fill:").Append(fill).Append(";stroke:").Append(stroke).Append("}\n");
        }

        sb.Append("</style>\n");
        sb.Append("<rect class=\"background\" width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        sb.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto\"><path d=\"M0,0L10,5L0,10z\" fill=\"#4a5568\"/></marker></defs>\n");
        foreach (var (cluster, layout, ox, oy, width, height) in placed.Clusters)
        {
            sb.Append("<g class=\"cluster\" id=\"").Append(cluster.Id).Append("\">\n");
            sb.Append("<rect x=\"").Append(N(ox)).Append("\" y=\"").Append(N(oy)).Append("\" width=\"").Append(N(width)).Append("\" height=\"").Append(N(height)).Append("\" rx=\"6\"/>\n");
            sb.Append("<text x=\"").Append(N(ox + 10)).Append("\" y=\"").Append(N(oy + 17)).Append("\">").Append(Xml(cluster.Label)).Append("</text>\n");
            var ix = ox + ClusterPadding;
            var iy = oy + ClusterHeader + ClusterPadding;
            for (var e = 0; e < cluster.Edges.Count; e++)
            {
                var route = layout.Routes[e];
                if (route.Count < 2)
                {
                    continue;
                }

                var edge = cluster.Edges[e];
                sb.Append("<g class=\"edge").Append(edge.Style == DiagramEdgeStyle.Dashed ? " dashed" : string.Empty).Append("\"><path d=\"M").Append(N(ix + route[0].X)).Append(',').Append(N(iy + route[0].Y));
                for (var k = 1; k < route.Count; k++)
                {
                    var a = route[k - 1];
                    var b = route[k];
                    var mid = (a.Y + b.Y) / 2;
                    sb.Append('C').Append(N(ix + a.X)).Append(',').Append(N(iy + mid)).Append(' ').Append(N(ix + b.X)).Append(',').Append(N(iy + mid)).Append(' ').Append(N(ix + b.X)).Append(',').Append(N(iy + b.Y));
                }

                sb.Append("\" marker-end=\"url(#arrow)\"/>");
                if (edge.Label is { Length: > 0 } label)
                {
                    var a = route[0];
                    var b = route[1];
                    var lx = ix + ((a.X + b.X) / 2);
                    var ly = iy + ((a.Y + b.Y) / 2);
                    var w = (label.Length * 6.7) + 6;
                    sb.Append("<rect x=\"").Append(N(lx - (w / 2))).Append("\" y=\"").Append(N(ly - 8)).Append("\" width=\"").Append(N(w)).Append("\" height=\"15\"/>");
                    sb.Append("<text x=\"").Append(N(lx)).Append("\" y=\"").Append(N(ly + 4)).Append("\" text-anchor=\"middle\">").Append(Xml(label)).Append("</text>");
                }

                sb.Append("</g>\n");
            }

            for (var i = 0; i < cluster.Nodes.Count; i++)
            {
                WriteNode(sb, cluster.Nodes[i], layout.Nodes[i], ix, iy);
            }

            sb.Append("</g>\n");
        }

        sb.Append("</svg>\n");
        return sb.ToString();
    }

    /// <summary>The size of a node's box.</summary>
    internal static (double Width, double Height) Measure(DiagramNode node)
    {
        if (node.Kind == DiagramNodeKind.StepGroup)
        {
            return (JunctionSize, JunctionSize);
        }

        var lines = Lines(node);
        var chars = lines.Max(l => l.Length);
        return (Math.Max(72, Math.Ceiling((chars * CharWidth) + (2 * Padding))), (lines.Count * LineHeight) + Padding);
    }

    private static List<string> Lines(DiagramNode node)
    {
        var lines = new List<string> { node.Title };
        lines.AddRange(node.Details);
        if (node.Phase is { } phase)
        {
            lines.Add(phase);
        }

        return lines;
    }

    private static void WriteNode(StringBuilder sb, DiagramNode node, NodeBox box, double ix, double iy)
    {
        var x = ix + box.Left;
        var y = iy + box.Top;
        var classes = new StringBuilder("node ").Append(node.Kind.ToString().ToLowerInvariant());
        if (node.Loop)
        {
            classes.Append(" loop");
        }

        if (node.TemplateRef)
        {
            classes.Append(" ref");
        }

        if (node.Phase is { } phase)
        {
            classes.Append(' ').Append(Palette.ClassName(phase));
        }

        sb.Append("<g class=\"").Append(classes).Append("\" id=\"").Append(node.Id).Append('"');
        if (node.RunName is { } runName)
        {
            sb.Append(" data-node=\"").Append(Xml(runName)).Append('"');
        }

        if (node.Phase is { } p)
        {
            sb.Append(" data-phase=\"").Append(Xml(p)).Append('"');
        }

        sb.Append('>');
        sb.Append("<title>").Append(Xml(string.Join("\n", Lines(node)))).Append("</title>");
        if (node.LinkCluster is { } link)
        {
            sb.Append("<a href=\"#").Append(link).Append("\">");
        }

        if (node.Kind == DiagramNodeKind.StepGroup)
        {
            sb.Append("<circle class=\"box\" cx=\"").Append(N(ix + box.X)).Append("\" cy=\"").Append(N(iy + box.Y)).Append("\" r=\"").Append(N(box.Width / 2)).Append("\"/>");
            sb.Append("<text x=\"").Append(N(ix + box.X)).Append("\" y=\"").Append(N(iy + box.Y + 4)).Append("\" text-anchor=\"middle\" style=\"font-size:10px\">").Append(Xml(node.Title.Trim('[', ']'))).Append("</text>");
        }
        else
        {
            if (node.Loop)
            {
                // Stacked copies behind the box: a loop makes several nodes.
                foreach (var d in new[] { 6.0, 3.0 })
                {
                    sb.Append("<rect class=\"box\" x=\"").Append(N(x + d)).Append("\" y=\"").Append(N(y - d)).Append("\" width=\"").Append(N(box.Width)).Append("\" height=\"").Append(N(box.Height)).Append("\" rx=\"5\"/>");
                }
            }

            sb.Append("<rect class=\"box\" x=\"").Append(N(x)).Append("\" y=\"").Append(N(y)).Append("\" width=\"").Append(N(box.Width)).Append("\" height=\"").Append(N(box.Height)).Append("\" rx=\"5\"/>");
            var lines = Lines(node);
            for (var i = 0; i < lines.Count; i++)
            {
                sb.Append("<text class=\"").Append(i == 0 ? "title" : "detail").Append("\" x=\"").Append(N(x + Padding)).Append("\" y=\"").Append(N(y + (Padding / 2) + ((i + 1) * LineHeight) - 4)).Append("\">").Append(Xml(lines[i])).Append("</text>");
            }
        }

        if (node.LinkCluster is not null)
        {
            sb.Append("</a>");
        }

        sb.Append("</g>\n");
    }

    private sealed record Placed(List<(DiagramCluster Cluster, ClusterLayout Layout, double X, double Y, double Width, double Height)> Clusters, double Width, double Height);

    private static Placed Place(Diagram diagram)
    {
        var clusters = new List<(DiagramCluster, ClusterLayout, double, double, double, double)>();
        var y = Margin;
        var width = 0.0;
        foreach (var cluster in diagram.Clusters)
        {
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < cluster.Nodes.Count; i++)
            {
                index.TryAdd(cluster.Nodes[i].Id, i);
            }

            var sizes = cluster.Nodes.Select(Measure).ToList();
            var edges = cluster.Edges.Select(e => (index.TryGetValue(e.From, out var a) ? a : -1, index.TryGetValue(e.To, out var b) ? b : -1)).ToList();
            var layout = LayeredLayout.Layout(sizes, edges);
            var labelWidth = (cluster.Label.Length * CharWidth) + 24;
            var w = Math.Max(layout.Width + (2 * ClusterPadding), labelWidth);
            var h = layout.Height + ClusterHeader + (2 * ClusterPadding);
            clusters.Add((cluster, layout, Margin, y, w, h));
            y += h + Margin;
            width = Math.Max(width, w);
        }

        return new Placed(clusters, Math.Ceiling(width + (2 * Margin)), Math.Ceiling(y));
    }

    internal static string N(double value)
    {
        var text = Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
        return text == "-0" ? "0" : text;
    }

    internal static string Xml(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '&': sb.Append("&amp;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                case '\n': sb.Append("&#10;"); break;
                default:
                    if (c < ' ' || c == '\uFFFE' || c == '\uFFFF')
                    {
                        sb.Append(' ');
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.ToString();
    }
}

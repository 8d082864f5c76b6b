using System;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Pipelines.Graphs;

/// <summary>The output formats of <c>pipelines graph</c>.</summary>
public enum DiagramFormat
{
    /// <summary>Mermaid flowchart (GitHub renders it in Markdown).</summary>
    Mermaid,

    /// <summary>Graphviz DOT.</summary>
    Dot,

    /// <summary>SVG, laid out here (no Graphviz needed).</summary>
    Svg,

    /// <summary>PNG, through Graphviz or Chromium when one is installed.</summary>
    Png,
}

/// <summary>Writes a <see cref="Diagram"/> as Mermaid or Graphviz DOT text. Deterministic: "\n" line ends, no culture.</summary>
public static class TextDiagrams
{
    /// <summary>A Mermaid flowchart, top to bottom, one <c>subgraph</c> per cluster.</summary>
    public static string ToMermaid(Diagram diagram)
    {
        ArgumentNullException.ThrowIfNull(diagram);
        var sb = new StringBuilder();
        sb.Append("---\ntitle: ").Append(MermaidTitle(diagram.Title)).Append("\n---\n");
        sb.Append("flowchart TB\n");
        foreach (var cluster in diagram.Clusters)
        {
            sb.Append("  subgraph ").Append(cluster.Id).Append("[\"").Append(MermaidText(cluster.Label)).Append("\"]\n");
            foreach (var node in cluster.Nodes)
            {
                var label = MermaidLabel(node);
                var (open, close) = node.Kind switch
                {
                    DiagramNodeKind.StepGroup => ("((", "))"),
                    DiagramNodeKind.Exit or DiagramNodeKind.Hook => ("[/", "/]"),
                    DiagramNodeKind.WorkflowRef => ("[[", "]]"),
                    _ when node.Loop => ("[[", "]]"),
                    _ when node.TemplateRef => ("[[", "]]"),
                    _ => ("[", "]"),
                };
                sb.Append("    ").Append(node.Id).Append(open).Append('"').Append(label).Append('"').Append(close).Append('\n');
            }

            sb.Append("  end\n");
        }

        foreach (var cluster in diagram.Clusters)
        {
            foreach (var edge in cluster.Edges)
            {
                sb.Append("  ").Append(edge.From).Append(edge.Style == DiagramEdgeStyle.Dashed ? " -.->" : " -->");
                if (edge.Label is { Length: > 0 } label)
                {
                    sb.Append("|\"").Append(MermaidText(label)).Append("\"|");
                }

                sb.Append(' ').Append(edge.To).Append('\n');
            }
        }

        var phased = diagram.AllNodes.Where(n => n.Phase is not null).ToList();
        if (phased.Count > 0)
        {
            foreach (var phase in phased.Select(n => n.Phase!).Distinct(StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal))
            {
                var (fill, stroke) = Palette.Of(phase);
                sb.Append("  classDef ").Append(Palette.ClassName(phase)).Append(" fill:").Append(fill).Append(",stroke:").Append(stroke).Append('\n');
                sb.Append("  class ").Append(string.Join(",", phased.Where(n => n.Phase == phase).Select(n => n.Id))).Append(' ').Append(Palette.ClassName(phase)).Append('\n');
            }
        }

        return sb.ToString();
    }

    /// <summary>A Graphviz digraph, top to bottom, one <c>cluster_</c> subgraph per cluster.</summary>
    public static string ToDot(Diagram diagram)
    {
        ArgumentNullException.ThrowIfNull(diagram);
        var sb = new StringBuilder();
        sb.Append("digraph workflow {\n");
        sb.Append("  graph [rankdir=TB, label=").Append(DotString(diagram.Title)).Append(", labelloc=t, fontname=\"Helvetica\", fontsize=14];\n");
        sb.Append("  node [shape=box, style=\"rounded,filled\", fillcolor=\"#f5f7fa\", color=\"#4a5568\", fontname=\"Helvetica\", fontsize=11];\n");
        sb.Append("  edge [color=\"#4a5568\", fontname=\"Helvetica\", fontsize=10];\n");
        foreach (var cluster in diagram.Clusters)
        {
            sb.Append("  subgraph cluster_").Append(cluster.Id).Append(" {\n");
            sb.Append("    label=").Append(DotString(cluster.Label)).Append(";\n");
            sb.Append("    style=\"rounded\";\n    color=\"#a0aec0\";\n");
            foreach (var node in cluster.Nodes)
            {
                var label = string.Join("\n", new[] { node.Title }.Concat(node.Details));
                sb.Append("    ").Append(node.Id).Append(" [label=").Append(DotString(label));
                switch (node.Kind)
                {
                    case DiagramNodeKind.StepGroup:
                        sb.Append(", shape=circle, width=0.3, fixedsize=true, fontsize=8");
                        break;
                    case DiagramNodeKind.Exit:
                    case DiagramNodeKind.Hook:
                        sb.Append(", shape=parallelogram, style=\"dashed,filled\"");
                        break;
                    case DiagramNodeKind.WorkflowRef:
                        sb.Append(", shape=component");
                        break;
                    default:
                        break;
                }

                if (node.Loop)
                {
                    sb.Append(", peripheries=2");
                }

                if (node.TemplateRef)
                {
                    sb.Append(", color=\"#2b6cb0\"");
                }

                if (node.Phase is { } phase)
                {
                    var (fill, stroke) = Palette.Of(phase);
                    sb.Append(", fillcolor=\"").Append(fill).Append("\", color=\"").Append(stroke).Append('"');
                }

                sb.Append("];\n");
            }

            sb.Append("  }\n");
        }

        foreach (var cluster in diagram.Clusters)
        {
            foreach (var edge in cluster.Edges)
            {
                sb.Append("  ").Append(edge.From).Append(" -> ").Append(edge.To);
                var attributes = new StringBuilder();
                if (edge.Label is { Length: > 0 } label)
                {
                    attributes.Append("label=").Append(DotString(label));
                }

                if (edge.Style == DiagramEdgeStyle.Dashed)
                {
                    attributes.Append(attributes.Length > 0 ? ", " : string.Empty).Append("style=dashed");
                }

                if (attributes.Length > 0)
                {
                    sb.Append(" [").Append(attributes).Append(']');
                }

                sb.Append(";\n");
            }
        }

        sb.Append("}\n");
        return sb.ToString();
    }

    private static string MermaidLabel(DiagramNode node)
    {
        var sb = new StringBuilder(MermaidText(node.Title));
        foreach (var d in node.Details)
        {
            sb.Append("<br/>").Append(MermaidText(d));
        }

        if (node.Phase is { } phase)
        {
            sb.Append("<br/>").Append(MermaidText(phase));
        }

        return sb.ToString();
    }

    /// <summary>Text inside a quoted Mermaid label: every character that Mermaid or HTML would read specially is an entity code.</summary>
    internal static string MermaidText(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                case '#':
                case '<':
                case '>':
                case '&':
                case '`':
                case '|':
                case '\\':
                case '{':
                case '}':
                case '[':
                case ']':
                case '(':
                case ')':
                case ';':
                    sb.Append('#').Append(((int)c).ToString(CultureInfo.InvariantCulture)).Append(';');
                    break;
                case '\n':
                case '\r':
                case '\t':
                    sb.Append(' ');
                    break;
                default:
                    sb.Append(c < ' ' ? ' ' : c);
                    break;
            }
        }

        return sb.ToString();
    }

    private static string MermaidTitle(string text)
    {
        // The title sits in YAML front matter: a double-quoted YAML scalar.
        var sb = new StringBuilder("\"");
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when c < ' ' => " ",
                _ => c.ToString(),
            });
        }

        return sb.Append('"').ToString();
    }

    /// <summary>A DOT double-quoted string: quotes and backslashes escaped, line breaks as <c>\n</c>.</summary>
    internal static string DotString(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                _ when c < ' ' => " ",
                _ => c.ToString(),
            });
        }

        return sb.Append('"').ToString();
    }
}

/// <summary>The colours of run phases, shared by every writer and the report.</summary>
public static class Palette
{
    /// <summary>The fill and stroke colours of a phase.</summary>
    public static (string Fill, string Stroke) Of(string phase) => phase switch
    {
        "Succeeded" => ("#c6f6d5", "#2f855a"),
        "Failed" => ("#fed7d7", "#c53030"),
        "Error" => ("#fbd38d", "#c05621"),
        "Running" => ("#bee3f8", "#2b6cb0"),
        "Pending" => ("#fefcbf", "#b7791f"),
        "Skipped" or "Omitted" => ("#edf2f7", "#718096"),
        _ => ("#f5f7fa", "#4a5568"),
    };

    /// <summary>A CSS/Mermaid class name for a phase.</summary>
    public static string ClassName(string phase) => "phase" + new string(phase.Where(char.IsAsciiLetterOrDigit).ToArray());
}

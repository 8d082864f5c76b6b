using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Pipelines.Argo.Model;

namespace Pipelines.Graphs.Reports;

/// <summary>
/// The HTML report of a run: one self-contained file (inline CSS and SVG, no script, no network reference; a
/// Content-Security-Policy of <c>default-src 'none'</c> forbids any fetch), so it works from a <c>file://</c> URL and
/// as a CI artifact. It shows the final phase and message, the run's graph coloured by phase, a timeline (Gantt) of
/// node start and end with retry attempts, backoff waits and suspend periods, and each node's inputs, outputs and log
/// tail. Deterministic: the same trace gives the same bytes.
/// </summary>
public static class ReportHtml
{
    private const double TimelineWidth = 720;
    private const double RowHeight = 20;
    private const double LabelWidth = 300;

    /// <summary>The HTML text of the report of <paramref name="trace"/>; <paramref name="workflow"/> (optional) adds DAG dependencies to the graph.</summary>
    public static string Write(RunTrace trace, IArgoObject? workflow)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var sb = new StringBuilder();
        var title = "Run " + trace.WorkflowName + ": " + trace.Phase;
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append("<title>").Append(H(title)).Append("</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n");

        var (fill, stroke) = Palette.Of(trace.Phase);
        sb.Append("<header>\n<h1>").Append(H(trace.WorkflowName)).Append("</h1>\n");
        sb.Append("<p class=\"final\"><span id=\"final-phase\" class=\"badge\" data-phase=\"").Append(H(trace.Phase)).Append("\" style=\"background:").Append(fill).Append(";border-color:").Append(stroke).Append("\">")
            .Append(H(trace.Phase)).Append("</span>");
        if (trace.Message.Length > 0)
        {
            sb.Append(" <span id=\"final-message\">").Append(H(trace.Message)).Append("</span>");
        }

        sb.Append("</p>\n<p class=\"meta\">");
        if (trace.StartedAt is { } started)
        {
            sb.Append("started ").Append(H(Stamp(started)));
            if (trace.FinishedAt is { } finished)
            {
                sb.Append(" · finished ").Append(H(Stamp(finished))).Append(" · ").Append(H(Duration(finished - started)));
            }

            sb.Append(" · ");
        }

        sb.Append(trace.Nodes.Count.ToString(CultureInfo.InvariantCulture)).Append(" nodes");
        foreach (var group in trace.Nodes.GroupBy(n => n.Phase, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            sb.Append(" · ").Append(group.Count().ToString(CultureInfo.InvariantCulture)).Append(' ').Append(H(group.Key));
        }

        if (trace.Source.Length > 0)
        {
            sb.Append(" · ").Append(H(trace.Source));
        }

        sb.Append("</p>\n");
        if (trace.Outputs.Count > 0)
        {
            sb.Append("<p class=\"meta\">outputs: ").Append(string.Join(", ", trace.Outputs.Select(o => "<code>" + H(o.Key) + "</code> = <code>" + H(Clip(o.Value, 120)) + "</code>"))).Append("</p>\n");
        }

        foreach (var c in trace.CannotRun)
        {
            sb.Append("<p class=\"meta warn\">cannot run here: ").Append(H(c)).Append("</p>\n");
        }

        sb.Append("</header>\n");

        sb.Append("<section id=\"graph\">\n<h2>Graph</h2>\n<div class=\"scroll\">\n");
        sb.Append(SvgDiagram.ToSvg(RunGraph.Build(trace, workflow), standalone: false));
        sb.Append("</div>\n").Append(Legend()).Append("</section>\n");

        sb.Append("<section id=\"timeline\">\n<h2>Timeline</h2>\n");
        if (trace.Nodes.Any(n => n.StartedAt is not null))
        {
            sb.Append("<div class=\"scroll\">\n").Append(Timeline(trace)).Append("</div>\n");
            sb.Append("<p class=\"meta\"><span class=\"key bar\"></span> running <span class=\"key backoff\"></span> retry backoff <span class=\"key suspend\"></span> suspended</p>\n");
        }
        else
        {
            sb.Append("<p class=\"meta\">No times: this report was rebuilt from the run's journal, which records outcomes but not times. Run with <code>pipelines run --report</code> for a timeline.</p>\n");
        }

        sb.Append("</section>\n");

        sb.Append("<section id=\"nodes\">\n<h2>Nodes</h2>\n<table>\n<thead><tr><th>node</th><th>type</th><th>phase</th><th>duration</th><th>message</th></tr></thead>\n<tbody>\n");
        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var n in TreeOrder(trace.Nodes))
        {
            var d = n.Parent is { } p && depth.TryGetValue(p, out var pd) ? pd + 1 : 0;
            depth[n.Name] = d;
            var (nf, ns) = Palette.Of(n.Phase);
            sb.Append("<tr class=\"node-row\" data-node=\"").Append(H(n.Name)).Append("\" data-phase=\"").Append(H(n.Phase)).Append("\">");
            sb.Append("<td style=\"padding-left:").Append((8 + (14 * Math.Min(d, 20))).ToString(CultureInfo.InvariantCulture)).Append("px\">");
            var hasDetails = n.Inputs.Count > 0 || n.Outputs.Count > 0 || !string.IsNullOrEmpty(n.LogTail);
            if (hasDetails)
            {
                sb.Append("<details><summary>").Append(H(n.DisplayName)).Append("</summary>");
                sb.Append("<div class=\"detail\"><div class=\"name\">").Append(H(n.Name)).Append(n.TemplateName is { } tn ? " · template " + H(tn) : string.Empty).Append("</div>");
                Pairs(sb, "inputs", n.Inputs);
                Pairs(sb, "outputs", n.Outputs);
                if (!string.IsNullOrEmpty(n.LogTail))
                {
                    sb.Append("<div class=\"label\">log (last lines)</div><pre>").Append(H(n.LogTail!)).Append("</pre>");
                }

                sb.Append("</div></details>");
            }
            else
            {
                sb.Append(H(n.DisplayName));
            }

            sb.Append("</td><td>").Append(H(n.Type)).Append(n.Retried ? " (attempt)" : string.Empty).Append(n.Replayed ? " (replayed)" : string.Empty).Append("</td>");
            sb.Append("<td><span class=\"badge\" style=\"background:").Append(nf).Append(";border-color:").Append(ns).Append("\">").Append(H(n.Phase)).Append("</span></td>");
            sb.Append("<td class=\"num\">").Append(n.StartedAt is { } s && n.FinishedAt is { } f ? H(Duration(f - s)) : string.Empty).Append("</td>");
            sb.Append("<td>").Append(H(n.Message)).Append("</td></tr>\n");
        }

        sb.Append("</tbody>\n</table>\n</section>\n");
        sb.Append("<footer>Written by <code>pipelines</code>. Self-contained: no scripts, no network.</footer>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private static void Pairs(StringBuilder sb, string label, List<KeyValuePair<string, string>> pairs)
    {
        if (pairs.Count == 0)
        {
            return;
        }

        sb.Append("<div class=\"label\">").Append(label).Append("</div><dl>");
        foreach (var p in pairs)
        {
            sb.Append("<dt>").Append(H(p.Key)).Append("</dt><dd><code>").Append(H(Clip(p.Value, 2000))).Append("</code></dd>");
        }

        sb.Append("</dl>");
    }

    /// <summary>The Gantt chart: one row per node (step groups left out), bars from start to end, retry backoff and suspend marked.</summary>
    private static string Timeline(RunTrace trace)
    {
        var rows = TreeOrder(trace.Nodes).Where(n => n.Type != "StepGroup").ToList();
        var start = trace.StartedAt ?? rows.Where(n => n.StartedAt is not null).Min(n => n.StartedAt!.Value);
        var end = new[] { trace.FinishedAt ?? start }.Concat(rows.Select(n => n.FinishedAt ?? n.StartedAt ?? start)).Max();
        var span = Math.Max((end - start).TotalMilliseconds, 1);
        var height = (rows.Count * RowHeight) + 30;
        var width = LabelWidth + TimelineWidth + 20;
        double X(DateTimeOffset t) => LabelWidth + (TimelineWidth * Math.Clamp((t - start).TotalMilliseconds / span, 0, 1));

        var sb = new StringBuilder();
        sb.Append("<svg class=\"gantt\" width=\"").Append(SvgDiagram.N(width)).Append("\" height=\"").Append(SvgDiagram.N(height)).Append("\" viewBox=\"0 0 ")
            .Append(SvgDiagram.N(width)).Append(' ').Append(SvgDiagram.N(height)).Append("\">\n");
        sb.Append("<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"3\" height=\"6\" fill=\"#d69e2e\"/></pattern>")
            .Append("<pattern id=\"dots\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\"><circle cx=\"2.5\" cy=\"2.5\" r=\"1.2\" fill=\"#805ad5\"/></pattern></defs>\n");

        // Time axis: five ticks.
        for (var i = 0; i <= 4; i++)
        {
            var tx = LabelWidth + (TimelineWidth * i / 4);
            sb.Append("<line class=\"tick\" x1=\"").Append(SvgDiagram.N(tx)).Append("\" y1=\"14\" x2=\"").Append(SvgDiagram.N(tx)).Append("\" y2=\"").Append(SvgDiagram.N(height)).Append("\"/>");
            sb.Append("<text class=\"axis\" x=\"").Append(SvgDiagram.N(tx)).Append("\" y=\"11\" text-anchor=\"middle\">").Append(H(Duration(TimeSpan.FromMilliseconds(span * i / 4)))).Append("</text>\n");
        }

        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        var byName = trace.Nodes.GroupBy(n => n.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        for (var r = 0; r < rows.Count; r++)
        {
            var n = rows[r];
            var d = 0;
            for (var p = n.Parent; p is not null && byName.TryGetValue(p, out var pn) && d < 20; p = pn.Parent)
            {
                if (pn.Type != "StepGroup")
                {
                    d++;
                }
            }

            var y = 20 + (r * RowHeight);
            var (fill, stroke) = Palette.Of(n.Phase);
            sb.Append("<g class=\"row\" data-node=\"").Append(H(n.Name)).Append("\" data-phase=\"").Append(H(n.Phase)).Append("\">");
            sb.Append("<title>").Append(H(n.Name + " · " + n.Type + " · " + n.Phase + (n.StartedAt is { } s0 && n.FinishedAt is { } f0 ? " · " + Duration(f0 - s0) : string.Empty))).Append("</title>");
            sb.Append("<text class=\"label\" x=\"").Append(SvgDiagram.N(4 + (10 * d))).Append("\" y=\"").Append(SvgDiagram.N(y + 13)).Append("\">").Append(H(Clip(n.DisplayName, 34 - Math.Min(d, 10)))).Append("</text>");
            if (n.StartedAt is { } s)
            {
                var f = n.FinishedAt ?? end;
                var x0 = X(s);
                var x1 = Math.Max(X(f), x0 + 2);
                var cls = n.Type == "Suspend" ? "bar suspend" : "bar";
                sb.Append("<rect class=\"").Append(cls).Append("\" x=\"").Append(SvgDiagram.N(x0)).Append("\" y=\"").Append(SvgDiagram.N(y + 3)).Append("\" width=\"").Append(SvgDiagram.N(x1 - x0))
                    .Append("\" height=\"14\" rx=\"2\" style=\"fill:").Append(n.Type == "Suspend" ? "url(#dots)" : fill).Append(";stroke:").Append(stroke).Append("\"/>");
                if (n.Type == "Retry")
                {
                    // Backoff: the waits between one attempt's end and the next attempt's start.
                    var attempts = rows.Where(a => a.Parent == n.Name && a.StartedAt is not null).OrderBy(a => a.StartedAt).ToList();
                    for (var k = 1; k < attempts.Count; k++)
                    {
                        if (attempts[k - 1].FinishedAt is { } prevEnd && attempts[k].StartedAt is { } nextStart && nextStart > prevEnd)
                        {
                            sb.Append("<rect class=\"backoff\" x=\"").Append(SvgDiagram.N(X(prevEnd))).Append("\" y=\"").Append(SvgDiagram.N(y + 3)).Append("\" width=\"").Append(SvgDiagram.N(Math.Max(X(nextStart) - X(prevEnd), 1)))
                                .Append("\" height=\"14\" fill=\"url(#hatch)\"><title>backoff ").Append(H(Duration(nextStart - prevEnd))).Append("</title></rect>");
                        }
                    }
                }
            }

            sb.Append("</g>\n");
        }

        sb.Append("</svg>\n");
        return sb.ToString();
    }

    /// <summary>The nodes depth first, each parent before its children, siblings in creation order (a retry's attempts under it).</summary>
    internal static List<RunTraceNode> TreeOrder(List<RunTraceNode> nodes)
    {
        var names = new HashSet<string>(nodes.Select(n => n.Name), StringComparer.Ordinal);
        var children = nodes.Where(n => n.Parent is not null && names.Contains(n.Parent)).GroupBy(n => n.Parent!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var ordered = new List<RunTraceNode>(nodes.Count);
        var seen = new HashSet<RunTraceNode>();
        var stack = new Stack<RunTraceNode>();
        foreach (var root in nodes.Where(n => n.Parent is null || !names.Contains(n.Parent)))
        {
            stack.Push(root);
            while (stack.Count > 0)
            {
                var n = stack.Pop();
                if (!seen.Add(n))
                {
                    continue;
                }

                ordered.Add(n);
                if (children.TryGetValue(n.Name, out var kids))
                {
                    for (var i = kids.Count - 1; i >= 0; i--)
                    {
                        stack.Push(kids[i]);
                    }
                }
            }
        }

        ordered.AddRange(nodes.Where(n => !seen.Contains(n)));
        return ordered;
    }

    private static string Legend()
    {
        var sb = new StringBuilder("<p class=\"meta\">");
        foreach (var phase in new[] { "Succeeded", "Failed", "Error", "Running", "Pending", "Skipped", "Omitted" })
        {
            var (fill, stroke) = Palette.Of(phase);
            sb.Append("<span class=\"badge\" style=\"background:").Append(fill).Append(";border-color:").Append(stroke).Append("\">").Append(phase).Append("</span> ");
        }

        return sb.Append("</p>\n").ToString();
    }

    /// <summary>A duration as people read it: <c>850ms</c>, <c>12.3s</c>, <c>4m05s</c>, <c>1h02m</c>.</summary>
    internal static string Duration(TimeSpan t)
    {
        if (t < TimeSpan.Zero)
        {
            t = TimeSpan.Zero;
        }

        return t.TotalSeconds < 1 ? t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + "ms"
            : t.TotalMinutes < 1 ? t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s"
            : t.TotalHours < 1 ? ((int)t.TotalMinutes).ToString(CultureInfo.InvariantCulture) + "m" + t.Seconds.ToString("00", CultureInfo.InvariantCulture) + "s"
            : ((int)t.TotalHours).ToString(CultureInfo.InvariantCulture) + "h" + t.Minutes.ToString("00", CultureInfo.InvariantCulture) + "m";
    }

    private static string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture) + " UTC";

    private static string Clip(string text, int max) => text.Length <= max ? text : text.Substring(0, Math.Max(1, max - 1)) + "…";

    private static string H(string text) => SvgDiagram.Xml(text);

    private const string Css =
        "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;margin:24px;color:#1a202c;background:#f7fafc}\n" +
        "h1{margin:0 0 8px;font-size:22px}h2{font-size:16px;margin:0 0 8px;color:#2d3748}\n" +
        "header,section{background:#fff;border:1px solid #e2e8f0;border-radius:8px;padding:16px;margin-bottom:16px}\n" +
        ".final{font-size:16px;margin:4px 0}.meta{color:#4a5568;font-size:13px;margin:4px 0}.warn{color:#c05621}\n" +
        ".badge{display:inline-block;border:1px solid;border-radius:10px;padding:0 8px;font-size:12px;line-height:18px}\n" +
        ".scroll{overflow:auto;max-height:720px}\n" +
        "table{border-collapse:collapse;width:100%;font-size:13px}th,td{text-align:left;border-bottom:1px solid #edf2f7;padding:4px 8px;vertical-align:top}\n" +
        "th{color:#4a5568;font-weight:600}td.num{text-align:right;white-space:nowrap}\n" +
        "details summary{cursor:pointer}.detail{margin:6px 0 4px;font-size:12px}.detail .name{color:#718096}\n" +
        ".label{font-weight:600;margin-top:6px;color:#4a5568}dl{margin:2px 0;display:grid;grid-template-columns:max-content 1fr;gap:2px 10px}dt{color:#4a5568}dd{margin:0}\n" +
        "pre{background:#1a202c;color:#e2e8f0;padding:8px;border-radius:4px;max-height:240px;overflow:auto;font-size:12px;white-space:pre-wrap}\n" +
        "code{font-family:'DejaVu Sans Mono',Menlo,Consolas,monospace;font-size:12px}\n" +
        ".gantt text{font-family:'DejaVu Sans Mono',Menlo,Consolas,monospace;font-size:11px;fill:#2d3748}.gantt .axis{fill:#718096}\n" +
        ".gantt .tick{stroke:#edf2f7}.gantt .row:hover{opacity:.8}\n" +
        ".key{display:inline-block;width:18px;height:10px;border:1px solid #4a5568;vertical-align:middle;margin:0 4px 0 10px}\n" +
        ".key.bar{background:#c6f6d5}.key.backoff{background:repeating-linear-gradient(45deg,#d69e2e 0 3px,#fff 3px 6px)}.key.suspend{background:radial-gradient(#805ad5 30%,#fff 35%);background-size:5px 5px}\n" +
        "footer{color:#718096;font-size:12px}\n";
}

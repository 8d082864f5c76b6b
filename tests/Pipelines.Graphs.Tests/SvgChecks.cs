using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;

namespace Pipelines.Graphs.Tests;

/// <summary>Reads the node boxes back from an SVG diagram.</summary>
internal static class SvgChecks
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static List<XElement> Nodes(XDocument svg) =>
        svg.Descendants(Svg + "g").Where(g => ((string?)g.Attribute("class") ?? string.Empty).Split(' ').Contains("node")).ToList();

    /// <summary>Each node's main box (the last rect, or the circle of a step-group junction): left, top, right, bottom.</summary>
    public static List<(string Id, double L, double T, double R, double B)> Boxes(XDocument svg)
    {
        var boxes = new List<(string, double, double, double, double)>();
        foreach (var g in Nodes(svg))
        {
            var id = (string)g.Attribute("id")!;
            if (g.Descendants(Svg + "circle").FirstOrDefault() is { } c)
            {
                double cx = D(c, "cx"), cy = D(c, "cy"), r = D(c, "r");
                boxes.Add((id, cx - r, cy - r, cx + r, cy + r));
            }
            else
            {
                var rect = g.Descendants(Svg + "rect").Last();
                double x = D(rect, "x"), y = D(rect, "y");
                boxes.Add((id, x, y, x + D(rect, "width"), y + D(rect, "height")));
            }
        }

        return boxes;
    }

    /// <summary>Pairs of nodes whose boxes overlap (sweep over x, so it stays fast for thousands of nodes).</summary>
    public static List<string> Overlaps(XDocument svg)
    {
        var boxes = Boxes(svg).OrderBy(b => b.L).ToList();
        var found = new List<string>();
        for (var i = 0; i < boxes.Count; i++)
        {
            for (var j = i + 1; j < boxes.Count && boxes[j].L < boxes[i].R; j++)
            {
                if (boxes[j].T < boxes[i].B && boxes[i].T < boxes[j].B)
                {
                    found.Add(boxes[i].Id + " overlaps " + boxes[j].Id);
                }
            }
        }

        return found;
    }

    private static double D(XElement e, string name) => double.Parse((string)e.Attribute(name)!, CultureInfo.InvariantCulture);
}

using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Pipelines.Graphs.Tests;

/// <summary>
/// A small grammar check of the Mermaid flowchart subset the writer uses: front matter with a title, <c>flowchart TB</c>,
/// balanced <c>subgraph ID["text"]</c>/<c>end</c>, node declarations with one of the shapes, edges between declared
/// nodes with optional quoted labels, classDef and class lines. Quoted text may hold no raw quote, angle bracket
/// (except the <c>&lt;br/&gt;</c> line break) or '#' other than an entity code.
/// </summary>
internal static class MermaidGrammar
{
    private const string Id = "[A-Za-z][A-Za-z0-9_]*";
    private const string Text = "\"(?<text>[^\"]*)\"";
    private static readonly Regex Subgraph = new($"^  subgraph (?<id>{Id})\\[{Text}\\]$");
    private static readonly Regex Node = new($"^    (?<id>{Id})(\\[{Text}\\]|\\[\\[{Text}\\]\\]|\\(\\({Text}\\)\\)|\\[/{Text}/\\])$");
    private static readonly Regex Edge = new($"^  (?<from>{Id}) (-->|-\\.->)(\\|{Text}\\|)? (?<to>{Id})$");
    private static readonly Regex ClassDef = new("^  classDef (?<name>[A-Za-z0-9]+) fill:#[0-9a-f]{6},stroke:#[0-9a-f]{6}$");
    private static readonly Regex Class = new($"^  class (?<ids>{Id}(,{Id})*) (?<name>[A-Za-z0-9]+)$");
    private static readonly Regex Entity = new("#[0-9]+;");

    public static List<string> Check(string mermaid)
    {
        var errors = new List<string>();
        var lines = mermaid.Split('\n');
        if (lines.Length < 5 || lines[0] != "---" || !lines[1].StartsWith("title: \"", StringComparison.Ordinal) || lines[2] != "---" || lines[3] != "flowchart TB")
        {
            errors.Add("does not start with front matter (title) and 'flowchart TB'");
            return errors;
        }

        if (lines[^1].Length != 0)
        {
            errors.Add("does not end with a line break");
        }

        var declared = new HashSet<string>(StringComparer.Ordinal);
        var classes = new HashSet<string>(StringComparer.Ordinal);
        var open = 0;
        for (var i = 4; i < lines.Length - 1; i++)
        {
            var line = lines[i];
            Match m;
            if ((m = Subgraph.Match(line)).Success)
            {
                open++;
                CheckText(m, i, errors);
                if (!declared.Add(m.Groups["id"].Value))
                {
                    errors.Add($"line {i + 1}: id {m.Groups["id"].Value} declared twice");
                }
            }
            else if (line == "  end")
            {
                if (--open < 0)
                {
                    errors.Add($"line {i + 1}: 'end' without subgraph");
                }
            }
            else if ((m = Node.Match(line)).Success)
            {
                if (open != 1)
                {
                    errors.Add($"line {i + 1}: node outside a subgraph");
                }

                CheckText(m, i, errors);
                if (!declared.Add(m.Groups["id"].Value))
                {
                    errors.Add($"line {i + 1}: id {m.Groups["id"].Value} declared twice");
                }
            }
            else if ((m = Edge.Match(line)).Success)
            {
                CheckText(m, i, errors);
                foreach (var end in new[] { m.Groups["from"].Value, m.Groups["to"].Value })
                {
                    if (!declared.Contains(end))
                    {
                        errors.Add($"line {i + 1}: edge to undeclared node {end}");
                    }
                }
            }
            else if ((m = ClassDef.Match(line)).Success)
            {
                classes.Add(m.Groups["name"].Value);
            }
            else if ((m = Class.Match(line)).Success)
            {
                if (!classes.Contains(m.Groups["name"].Value))
                {
                    errors.Add($"line {i + 1}: class {m.Groups["name"].Value} not defined");
                }

                foreach (var id in m.Groups["ids"].Value.Split(','))
                {
                    if (!declared.Contains(id))
                    {
                        errors.Add($"line {i + 1}: class on undeclared node {id}");
                    }
                }
            }
            else
            {
                errors.Add($"line {i + 1}: not a flowchart statement: {line}");
            }
        }

        if (open != 0)
        {
            errors.Add("unbalanced subgraph/end");
        }

        return errors;
    }

    private static void CheckText(Match m, int line, List<string> errors)
    {
        foreach (Capture c in m.Groups["text"].Captures)
        {
            var text = Entity.Replace(c.Value.Replace("<br/>", string.Empty, StringComparison.Ordinal), string.Empty);
            if (text.IndexOfAny(['"', '<', '>', '#']) >= 0)
            {
                errors.Add($"line {line + 1}: label text has a character Mermaid reads specially: {c.Value}");
            }
        }
    }
}

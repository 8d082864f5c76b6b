using System;
using System.Collections.Generic;
using System.Linq;
using Pipelines.Argo.Yaml;

namespace Pipelines.Import;

/// <summary>
/// The comments of one YAML document that sit on the document, on a template or on a task or step (the node itself, its
/// keys and its scalar values; not deeper), as the text of <c>//</c> lines, so the importer can put them where the
/// document, template or node is written in C#.
/// </summary>
internal sealed class YamlCommentIndex
{
    private readonly Dictionary<string, List<string>> _templates = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Template, string Node), List<string>> _nodes = new();

    public YamlCommentIndex(YamlValue root)
    {
        Document = [];
        if (root is not YamlMapping document)
        {
            return;
        }

        Add(Document, document.Comments);
        Shallow(Document, document, skip: "spec");
        var spec = document.Get("spec") as YamlMapping;
        if (spec?.Get("workflowSpec") is YamlMapping workflowSpec)
        {
            Shallow(Document, spec, skip: "workflowSpec");
            spec = workflowSpec;
        }

        if (spec is null)
        {
            return;
        }

        Shallow(Document, spec, skip: "templates");
        foreach (var item in (spec.Get("templates") as YamlSequence)?.Items ?? [])
        {
            if (item is not YamlMapping template || (template.Get("name") as YamlScalar)?.Value is not { } name)
            {
                continue;
            }

            var lines = new List<string>();
            Add(lines, template.Comments);
            Shallow(lines, template, skip: null);
            if (lines.Count > 0 && !_templates.ContainsKey(name))
            {
                _templates[name] = lines;
            }

            var nodes = (template.Get("dag") as YamlMapping)?.Get("tasks") is YamlSequence tasks
                ? tasks.Items
                : ((template.Get("steps") as YamlSequence)?.Items ?? []).SelectMany(g => (g as YamlSequence)?.Items ?? (IEnumerable<YamlValue>)[g]);
            foreach (var node in nodes)
            {
                if (node is YamlMapping task && (task.Get("name") as YamlScalar)?.Value is { } nodeName)
                {
                    var nodeLines = new List<string>();
                    Add(nodeLines, task.Comments);
                    Shallow(nodeLines, task, skip: null);
                    if (nodeLines.Count > 0)
                    {
                        _nodes.TryAdd((name, nodeName), nodeLines);
                    }
                }
            }
        }

        Add(Document, null, document.Comments?.End);
    }

    /// <summary>The comments on the document (its head and end, its top-level keys and those of <c>spec</c>).</summary>
    public List<string> Document { get; }

    /// <summary>The comments on a template (by name), or none.</summary>
    public IReadOnlyList<string> Template(string name) => _templates.TryGetValue(name, out var lines) ? lines : [];

    /// <summary>The comments on a task or step of a template, or none.</summary>
    public IReadOnlyList<string> Node(string template, string node) => _nodes.TryGetValue((template, node), out var lines) ? lines : [];

    /// <summary>Every template and node comment, for the templates that stay in the <c>[Spec]</c>: a heading line, then the comments.</summary>
    public List<string> Headed(string template)
    {
        var lines = new List<string>();
        if (_templates.TryGetValue(template, out var own))
        {
            lines.Add(" template " + template + ":");
            lines.AddRange(own.Select(l => "  " + l));
        }

        foreach (var ((t, node), nodeLines) in _nodes.Where(n => n.Key.Template == template))
        {
            lines.Add(" template " + t + ", " + node + ":");
            lines.AddRange(nodeLines.Select(l => "  " + l));
        }

        return lines;
    }

    /// <summary>The comments of a mapping's keys and scalar values (one level; <paramref name="skip"/> is read elsewhere but its key's comments belong here).</summary>
    private static void Shallow(List<string> lines, YamlMapping mapping, string? skip)
    {
        foreach (var entry in mapping.Entries)
        {
            Add(lines, entry.Key.Comments);
            if (entry.Value is YamlScalar or YamlSequence { Items.Count: 0 } or YamlMapping { Entries.Count: 0 })
            {
                Add(lines, entry.Value.Comments);
            }
        }
    }

    private static void Add(List<string> lines, YamlComments? comments, List<string>? end = null)
    {
        if (comments is not null)
        {
            lines.AddRange(comments.Before.Select(Clean));
            if (comments.After is { } after)
            {
                lines.Add(Clean(after));
            }
        }

        lines.AddRange((end ?? []).Select(Clean));
    }

    /// <summary>The comment's text for a <c>//</c> line (a comment that is only '#' signs becomes an empty comment).</summary>
    private static string Clean(string text) => text.Trim().Trim('#').Length == 0 ? string.Empty : (text.StartsWith(' ') ? text : " " + text).TrimEnd();
}

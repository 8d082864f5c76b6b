using System.Collections.Generic;
using System.Text.RegularExpressions;
using Pipelines.Argo.Model;
using Pipelines.Argo.Yaml;

namespace Pipelines.Argo.Validation.Flow;

/// <summary>
/// Step names built from parameters (<c>run-{{inputs.parameters.date}}</c>), read the way Argo's validator reads them:
/// validateTemplate first substitutes the template's input parameters and the workflow parameters (common.ProcessArgs)
/// with placeholders, so a name and a reference to it (<c>{{steps.run-{{inputs.parameters.date}}.status}}</c>) become
/// the same plain text, and the nested braces vanish; isValidStepName then checks the literal skeleton. Here each such
/// tag becomes a brace-free token. DAG task names get no such treatment in Argo (validateDAG checks the substituted
/// names with isValidWorkflowFieldName), so they are left as written.
/// </summary>
internal sealed class DynamicNames
{
    private static readonly Regex Tag = new(@"\{\{\s*(inputs|workflow)\.parameters\.([-a-zA-Z0-9_]+)\s*\}\}", RegexOptions.CultureInvariant);

    private readonly HashSet<string>? _inputs;
    private readonly WorkflowVariables? _wf;

    private DynamicNames(HashSet<string>? inputs, WorkflowVariables? wf)
    {
        _inputs = inputs;
        _wf = wf;
    }

    /// <summary>No substitution (a template with no parameterized step or task names).</summary>
    public static DynamicNames None { get; } = new(null, null);

    /// <summary>The substitution for one steps template; <see cref="None"/> when no step name holds a tag.</summary>
    public static DynamicNames For(Template t, WorkflowVariables wf)
    {
        var dynamic = false;
        foreach (var group in t.Steps ?? [])
        {
            foreach (var step in group ?? [])
            {
                dynamic |= step?.Name is { } n && Tag.IsMatch(n);
            }
        }

        if (!dynamic)
        {
            return None;
        }

        var inputs = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var p in t.Inputs?.Parameters ?? [])
        {
            if (p?.Name is { } name)
            {
                inputs.Add(name);
            }
        }

        return new DynamicNames(inputs, wf);
    }

    /// <summary>The text with every substitutable parameter tag replaced by its token.</summary>
    public string Apply(string text)
    {
        if (_inputs is null || text.IndexOf("{{", System.StringComparison.Ordinal) < 0)
        {
            return text;
        }

        return Tag.Replace(text, m =>
        {
            var name = m.Groups[2].Value;
            var known = m.Groups[1].Value == "inputs"
                ? _inputs.Contains(name)
                : _wf!.AnyParameter || _wf.Parameters.Contains(name);
            return known ? "{" + m.Groups[1].Value + ":" + name + "}" : m.Value;
        });
    }

    /// <summary>The YAML tree (freshly written for scanning) with <see cref="Apply(string)"/> applied to every string, in place.</summary>
    public YamlValue Apply(YamlValue node)
    {
        if (_inputs is null)
        {
            return node;
        }

        switch (node)
        {
            case YamlScalar s when s.Value.IndexOf("{{", System.StringComparison.Ordinal) >= 0:
                var replaced = Apply(s.Value);
                return ReferenceEquals(replaced, s.Value) || replaced == s.Value ? s : new YamlScalar(replaced, s.Style, s.Tag, s.Line, s.Column);
            case YamlSequence seq:
                for (var i = 0; i < seq.Items.Count; i++)
                {
                    seq.Items[i] = Apply(seq.Items[i]);
                }

                return seq;
            case YamlMapping map:
                for (var i = 0; i < map.Entries.Count; i++)
                {
                    map.Entries[i] = map.Entries[i] with { Value = Apply(map.Entries[i].Value) };
                }

                return map;
            default:
                return node;
        }
    }
}

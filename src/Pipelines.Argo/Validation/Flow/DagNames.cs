using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Pipelines.Argo.Model;

namespace Pipelines.Argo.Validation.Flow;

/// <summary>
/// DAG task names built from tags (<c>run-{{inputs.parameters.day}}</c>), read the way Argo v4.1.2 reads them.
/// validateTemplate substitutes the template first (common.ProcessArgs, then SubstituteParams over the whole
/// template, names and <c>depends</c> included), and validateDAG checks the substituted names with
/// validateWorkflowFieldNames, which has no placeholder exception (isValidStepName is for steps only). A tag with a
/// real value at validation time becomes that value: the entrypoint's inputs from <c>spec.arguments</c> or their
/// defaults (a Workflow or CronWorkflow validated with its own arguments), workflow parameters with a value, the
/// priority. Every other tag becomes a placeholder (<c>__argo__internal__placeholder-N</c>, whose '_' is not allowed)
/// or stays as written (braces are not allowed either): the name is rejected.
/// </summary>
internal sealed class DagNames
{
    private static readonly Regex Tag = new(@"\{\{(?<body>[^{}]*)\}\}", RegexOptions.CultureInvariant);
    private static readonly Regex NamePattern = new("^[a-zA-Z0-9][-a-zA-Z0-9]*$", RegexOptions.CultureInvariant);

    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    private DagNames()
    {
    }

    /// <summary>The resolver for one DAG template, or null when none of its task names holds a tag.</summary>
    public static DagNames? For(ValidationContext ctx, Template t, bool topLevel)
    {
        if (t.Dag?.Tasks is not { } tasks || !tasks.Exists(x => x?.Name is { } n && n.IndexOf("{{", StringComparison.Ordinal) >= 0))
        {
            return null;
        }

        var names = new DagNames();
        var spec = ctx.Spec;
        var args = spec?.Arguments?.Parameters ?? [];

        // Workflow: validateArguments, then globalParams workflow.parameters.X = the value, or a placeholder without one.
        foreach (var p in args)
        {
            if (p?.Name is { } n)
            {
                names._values["workflow.parameters." + n] = p.Value?.Text;
            }
        }

        if (spec?.Priority is { } priority)
        {
            names._values["workflow.priority"] = priority.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        // Workflow: the entrypoint is validated first with &wfArgs (FakeArguments in WorkflowTemplate mode and for every
        // other template), and a template is validated once (tctx.results).
        var realArguments = topLevel
            && ctx.Kind is ArgoKind.Workflow or ArgoKind.CronWorkflow
            && spec?.WorkflowTemplateRef is null
            && t.Name is not null
            && t.Name == spec?.Entrypoint;
        foreach (var p in t.Inputs?.Parameters ?? [])
        {
            if (p?.Name is not { } n)
            {
                continue;
            }

            string? value = null;
            var known = false;
            if (realArguments)
            {
                // ProcessArgs: the input's value or default, then the argument's value.
                var arg = args.FirstOrDefault(a => a?.Name == n);
                value = p.Value?.Text ?? p.Default?.Text;
                if (arg is not null)
                {
                    value = arg.Value?.Text;
                }

                known = value is not null || (arg?.ValueFrom ?? p.ValueFrom) is not null;
            }

            names._values["inputs.parameters." + n] = value;
            if (value is null && known)
            {
                // A valueFrom we cannot evaluate here: the name is not judged.
                names._unknown.Add("inputs.parameters." + n);
            }
        }

        return names;
    }

    private readonly HashSet<string> _unknown = new(StringComparer.Ordinal);

    /// <summary>
    /// The text as validateDAG sees it. <paramref name="unresolved"/> is the first tag that has no real value at
    /// validation time (null when all have one); <paramref name="judged"/> is false when the result cannot be known
    /// here (an expression, a value from a ConfigMap).
    /// </summary>
    public string Resolve(string text, out string? unresolved, out bool judged)
    {
        string? first = null;
        var ok = true;
        var result = Tag.Replace(text, m =>
        {
            var body = m.Groups["body"].Value.Trim();
            if (body.StartsWith("=", StringComparison.Ordinal) || _unknown.Contains(body))
            {
                ok = false;
                return m.Value;
            }

            if (_values.TryGetValue(body, out var value) && value is not null)
            {
                return value;
            }

            first ??= m.Value;
            return m.Value;
        });
        unresolved = first;
        judged = ok;
        return result;
    }

    /// <summary>isValidWorkflowFieldName: the Go regex and the 128-character limit.</summary>
    public static bool IsValidName(string name) => name.Length <= 128 && NamePattern.IsMatch(name);
}

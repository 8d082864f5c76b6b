using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Pipelines.Argo.Model;
using Pipelines.Runner.Expressions;

namespace Pipelines.Runner.Engine;

/// <summary>
/// <c>spec.workflowMetadata</c> at the start of a run, as Argo v4.1.2's controller applies it
/// (workflow/controller/operator.go updateWorkflowMetadata, after setGlobalParameters and substituteGlobalVariables):
/// <c>labels</c> and <c>annotations</c> become the workflow's and <c>workflow.labels.K</c>/<c>workflow.annotations.K</c>;
/// each <c>labelsFrom</c> expression is evaluated with expr over the global parameters and must give a string that
/// is a valid label value. A failure ends the workflow <c>Error</c> with the controller's message.
/// </summary>
internal sealed partial class WorkflowRun
{
    private static readonly Regex LabelValue = new("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>The labels the run ends up with (metadata.labels, then workflowMetadata.labels and labelsFrom).</summary>
    public Dictionary<string, string> Labels { get; } = new(StringComparer.Ordinal);

    private bool ApplyWorkflowMetadata(out string error)
    {
        error = string.Empty;
        foreach (var p in _wf.Metadata?.Labels ?? new OrderedMap<string>())
        {
            Labels[p.Key] = p.Value;
        }

        if (_spec.WorkflowMetadata is not { } md)
        {
            return true;
        }

        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in _wf.Metadata?.Annotations ?? new OrderedMap<string>())
        {
            annotations[p.Key] = p.Value;
        }

        // The spec was substituted with the global parameters before (substituteGlobalVariables).
        string Sub(string text) => Substitution.Apply(text, Globals, strict: false);
        foreach (var p in md.Labels ?? new OrderedMap<string>())
        {
            var v = Sub(p.Value);
            if (LabelValueErrors(v) is { } errs)
            {
                error = $"invalid label value \"{v}\" for label \"{p.Key}\": {errs}";
                return false;
            }

            Labels[p.Key] = v;
            Globals.Set("workflow.labels." + p.Key, v);
        }

        foreach (var p in md.Annotations ?? new OrderedMap<string>())
        {
            var v = Sub(p.Value);
            annotations[p.Key] = v;
            Globals.Set("workflow.annotations." + p.Key, v);
        }

        // Evaluated against the globals as they were before any labelsFrom ran (one env for all).
        var env = Globals.Env();
        foreach (var p in md.LabelsFrom ?? new OrderedMap<LabelValueFrom>())
        {
            var expression = Sub(p.Value?.Expression ?? string.Empty);
            object? r;
            try
            {
                r = Expr.Evaluate(expression, env);
            }
            catch (ExprException e) when (e.IsParseError || e.Message.StartsWith("unknown name", StringComparison.Ordinal))
            {
                error = $"failed to compile function for expression \"{expression}\": {e.Message}";
                return false;
            }
            catch (ExprException e)
            {
                error = $"failed to evaluate label \"{p.Key}\" expression \"{expression}\": {e.Message}";
                return false;
            }

            if (r is not string v)
            {
                error = $"failed to evaluate label \"{p.Key}\" expression \"{expression}\" evaluted to {Expr.GoTypeName(r)} but must be a string";
                return false;
            }

            if (LabelValueErrors(v) is { } errs)
            {
                error = $"invalid label value \"{v}\" for label \"{p.Key}\" and expression \"{expression}\": {errs}";
                return false;
            }

            Labels[p.Key] = v;
            Globals.Set("workflow.labels." + p.Key, v);
        }

        // workflow.labels / workflow.annotations as JSON, with the applied metadata (as later reconciliations see them).
        var labelsJson = Expr.ToJson(Labels.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal));
        Globals.Set("workflow.labels", labelsJson);
        Globals.Set("workflow.labels.json", labelsJson);
        var annotationsJson = Expr.ToJson(annotations.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal));
        Globals.Set("workflow.annotations", annotationsJson);
        Globals.Set("workflow.annotations.json", annotationsJson);
        return true;
    }

    /// <summary>k8s validation.IsValidLabelValue: at most 63 characters, alphanumerics and -_. inside; errors joined with ";".</summary>
    private static string? LabelValueErrors(string v)
    {
        var errs = new List<string>();
        if (v.Length > 63)
        {
            errs.Add("must be no more than 63 characters");
        }

        if (!LabelValue.IsMatch(v))
        {
            errs.Add("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
        }

        return errs.Count == 0 ? null : string.Join(";", errs);
    }
}

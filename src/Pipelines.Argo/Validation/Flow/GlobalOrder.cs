using System;
using System.Collections.Generic;
using Pipelines.Argo.Model;

namespace Pipelines.Argo.Validation.Flow;

/// <summary>
/// Which <c>{{workflow.outputs.*}}</c> names Argo knows at each point of its validation (VAR-09). Argo registers a
/// global output only when a step or task that calls the producing template comes into scope (validate.go
/// addOutputsToScope), walking the entrypoint first, then onExit, then every other template in spec order, each once
/// (validateTemplate's results cache). So a reference is resolved against the names registered before it is checked,
/// not against every globalName of the workflow; an entrypoint's own outputs are never registered.
/// </summary>
internal sealed class GlobalOrder
{
    private readonly ValidationContext _ctx;
    // The model's classes compare by reference, so these key on the very template, step or task object.
    private readonly HashSet<Template> _visited = new();
    private readonly HashSet<string> _parameters = new(StringComparer.Ordinal);
    private readonly HashSet<string> _artifacts = new(StringComparer.Ordinal);
    private readonly Dictionary<object, Snapshot> _at = new();
    private readonly Dictionary<Template, Snapshot> _outputs = new();

    private Snapshot? _last;

    private GlobalOrder(ValidationContext ctx) => _ctx = ctx;

    /// <summary>
    /// Simulates Argo's validation order over the object's own templates. Null when the order cannot be followed
    /// (a workflowTemplateRef: the referenced templates are validated in their own order), so callers use every name.
    /// </summary>
    public static GlobalOrder? Of(ValidationContext ctx)
    {
        var spec = ctx.Spec;
        if (spec?.Templates is null || spec.WorkflowTemplateRef is not null)
        {
            return null;
        }

        var order = new GlobalOrder(ctx);
        if (!string.IsNullOrEmpty(spec.Entrypoint) && FlowTemplates.Resolve(ctx, spec.Entrypoint, null, null) is { } entry)
        {
            order.Visit(entry);
        }

        if (!string.IsNullOrEmpty(spec.OnExit) && FlowTemplates.Resolve(ctx, spec.OnExit, null, null) is { } exit)
        {
            order.Visit(exit);
        }

        foreach (var t in spec.Templates)
        {
            if (t is not null)
            {
                order.Visit(t);
            }
        }

        return order;
    }

    /// <summary>The names known when a leaf template, a step or a task (by reference) is checked; null when unknown.</summary>
    public Snapshot? At(object node) => _at.TryGetValue(node, out var s) ? s : null;

    /// <summary>The names known when a steps or DAG template's outputs are checked (after its children).</summary>
    public Snapshot? AtOutputs(Template t) => _outputs.TryGetValue(t, out var s) ? s : null;

    // Snapshots are only read, so points between which no name was registered share one (a DAG's tasks all do).
    private Snapshot Take() =>
        _last ??= new(new HashSet<string>(_parameters, StringComparer.Ordinal), new HashSet<string>(_artifacts, StringComparer.Ordinal));

    private void Visit(Template t)
    {
        if (!_visited.Add(t))
        {
            return;
        }

        _at[t] = Take();
        if (t.Steps is { } groups)
        {
            foreach (var group in groups)
            {
                foreach (var step in group ?? [])
                {
                    if (step is null)
                    {
                        continue;
                    }

                    var child = Child(step.Template, step.TemplateRef, step.Inline);
                    if (child is not null && step.Hooks is { } hooks && hooks.ContainsKey("exit"))
                    {
                        Register(child);
                    }

                    // validateSteps resolves the step's own fields before it adds the step's outputs to the scope.
                    _at[step] = Take();
                    if (child is not null)
                    {
                        Register(child);
                    }
                }
            }
        }
        else if (t.Dag?.Tasks is { } tasks)
        {
            // validateDAG validates every task's template and adds its outputs first, then resolves the tasks' fields.
            foreach (var task in tasks)
            {
                if (task is not null && Child(task.Template, task.TemplateRef, task.Inline) is { } child)
                {
                    Register(child);
                }
            }

            foreach (var task in tasks)
            {
                if (task is not null)
                {
                    _at[task] = Take();
                }
            }
        }

        _outputs[t] = Take();
    }

    /// <summary>The template a step or task calls; visits it first when it is one of the object's own templates.</summary>
    private Template? Child(string? template, TemplateRef? templateRef, Template? inline)
    {
        var child = FlowTemplates.Resolve(_ctx, template, templateRef, inline);
        if (child is not null && templateRef is null)
        {
            Visit(child);
        }

        return child;
    }

    private void Register(Template t)
    {
        foreach (var p in t.Outputs?.Parameters ?? [])
        {
            if (p?.GlobalName is { Length: > 0 } g && !FlowTemplates.IsDynamic(g) && _parameters.Add(g))
            {
                _last = null;
            }
        }

        foreach (var a in t.Outputs?.Artifacts ?? [])
        {
            if (a?.GlobalName is { Length: > 0 } g && !FlowTemplates.IsDynamic(g) && _artifacts.Add(g))
            {
                _last = null;
            }
        }
    }

    /// <summary>The global output parameter and artifact names registered at one point.</summary>
    internal sealed record Snapshot(HashSet<string> Parameters, HashSet<string> Artifacts);
}

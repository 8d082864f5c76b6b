using System;
using System.Collections.Generic;
using Pipelines.Argo.Model;

namespace Pipelines.Argo.Validation.Flow;

/// <summary>What the flow rules need to know about templates: their kind, and which template a step or task calls.</summary>
internal static class FlowTemplates
{
    /// <summary>Templates that run a pod (container, containerSet, script, resource, data): they have <c>{{pod.name}}</c>.</summary>
    public static bool IsPod(Template t) => t.Container is not null || t.ContainerSet is not null || t.Script is not null || t.Resource is not null || t.Data is not null;

    /// <summary>Leaf templates: anything but steps and DAG templates.</summary>
    public static bool IsLeaf(Template t) => t.Steps is null && t.Dag is null;

    /// <summary>Templates with a stdout result and exit code: container, containerSet with a <c>main</c> container, script, data, http, plugin.</summary>
    public static bool HasResult(Template t) =>
        t.Container is not null || t.Script is not null || t.Data is not null || t.Http is not null || t.Plugin is not null ||
        (t.ContainerSet?.Containers?.Exists(c => c.Name == "main") ?? false);

    /// <summary>True when a template reference still holds a <c>{{...}}</c> placeholder (resolved at run time).</summary>
    public static bool IsDynamic(string? s) => s is not null && s.IndexOf("{{", StringComparison.Ordinal) >= 0;

    /// <summary>
    /// The template a step or task calls: its inline template, its <c>template</c> among the spec's templates, or its
    /// <c>templateRef</c> among the WorkflowTemplates validated together. Null when it cannot be resolved.
    /// </summary>
    public static Template? Resolve(ValidationContext ctx, string? template, TemplateRef? templateRef, Template? inline)
    {
        if (inline is not null)
        {
            return inline;
        }

        if (templateRef is not null)
        {
            if (templateRef.Name is null || templateRef.Template is null || IsDynamic(templateRef.Name) || IsDynamic(templateRef.Template))
            {
                return null;
            }

            return ctx.Catalog.FindTemplate(templateRef.Name, templateRef.Template, templateRef.ClusterScope ?? false);
        }

        if (template is not null && ctx.Templates.TryGetValue(template, out var found))
        {
            return found.Template;
        }

        return null;
    }

    /// <summary>Every template of the spec, including inline templates of steps and tasks at any depth.</summary>
    public static IEnumerable<Template> AllTemplates(WorkflowSpec? spec)
    {
        if (spec?.Templates is null)
        {
            yield break;
        }

        var stack = new Stack<Template>();
        for (var i = spec.Templates.Count - 1; i >= 0; i--)
        {
            if (spec.Templates[i] is { } t)
            {
                stack.Push(t);
            }
        }

        while (stack.Count > 0)
        {
            var t = stack.Pop();
            yield return t;
            foreach (var group in t.Steps ?? [])
            {
                foreach (var step in group ?? [])
                {
                    if (step?.Inline is { } inline)
                    {
                        stack.Push(inline);
                    }
                }
            }

            foreach (var task in t.Dag?.Tasks ?? [])
            {
                if (task?.Inline is { } inline)
                {
                    stack.Push(inline);
                }
            }
        }
    }
}

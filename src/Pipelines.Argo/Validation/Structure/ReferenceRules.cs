using System;
using System.Collections.Generic;
using System.Linq;
using Pipelines.Argo.Model;

namespace Pipelines.Argo.Validation;

internal static partial class StructureRules
{
    /// <summary>The WorkflowTemplate spec that spec.workflowTemplateRef names, when it is among the documents validated.</summary>
    private static WorkflowSpec? ReferencedSpec(ValidationContext ctx) =>
        ctx.Spec?.WorkflowTemplateRef is { Name: { Length: > 0 } name } r ? ctx.Catalog.FindSpec(name, r.ClusterScope == true) : null;

    /// <summary>Finds a template of the workflow (or of the WorkflowTemplate its workflowTemplateRef names).</summary>
    private static Template? FindOwnTemplate(ValidationContext ctx, string name)
    {
        if (ctx.Templates.TryGetValue(name, out var own))
        {
            return own.Template;
        }

        return ReferencedSpec(ctx)?.Templates?.FirstOrDefault(t => t?.Name == name);
    }

    private static void CheckWorkflowTemplateRef(ValidationContext ctx, WorkflowSpec spec, FieldPath specPath)
    {
        if (spec.WorkflowTemplateRef is not { } r)
        {
            return;
        }

        var path = specPath.Field("workflowTemplateRef");
        if (spec.Templates is { Count: > 0 })
        {
            ctx.Report(
                FindingCodes.WorkflowTemplateRefInvalid,
                "Templates is invalid field in spec if workflow referred WorkflowTemplate reference; remove spec.templates or the workflowTemplateRef",
                specPath.Field("templates"));
        }

        if (IsBlank(r.Name))
        {
            ctx.Report(FindingCodes.WorkflowTemplateRefInvalid, "workflowTemplateRef.name is required", path);
        }
        else if (!HasPlaceholder(r.Name) && ctx.Catalog.FindSpec(r.Name!, r.ClusterScope == true) is null)
        {
            ReportMissingWorkflowTemplate(ctx, r.Name!, r.ClusterScope == true, path.Field("name"), "it must exist in the cluster when the workflow is submitted (lint it together with this file to check it)");
        }
    }

    private static bool CanResolveOwnTemplates(ValidationContext ctx) =>
        ctx.Spec?.WorkflowTemplateRef is null || ReferencedSpec(ctx) is not null;

    private static void CheckEntrypoint(ValidationContext ctx, WorkflowSpec spec, FieldPath specPath)
    {
        var entrypoint = spec.Entrypoint;
        if (IsBlank(entrypoint))
        {
            if (ctx.IsTemplateKind)
            {
                return;
            }

            if (spec.WorkflowTemplateRef is null)
            {
                ctx.Report(FindingCodes.EntrypointMissing, "spec.entrypoint is required; name the template the workflow starts with", specPath);
                return;
            }

            var referenced = ReferencedSpec(ctx);
            if (referenced is null)
            {
                return;
            }

            if (IsBlank(referenced.Entrypoint))
            {
                ctx.Report(FindingCodes.EntrypointMissing, "spec.entrypoint is required: neither the workflow nor the WorkflowTemplate it references sets one", specPath.Field("workflowTemplateRef"));
                return;
            }

            entrypoint = referenced.Entrypoint;
        }

        if (HasPlaceholder(entrypoint) || !CanResolveOwnTemplates(ctx))
        {
            return;
        }

        var target = FindOwnTemplate(ctx, entrypoint!);
        if (target is null)
        {
            ctx.Report(FindingCodes.EntrypointUndefined, "spec.entrypoint: template name " + Quote(entrypoint) + " undefined; " + DidYouMean(ctx, entrypoint, "name one of spec.templates"), specPath.Field("entrypoint"));
            return;
        }

        if (ctx.IsTemplateKind)
        {
            // Argo validates a WorkflowTemplate's entrypoint with fake arguments: the submitter supplies them.
            return;
        }

        var parameters = new HashSet<string>(StringComparer.Ordinal);
        var artifacts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var args in new[] { spec.Arguments, ReferencedSpec(ctx)?.Arguments })
        {
            foreach (var p in args?.Parameters ?? [])
            {
                if (p?.Name is { } n)
                {
                    parameters.Add(n);
                }
            }

            foreach (var a in args?.Artifacts ?? [])
            {
                if (a?.Name is { } n)
                {
                    artifacts.Add(n);
                }
            }
        }

        var where = IsBlank(spec.Entrypoint) ? specPath.Field("workflowTemplateRef") : specPath.Field("entrypoint");

        // validate.go Workflow validates the entrypoint with &wfArgs (util.MergeParameters: the Workflow's own
        // arguments first, then the referenced template's); common.ProcessArgs lets an argument without a value replace
        // the input's value and default (overwriteWithArguments), and substituteAndGetConfigMapValue then fails with
        // "inputs.parameters.X was not supplied" unless a configMapKeyRef stands in (no ConfigMap store while
        // validating). In submit mode validateArgumentsValues rejects the argument first.
        if (ctx.Options.Lint)
        {
            var merged = new Dictionary<string, (Parameter Param, FieldPath Path)>(StringComparer.Ordinal);
            var own = spec.Arguments?.Parameters ?? [];
            for (var i = 0; i < own.Count; i++)
            {
                if (own[i]?.Name is { } n && !merged.ContainsKey(n))
                {
                    merged[n] = (own[i], specPath.Field("arguments").Field("parameters").Item(i));
                }
            }

            foreach (var p in ReferencedSpec(ctx)?.Arguments?.Parameters ?? [])
            {
                if (p?.Name is { } n && !merged.ContainsKey(n))
                {
                    merged[n] = (p, where);
                }
            }

            foreach (var p in target.Inputs?.Parameters ?? [])
            {
                if (p?.Name is { } n && merged.TryGetValue(n, out var arg) && arg.Param.Value is null && arg.Param.ValueFrom?.ConfigMapKeyRef is null)
                {
                    ctx.Report(
                        FindingCodes.InputParameterNotSupplied,
                        "templates." + entrypoint + " inputs.parameters." + n + " was not supplied: spec.arguments.parameters has '" + n + "' without a value, and Argo validates the entrypoint with spec.arguments, where an argument without a value replaces the input's default; give the argument a value (or remove it to use the input's default)",
                        arg.Path);
                }
            }
        }

        foreach (var p in target.Inputs?.Parameters ?? [])
        {
            if (p is not null && p.Value is null && p.Default is null && p.ValueFrom is null && p.Name is not null && !parameters.Contains(p.Name))
            {
                ctx.Report(
                    FindingCodes.InputParameterNotSupplied,
                    "entrypoint " + Quote(entrypoint) + ": inputs.parameters." + p.Name + " was not supplied; add it to spec.arguments.parameters or give the input a default",
                    where);
            }
        }

        foreach (var a in target.Inputs?.Artifacts ?? [])
        {
            if (a is not null && a.Optional != true && !HasLocation(a) && a.Name is not null && !artifacts.Contains(a.Name))
            {
                ctx.Report(
                    FindingCodes.InputArtifactNotSupplied,
                    "entrypoint " + Quote(entrypoint) + ": inputs.artifacts." + a.Name + " was not supplied; add it to spec.arguments.artifacts, give it a location, or mark it optional",
                    where);
            }
        }
    }

    private static void CheckOnExit(ValidationContext ctx, WorkflowSpec spec, FieldPath specPath)
    {
        if (IsBlank(spec.OnExit) || HasPlaceholder(spec.OnExit) || !CanResolveOwnTemplates(ctx))
        {
            return;
        }

        if (FindOwnTemplate(ctx, spec.OnExit!) is null)
        {
            ctx.Report(FindingCodes.OnExitUndefined, "spec.onExit: template name " + Quote(spec.OnExit) + " undefined; " + DidYouMean(ctx, spec.OnExit, "name one of spec.templates"), specPath.Field("onExit"));
        }
    }

    /// <summary>
    /// A step or task call: REF-02/03 (the template it names), ARG-02..07 (its arguments, and what the called template needs),
    /// and the checks of an inline template.
    /// </summary>
    private static void CheckCall(
        ValidationContext ctx, string? template, TemplateRef? templateRef, Template? inline, Arguments? args, FieldPath path, string kind, string? name)
    {
        Template? target = null;
        var known = false;
        if (inline is not null)
        {
            CheckTemplate(ctx, inline, path.Field("inline"));
            target = inline;
            known = true;
        }
        else if (templateRef is not null)
        {
            var refPath = path.Field("templateRef");
            if (!IsBlank(template))
            {
                ctx.Report(FindingCodes.TemplateRefInvalid, kind + " " + Quote(name) + ": template name cannot be specified with templateRef; keep one of them", path.Field("template"));
            }

            if (IsBlank(templateRef.Name))
            {
                ctx.Report(FindingCodes.TemplateRefInvalid, kind + " " + Quote(name) + ": templateRef.name (the WorkflowTemplate's name) is required", refPath);
            }
            else if (IsBlank(templateRef.Template))
            {
                ctx.Report(FindingCodes.TemplateRefInvalid, kind + " " + Quote(name) + ": templateRef.template (the template's name) is required", refPath);
            }
            else if (!HasPlaceholder(templateRef.Name) && !HasPlaceholder(templateRef.Template))
            {
                (target, known) = ResolveTemplateRef(ctx, templateRef, refPath, Severity.Error);
            }
        }
        else if (!IsBlank(template))
        {
            if (!HasPlaceholder(template))
            {
                target = FindOwnTemplate(ctx, template!);
                known = true;
                if (target is null)
                {
                    ctx.Report(FindingCodes.TemplateUndefined, kind + " " + Quote(name) + ": template name " + Quote(template) + " undefined; " + DidYouMean(ctx, template, "name one of spec.templates or use templateRef"), path.Field("template"));
                }
            }
        }
        else
        {
            ctx.Report(FindingCodes.TemplateUndefined, kind + " " + Quote(name) + " must name a template: set template, templateRef or inline", path);
        }

        if (args is not null)
        {
            CheckArgumentList(ctx, args, path.Field("arguments"), allowEmpty: false, kind + " " + Quote(name) + " arguments");
        }

        if (known && target is not null)
        {
            CheckSupply(ctx, target, args, path, kind, name);
        }
    }

    /// <summary>
    /// templateresolution/context.go GetTemplateFromRef (and Workflow's workflowTemplateRef lookup): "workflow template
    /// NAME not found". Offline we only know the files given: when documents of the referenced kind were given and none
    /// has the name, the reference is taken as missing (an error); otherwise it may exist in the cluster (a warning,
    /// an error under --strict).
    /// </summary>
    private static void ReportMissingWorkflowTemplate(ValidationContext ctx, string name, bool cluster, FieldPath path, string cannotCheck)
    {
        var kind = cluster ? "ClusterWorkflowTemplate " : "WorkflowTemplate ";
        if (ctx.Catalog.HasKind(cluster, ctx.Object))
        {
            ctx.Report(
                FindingCodes.WorkflowTemplateNotLinted,
                Severity.Error,
                "workflow template " + name + " not found: no " + kind + "among the files given is named " + Quote(name) + " (they were given, so the reference is taken as missing; add its file or fix the name)",
                path);
            return;
        }

        ctx.Report(FindingCodes.WorkflowTemplateNotLinted, kind + Quote(name) + " not found among the files linted; " + cannotCheck, path);
    }

    /// <summary>Resolves a templateRef among the documents validated; reports what cannot be found.</summary>
    private static (Template? Target, bool Known) ResolveTemplateRef(ValidationContext ctx, TemplateRef templateRef, FieldPath refPath, Severity missingTemplate)
    {
        var cluster = templateRef.ClusterScope == true;
        var spec = ctx.Catalog.FindSpec(templateRef.Name!, cluster);
        if (spec is null)
        {
            ReportMissingWorkflowTemplate(ctx, templateRef.Name!, cluster, refPath.Field("name"), "it must exist in the cluster at run time (lint it together with this file to check the reference)");
            return (null, false);
        }

        var target = ctx.Catalog.FindTemplate(templateRef.Name!, templateRef.Template!, cluster);
        if (target is null)
        {
            var descriptor = missingTemplate == Severity.Error ? FindingCodes.TemplateRefNotFound : FindingCodes.HookTemplateUnresolved;
            ctx.Report(
                descriptor,
                missingTemplate,
                "template " + templateRef.Template + " not found in workflow template " + templateRef.Name + ": " + (cluster ? "ClusterWorkflowTemplate " : "WorkflowTemplate ") + Quote(templateRef.Name) + " has no template " + Quote(templateRef.Template),
                refPath.Field("template"));
        }

        return (target, true);
    }

    private static void CheckSupply(ValidationContext ctx, Template target, Arguments? args, FieldPath path, string kind, string? name)
    {
        // Called for every step and task: nothing is allocated unless there is something to compare or report.
        var inputs = target.Inputs;
        string? label = null;
        string Label() => label ??= kind + " " + Quote(name) + " calls template " + Quote(target.Name ?? "(inline)");
        foreach (var p in inputs?.Parameters ?? [])
        {
            if (p is not null && p.Name is not null && p.Value is null && p.Default is null && p.ValueFrom is null && !HasName(args?.Parameters, p.Name))
            {
                ctx.Report(FindingCodes.InputParameterNotSupplied, Label() + ": inputs.parameters." + p.Name + " was not supplied; pass it in arguments.parameters or give the input a default", path);
            }
        }

        foreach (var a in inputs?.Artifacts ?? [])
        {
            if (a is not null && a.Name is not null && a.Optional != true && !HasLocation(a) && IsBlank(a.From) && !HasName(args?.Artifacts, a.Name))
            {
                ctx.Report(FindingCodes.InputArtifactNotSupplied, Label() + ": inputs.artifacts." + a.Name + " was not supplied; pass it in arguments.artifacts, give it a location, or mark it optional", path);
            }
        }

        if (args?.Parameters is { Count: > 0 } parameters)
        {
            var parametersPath = path.Field("arguments").Field("parameters");
            for (var i = 0; i < parameters.Count; i++)
            {
                if (parameters[i]?.Name is { } n && !HasPlaceholder(n) && !HasName(inputs?.Parameters, n))
                {
                    ctx.Report(FindingCodes.UndeclaredArgument, Label() + ", which declares no input parameter " + Quote(n) + "; Argo ignores this argument (check the spelling, or declare the input)", parametersPath.Item(i).Field("name"));
                }
            }
        }

        if (args?.Artifacts is { Count: > 0 } artifacts)
        {
            var artifactsPath = path.Field("arguments").Field("artifacts");
            for (var i = 0; i < artifacts.Count; i++)
            {
                if (artifacts[i]?.Name is { } n && !HasPlaceholder(n) && !HasName(inputs?.Artifacts, n))
                {
                    ctx.Report(FindingCodes.UndeclaredArgument, Label() + ", which declares no input artifact " + Quote(n) + "; Argo ignores this argument (check the spelling, or declare the input)", artifactsPath.Item(i).Field("name"));
                }
            }
        }
    }

    // Whether a list has a parameter (an artifact) of this name. A template's inputs and a call's arguments are short
    // lists: a search allocates nothing, where sets cost four allocations per step or task.
    private static bool HasName(List<Parameter>? list, string name)
    {
        if (list is not null)
        {
            foreach (var p in list)
            {
                if (p?.Name is { } n && string.Equals(n, name, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool HasName(List<Artifact>? list, string name)
    {
        if (list is not null)
        {
            foreach (var a in list)
            {
                if (a?.Name is { } n && string.Equals(n, name, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Step or task onExit and lifecycle hooks: REF-06 (warnings) and EXIT-02 (expression required on step hooks).</summary>
    private static void CheckHandlers(ValidationContext ctx, string? onExit, OrderedMap<LifecycleHook>? hooks, FieldPath path, bool requireExpression)
    {
        if (!IsBlank(onExit) && !HasPlaceholder(onExit) && CanResolveOwnTemplates(ctx) && FindOwnTemplate(ctx, onExit!) is null)
        {
            ctx.Report(
                FindingCodes.HookTemplateUnresolved,
                "onExit: template name " + Quote(onExit) + " undefined; Argo does not check this before running, so the exit handler would fail at run time",
                path.Field("onExit"));
        }

        if (hooks is not null)
        {
            CheckHooks(ctx, hooks, path.Field("hooks"), requireExpression);
        }
    }

    private static void CheckHooks(ValidationContext ctx, OrderedMap<LifecycleHook>? hooks, FieldPath hooksPath, bool requireExpression)
    {
        if (hooks is null)
        {
            return;
        }

        foreach (var pair in hooks)
        {
            var hookPath = hooksPath.Field(pair.Key);
            var hook = pair.Value;
            if (hook is null)
            {
                continue;
            }

            if (requireExpression && pair.Key != "exit" && IsBlank(hook.Expression))
            {
                ctx.Report(FindingCodes.HookExpressionMissing, "hooks." + pair.Key + " Expression required: hooks other than 'exit' run when their expression becomes true", hookPath);
            }

            if (hook.TemplateRef is { } tr)
            {
                if (!IsBlank(tr.Name) && !IsBlank(tr.Template) && !HasPlaceholder(tr.Name) && !HasPlaceholder(tr.Template))
                {
                    ResolveTemplateRef(ctx, tr, hookPath.Field("templateRef"), Severity.Warning);
                }
            }
            else if (!IsBlank(hook.Template))
            {
                if (!HasPlaceholder(hook.Template) && CanResolveOwnTemplates(ctx) && FindOwnTemplate(ctx, hook.Template!) is null)
                {
                    ctx.Report(
                        FindingCodes.HookTemplateUnresolved,
                        "hooks." + pair.Key + ": template name " + Quote(hook.Template) + " undefined; Argo does not check hook templates before running, so the hook would fail at run time",
                        hookPath.Field("template"));
                }
            }
            else
            {
                ctx.Report(FindingCodes.HookTemplateUnresolved, "hooks." + pair.Key + " names no template; set template or templateRef", hookPath);
            }

            CheckArgumentList(ctx, hook.Arguments, hookPath.Field("arguments"), allowEmpty: true, "hooks." + pair.Key + ".arguments", argoChecks: false);
        }
    }

    private static string DidYouMean(ValidationContext ctx, string? name, string otherwise) =>
        name is not null && ModelReader.Suggest(name, ctx.Templates.Keys) is { } suggestion ? "did you mean '" + suggestion + "'?" : otherwise;
}

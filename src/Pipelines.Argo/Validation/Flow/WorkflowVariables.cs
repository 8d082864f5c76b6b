using System;
using System.Collections.Generic;
using Pipelines.Argo.Model;

namespace Pipelines.Argo.Validation.Flow;

/// <summary>The <c>{{workflow.*}}</c> variables in scope for one validated object (VAR-04 to VAR-09).</summary>
internal sealed class WorkflowVariables
{
    private static readonly string[] AlwaysNames =
    [
        "name", "namespace", "uid", "mainEntrypoint", "serviceAccountName", "status",
        "labels", "annotations", "labels.json", "annotations.json",
    ];

    private static readonly string[] PrefixNames = ["duration", "creationTimestamp", "scheduledTime"];

    public WorkflowVariables(ValidationContext ctx)
    {
        var spec = ctx.Spec;
        AnyParameter = ctx.IsTemplateKind;
        AddParameters(spec?.Arguments);
        AddMetadata(ctx.Object.Metadata);
        AddWorkflowMetadata(spec?.WorkflowMetadata);
        if (ctx.Object is CronWorkflow cron)
        {
            AddMetadata(cron.Spec?.WorkflowMetadata);
            Labels.Add("workflows.argoproj.io/cron-workflow");
        }

        if (spec?.WorkflowTemplateRef is { Name: { } refName } wtr)
        {
            var referenced = ctx.Catalog.FindSpec(refName, wtr.ClusterScope ?? false);
            if (referenced is null)
            {
                // The referenced template is not among the validated documents: its parameters are unknown.
                AnyParameter = true;
                AnyLabel = true;
            }
            else
            {
                AddParameters(referenced.Arguments);
                AddWorkflowMetadata(referenced.WorkflowMetadata);
                AddGlobalOutputs(ctx, referenced);
            }
        }

        Priority = spec?.Priority is not null;
        OnExit = !string.IsNullOrEmpty(spec?.OnExit);
        AddGlobalOutputs(ctx, spec);
    }

    /// <summary>Any <c>workflow.parameters.*</c> is accepted (WorkflowTemplate validation, or parameters we cannot see).</summary>
    public bool AnyParameter { get; }

    /// <summary>Any label or annotation key is accepted.</summary>
    public bool AnyLabel { get; }

    public HashSet<string> Parameters { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Labels { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Annotations { get; } = new(StringComparer.Ordinal);

    public HashSet<string> GlobalParameters { get; } = new(StringComparer.Ordinal);

    public HashSet<string> GlobalArtifacts { get; } = new(StringComparer.Ordinal);

    public bool AnyGlobalParameter { get; private set; }

    public bool AnyGlobalArtifact { get; private set; }

    public bool Priority { get; }

    public bool OnExit { get; }

    /// <summary>True for the fixed variables that always exist.</summary>
    public static bool IsAlways(string rest)
    {
        if (Array.IndexOf(AlwaysNames, rest) >= 0)
        {
            return true;
        }

        foreach (var p in PrefixNames)
        {
            if (rest.StartsWith(p, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private void AddParameters(Arguments? arguments)
    {
        foreach (var p in arguments?.Parameters ?? [])
        {
            if (!string.IsNullOrEmpty(p?.Name))
            {
                Parameters.Add(p!.Name!);
            }
        }
    }

    private void AddMetadata(ObjectMeta? metadata)
    {
        foreach (var k in metadata?.Labels?.Keys ?? [])
        {
            Labels.Add(k);
        }

        foreach (var k in metadata?.Annotations?.Keys ?? [])
        {
            Annotations.Add(k);
        }
    }

    private void AddWorkflowMetadata(WorkflowMetadata? metadata)
    {
        foreach (var k in metadata?.Labels?.Keys ?? [])
        {
            Labels.Add(k);
        }

        foreach (var k in metadata?.LabelsFrom?.Keys ?? [])
        {
            Labels.Add(k);
        }

        foreach (var k in metadata?.Annotations?.Keys ?? [])
        {
            Annotations.Add(k);
        }
    }

    private void AddGlobalOutputs(ValidationContext ctx, WorkflowSpec? spec)
    {
        foreach (var t in FlowTemplates.AllTemplates(spec))
        {
            AddGlobalOutputs(t);
            foreach (var group in t.Steps ?? [])
            {
                foreach (var step in group ?? [])
                {
                    if (step?.TemplateRef is not null && FlowTemplates.Resolve(ctx, null, step.TemplateRef, null) is { } r)
                    {
                        AddGlobalOutputs(r);
                    }
                }
            }

            foreach (var task in t.Dag?.Tasks ?? [])
            {
                if (task?.TemplateRef is not null && FlowTemplates.Resolve(ctx, null, task.TemplateRef, null) is { } r)
                {
                    AddGlobalOutputs(r);
                }
            }
        }
    }

    private void AddGlobalOutputs(Template t)
    {
        foreach (var p in t.Outputs?.Parameters ?? [])
        {
            if (p?.GlobalName is { Length: > 0 } g)
            {
                if (FlowTemplates.IsDynamic(g))
                {
                    AnyGlobalParameter = true;
                }
                else
                {
                    GlobalParameters.Add(g);
                }
            }
        }

        foreach (var a in t.Outputs?.Artifacts ?? [])
        {
            if (a?.GlobalName is { Length: > 0 } g)
            {
                if (FlowTemplates.IsDynamic(g))
                {
                    AnyGlobalArtifact = true;
                }
                else
                {
                    GlobalArtifacts.Add(g);
                }
            }
        }
    }
}

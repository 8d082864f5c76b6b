using System.Linq;
using System;
using System.Collections.Generic;
using Pipelines.Argo.Model;

namespace Pipelines.Argo.Validation;

/// <summary>
/// Everything a rule needs while validating one Argo object: the object, its workflow spec and where that spec sits,
/// the templates by name, the other templates that templateRefs can reach, and the finding sink.
/// </summary>
internal sealed class ValidationContext
{
    private readonly List<Finding> _findings;

    public ValidationContext(IArgoObject obj, ArgoKind kind, TemplateCatalog catalog, ValidationOptions options, List<Finding> findings)
    {
        Object = obj;
        Kind = kind;
        Catalog = catalog;
        Options = options;
        _findings = findings;
        if (obj is CronWorkflow cron)
        {
            Spec = cron.Spec?.WorkflowSpec;
            SpecPath = FieldPath.Root.Field("spec").Field("workflowSpec");
        }
        else
        {
            Spec = obj switch
            {
                Workflow w => w.Spec,
                WorkflowTemplate t => t.Spec,
                ClusterWorkflowTemplate c => c.Spec,
                _ => null,
            };
            SpecPath = FieldPath.Root.Field("spec");
        }

        Templates = new Dictionary<string, (Template Template, int Index)>(StringComparer.Ordinal);
        if (Spec?.Templates is { } templates)
        {
            for (var i = 0; i < templates.Count; i++)
            {
                if (templates[i].Name is { } name && !Templates.ContainsKey(name))
                {
                    Templates[name] = (templates[i], i);
                }
            }
        }
    }

    /// <summary>The object being validated.</summary>
    public IArgoObject Object { get; }

    /// <summary>Its kind.</summary>
    public ArgoKind Kind { get; }

    /// <summary>The workflow spec: <c>spec</c>, or <c>spec.workflowSpec</c> for a CronWorkflow. Null when absent.</summary>
    public WorkflowSpec? Spec { get; }

    /// <summary>The path of <see cref="Spec"/>.</summary>
    public FieldPath SpecPath { get; }

    /// <summary>The path of <c>templates[index]</c> in the spec.</summary>
    public FieldPath TemplatePath(int index) => SpecPath.Field("templates").Item(index);

    /// <summary>The spec's templates by name (the first of duplicated names).</summary>
    public Dictionary<string, (Template Template, int Index)> Templates { get; }

    /// <summary>WorkflowTemplates and ClusterWorkflowTemplates among the documents validated together.</summary>
    public TemplateCatalog Catalog { get; }

    /// <summary>Validation mode.</summary>
    public ValidationOptions Options { get; }

    /// <summary>True for WorkflowTemplate and ClusterWorkflowTemplate (Argo's WorkflowTemplateValidation mode).</summary>
    public bool IsTemplateKind => Kind is ArgoKind.WorkflowTemplate or ArgoKind.ClusterWorkflowTemplate;

    /// <summary>Reports a finding of the descriptor's default severity.</summary>
    public void Report(FindingDescriptor descriptor, string message, FieldPath path) => _findings.Add(descriptor.Create(message, path));

    /// <summary>Reports a finding with an explicit severity.</summary>
    public void Report(FindingDescriptor descriptor, Severity severity, string message, FieldPath path) =>
        _findings.Add(descriptor.Create(message, path) with { Severity = severity });
}

/// <summary>The WorkflowTemplates and ClusterWorkflowTemplates that templateRef and workflowTemplateRef can resolve to.</summary>
public sealed class TemplateCatalog
{
    private readonly Dictionary<string, WorkflowTemplate> _namespaced = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ClusterWorkflowTemplate> _cluster = new(StringComparer.Ordinal);

    /// <summary>Adds every WorkflowTemplate and ClusterWorkflowTemplate of <paramref name="objects"/>.</summary>
    public TemplateCatalog(IEnumerable<IArgoObject> objects)
    {
        foreach (var o in objects)
        {
            switch (o)
            {
                case WorkflowTemplate t when t.Metadata?.Name is { } name:
                    _namespaced[name] = t;
                    break;
                case ClusterWorkflowTemplate c when c.Metadata?.Name is { } name:
                    _cluster[name] = c;
                    break;
            }
        }
    }

    /// <summary>
    /// True when documents of the kind were given (a WorkflowTemplate, or with <paramref name="clusterScope"/> a
    /// ClusterWorkflowTemplate) other than <paramref name="except"/>: then a name none of them has is taken as missing.
    /// </summary>
    public bool HasKind(bool clusterScope, IArgoObject? except) =>
        clusterScope
            ? _cluster.Values.Any(c => !ReferenceEquals(c, except))
            : _namespaced.Values.Any(t => !ReferenceEquals(t, except));

    /// <summary>Finds a WorkflowTemplate (or, with <paramref name="clusterScope"/>, a ClusterWorkflowTemplate) spec by name.</summary>
    public WorkflowSpec? FindSpec(string name, bool clusterScope) =>
        clusterScope
            ? _cluster.TryGetValue(name, out var c) ? c.Spec ?? new WorkflowSpec() : null
            : _namespaced.TryGetValue(name, out var t) ? t.Spec ?? new WorkflowSpec() : null;

    /// <summary>Finds a template inside a WorkflowTemplate or ClusterWorkflowTemplate.</summary>
    public Template? FindTemplate(string name, string template, bool clusterScope)
    {
        var spec = FindSpec(name, clusterScope);
        if (spec?.Templates is null)
        {
            return null;
        }

        foreach (var t in spec.Templates)
        {
            if (t.Name == template)
            {
                return t;
            }
        }

        return null;
    }
}

using System.Collections.Generic;
using System.Linq;
using Pipelines.Argo.Model;
using Pipelines.Argo.Yaml;

namespace Pipelines.Argo.Validation;

/// <summary>
/// Argo's validation rules (ARGO-RULES.md sections 1 to 12 and 14) over the model. Templates referenced with
/// templateRef and workflowTemplateRef resolve among the objects validated together. Where Argo is lenient in ways
/// that fail at run time (section 13), the finding is a warning, so errors agree with Argo.
/// </summary>
public static class ArgoValidator
{
    /// <summary>
    /// Validates every Argo document of <paramref name="files"/> that was read without errors, together, and adds the
    /// findings (with line and column) to each document's <see cref="ManifestDocument.Findings"/>.
    /// </summary>
    public static void Validate(IReadOnlyList<ManifestFile> files, ValidationOptions? options = null)
    {
        var documents = files.SelectMany(f => f.Documents).Where(d => d.Object is not null && !d.HasErrors).ToList();
        var catalog = new TemplateCatalog(documents.Select(d => d.Object!));
        foreach (var doc in documents)
        {
            var findings = new List<Finding>();
            Validate(doc.Object!, doc.ArgoKind!.Value, catalog, options ?? ValidationOptions.Default, findings);
            foreach (var f in findings)
            {
                var (line, column) = YamlLocator.Locate(doc.Root, FieldPath.Parse(f.Path));
                doc.Findings.Add(f with { Line = line, Column = column });
            }
        }
    }

    /// <summary>
    /// Validates one object. <paramref name="others"/> are the WorkflowTemplates and ClusterWorkflowTemplates its
    /// references may resolve to. Findings carry paths but no positions.
    /// </summary>
    public static IReadOnlyList<Finding> Validate(IArgoObject obj, IEnumerable<IArgoObject>? others = null, ValidationOptions? options = null)
    {
        var all = new List<IArgoObject> { obj };
        if (others is not null)
        {
            all.AddRange(others);
        }

        var kind = obj switch
        {
            Workflow => ArgoKind.Workflow,
            WorkflowTemplate => ArgoKind.WorkflowTemplate,
            ClusterWorkflowTemplate => ArgoKind.ClusterWorkflowTemplate,
            _ => ArgoKind.CronWorkflow,
        };
        var findings = new List<Finding>();
        Validate(obj, kind, new TemplateCatalog(all), options ?? ValidationOptions.Default, findings);
        return findings;
    }

    private static void Validate(IArgoObject obj, ArgoKind kind, TemplateCatalog catalog, ValidationOptions options, List<Finding> findings)
    {
        var context = new ValidationContext(obj, kind, catalog, options, findings);
        StructureRules.Run(context);
        FlowRules.Run(context);
    }
}

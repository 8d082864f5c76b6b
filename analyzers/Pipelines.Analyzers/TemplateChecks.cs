using System.Linq;
using Microsoft.CodeAnalysis;
using Pipelines.Generator;
using Pipelines.Generator.Model;

namespace Pipelines.Analyzers;

/// <summary>PIPE44xx: the definition of each template (kind, entrypoint, output sources).</summary>
internal static class TemplateChecks
{
    private static readonly string[] KindAttributes = ["ContainerAttribute", "ScriptAttribute", "DagAttribute", "StepsAttribute", "StepAttribute"];

    public static void Run(Pipeline pipeline)
    {
        TemplateSource? entrypoint = null;
        foreach (var method in pipeline.Methods)
        {
            var kinds = method.Symbol.GetAttributes().Where(a => Symbols.IsAny(a, KindAttributes)).ToList();
            if (kinds.Count > 1)
            {
                pipeline.Report(DiagnosticDescriptors.ConflictingTemplateKinds, Pipeline.Where(kinds[1], method.Syntax.Identifier.GetLocation()), method.Symbol.Name, kinds[0].AttributeClass!.Name.Replace("Attribute", string.Empty), kinds[1].AttributeClass!.Name.Replace("Attribute", string.Empty));
            }

            var marker = method.Symbol.GetAttributes().FirstOrDefault(a => Symbols.Is(a, "EntrypointAttribute"));
            if (marker is not null && method.Spec is not null)
            {
                if (entrypoint is null)
                {
                    entrypoint = method;
                }
                else
                {
                    pipeline.Report(DiagnosticDescriptors.EntrypointProblem, Pipeline.Where(marker, method.Syntax.Identifier.GetLocation()), "Only one method can be the [Entrypoint]; '" + entrypoint.Symbol.Name + "' already is, so this one is ignored");
                }
            }

            if (method.Spec is { } template)
            {
                CheckOutputs(pipeline, method, template);
            }
        }

        if (entrypoint is null && pipeline.Spec.Kind is WorkflowKind.Workflow or WorkflowKind.CronWorkflow && pipeline.Spec.Templates.Count > 0 && !SpecFragments.SetEntrypoint(pipeline.Spec))
        {
            pipeline.Report(DiagnosticDescriptors.EntrypointProblem, Pipeline.Where(pipeline.Kind, pipeline.Declaration.Identifier.GetLocation()), "'" + pipeline.Type.Name + "' has no [Entrypoint] method, so Argo does not know which template to start; mark one template method with [Entrypoint]");
        }
    }

    private static void CheckOutputs(Pipeline pipeline, TemplateSource method, TemplateSpec template)
    {
        var leaf = template.Kind is TemplateKind.Container or TemplateKind.Script;
        foreach (var output in template.Outputs)
        {
            string? problem = null;
            if (leaf && output.Parameter is not null)
            {
                problem = "takes its value from another node's parameter (Parameter), which only DAG and steps templates can do; read it from a file with Path";
            }
            else if (!leaf && output.Path is not null)
            {
                problem = "reads a file (Path), which only container and script templates can do; use Parameter (a task's or step's output) or Expression";
            }
            else if (output.Path is null && output.Parameter is null && output.Expression is null && output.Default is null)
            {
                problem = "has no source: set " + (leaf ? "Path" : "Parameter or Expression");
            }

            if (problem is not null)
            {
                pipeline.Report(DiagnosticDescriptors.OutputSourceDoesNotFit, OutputLocation(method, output.Name), output.Name, leaf ? "leaf" : template.Kind == TemplateKind.Dag ? "DAG" : "steps", template.Name, problem);
            }
        }
    }

    private static Location OutputLocation(TemplateSource method, string name)
    {
        if (method.Symbol.ReturnType is INamedTypeSymbol { TypeArguments.Length: 1 } returned && returned.TypeArguments[0] is INamedTypeSymbol record)
        {
            foreach (var property in record.GetMembers().OfType<IPropertySymbol>())
            {
                var attribute = property.GetAttributes().FirstOrDefault(a => Symbols.Is(a, "OutputParameterAttribute"));
                var explicitName = attribute?.NamedArguments.FirstOrDefault(n => n.Key == "Name").Value.Value as string;
                if (attribute is not null && (string.IsNullOrEmpty(explicitName) ? Naming.ToKebabCase(property.Name) : explicitName) == name)
                {
                    return Pipeline.Where(attribute, property.Locations.FirstOrDefault() ?? method.Syntax.Identifier.GetLocation());
                }
            }
        }

        return method.Syntax.Identifier.GetLocation();
    }
}

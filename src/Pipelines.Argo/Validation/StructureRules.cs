namespace Pipelines.Argo.Validation;

/// <summary>Names, template definitions, references, arguments, retry, exit handlers and hooks, CronWorkflow, volumes, CRD rules.</summary>
internal static partial class StructureRules
{
    public static void Run(ValidationContext context)
    {
    }
}

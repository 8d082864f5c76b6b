using Pipelines.Argo.Validation.Flow;

namespace Pipelines.Argo.Validation;

/// <summary>Variable references, DAG, steps and loop rules.</summary>
internal static partial class FlowRules
{
    public static void Run(ValidationContext context) => new FlowValidator(context).Run();
}

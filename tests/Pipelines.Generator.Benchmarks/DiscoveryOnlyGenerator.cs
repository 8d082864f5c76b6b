using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Pipelines.Generator.Benchmarks;

/// <summary>
/// A stand-in for the breakdown: the same discovery as <see cref="PipelinesGenerator"/> (one ForAttributeWithMetadataName
/// per kind attribute, the same syntax predicate), but its transform only returns the class name and it emits nothing.
/// What the real generator costs above this is its parse (spec building) and emit.
/// </summary>
public sealed class DiscoveryOnlyGenerator : IIncrementalGenerator
{
    private static readonly string[] KindAttributes =
    [
        "Pipelines.WorkflowAttribute",
        "Pipelines.WorkflowTemplateAttribute",
        "Pipelines.ClusterWorkflowTemplateAttribute",
        "Pipelines.CronWorkflowAttribute",
    ];

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        foreach (var attribute in KindAttributes)
        {
            var names = context.SyntaxProvider
                .ForAttributeWithMetadataName(attribute, static (node, _) => node is ClassDeclarationSyntax, static (ctx, _) => ctx.TargetSymbol.Name);
            context.RegisterSourceOutput(names, static (_, _) => { });
        }
    }
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Pipelines.Generator.Benchmarks;

/// <summary>
/// A reference point: the discovery <see cref="PipelinesGenerator"/> used until 2026-12-06 (one ForAttributeWithMetadataName
/// per kind attribute, the same syntax predicate), with a transform that only returns the class name and no output. It
/// shows what that discovery alone cost on every edit (it binds the kind attribute of every class on the new
/// compilation); the generator now discovers classes per syntax tree instead (see the README).
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

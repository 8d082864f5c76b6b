using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Pipelines.Generator;

/// <summary>
/// When the generator supplied the project's entry point (<c>Pipelines.Generated.PipelinesEntryPoint</c>), a pipeline
/// template method that happens to be called <c>Main</c> (<c>[Dag, Entrypoint] static void Main(string text)</c>) makes
/// C# warn that it "has the wrong signature to be an entry point" (CS0028). It is not meant to be one: the warning is
/// suppressed for methods that carry a Pipelines attribute.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PipelinesEntryPointSuppressor : DiagnosticSuppressor
{
    private static readonly SuppressionDescriptor TemplateNamedMain = new(
        "PIPESPR6001",
        "CS0028",
        "A pipeline template method named Main is not the program's entry point; the generated PipelinesEntryPoint is.");

    /// <inheritdoc/>
    public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions { get; } = ImmutableArray.Create(TemplateNamedMain);

    /// <inheritdoc/>
    public override void ReportSuppressions(SuppressionAnalysisContext context)
    {
        if (context.Compilation.GetTypeByMetadataName("Pipelines.Generated.PipelinesEntryPoint") is null)
        {
            return;
        }

        foreach (var diagnostic in context.ReportedDiagnostics)
        {
            var tree = diagnostic.Location.SourceTree;
            if (tree is null)
            {
                continue;
            }

            var model = context.GetSemanticModel(tree);
            var node = tree.GetRoot(context.CancellationToken).FindNode(diagnostic.Location.SourceSpan);
            if (model.GetDeclaredSymbol(node, context.CancellationToken) is IMethodSymbol method
                && method.GetAttributes().Any(a => a.AttributeClass?.ContainingNamespace?.ToDisplayString() == "Pipelines"))
            {
                context.ReportSuppression(Suppression.Create(TemplateNamedMain, diagnostic));
            }
        }
    }
}

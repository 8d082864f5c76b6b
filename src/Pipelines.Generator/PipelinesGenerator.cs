using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Pipelines.Generator.Model;

namespace Pipelines.Generator;

/// <summary>
/// Turns each partial class carrying a kind attribute (<c>[Workflow]</c>, <c>[WorkflowTemplate]</c>,
/// <c>[ClusterWorkflowTemplate]</c>, <c>[CronWorkflow]</c>) into its Argo manifest, emitted as an assembly-level
/// <c>[PipelineManifest]</c> attribute, plus the bodies of its template methods. Reports no diagnostics: what it cannot
/// translate is skipped, and the analyzers say why.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class PipelinesGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // The assembly name only feeds the C# step defaults; selecting it keeps the options node cached across edits.
        var assemblyName = context.CompilationProvider.Select(static (compilation, _) => compilation.AssemblyName);
        var options = context.AnalyzerConfigOptionsProvider
            .Combine(assemblyName)
            .Select(static (pair, _) => Parser.ParseOptions(pair.Left.GlobalOptions, pair.Right))
            .WithTrackingName(TrackingNames.Options);

        foreach (var attribute in Parser.KindAttributes)
        {
            var files = context.SyntaxProvider
                .ForAttributeWithMetadataName(attribute, static (node, _) => node is ClassDeclarationSyntax, static (ctx, ct) => Parser.Parse(ctx, ct))
                .WithTrackingName(TrackingNames.Workflows)
                .Where(static spec => spec is not null)
                .Select(static (spec, _) => ForEmit(spec!))
                .WithTrackingName(TrackingNames.Specs)
                .Combine(options)
                .Select(static (pair, ct) => Emitter.Emit(pair.Left, pair.Right, ct))
                .WithTrackingName(TrackingNames.Files);

            context.RegisterSourceOutput(files, static (spc, file) => spc.AddSource(file.HintName, file.Text));
        }
    }

    /// <summary>
    /// The spec without what only the analyzers read (<see cref="WorkflowSpec.Problems"/>, with their character
    /// offsets): an edit that changes only a problem, or only where it is, then leaves the spec equal and emit cached.
    /// </summary>
    private static WorkflowSpec ForEmit(WorkflowSpec spec) =>
        spec.Problems.Count == 0 ? spec : spec with { Problems = ImmutableEquatableArray<ProblemSpec>.Empty };
}

using System.Linq;
using Microsoft.CodeAnalysis;
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

        // Per syntax tree, syntax only: Roslyn re-runs this only for a tree that is new or changed (the trees are
        // compared by reference), so an edit reads one file.
        var files = context.CompilationProvider
            .SelectMany(static (compilation, _) => compilation.SyntaxTrees)
            .Select(static (tree, ct) => SourceFile.Read(tree, ct))
            .WithTrackingName(TrackingNames.SourceFiles);

        var index = files.Collect().Select(static (all, ct) => DependencyIndex.Build(all, ct));
        var project = context.CompilationProvider.Select(static (compilation, _) => ProjectFacts.Of(compilation)).WithComparer(ProjectFacts.Comparer);

        // One entry per attributed class; its key is equal after an edit that cannot change how the class binds, and
        // then the parse below is not run again (Cached) and the spec, the emitted file and the output stay cached.
        // The three project-wide values are combined once (one entry), then with each class (one Combine of n entries).
        var projectWide = index.Combine(project).Combine(context.CompilationProvider);
        var inputs = files
            .SelectMany(static (file, _) => Enumerable.Range(0, file.Candidates.Length).Select(i => new ClassCandidate(file, i)))
            .Combine(projectWide)
            .Select(static (pair, ct) => ClassInput.Create(pair.Left, pair.Right.Left.Left, pair.Right.Left.Right, pair.Right.Right, ct))
            .WithComparer(ClassInput.KeyComparer)
            .WithTrackingName(TrackingNames.WorkflowInputs);

        var specs = inputs
            .Select(static (input, ct) => input.Parse(ct))
            .WithTrackingName(TrackingNames.Workflows)
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => ForEmit(spec!))
            .WithTrackingName(TrackingNames.Specs);

        // One output per kind, in the order of Parser.KindAttributes, as the four attribute pipelines added them.
        foreach (var kind in new[] { WorkflowKind.Workflow, WorkflowKind.WorkflowTemplate, WorkflowKind.ClusterWorkflowTemplate, WorkflowKind.CronWorkflow })
        {
            var generated = specs
                .Where(spec => spec.Kind == kind)
                .Combine(options)
                .Select(static (pair, ct) => Emitter.Emit(pair.Left, pair.Right, ct))
                .WithTrackingName(TrackingNames.Files);

            context.RegisterSourceOutput(generated, static (spc, file) => spc.AddSource(file.HintName, file.Text));
        }
    }

    /// <summary>
    /// The spec without what only the analyzers read (<see cref="WorkflowSpec.Problems"/>, with their character
    /// offsets): an edit that changes only a problem, or only where it is, then leaves the spec equal and emit cached.
    /// </summary>
    private static WorkflowSpec ForEmit(WorkflowSpec spec) =>
        spec.Problems.Count == 0 ? spec : spec with { Problems = ImmutableEquatableArray<ProblemSpec>.Empty };
}

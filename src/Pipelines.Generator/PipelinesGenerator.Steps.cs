using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Pipelines.Generator.Model;

namespace Pipelines.Generator;

/// <summary>
/// The C# step runtime half of the generator (docs/design/csharp-steps.md): for every <c>[Step]</c> method it emits a
/// typed invoker (input conversion, the call, output writing) registered with <c>Pipelines.Runtime.PipelineHost</c> by
/// a module initializer, and, for an executable without a <c>Main</c> of its own, a <c>Main</c> that hands over to the
/// host. JSON metadata for records and classes comes from the project's own <c>JsonSerializerContext</c> (source
/// generators cannot see each other's output, so the generator cannot declare one for the System.Text.Json generator
/// to fill). Emits nothing when the project does not reference Pipelines.Runtime. The step templates (YAML) are
/// emitted by <see cref="PipelinesGenerator"/>.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class PipelinesStepsGenerator : IIncrementalGenerator
{
    /// <summary>The tracking names of this generator's pipeline steps.</summary>
    internal static class Tracking
    {
        public const string Steps = "StepMethods";
        public const string Contexts = "JsonContexts";
        public const string Project = "StepProject";
        public const string Output = "StepOutput";
    }

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var steps = context.SyntaxProvider
            .ForAttributeWithMetadataName(StepParser.StepAttribute, static (node, _) => node is MethodDeclarationSyntax, static (ctx, ct) => StepParser.Parse(ctx, ct))
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(Tracking.Steps)
            .Collect()
            .Select(static (specs, _) => specs.ToImmutableEquatableArray());

        var contexts = context.SyntaxProvider
            .ForAttributeWithMetadataName(StepParser.JsonSerializableAttribute, static (node, _) => node is ClassDeclarationSyntax, static (ctx, ct) => StepParser.ParseContext(ctx, ct))
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(Tracking.Contexts)
            .Collect()
            .Select(static (specs, _) => specs.ToImmutableEquatableArray());

        var hasMain = context.SyntaxProvider
            .CreateSyntaxProvider(static (node, _) => StepParser.IsEntryPointCandidate(node), static (_, _) => true)
            .Collect()
            .Select(static (found, _) => found.Length > 0);

        var project = context.CompilationProvider
            .Select(static (compilation, _) => (
                HasRuntime: compilation.GetTypeByMetadataName(StepParser.HostType) is not null,
                IsExe: compilation.Options.OutputKind is OutputKind.ConsoleApplication or OutputKind.WindowsApplication))
            .Combine(context.AnalyzerConfigOptionsProvider.Select(static (provider, _) =>
                provider.GlobalOptions.TryGetValue("build_property.PipelinesGenerateEntryPoint", out var value) ? value.Trim().ToLowerInvariant() : string.Empty))
            .Combine(hasMain)
            .Select(static (pair, _) => new StepProjectSpec(
                pair.Left.Left.HasRuntime,
                pair.Left.Left.HasRuntime && (pair.Left.Right == "true" || (pair.Left.Right != "false" && pair.Left.Left.IsExe && !pair.Right))))
            .WithTrackingName(Tracking.Project);

        var output = steps.Combine(contexts).Combine(project)
            .Select(static (pair, ct) => StepEmitter.Emit(pair.Left.Left, pair.Left.Right, pair.Right, ct))
            .WithTrackingName(Tracking.Output);

        context.RegisterSourceOutput(output, static (spc, result) =>
        {
            foreach (var problem in result.Problems)
            {
                spc.ReportDiagnostic(StepDiagnostics.Create(problem));
            }

            if (result.Text is not null)
            {
                spc.AddSource("PipelinesSteps.g.cs", result.Text);
            }
        });
    }
}

using Microsoft.CodeAnalysis;

namespace Pipelines.Generator.Benchmarks;

/// <summary>
/// The floor of an edit: a generator with one output over the compilation that does nothing, so the driver runs it on
/// every compilation change. Its edit rows are what creating the edited compilation and running the driver cost
/// without any work of ours.
/// </summary>
public sealed class FloorGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context) =>
        context.RegisterSourceOutput(context.CompilationProvider.Select(static (compilation, _) => compilation.SyntaxTrees is not null), static (_, _) => { });
}

namespace Pipelines.Generator;

/// <summary>
/// The generator's parser, compiled into the analyzer assembly from the generator's own source files (without its
/// <c>[Generator]</c> entry point), so that analyzers and generator read pipeline classes identically.
/// </summary>
public sealed partial class PipelinesGenerator
{
}

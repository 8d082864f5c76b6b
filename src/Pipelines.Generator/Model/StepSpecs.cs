namespace Pipelines.Generator.Model;

// The step table model (C# steps, docs/design/csharp-steps.md): equatable records only, so the incremental pipeline
// caches them. Type names are fully qualified C# text ("global::Ns.Type"), ready to paste into generated code.

/// <summary>How a value crosses the command line or a file.</summary>
internal enum StepValueKind
{
    /// <summary>Text as is.</summary>
    String,

    /// <summary><c>true</c>/<c>false</c>.</summary>
    Boolean,

    /// <summary>A 32-bit integer.</summary>
    Int32,

    /// <summary>A 64-bit integer.</summary>
    Int64,

    /// <summary>A double.</summary>
    Double,

    /// <summary>A decimal.</summary>
    Decimal,

    /// <summary>An enum, by member name.</summary>
    Enum,

    /// <summary>Raw bytes (artifacts only).</summary>
    Bytes,

    /// <summary>JSON through source-generated metadata.</summary>
    Json,
}

/// <summary>A value's C# type and how it converts.</summary>
/// <param name="Kind">The conversion.</param>
/// <param name="Type">The C# type, fully qualified, with nullable annotations.</param>
/// <param name="UnderlyingType">For a nullable value type, the underlying type; otherwise <paramref name="Type"/>.</param>
/// <param name="IsNullableValueType">Whether the type is <c>T?</c> for a value type.</param>
/// <param name="AllowsNull">Whether null is a valid value (nullable reference or value type).</param>
/// <param name="Label">The type as shown in messages and <c>--help</c>.</param>
/// <param name="Key">The type without nullable annotations, to match the types a <c>JsonSerializerContext</c> lists.</param>
internal sealed record StepValueSpec(StepValueKind Kind, string Type, string UnderlyingType, bool IsNullableValueType, bool AllowsNull, string Label, string Key);

/// <summary>One parameter of a step method.</summary>
/// <param name="InputName">The Argo input name (null for a <c>CancellationToken</c>).</param>
/// <param name="Value">The type (null for a <c>CancellationToken</c>).</param>
/// <param name="DefaultLiteral">The C# default value as code, when the parameter is optional.</param>
/// <param name="IsArtifact">Whether the input is an artifact read from a file.</param>
/// <param name="ArtifactPath">The artifact's path from <c>[InputArtifact(Path = ...)]</c>, or null for the default.</param>
internal sealed record StepParameterSpec(string? InputName, StepValueSpec? Value, string? DefaultLiteral, bool IsArtifact, string? ArtifactPath);

/// <summary>One output the runtime writes.</summary>
/// <param name="Name">The Argo output name.</param>
/// <param name="Member">The property of the outputs record, or null for <c>result</c>.</param>
/// <param name="IsArtifact">Whether it is an output artifact.</param>
/// <param name="Path">The path from the attribute, or null for the default.</param>
/// <param name="Value">The type.</param>
internal sealed record StepOutputSpec(string Name, string? Member, bool IsArtifact, string? Path, StepValueSpec Value);

/// <summary>Where a diagnostic points, kept equatable.</summary>
internal sealed record StepLocation(string FilePath, int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn);

/// <summary>A problem found while reading a step method; reported as a diagnostic.</summary>
/// <param name="Id">The diagnostic id.</param>
/// <param name="Message">The message.</param>
/// <param name="Location">Where.</param>
internal sealed record StepProblem(string Id, string Message, StepLocation? Location);

/// <summary>One <c>[Step]</c> method.</summary>
/// <param name="TemplateName">The template name.</param>
/// <param name="Method">The method as callable code (<c>global::Ns.Type.Method</c>).</param>
/// <param name="Parameters">The parameters, in declaration order.</param>
/// <param name="AwaitsResult">Whether the method returns an awaitable (<c>Task</c>, <c>ValueTask</c>, generic or not).</param>
/// <param name="ReturnsValue">Whether the method returns a value (after awaiting).</param>
/// <param name="Outputs">The outputs the runtime writes.</param>
/// <param name="Problems">Why the step cannot be run, when not empty (then no invoker is emitted).</param>
internal sealed record StepSpec(
    string TemplateName,
    string Method,
    ImmutableEquatableArray<StepParameterSpec> Parameters,
    bool AwaitsResult,
    bool ReturnsValue,
    ImmutableEquatableArray<StepOutputSpec> Outputs,
    ImmutableEquatableArray<StepProblem> Problems);

/// <summary>A <c>JsonSerializerContext</c> of the project and the types it lists (fully qualified, no annotations).</summary>
internal sealed record JsonContextSpec(string Context, ImmutableEquatableArray<string> Types);

/// <summary>What the step emitter needs to know about the project.</summary>
/// <param name="HasRuntime">Whether the compilation references Pipelines.Runtime (nothing is emitted otherwise).</param>
/// <param name="EmitEntryPoint">Whether to emit a <c>Main</c>.</param>
internal sealed record StepProjectSpec(bool HasRuntime, bool EmitEntryPoint);

using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Pipelines.Runtime;

/// <summary>
/// One runnable C# step: its template name, its inputs (for argument checking and <c>--help</c>) and the invoker that
/// converts the inputs, calls the method and writes its outputs. The source generator builds one per <c>[Step]</c>
/// method; tests and hand-written hosts may build their own.
/// </summary>
public sealed class StepDefinition
{
    /// <summary>Creates a step definition.</summary>
    /// <param name="name">The template name (the token after <c>step</c> on the command line).</param>
    /// <param name="inputs">The inputs, in declaration order.</param>
    /// <param name="invoke">Converts the inputs through the context, runs the method and writes its outputs.</param>
    /// <param name="description">A one-line description for <c>--help</c>, or null.</param>
    public StepDefinition(string name, IReadOnlyList<StepInput> inputs, Func<StepContext, Task> invoke, string? description = null)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Inputs = inputs ?? throw new ArgumentNullException(nameof(inputs));
        Invoke = invoke ?? throw new ArgumentNullException(nameof(invoke));
        Description = description;
    }

    /// <summary>The template name.</summary>
    public string Name { get; }

    /// <summary>The inputs, in declaration order.</summary>
    public IReadOnlyList<StepInput> Inputs { get; }

    /// <summary>The invoker.</summary>
    public Func<StepContext, Task> Invoke { get; }

    /// <summary>A one-line description for <c>--help</c>, or null.</summary>
    public string? Description { get; }
}

/// <summary>One input of a step: a parameter passed as <c>--name value</c>, or an artifact read from a file.</summary>
public sealed class StepInput
{
    /// <summary>Creates an input description.</summary>
    /// <param name="name">The Argo input name.</param>
    /// <param name="typeName">The expected type, as shown in messages (<c>int</c>, <c>JSON Document</c>, ...).</param>
    /// <param name="isOptional">Whether the C# parameter has a default, so the input may be left out.</param>
    /// <param name="isArtifact">Whether the input is an artifact (a file) rather than a parameter.</param>
    public StepInput(string name, string typeName, bool isOptional = false, bool isArtifact = false)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        TypeName = typeName ?? throw new ArgumentNullException(nameof(typeName));
        IsOptional = isOptional;
        IsArtifact = isArtifact;
    }

    /// <summary>The Argo input name.</summary>
    public string Name { get; }

    /// <summary>The expected type, as shown in messages.</summary>
    public string TypeName { get; }

    /// <summary>Whether the input may be left out.</summary>
    public bool IsOptional { get; }

    /// <summary>Whether the input is an artifact (a file) rather than a parameter.</summary>
    public bool IsArtifact { get; }
}

/// <summary>
/// A usage error: unknown step, unknown or missing input, or an input that does not convert. The host prints its
/// message and exits with <see cref="PipelineHost.UsageExitCode"/>.
/// </summary>
public sealed class StepUsageException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message, naming the input and the expected type.</param>
    public StepUsageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the conversion failure that caused it.</summary>
    /// <param name="message">The message, naming the input and the expected type.</param>
    /// <param name="inner">The conversion failure.</param>
    public StepUsageException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

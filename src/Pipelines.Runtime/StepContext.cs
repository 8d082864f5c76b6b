using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Pipelines.Runtime;

/// <summary>
/// What a step's invoker works with: the input values from the command line, the files of input artifacts, the output
/// locations, and the cancellation token that fires on SIGTERM. Conversion failures become
/// <see cref="StepUsageException"/>s that name the input and its expected type.
/// </summary>
public sealed class StepContext
{
    private readonly IReadOnlyDictionary<string, string> _values;

    /// <summary>Creates a context.</summary>
    /// <param name="step">The step being run.</param>
    /// <param name="values">The parameter values by input name.</param>
    /// <param name="paths">Where artifacts and outputs live.</param>
    /// <param name="cancellationToken">Fires when the pod is asked to stop.</param>
    public StepContext(StepDefinition step, IReadOnlyDictionary<string, string> values, StepPaths paths, CancellationToken cancellationToken)
    {
        Step = step ?? throw new ArgumentNullException(nameof(step));
        _values = values ?? throw new ArgumentNullException(nameof(values));
        Paths = paths ?? throw new ArgumentNullException(nameof(paths));
        CancellationToken = cancellationToken;
    }

    /// <summary>The step being run.</summary>
    public StepDefinition Step { get; }

    /// <summary>Where artifacts and outputs live.</summary>
    public StepPaths Paths { get; }

    /// <summary>Fires when the pod is asked to stop (SIGTERM) or the host's token is cancelled.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>
    /// The step's logger (category <c>Pipelines.Runtime.&lt;step&gt;</c>). Every record carries, as a logging scope, the
    /// same ids as the step's activity: <c>argo.workflow.name</c>, <c>argo.node.id</c>, <c>argo.template.name</c>,
    /// <c>k8s.container.name</c> and, when the step has an activity, <c>trace_id</c> and <c>span_id</c>
    /// (<see cref="StepSpan.LogScope"/>). The host sets it; a no-op logger when no sink is configured.
    /// </summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>Converts a required input parameter.</summary>
    /// <typeparam name="T">The parameter type.</typeparam>
    /// <param name="name">The input name.</param>
    /// <param name="convert">The conversion (see <see cref="StepValues"/>).</param>
    /// <exception cref="StepUsageException">The input is missing or does not convert.</exception>
    public T Parameter<T>(string name, Func<string, T> convert)
    {
        ArgumentNullException.ThrowIfNull(convert);
        if (!_values.TryGetValue(name, out var text))
        {
            throw new StepUsageException("missing input --" + name + " (" + TypeOf(name) + ")");
        }

        return Convert(name, text, convert);
    }

    /// <summary>Converts an optional input parameter, or returns <paramref name="fallback"/> when it was not passed.</summary>
    /// <typeparam name="T">The parameter type.</typeparam>
    /// <param name="name">The input name.</param>
    /// <param name="convert">The conversion (see <see cref="StepValues"/>).</param>
    /// <param name="fallback">The C# default value.</param>
    /// <exception cref="StepUsageException">The input does not convert.</exception>
    public T Parameter<T>(string name, Func<string, T> convert, T fallback)
    {
        ArgumentNullException.ThrowIfNull(convert);
        return _values.TryGetValue(name, out var text) ? Convert(name, text, convert) : fallback;
    }

    /// <summary>Reads an input artifact from its file.</summary>
    /// <typeparam name="T">The parameter type.</typeparam>
    /// <param name="name">The artifact name.</param>
    /// <param name="path">The path the template gives, or null for the default under <see cref="Paths"/>.</param>
    /// <param name="read">Reads the file (see <see cref="StepValues.ReadText"/>, <see cref="StepValues.ReadBytes"/>).</param>
    /// <exception cref="StepUsageException">The file is missing or does not convert.</exception>
    public T Artifact<T>(string name, string? path, Func<string, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var file = path ?? Paths.InputArtifact(name);
        if (!File.Exists(file))
        {
            throw new StepUsageException("missing input artifact '" + name + "': no file at " + file);
        }

        try
        {
            return read(file);
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            throw new StepUsageException("invalid input artifact '" + name + "' (" + file + "): expected " + TypeOf(name) + ": " + e.Message, e);
        }
    }

    /// <summary>Writes an output parameter's value.</summary>
    /// <param name="name">The output name.</param>
    /// <param name="path">The path the template gives, or null for the default under <see cref="Paths"/>.</param>
    /// <param name="text">The value as text (see <see cref="StepValues"/>'s Format methods).</param>
    public void WriteParameter(string name, string? path, string text) =>
        Write(name, path ?? Paths.OutputParameter(name), file => File.WriteAllText(file, text));

    /// <summary>Writes a text output artifact.</summary>
    /// <param name="name">The artifact name.</param>
    /// <param name="path">The path the template gives, or null for the default under <see cref="Paths"/>.</param>
    /// <param name="text">The content.</param>
    public void WriteArtifact(string name, string? path, string text) =>
        Write(name, path ?? Paths.OutputArtifact(name), file => File.WriteAllText(file, text));

    /// <summary>Writes a binary output artifact.</summary>
    /// <param name="name">The artifact name.</param>
    /// <param name="path">The path the template gives, or null for the default under <see cref="Paths"/>.</param>
    /// <param name="bytes">The content.</param>
    public void WriteArtifact(string name, string? path, byte[] bytes) =>
        Write(name, path ?? Paths.OutputArtifact(name), file => File.WriteAllBytes(file, bytes ?? []));

    private static void Write(string name, string file, Action<string> write)
    {
        try
        {
            if (Path.GetDirectoryName(file) is { Length: > 0 } folder)
            {
                Directory.CreateDirectory(folder);
            }

            write(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException("cannot write output '" + name + "' to " + file + ": " + e.Message, e);
        }
    }

    private T Convert<T>(string name, string text, Func<string, T> convert)
    {
        try
        {
            return convert(text);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            throw new StepUsageException("invalid value for --" + name + ": expected " + TypeOf(name) + ", got '" + Shorten(text) + "': " + e.Message, e);
        }
    }

    private string TypeOf(string name)
    {
        foreach (var input in Step.Inputs)
        {
            if (string.Equals(input.Name, name, StringComparison.Ordinal))
            {
                return input.TypeName;
            }
        }

        return "a value";
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");
}

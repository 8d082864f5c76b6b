using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Pipelines.Runtime;

/// <summary>
/// The entrypoint of a pipeline project's image. <c>&lt;app&gt; step &lt;name&gt; [--&lt;input&gt; &lt;value&gt;]...</c>
/// runs one C# step and exits 0 (success), 1 (the step threw: <c>error: &lt;name&gt;: &lt;message&gt;</c> on the first
/// line of stderr, then the detail) or 2 (usage: unknown step, missing or invalid input). <c>&lt;app&gt; --help</c>
/// lists the steps. The generated entrypoint calls <see cref="RunAsync(string[])"/>; a project with its own
/// <c>Main</c> does the same when <c>args[0] == "step"</c>.
/// </summary>
public static class PipelineHost
{
    /// <summary>The exit code of a step that completed.</summary>
    public const int SuccessExitCode = 0;

    /// <summary>The exit code of a step that threw.</summary>
    public const int FailureExitCode = 1;

    /// <summary>The exit code of a usage error.</summary>
    public const int UsageExitCode = 2;

    private static readonly object Gate = new();
    private static readonly List<StepDefinition> Registered = [];

    /// <summary>The steps registered by the generated code of the running application.</summary>
    public static IReadOnlyList<StepDefinition> Steps
    {
        get
        {
            lock (Gate)
            {
                return Registered.ToArray();
            }
        }
    }

    /// <summary>Registers steps; the generated code calls this from a module initializer.</summary>
    /// <param name="steps">The steps.</param>
    public static void Register(IEnumerable<StepDefinition> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        lock (Gate)
        {
            Registered.AddRange(steps.Where(s => s is not null));
        }
    }

    /// <summary>
    /// Runs the command line against the registered steps, with the console for output, the paths from the environment
    /// (<see cref="StepPaths.FromEnvironment"/>), and SIGTERM/SIGINT cancelling the step's token.
    /// </summary>
    /// <param name="args">The command line, without the program name.</param>
    /// <returns>The process exit code.</returns>
    public static Task<int> RunAsync(string[] args) => RunAsync(args, Steps, new StepHostOptions { HandleSignals = true });

    /// <summary>Runs the command line against <paramref name="steps"/>.</summary>
    /// <param name="args">The command line, without the program name.</param>
    /// <param name="steps">The steps.</param>
    /// <param name="options">Output writers, paths, cancellation and signal handling.</param>
    /// <returns>The process exit code.</returns>
    public static async Task<int> RunAsync(string[] args, IReadOnlyList<StepDefinition> steps, StepHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var stdout = options.Out ?? Console.Out;
        var stderr = options.Error ?? Console.Error;
        args ??= [];
        steps ??= [];

        if (args.Length == 0)
        {
            stderr.WriteLine("error: no command; run a step with `" + AppName() + " step <name> [--<input> <value>]...`");
            WriteHelp(stderr, steps);
            return UsageExitCode;
        }

        if (args[0] is "--help" or "-h" or "help")
        {
            WriteHelp(stdout, steps);
            return SuccessExitCode;
        }

        if (!string.Equals(args[0], "step", StringComparison.Ordinal))
        {
            return Usage(stderr, "unknown command '" + args[0] + "'; expected `step <name>` or `--help`");
        }

        if (args.Length < 2)
        {
            return Usage(stderr, "missing step name after `step`; run `" + AppName() + " --help` for the list");
        }

        var name = args[1];
        var matches = steps.Where(s => string.Equals(s.Name, name, StringComparison.Ordinal)).ToList();
        if (matches.Count == 0)
        {
            return Usage(stderr, "unknown step '" + name + "'; known steps: " + (steps.Count == 0 ? "(none)" : string.Join(", ", steps.Select(s => s.Name).OrderBy(n => n, StringComparer.Ordinal))));
        }

        if (matches.Count > 1)
        {
            return Usage(stderr, "two steps are named '" + name + "'; give one of them another [Name]");
        }

        var step = matches[0];
        if (args.Where((a, i) => i >= 2 && i % 2 == 0 && a is "--help" or "-h").Any() && !step.Inputs.Any(i => i.Name is "help" or "h"))
        {
            WriteStep(stdout, step);
            return SuccessExitCode;
        }

        if (ParseInputs(step, args, out var values) is { } parseError)
        {
            return Usage(stderr, step.Name + ": " + parseError);
        }

        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken);
        var signals = options.HandleSignals ? RegisterSignals(cancellation) : [];
        try
        {
            using var span = StepTelemetry.Start(step, options.Environment ?? StepTelemetry.ProcessEnvironment(), options.LoggerFactory);
            var context = new StepContext(step, values, options.Paths ?? StepPaths.FromEnvironment(), cancellation.Token)
            {
                Logger = span.CreateLogger(StepTelemetry.SourceName + "." + step.Name),
            };
            try
            {
                await step.Invoke(context).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                span.Fail(e);
                throw;
            }

            span.Succeed();
            return SuccessExitCode;
        }
        catch (StepUsageException e)
        {
            return Usage(stderr, step.Name + ": " + e.Message);
        }
        catch (OperationCanceledException e) when (cancellation.IsCancellationRequested)
        {
            stderr.WriteLine("error: " + step.Name + ": the step was cancelled (the pod is stopping)");
            stderr.WriteLine(e.ToString());
            return FailureExitCode;
        }
#pragma warning disable CA1031 // A step's exception is reported and becomes the exit code: that is this method's job.
        catch (Exception e)
#pragma warning restore CA1031
        {
            stderr.WriteLine("error: " + step.Name + ": " + OneLine(e.Message));
            stderr.WriteLine(e.ToString());
            return FailureExitCode;
        }
        finally
        {
            foreach (var signal in signals)
            {
                signal.Dispose();
            }

            stdout.Flush();
            stderr.Flush();
        }
    }

    /// <summary>Writes the list of steps and their inputs.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="steps">The steps.</param>
    public static void WriteHelp(TextWriter writer, IReadOnlyList<StepDefinition> steps)
    {
        ArgumentNullException.ThrowIfNull(writer);
        steps ??= [];
        writer.WriteLine("Usage: " + AppName() + " step <name> [--<input> <value>]...");
        writer.WriteLine();
        writer.WriteLine(steps.Count == 0 ? "No steps." : "Steps:");
        foreach (var step in steps.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            WriteStep(writer, step);
        }
    }

    private static void WriteStep(TextWriter writer, StepDefinition step)
    {
        writer.WriteLine("  " + step.Name + (step.Description is { Length: > 0 } d ? "  " + OneLine(d) : string.Empty));
        foreach (var input in step.Inputs)
        {
            var text = input.IsArtifact ? "artifact " + input.Name + " (" + input.TypeName + ", read from a file)" : "--" + input.Name + " <" + input.TypeName + ">";
            writer.WriteLine("      " + text + (input.IsOptional ? "  (optional)" : string.Empty));
        }
    }

    private static string? ParseInputs(StepDefinition step, string[] args, out Dictionary<string, string> values)
    {
        values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 2; i < args.Length; i += 2)
        {
            var token = args[i];
            if (!token.StartsWith("--", StringComparison.Ordinal) || token.Length == 2)
            {
                return "expected --<input> at '" + token + "'";
            }

            var name = token.Substring(2);
            var input = step.Inputs.FirstOrDefault(x => string.Equals(x.Name, name, StringComparison.Ordinal) && !x.IsArtifact);
            if (input is null)
            {
                var known = step.Inputs.Where(x => !x.IsArtifact).Select(x => "--" + x.Name).ToList();
                return "unknown input " + token + "; " + (known.Count == 0 ? "the step takes no parameters" : "expected " + string.Join(", ", known));
            }

            if (i + 1 >= args.Length)
            {
                return "missing value after " + token + " (" + input.TypeName + ")";
            }

            if (!values.TryAdd(name, args[i + 1]))
            {
                return "input " + token + " given twice";
            }
        }

        return null;
    }

    private static PosixSignalRegistration[] RegisterSignals(CancellationTokenSource cancellation)
    {
        void Handler(PosixSignalContext context)
        {
            // Keep the process alive so the step can stop cleanly; Kubernetes kills it after the grace period anyway.
            context.Cancel = true;
            try
            {
                cancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The step already finished.
            }
        }

        try
        {
            return [PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handler), PosixSignalRegistration.Create(PosixSignal.SIGINT, Handler)];
        }
        catch (PlatformNotSupportedException)
        {
            return [];
        }
    }

    private static int Usage(TextWriter stderr, string message)
    {
        stderr.WriteLine("error: " + message);
        return UsageExitCode;
    }

    private static string OneLine(string text) => text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');

    private static string AppName() => Path.GetFileNameWithoutExtension(Environment.ProcessPath) is { Length: > 0 } name ? name : "app";
}

/// <summary>Options of <see cref="PipelineHost.RunAsync(string[], IReadOnlyList{StepDefinition}, StepHostOptions)"/>.</summary>
public sealed class StepHostOptions
{
    /// <summary>Standard output (default: the console).</summary>
    public TextWriter? Out { get; init; }

    /// <summary>Standard error (default: the console).</summary>
    public TextWriter? Error { get; init; }

    /// <summary>Where artifacts and outputs live (default: <see cref="StepPaths.FromEnvironment"/>).</summary>
    public StepPaths? Paths { get; init; }

    /// <summary>Cancels the step's token, in addition to the signals.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Whether SIGTERM and SIGINT cancel the step's token (the console entrypoint turns this on).</summary>
    public bool HandleSignals { get; init; }

    /// <summary>The environment telemetry reads (Argo's identity, TRACEPARENT, OTEL_*); default: the process environment.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>
    /// Where <see cref="StepContext.Logger"/> writes besides OTLP (which the <c>OTEL_*</c> variables turn on); not
    /// disposed by the host. Default: none.
    /// </summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; init; }
}

using System;
using System.IO;
using Pipelines.Runner;
using Pipelines.Runner.Telemetry;

namespace Pipelines.Cli;

/// <summary><c>pipelines run --metrics FILE --trace FILE|otlp|URL</c>: the run's custom metrics and its trace (docs/observability.md).</summary>
internal static class TelemetryOutput
{
    /// <summary>Writes what was asked for; false (after a message) when a file cannot be written.</summary>
    public static bool Write(CliContext context, RunReport report, string? metricsFile, string? traceFile)
    {
        if (metricsFile is not null)
        {
            var metrics = RunTelemetryFiles.Metrics(report);
            foreach (var error in metrics.Errors)
            {
                context.Err("metrics: " + error);
            }

            if (!WriteFile(context, metricsFile, metrics.ToPrometheusText(), "--metrics"))
            {
                return false;
            }
        }

        if (traceFile is not null && RunTraceExport.IsTarget(traceFile))
        {
            var errors = RunTraceExport.Export(report, traceFile);
            foreach (var error in errors)
            {
                context.Err($"{traceFile}: error: cannot send --trace: {error}");
            }

            return errors.Count == 0;
        }

        return traceFile is null || WriteFile(context, traceFile, RunTrace.ToOtlpJson(report), "--trace");
    }

    private static bool WriteFile(CliContext context, string file, string text, string option)
    {
        if (file == "-")
        {
            context.Out(text.TrimEnd('\n'));
            return true;
        }

        var path = context.Resolve(file);
        try
        {
            File.WriteAllText(path, text);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Err($"{file}: error: cannot write {option}: {e.Message}");
            return false;
        }
    }
}

using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Pipelines.Argo;
using Pipelines.Argo.Model;
using Pipelines.Graphs.Reports;
using Pipelines.Runner;

namespace Pipelines.Cli;

/// <summary>
/// <c>pipelines report RUN</c> and <c>pipelines run --report FILE.html</c>: the self-contained HTML report of a local run
/// (docs/pictures.md). After every run the CLI keeps the run's trace in the run folder (<c>run-report.json</c>, from the
/// runner's public result), so a report can be written later; a run folder without it (a run that was killed) is read
/// from its journal, which has outcomes but no times.
/// </summary>
internal static class ReportCommand
{
    /// <summary>The file in the run folder that keeps the trace of the last run or resume.</summary>
    public const string TraceFile = "run-report.json";

    private const int LogTailLines = 30;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create(CliContext context)
    {
        var run = new Argument<string>("RUN") { Description = "The run folder printed by 'pipelines run'." };
        var output = new Option<string?>("--output", "-o") { Description = "The HTML file to write (default RUN/report.html).", HelpName = "FILE.html" };
        var command = new Command(
            "report",
            "Write the HTML report of a finished or resumed local run: the final phase and message, the graph coloured by phase,\n" +
            "a timeline with retries, backoff and suspend periods, and each node's inputs, outputs and log tail. One\n" +
            "self-contained file (no scripts, no network), readable from a file:// URL.\n" +
            "\n" +
            "Exit codes: 0 written, 2 bad usage (not a run folder) or the file cannot be written.")
        { run, output };
        command.SetAction(result =>
        {
            var folder = context.Resolve(result.GetValue(run)!);
            if (!File.Exists(Path.Combine(folder, "workflow.yaml")))
            {
                context.Err($"{result.GetValue(run)}: error: not a run folder (no workflow.yaml); give the folder 'pipelines run' printed");
                return Program.ExitUsage;
            }

            RunTrace trace;
            try
            {
                trace = LoadTrace(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
            {
                context.Err($"{context.Display(folder)}: error: cannot read the run: {e.Message}");
                return Program.ExitUsage;
            }

            var target = result.GetValue(output) is { } o ? context.Resolve(o) : Path.Combine(folder, "report.html");
            return WriteHtml(context, trace, folder, target) ? Program.ExitOk : Program.ExitUsage;
        });
        return command;
    }

    /// <summary>
    /// After <c>pipelines run</c> or <c>resume</c>: keeps the trace in the run folder and, with <paramref name="html"/>,
    /// writes the report. Problems are reported and never change the run's exit code.
    /// </summary>
    public static void AfterRun(CliContext context, RunReport report, string? html)
    {
        var trace = FromReport(report);
        try
        {
            GraphCommand.WriteAtomically(Path.Combine(report.RunDirectory, TraceFile), Encoding.UTF8.GetBytes(JsonSerializer.Serialize(trace, Json)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Err($"warning: cannot keep the run's trace in the run folder ({e.Message}); 'pipelines report' will fall back to the journal");
        }

        if (html is not null)
        {
            WriteHtml(context, trace, report.RunDirectory, context.Resolve(html));
        }
    }

    private static bool WriteHtml(CliContext context, RunTrace trace, string folder, string target)
    {
        IArgoObject? workflow = null;
        var saved = Path.Combine(folder, "workflow.yaml");
        if (File.Exists(saved))
        {
            workflow = ArgoYaml.ReadFile(saved).Documents.Select(d => d.Object).FirstOrDefault(o => o is Workflow or WorkflowTemplate or ClusterWorkflowTemplate or CronWorkflow);
        }

        try
        {
            var dir = Path.GetDirectoryName(target);
            if (!string.IsNullOrEmpty(dir))
            {
                Directory.CreateDirectory(dir);
            }

            GraphCommand.WriteAtomically(target, Encoding.UTF8.GetBytes(ReportHtml.Write(trace, workflow)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Err($"{context.Display(target)}: error: cannot write the report: {e.Message}");
            return false;
        }

        context.Err("report: " + context.Display(target));
        return true;
    }

    /// <summary>The trace of a run from the runner's public result, with each node's log tail from the run folder.</summary>
    internal static RunTrace FromReport(RunReport report)
    {
        var trace = new RunTrace
        {
            WorkflowName = report.WorkflowName,
            Phase = report.Phase,
            Message = report.Message,
            StartedAt = report.StartedAt,
            FinishedAt = report.FinishedAt,
            Outputs = [.. report.Outputs],
            CannotRun = [.. report.CannotRun],
        };
        foreach (var n in report.Nodes)
        {
            var node = new RunTraceNode
            {
                Id = n.Id,
                Name = n.Name,
                DisplayName = n.DisplayName,
                Type = n.Type.ToString(),
                Phase = n.Phase.ToString(),
                Message = n.Message,
                TemplateName = n.TemplateName,
                StartedAt = n.StartedAt,
                FinishedAt = n.FinishedAt,
                Parent = n.Parent,
                Inputs = [.. n.Inputs],
                Retried = n.Retried,
                Hooked = n.Hooked,
                Replayed = n.Replayed,
                LogTail = LogTail(Path.Combine(report.RunDirectory, "nodes", n.Id, "main.log")),
            };
            if (n.Outputs is { } o)
            {
                AddOutputs(node.Outputs, o.Result, o.ExitCode, o.Parameters, o.Artifacts);
            }

            trace.Nodes.Add(node);
        }

        return trace;
    }

    /// <summary>The trace kept in a run folder, else one rebuilt from its journal (outcomes of finished leaves, no times).</summary>
    internal static RunTrace LoadTrace(string folder)
    {
        var kept = Path.Combine(folder, TraceFile);
        if (File.Exists(kept))
        {
            return JsonSerializer.Deserialize<RunTrace>(File.ReadAllText(kept), Json) ?? throw new JsonException(TraceFile + " is empty");
        }

        var name = Path.GetFileName(folder.TrimEnd(Path.DirectorySeparatorChar));
        var info = Path.Combine(folder, "run.json");
        if (File.Exists(info))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(info));
            if (doc.RootElement.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String)
            {
                name = n.GetString()!;
            }
        }

        var trace = new RunTrace { WorkflowName = name, Phase = "Running", Source = "rebuilt from the journal: finished nodes only, no times" };
        var root = new RunTraceNode { Name = name, DisplayName = name, Type = "Workflow", Phase = "Running" };
        trace.Nodes.Add(root);
        var journal = Path.Combine(folder, "journal.jsonl");
        var nodes = new Dictionary<string, RunTraceNode>(StringComparer.Ordinal);
        foreach (var line in File.Exists(journal) ? File.ReadAllLines(journal) : [])
        {
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(line);
            }
            catch (JsonException)
            {
                continue; // A line cut short by a kill.
            }

            using (doc)
            {
                var r = doc.RootElement;
                var kind = Str(r, "kind") ?? "node";
                if (kind == "finished")
                {
                    trace.Phase = root.Phase = Str(r, "phase") ?? trace.Phase;
                    trace.Message = root.Message = Str(r, "message") ?? string.Empty;
                    continue;
                }

                if (kind != "node" || Str(r, "name") is not { } nodeName)
                {
                    continue;
                }

                var node = new RunTraceNode
                {
                    Id = nodeName,
                    Name = nodeName,
                    DisplayName = nodeName.StartsWith(name + ".", StringComparison.Ordinal) ? nodeName.Substring(name.Length + 1) : nodeName,
                    Type = "Pod",
                    Phase = Str(r, "phase") ?? "Running",
                    Message = Str(r, "message") ?? string.Empty,
                    Parent = name,
                };
                AddOutputs(node.Outputs, Str(r, "result"), Str(r, "exitCode"), Pairs(r, "parameters"), Pairs(r, "artifacts"));
                if (nodes.TryGetValue(nodeName, out var before))
                {
                    trace.Nodes.Remove(before);
                }

                nodes[nodeName] = node;
                trace.Nodes.Add(node);
            }
        }

        return trace;
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static List<KeyValuePair<string, string>> Pairs(JsonElement e, string name)
    {
        var list = new List<KeyValuePair<string, string>>();
        if (e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array)
        {
            foreach (var pair in v.EnumerateArray())
            {
                if (pair.ValueKind == JsonValueKind.Array && pair.GetArrayLength() == 2)
                {
                    list.Add(new(pair[0].GetString() ?? string.Empty, pair[1].GetString() ?? string.Empty));
                }
            }
        }

        return list;
    }

    private static void AddOutputs(List<KeyValuePair<string, string>> into, string? result, string? exitCode, IEnumerable<KeyValuePair<string, string>> parameters, IEnumerable<KeyValuePair<string, string>> artifacts)
    {
        if (result is not null)
        {
            into.Add(new("result", result));
        }

        if (exitCode is not null)
        {
            into.Add(new("exitCode", exitCode));
        }

        into.AddRange(parameters);
        into.AddRange(artifacts.Select(a => new KeyValuePair<string, string>("artifact:" + a.Key, a.Value)));
    }

    private static string? LogTail(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            var lines = File.ReadAllLines(path);
            return lines.Length == 0 ? null : string.Join("\n", lines.Skip(Math.Max(0, lines.Length - LogTailLines)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

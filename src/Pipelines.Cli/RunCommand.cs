using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Pipelines.Runner;
using Pipelines.Runner.Executors;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Pipelines.Cli;

/// <summary><c>pipelines run</c> and <c>pipelines resume</c>: run a workflow on this machine (docs/runner.md).</summary>
internal static class RunCommand
{
    private const string RunDescription =
        "Run an Argo Workflow on this machine, without a cluster, following Argo's own semantics.\n" +
        "\n" +
        "Steps, DAGs, loops, conditions, retries, exit handlers, suspend, parallelism and memoization behave as the\n" +
        "Argo controller does (docs/runner.md). Container and script templates run only with --host, as processes on\n" +
        "THIS machine: the image is not used, its command must exist here, and the workflow's commands run with your\n" +
        "permissions. Templates that need a cluster (resource, data, plugin) end with an error naming the template\n" +
        "unless you give their outcome with --mock.\n" +
        "\n" +
        "The run folder (--run-dir, default .pipelines/runs/<time>-<file>) holds each node's files and logs, the\n" +
        "artifacts and a journal; 'pipelines resume RUN' continues a run that was killed without re-running the nodes\n" +
        "that had finished.\n" +
        "\n" +
        "Exit codes: 0 the workflow Succeeded, 1 it Failed or Errored (or stayed suspended), 2 bad usage.\n" +
        "\n" +
        "Examples:\n" +
        "  pipelines run hello-world.yaml --host\n" +
        "  pipelines run workflow.yaml --host -p message=goodbye --parallelism 4\n" +
        "  pipelines run workflow.yaml --mock deploy='{\"phase\":\"Succeeded\",\"parameters\":{\"url\":\"http://x\"}}'\n" +
        "  pipelines run workflow.yaml --host --output json > report.json";

    private sealed class Shared
    {
        public Option<bool> Host { get; } = new("--host") { Description = "Run container and script templates as processes on this machine (your commands, your permissions)." };

        public Option<string[]> Mock { get; } = new("--mock") { Description = "Replace a template's outcome: TEMPLATE=JSON or TEMPLATE=phase=Failed,result=..,parameters.NAME=..", HelpName = "TEMPLATE=OUTCOME" };

        public Option<string> Output { get; } = new("--output", "-o") { Description = "text (progress and a summary table) or json (a report of every node).", DefaultValueFactory = _ => "text", HelpName = "text|json" };

        public Option<bool> ResumeSuspended { get; } = new("--resume-suspended") { Description = "Resume suspend nodes without a duration at once instead of ending the run suspended." };

        public Option<string[]> SuspendOutput { get; } = new("--suspend-output") { Description = "Value for a suspend node's supplied output parameter.", HelpName = "NAME=VALUE" };

        public Option<string?> StepsApp { get; } = new("--steps-app") { Description = "Path of the project's step app: a /app/NAME command of a C# step runs it instead.", HelpName = "PATH" };

        public Option<string?> MemoDir { get; } = new("--memo-dir") { Description = "Memoization cache folder (default .pipelines/memo).", HelpName = "DIR" };

        public Option<string[]> Secret { get; } = new("--secret") { Description = "Value of a secret key for env valueFrom.secretKeyRef (never printed).", HelpName = "NAME.KEY=VALUE" };

        public Option<string[]> SecretFile { get; } = new("--secret-file") { Description = "A file of NAME.KEY=VALUE lines (# comments) for env valueFrom.secretKeyRef.", HelpName = "FILE" };

        public Option<int?> MaxProcesses { get; } = new("--max-processes") { Description = $"At most N template processes at once with --host (default: the number of cores, at least 4).", HelpName = "N" };

        public Option<int?> MaxNodes { get; } = new("--max-nodes") { Description = "Stop a run that creates more than N nodes, such as unbounded recursion (default 20000).", HelpName = "N" };

        public Option<string?> Report { get; } = new("--report") { Description = "Also write the run's HTML report (graph, timeline, node details; docs/pictures.md).", HelpName = "FILE.html" };

        public Option<string?> Metrics { get; } = new("--metrics") { Description = "Write the run's Argo custom metrics (spec.metrics, templates[].metrics) in Prometheus text format ('-' for standard output).", HelpName = "FILE" };

        public Option<string?> Trace { get; } = new("--trace") { Description = "Write the run's trace as OTLP/JSON (one trace, a span per node) to FILE, or send it over OTLP: 'otlp' (the OTEL_EXPORTER_OTLP_* variables) or an http(s) endpoint URL.", HelpName = "FILE|otlp|URL" };

        public void AddTo(Command command)
        {
            Output.AcceptOnlyFromAmong("text", "json");
            command.Add(Host);
            command.Add(Mock);
            command.Add(Output);
            command.Add(ResumeSuspended);
            command.Add(SuspendOutput);
            command.Add(StepsApp);
            command.Add(MemoDir);
            command.Add(Secret);
            command.Add(SecretFile);
            command.Add(MaxProcesses);
            command.Add(MaxNodes);
            command.Add(Report);
            command.Add(Metrics);
            command.Add(Trace);
        }
    }

    public static Command Create(CliContext context)
    {
        var shared = new Shared();
        var parameters = new Option<string[]>("--parameter", "-p") { Description = "Override a workflow argument.", HelpName = "NAME=VALUE" };
        var entrypoint = new Option<string?>("--entrypoint") { Description = "Run this template instead of spec.entrypoint.", HelpName = "TEMPLATE" };
        var parallelism = new Option<int?>("--parallelism") { Description = "Override spec.parallelism (at most N pods at once).", HelpName = "N" };
        var runDir = new Option<string?>("--run-dir") { Description = "The run folder (default .pipelines/runs/<time>-<file>).", HelpName = "DIR" };
        var with = new Option<string[]>("--with") { Description = "Files with WorkflowTemplates or ConfigMaps the workflow uses.", HelpName = "FILE" };
        var file = new Argument<string>("FILE") { Description = "The Workflow manifest to run." };
        var command = new Command("run", RunDescription) { file, parameters, entrypoint, parallelism, runDir, with };
        shared.AddTo(command);
        command.SetAction(result =>
        {
            var path = context.Resolve(result.GetValue(file)!);
            if (!File.Exists(path))
            {
                context.Err($"{result.GetValue(file)}: error: no such file");
                return Program.ExitUsage;
            }

            var options = new RunOptions
            {
                Entrypoint = result.GetValue(entrypoint),
                Parallelism = result.GetValue(parallelism),
            };
            foreach (var p in result.GetValue(parameters) ?? [])
            {
                if (!SplitPair(p, out var k, out var v))
                {
                    context.Err($"error: -p '{p}' is not NAME=VALUE");
                    return Program.ExitUsage;
                }

                options.Parameters[k] = v;
            }

            var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            options.RunDirectory = result.GetValue(runDir) is { } rd ? context.Resolve(rd) : Path.Combine(context.WorkingDirectory, ".pipelines", "runs", stamp + "-" + Path.GetFileNameWithoutExtension(path));
            var extra = (result.GetValue(with) ?? []).Select(context.Resolve).ToList();
            var missing = extra.FirstOrDefault(f => !File.Exists(f));
            if (missing is not null)
            {
                context.Err($"{context.Display(missing)}: error: no such file (--with)");
                return Program.ExitUsage;
            }

            return Execute(context, shared, result, options, o => WorkflowRunner.RunFileAsync(path, o, extra));
        });
        return command;
    }

    public static Command CreateResume(CliContext context)
    {
        var shared = new Shared();
        var run = new Argument<string>("RUN") { Description = "The run folder printed by 'pipelines run'." };
        var command = new Command("resume", "Continue a run that was killed or ended suspended: nodes the journal records as finished are not run again.\n\nExit codes: 0 Succeeded, 1 Failed/Error/suspended, 2 bad usage.") { run };
        shared.AddTo(command);
        command.SetAction(result =>
        {
            var folder = context.Resolve(result.GetValue(run)!);
            if (!File.Exists(Path.Combine(folder, "workflow.yaml")))
            {
                context.Err($"{result.GetValue(run)}: error: not a run folder (no workflow.yaml); give the folder 'pipelines run' printed");
                return Program.ExitUsage;
            }

            return Execute(context, shared, result, new RunOptions(), o => WorkflowRunner.ResumeAsync(folder, o));
        });
        return command;
    }

    /// <summary>--secret NAME.KEY=VALUE and --secret-file FILE; errors name the option or file and line, never a value.</summary>
    private static bool ReadSecrets(CliContext context, ParseResult result, Shared shared, RunOptions options)
    {
        foreach (var file in result.GetValue(shared.SecretFile) ?? [])
        {
            var path = context.Resolve(file);
            string[] lines;
            try
            {
                lines = File.ReadAllLines(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                context.Err($"{file}: error: cannot read the secret file: {e.Message}");
                return false;
            }

            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                if (line.Length == 0 || line.StartsWith('#'))
                {
                    continue;
                }

                if (!SplitPair(line, out var k, out var v) || !k.Contains('.', StringComparison.Ordinal))
                {
                    context.Err($"{file}:{i + 1}: error: expected NAME.KEY=VALUE (the value is not shown)");
                    return false;
                }

                options.Secrets[k.Trim()] = v;
            }
        }

        foreach (var s in result.GetValue(shared.Secret) ?? [])
        {
            if (!SplitPair(s, out var k, out var v) || !k.Contains('.', StringComparison.Ordinal))
            {
                var shown = s.IndexOf('=', StringComparison.Ordinal) is var eq and > 0 ? s[..eq] + "=..." : "(not NAME.KEY=VALUE)";
                context.Err($"error: --secret {shown} is not NAME.KEY=VALUE");
                return false;
            }

            options.Secrets[k] = v;
        }

        return true;
    }

    private static bool SplitPair(string text, out string key, out string value)
    {
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        key = eq > 0 ? text[..eq] : string.Empty;
        value = eq > 0 ? text[(eq + 1)..] : string.Empty;
        return eq > 0;
    }

    private static int Execute(CliContext context, Shared shared, ParseResult result, RunOptions options, Func<RunOptions, Task<RunReport>> start)
    {
        var json = result.GetValue(shared.Output) == "json";
        var mocks = new MockExecutor();
        foreach (var m in result.GetValue(shared.Mock) ?? [])
        {
            if (!SplitPair(m, out var name, out var outcome))
            {
                context.Err($"error: --mock '{m}' is not TEMPLATE=OUTCOME");
                return Program.ExitUsage;
            }

            try
            {
                mocks.Mocks[name] = Mock.Parse(outcome);
            }
            catch (FormatException e)
            {
                context.Err($"error: --mock {name}: {e.Message}");
                return Program.ExitUsage;
            }
        }

        foreach (var s in result.GetValue(shared.SuspendOutput) ?? [])
        {
            if (!SplitPair(s, out var k, out var v))
            {
                context.Err($"error: --suspend-output '{s}' is not NAME=VALUE");
                return Program.ExitUsage;
            }

            options.SuspendOutputs[k] = v;
        }

        if (!ReadSecrets(context, result, shared, options))
        {
            return Program.ExitUsage;
        }

        if (result.GetValue(shared.MaxNodes) is { } maxNodes)
        {
            if (maxNodes < 1)
            {
                context.Err("error: --max-nodes must be at least 1");
                return Program.ExitUsage;
            }

            options.MaxNodes = maxNodes;
        }

        var maxProcesses = result.GetValue(shared.MaxProcesses);
        if (maxProcesses is < 1)
        {
            context.Err("error: --max-processes must be at least 1");
            return Program.ExitUsage;
        }

        options.Executors.Add(mocks);
        using var http = new HttpClient();
        options.Executors.Add(new HttpExecutor(http));
        if (result.GetValue(shared.Host))
        {
            var steps = result.GetValue(shared.StepsApp);
            var host = new HostExecutor { StepsApp = steps is null ? null : context.Resolve(steps) };
            if (maxProcesses is { } mp)
            {
                host.MaxProcesses = mp;
            }

            options.Executors.Add(host);
        }

        options.ResumeSuspended = result.GetValue(shared.ResumeSuspended);
        options.MemoDirectory = result.GetValue(shared.MemoDir) is { } md ? context.Resolve(md) : Path.Combine(context.WorkingDirectory, ".pipelines", "memo");

        using var stop = new CancellationTokenSource();
        options.Stop = stop.Token;
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            stop.Cancel();
        });

        var interactive = !json && context.IsConsole && !Console.IsOutputRedirected;
        var progress = new Progress(context, interactive, json);
        options.OnNodeChanged = progress.OnNodeChanged;
        RunReport report;
        try
        {
            if (!json)
            {
                context.Err("run folder: " + (options.RunDirectory is { Length: > 0 } rd ? context.Display(rd) : "(resumed)"));
            }

            var task = start(options);
            report = progress.Wait(task);
        }
        catch (RunLoadException e)
        {
            context.Err("error: " + e.Message);
            return Program.ExitUsage;
        }
        catch (RunWallException e)
        {
            context.Err("error: " + e.Message);
            return Program.ExitUsage;
        }
        catch (AggregateException e) when (e.Flatten().InnerExceptions is [RunLoadException load])
        {
            context.Err("error: " + load.Message);
            return Program.ExitUsage;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }

        if (json)
        {
            context.Out(report.ToJson());
            foreach (var w in report.Warnings)
            {
                context.Err("warning: " + w);
            }
        }
        else
        {
            progress.Summary(report);
        }

        if (!TelemetryOutput.Write(context, report, result.GetValue(shared.Metrics), result.GetValue(shared.Trace)))
        {
            return Program.ExitUsage;
        }

        ReportCommand.AfterRun(context, report, result.GetValue(shared.Report));
        return report.Phase == "Succeeded" ? Program.ExitOk : Program.ExitFindings;
    }

    /// <summary>Progress: a live Spectre.Console tree on a terminal, plain lines otherwise.</summary>
    private sealed class Progress(CliContext context, bool interactive, bool quiet)
    {
        private readonly object _gate = new();
        private readonly Dictionary<string, (string Display, string Phase, string Message, string? Parent, NodeType Type)> _nodes = new(StringComparer.Ordinal);
        private readonly List<string> _order = [];
        private readonly List<string> _lines = [];

        public void OnNodeChanged(RunNode node)
        {
            lock (_gate)
            {
                var had = _nodes.TryGetValue(node.Name, out var before);
                if (!had)
                {
                    _order.Add(node.Name);
                }

                _nodes[node.Name] = (node.DisplayName, node.Phase.ToString(), node.Message, node.Parent, node.Type);
                var fulfilled = node.Fulfilled;
                if (!quiet && !interactive && fulfilled && (!had || before.Phase != node.Phase.ToString()) && node.Type != NodeType.StepGroup)
                {
                    _lines.Add($"{Mark(node.Phase.ToString())} {node.Name}  {node.Phase}{(node.Message.Length > 0 ? "  " + node.Message : string.Empty)}");
                }
            }
        }

        public RunReport Wait(Task<RunReport> task)
        {
            if (!interactive)
            {
                while (!task.Wait(100))
                {
                    Flush();
                }

                Flush();
                return task.GetAwaiter().GetResult();
            }

            AnsiConsole.Live(Render()).AutoClear(false).Start(ctx =>
            {
                while (!task.Wait(150))
                {
                    ctx.UpdateTarget(Render());
                }

                ctx.UpdateTarget(Render());
            });
            return task.GetAwaiter().GetResult();
        }

        private void Flush()
        {
            List<string> lines;
            lock (_gate)
            {
                lines = [.. _lines];
                _lines.Clear();
            }

            foreach (var l in lines)
            {
                context.Out(l);
            }

            context.Stdout.Flush();
        }

        private IRenderable Render()
        {
            lock (_gate)
            {
                var root = _order.FirstOrDefault(n => _nodes[n].Parent is null);
                if (root is null)
                {
                    return new Text("starting...");
                }

                var tree = new Tree(Label(root));
                var byParent = _order.Where(n => _nodes[n].Parent is not null).GroupBy(n => _nodes[n].Parent!).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
                void Add(IHasTreeNodes parent, string name, int depth)
                {
                    if (!byParent.TryGetValue(name, out var children) || depth > 30)
                    {
                        return;
                    }

                    foreach (var c in children)
                    {
                        Add(parent.AddNode(Label(c)), c, depth + 1);
                    }
                }

                Add(tree, root, 0);
                foreach (var orphan in _order.Where(n => _nodes[n].Parent is not null && !_nodes.ContainsKey(_nodes[n].Parent!)))
                {
                    tree.AddNode(Label(orphan));
                }

                return tree;
            }
        }

        private string Label(string name)
        {
            var n = _nodes[name];
            var color = n.Phase switch
            {
                "Succeeded" => "green",
                "Failed" or "Error" => "red",
                "Running" => "blue",
                "Skipped" or "Omitted" => "grey",
                _ => "yellow",
            };
            return $"[{color}]{Markup.Escape(Mark(n.Phase))}[/] {Markup.Escape(n.Display)} [grey]{Markup.Escape(n.Phase)}{(n.Message.Length > 0 ? " " + Markup.Escape(n.Message) : string.Empty)}[/]";
        }

        private static string Mark(string phase) => phase switch
        {
            "Succeeded" => "✔",
            "Failed" or "Error" => "✖",
            "Skipped" or "Omitted" => "○",
            "Running" => "●",
            _ => "◷",
        };

        public void Summary(RunReport report)
        {
            var depth = new Dictionary<string, int>(StringComparer.Ordinal);
            int Depth(RunNode n) => n.Parent is null ? 0 : depth.TryGetValue(n.Parent, out var d) ? d + 1 : 1;
            var rows = new List<string[]>();
            foreach (var n in report.Nodes)
            {
                depth[n.Name] = Depth(n);
                var duration = ((n.FinishedAt ?? n.StartedAt) - n.StartedAt).TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + "s";
                rows.Add([new string(' ', 2 * depth[n.Name]) + n.DisplayName, n.Type.ToString(), n.Phase.ToString(), duration, n.Message]);
            }

            if (interactive)
            {
                var table = new Table().AddColumns("NODE", "TYPE", "PHASE", "DURATION", "MESSAGE");
                foreach (var r in rows)
                {
                    table.AddRow(r.Select(x => Markup.Escape(x)).ToArray());
                }

                AnsiConsole.Write(table);
            }
            else
            {
                context.Out(string.Empty);
                var widths = Enumerable.Range(0, 4).Select(i => Math.Max(new[] { "NODE", "TYPE", "PHASE", "DURATION" }[i].Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
                context.Out(string.Join("  ", new[] { "NODE", "TYPE", "PHASE", "DURATION" }.Select((h, i) => h.PadRight(widths[i]))) + "  MESSAGE");
                foreach (var r in rows)
                {
                    context.Out((string.Join("  ", r.Take(4).Select((h, i) => h.PadRight(widths[i]))) + "  " + r[4]).TrimEnd());
                }
            }

            foreach (var c in report.CannotRun)
            {
                context.Err("cannot run here: " + c);
            }

            foreach (var w in report.Warnings)
            {
                context.Err("warning: " + w);
            }

            context.Err($"workflow {report.WorkflowName}: {report.Phase}{(report.Message.Length > 0 ? " (" + report.Message + ")" : string.Empty)}");
            context.Err("run folder: " + context.Display(report.RunDirectory));
        }
    }
}

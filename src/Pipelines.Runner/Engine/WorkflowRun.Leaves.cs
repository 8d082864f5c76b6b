using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Pipelines.Argo.Model;

namespace Pipelines.Runner.Engine;

internal sealed partial class WorkflowRun
{
    private const int MaxResultBytes = 262_144;

    private sealed class LeafJob(CancellationTokenSource cts, DateTimeOffset? deadline, WorkflowRun run, string node)
    {
        public CancellationTokenSource Cts { get; } = cts;

        public DateTimeOffset? Deadline { get; } = deadline;

        public string? KillReason { get; private set; }

        public bool KilledAsDaemonEnd { get; set; }

        public void Kill(string reason)
        {
            if (KillReason is null)
            {
                KillReason = reason;
                Cts.Cancel();
                run.Changed(run._nodes[node]);
            }
        }
    }

    private void StartLeaf(RunNode node, Invocation call)
    {
        var tmpl = node.Resolved!;
        if (Blocked(call.InExitHandler))
        {
            SetPhase(node, NodePhase.Failed, BlockedMessage);
            return;
        }

        if (_replay.TryGetValue(node.Name, out var record) && record.Phase is "Succeeded" or "Failed" or "Error")
        {
            node.Replayed = true;
            node.Outputs = record.ToOutputs();
            SetPhase(node, Enum.Parse<NodePhase>(record.Phase!), record.Message ?? string.Empty);
            ExportGlobals(node, tmpl);
            return;
        }

        var executor = _options.Executors.FirstOrDefault(e => e.CanRun(tmpl, node));
        if (executor is null)
        {
            var kind = tmpl.Container is not null ? "container" : tmpl.Script is not null ? "script" : tmpl.Resource is not null ? "resource" : tmpl.Http is not null ? "HTTP" : tmpl.Data is not null ? "data" : tmpl.ContainerSet is not null ? "containerSet" : tmpl.Plugin is not null ? "plugin" : "unknown";
            var hint = kind is "container" or "script"
                ? "run with --host to run container and script templates as processes on this machine"
                : "it needs a cluster";
            var message = $"cannot run template '{tmpl.Name ?? "(inline)"}' ({kind}) locally: {hint}; or give its outputs with --mock {tmpl.Name ?? "TEMPLATE"}=...";
            SetPhase(node, NodePhase.Error, message);
            CannotRun.Add(message);
            return;
        }

        var work = Path.Combine(_options.RunDirectory, "nodes", node.Id);
        Directory.CreateDirectory(work);
        var request = new LeafRequest(node, tmpl, work, call.CaptureResult, PodName(node.Name, tmpl.Name));
        request.Volumes["__run"] = _options.RunDirectory;
        foreach (var v in _spec.Volumes ?? [])
        {
            if (v.Name is not null)
            {
                request.Volumes[v.Name] = Path.Combine(_options.RunDirectory, "volumes", v.Name);
            }
        }

        foreach (var v in _spec.VolumeClaimTemplates ?? [])
        {
            if (v.Metadata?.Name is { } vn)
            {
                request.Volumes[vn] = Path.Combine(_options.RunDirectory, "volumes", vn);
            }
        }

        foreach (var v in tmpl.Volumes ?? [])
        {
            if (v.Name is not null)
            {
                request.Volumes[v.Name] = Path.Combine(work, "volumes", v.Name);
            }
        }

        foreach (var a in tmpl.Inputs?.Artifacts ?? [])
        {
            if (a.Name is null)
            {
                continue;
            }

            var arg = call.Arguments?.Artifacts?.FirstOrDefault(x => x.Name == a.Name);
            var from = arg?.From ?? a.From;
            var raw = arg?.Raw?.Data ?? a.Raw?.Data;
            if (from is not null && _artifacts.TryResolve(from, out var local))
            {
                var subPath = arg?.SubPath ?? a.SubPath;
                if (!string.IsNullOrEmpty(subPath))
                {
                    local = Path.Combine(local, subPath);
                }

                request.InputArtifacts[a.Name] = local;
            }
            else if (raw is not null)
            {
                var file = Path.Combine(work, "raw-" + a.Name);
                File.WriteAllText(file, raw);
                request.InputArtifacts[a.Name] = file;
            }
            else if (a.Optional != true && (arg?.Optional != true))
            {
                var reason = from is not null ? $"artifact '{from}' is not in the local artifact repository" : "only artifacts passed with 'from' and raw artifacts are available locally";
                SetPhase(node, NodePhase.Error, $"input artifact '{a.Name}': {reason}");
                CannotRun.Add($"template '{tmpl.Name}': input artifact '{a.Name}' ({reason})");
                return;
            }
        }

        DateTimeOffset? deadline = null;
        if (!string.IsNullOrEmpty(tmpl.Timeout) && Durations.TryParse(tmpl.Timeout, out var timeout))
        {
            deadline = node.StartedAt + timeout;
        }
        else if (tmpl.ActiveDeadlineSeconds is { } ads && long.TryParse(ads.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            deadline = Now.AddSeconds(seconds);
        }

        var cts = new CancellationTokenSource();
        var job = new LeafJob(cts, deadline, this, node.Name);
        _jobs[node.Name] = job;
        SetPhase(node, NodePhase.Running);
        if (tmpl.Daemon == true)
        {
            CountActive(node, -1);
            node.Daemoned = true;
            CountActive(node, +1);
            Changed(node);
        }

        if (deadline is { } d)
        {
            Wake(d);
        }

        var name = node.Name;
        _ = Task.Run(async () =>
        {
            LeafResult result;
            try
            {
                result = await executor.RunAsync(request, cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                result = new LeafResult { Phase = NodePhase.Failed, ExitCode = 137, Message = "killed" };
            }
#pragma warning disable CA1031 // An executor failure is the node's Error, never the runner's crash.
            catch (Exception e)
#pragma warning restore CA1031
            {
                result = new LeafResult { Phase = NodePhase.Error, Message = "executor failed: " + e.Message };
            }

            _completions.Enqueue((name, result));
            _signal.Release();
        });
    }

    /// <summary>Reasons templates could not run here (for the corpus report).</summary>
    public List<string> CannotRun { get; } = [];

    private void AdvanceLeaf(RunNode node)
    {
        if (_jobs.TryGetValue(node.Name, out var job) && job.Deadline is { } d)
        {
            if (Now >= d)
            {
                job.Kill("Pod was active on the node longer than the specified deadline");
            }
            else
            {
                Wake(d);
            }
        }
    }

    private void ApplyCompletions()
    {
        while (_completions.TryDequeue(out var item))
        {
            var node = _nodes[item.Node];
            _jobs.Remove(item.Node, out var job);
            var result = item.Result;
            var tmpl = node.Resolved!;
            var outputs = new NodeOutputs();
            if (result.ExitCode is { } code)
            {
                outputs.ExitCode = code.ToString(CultureInfo.InvariantCulture);
            }

            if ((node.Call?.CaptureResult == true || tmpl.Data is not null || tmpl.Http is not null) && result.Stdout is { } stdout)
            {
                outputs.Result = TrimResult(stdout);
            }

            var phase = result.Phase;
            var message = result.Message;
            if (result.CannotRunReason is { } reason)
            {
                CannotRun.Add($"template '{tmpl.Name}': {reason}");
            }

            if (job?.KillReason is { } kill)
            {
                phase = job.KilledAsDaemonEnd ? NodePhase.Succeeded : NodePhase.Failed;
                message = job.KilledAsDaemonEnd ? string.Empty : kill;
            }
            else if (tmpl.Daemon == true && phase == NodePhase.Succeeded)
            {
                phase = NodePhase.Failed;
                message = "daemon exited";
            }

            foreach (var p in tmpl.Outputs?.Parameters ?? [])
            {
                if (p.Name is null || p.ValueFrom is null)
                {
                    continue;
                }

                if (result.Parameters.TryGetValue(p.Name, out var value))
                {
                    outputs.Parameters.Add(new KeyValuePair<string, string>(p.Name, value));
                }
                else if (p.ValueFrom.Default is { } def)
                {
                    outputs.Parameters.Add(new KeyValuePair<string, string>(p.Name, def.Text));
                }
                else if (p.ValueFrom.Path is not null && phase == NodePhase.Succeeded)
                {
                    phase = NodePhase.Error;
                    message = $"wait: failed to read output parameter '{p.Name}' from {p.ValueFrom.Path}: no such file or directory";
                }
            }

            foreach (var a in tmpl.Outputs?.Artifacts ?? [])
            {
                if (a.Name is null)
                {
                    continue;
                }

                if (result.Artifacts.TryGetValue(a.Name, out var local) && (File.Exists(local) || Directory.Exists(local)))
                {
                    var key = _artifacts.Store(node.Id, a.Name, local);
                    outputs.Artifacts.Add(new KeyValuePair<string, string>(a.Name, key));
                }
                else if (a.Optional != true && phase == NodePhase.Succeeded)
                {
                    phase = NodePhase.Error;
                    message = $"wait: output artifact '{a.Name}' not found at {a.Path}";
                }
            }

            node.Outputs = outputs;
            node.Daemoned = node.Daemoned && phase == NodePhase.Running;
            CountActive(node, -1);
            node.Daemoned = false;
            CountActive(node, +1);
            SetPhase(node, phase, message);
            ExportGlobals(node, tmpl);
            SaveMemoIfDone(node);
            ReleaseLock(node);
            if (!_options.Stop.IsCancellationRequested || node.InExitHandler)
            {
                _journal?.Write(JournalRecord.FromNode(node));
            }
        }
    }

    private static string TrimResult(string stdout)
    {
        var text = stdout.EndsWith('\n') ? stdout[..^1] : stdout;
        if (Encoding.UTF8.GetByteCount(text) > MaxResultBytes)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            text = Encoding.UTF8.GetString(bytes, bytes.Length - MaxResultBytes, MaxResultBytes);
        }

        return text;
    }

    /// <summary>STEP-07/MISC-01: kills daemoned children of a fulfilled steps/DAG node and marks them Succeeded.</summary>
    private void KillDaemons(RunNode boundary)
    {
        foreach (var n in _order.Where(n => n.Boundary == boundary.Name && n.Daemoned && n.Phase == NodePhase.Running).ToList())
        {
            if (_jobs.TryGetValue(n.Name, out var job))
            {
                job.KilledAsDaemonEnd = true;
                job.Kill("daemon stopped");
            }
        }
    }
}

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

    /// <summary>The wall problems of each resolved template (a template without tags or inputs resolves to itself, once per run).</summary>
    private readonly Dictionary<Template, List<WallCheck.Problem>> _templateWall = new(ReferenceEqualityComparer.Instance);

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

        // The run folder is a wall (docs/runner.md): the substituted template is checked again, since parameters can
        // build names and paths the manifest check could not see.
        if (!_templateWall.TryGetValue(tmpl, out var templateProblems))
        {
            templateProblems = WallCheck.Template(tmpl, "template '" + (tmpl.Name ?? "(inline)") + "'", resolved: true).ToList();
            _templateWall[tmpl] = templateProblems;
        }

        var wallProblems = call.Arguments is null
            ? templateProblems
            : templateProblems.Concat(WallCheck.Arguments(call.Arguments, "arguments", resolved: true)).ToList();
        if (wallProblems.Count > 0)
        {
            SetPhase(node, NodePhase.Error, "refused: " + string.Join("; ", wallProblems.Select(p => p.Message + " [" + p.Path + "]")));
            return;
        }

        // Executors that need the folder create it (in-process ones do not).
        var work = Path.Combine(_options.RunDirectory, "nodes", node.Id);
        var request = new LeafRequest(node, tmpl, work, call.CaptureResult, PodName(node.Name, tmpl.Name))
        {
            RunDirectory = _options.RunDirectory,
            Environment = ResolveEnvironment(tmpl, node),
        };
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
            string local;
            try
            {
                if (from is null || !_artifacts.TryResolve(from, out local))
                {
                    local = string.Empty;
                }
            }
            catch (RunWallException e)
            {
                SetPhase(node, NodePhase.Error, $"input artifact '{a.Name}': refused: {e.Message}");
                return;
            }

            if (local.Length > 0)
            {
                var subPath = arg?.SubPath ?? a.SubPath;
                if (!string.IsNullOrEmpty(subPath))
                {
                    local = Path.Combine(local, subPath);
                    if (!RunWall.IsDescendingPath(subPath) || !RunWall.IsInside(_options.RunDirectory, local))
                    {
                        SetPhase(node, NodePhase.Error, $"input artifact '{a.Name}': refused: subPath '{WallCheck.Escape(subPath)}' leaves the artifact");
                        return;
                    }
                }

                request.InputArtifacts[a.Name] = local;
            }
            else if (raw is not null)
            {
                var file = Path.Combine(work, "raw-" + a.Name);
                Directory.CreateDirectory(work);
                if (!RunWall.IsInside(work, file))
                {
                    SetPhase(node, NodePhase.Error, $"input artifact '{WallCheck.Escape(a.Name)}': refused: its name would put the raw artifact outside the node's folder");
                    return;
                }

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
            _doneVersion++;
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

    /// <summary>
    /// The container's <c>env</c> with <c>valueFrom</c> resolved: <c>secretKeyRef</c> from <c>--secret</c>/<c>--secret-file</c>
    /// (a missing one is empty, with a warning that names the secret and how to supply it, never its value),
    /// <c>configMapKeyRef</c> from the run's ConfigMaps, <c>fieldRef</c> <c>metadata.name</c>/<c>metadata.namespace</c>.
    /// </summary>
    private List<KeyValuePair<string, string>> ResolveEnvironment(Template tmpl, RunNode node)
    {
        var list = new List<KeyValuePair<string, string>>();
        foreach (var e in tmpl.Container?.Env ?? tmpl.Script?.Env ?? [])
        {
            if (e.Name is null)
            {
                continue;
            }

            var value = e.Value;
            if (value is null && e.ValueFrom is { } from)
            {
                if (from.SecretKeyRef is { } secret)
                {
                    if (secret.Name is not null && secret.Key is not null && _options.Secrets.TryGetValue(secret.Name + "." + secret.Key, out var sv))
                    {
                        value = sv;
                    }
                    else if (secret.Optional != true)
                    {
                        Warn($"env {e.Name} of template '{tmpl.Name ?? "(inline)"}' reads key '{secret.Key}' of secret '{secret.Name}', which this run was not given, so it is empty; supply it with --secret {secret.Name}.{secret.Key}=VALUE or --secret-file FILE (lines {secret.Name}.{secret.Key}=VALUE)");
                    }
                }
                else if (from.ConfigMapKeyRef is { } cm)
                {
                    value = ConfigMapValue(cm.Name, cm.Key);
                    if (value is null && cm.Optional != true)
                    {
                        Warn($"env {e.Name} of template '{tmpl.Name ?? "(inline)"}' reads key '{cm.Key}' of ConfigMap '{cm.Name}', which is not in the workflow's files, so it is empty; pass the ConfigMap's file with --with FILE");
                    }
                }
                else if (from.FieldRef?.FieldPath is { } field)
                {
                    value = field switch
                    {
                        "metadata.name" => PodName(node.Name, tmpl.Name),
                        "metadata.namespace" => _wf.Metadata?.Namespace ?? "default",
                        "spec.nodeName" => "localhost",
                        "status.podIP" or "status.hostIP" => "127.0.0.1",
                        _ => null,
                    };
                }
            }

            if (value is not null || e.ValueFrom?.SecretKeyRef is null || e.ValueFrom.SecretKeyRef.Optional != true)
            {
                list.Add(new KeyValuePair<string, string>(e.Name, value ?? string.Empty));
            }
        }

        return list;
    }

    private void Warn(string message)
    {
        if (!Warnings.Contains(message))
        {
            Warnings.Add(message);
        }
    }

    /// <summary>Warnings for the user (for example a secret the run was not given); never secret values.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Reasons templates could not run here (for the corpus report).</summary>
    public List<string> CannotRun { get; } = [];

    private void AdvanceLeaf(RunNode node)
    {
        // Deadlines of running leaves are enforced by CheckLeafDeadlines on every loop.
    }

    /// <summary>TMO-01/TMO-02: kills leaves past their own deadline; schedules a wake-up for the others.</summary>
    private void CheckLeafDeadlines()
    {
        foreach (var job in _jobs.Values)
        {
            if (job.Deadline is { } d)
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
    }

    private void ApplyCompletions()
    {
        var journaled = false;
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
                if (p.Name is not null && p.ValueFrom is null && p.Value is { } literal)
                {
                    // executor.go SaveParameters skips parameters without valueFrom.path and reports the template's
                    // outputs as they are, so a (substituted) `value:` is an output of the leaf.
                    outputs.Parameters.Add(new KeyValuePair<string, string>(p.Name, literal.Text));
                    continue;
                }

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
                    try
                    {
                        var key = _artifacts.Store(node.Id, a.Name, local);
                        outputs.Artifacts.Add(new KeyValuePair<string, string>(a.Name, key));
                    }
                    catch (RunWallException e)
                    {
                        phase = NodePhase.Error;
                        message = $"output artifact '{a.Name}': refused: {e.Message}";
                    }
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
            if (_taskByNode.Count > 0)
            {
                // Fulfilled may have changed with Daemoned even when SetPhase below changes nothing.
                TaskNodeChanged(node);
            }

            SetPhase(node, phase, message);
            ExportGlobals(node, tmpl);
            SaveMemoIfDone(node);
            ReleaseLock(node);
            if (!_options.Stop.IsCancellationRequested || node.InExitHandler)
            {
                _journal?.Write(JournalRecord.FromNode(node), flush: false);
                journaled = true;
            }
        }

        if (journaled)
        {
            // One flush for the batch, before the pass that acts on these completions.
            _journal?.Flush();
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

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Pipelines.Argo.Model;

namespace Pipelines.Runner.Engine;

/// <summary>
/// One execution of a workflow: the controller loop of ARGO-SEMANTICS.md section 0 (EXEC-00). Each pass re-walks the
/// tree from the entrypoint, creating every node whose preconditions hold; passes repeat until nothing changes, then
/// the run waits for the next event (a process exit, a timer, a stop).
/// </summary>
internal sealed partial class WorkflowRun
{
    private const int MaxDepth = 100;

    private readonly Workflow _wf;
    private readonly WorkflowSpec _spec;

    /// <summary>spec.arguments with the -p overrides applied: what the entrypoint, hooks and the exit handler receive.</summary>
    private readonly Arguments? _arguments;
    private readonly RunOptions _options;
    private readonly IRunClock _clock;
    private readonly Dictionary<string, RunNode> _nodes = new(StringComparer.Ordinal);
    private readonly List<RunNode> _order = [];
    private readonly Dictionary<string, Template> _templates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Template> _merged = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, WorkflowTemplate> _workflowTemplates;
    private readonly ConcurrentQueue<(string Node, LeafResult Result)> _completions = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly Dictionary<string, LeafJob> _jobs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _activeChildren = new(StringComparer.Ordinal);
    private readonly Journal? _journal;
    private readonly Dictionary<string, JournalRecord> _replay;
    private readonly Locks _locks = new();
    private readonly MemoCache _memo;
    private readonly ArtifactRepository _artifacts;
    private readonly Dictionary<string, bool> _resultRefs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _firedWorkflowHooks = new(StringComparer.Ordinal);
    private int _activePods;

    /// <summary>How many nodes are Failed or Error now (kept by CreateNode and SetPhase, the only writers of a phase).</summary>
    private int _failedNodes;

    /// <summary>How many times CreateNode replaced a node of the same name (remembered node references check it).</summary>
    private int _nodeReplacements;
    private long _version;

    /// <summary>Bumped by events that can let a node start or finish (fulfilled phases, timers, stop); DAGs skip passes without one.</summary>
    private long _doneVersion;
    private DateTimeOffset? _nextWake;
    private bool _firstPass = true;
    private bool _stopping;
    private bool _pastDeadline;
    private DateTimeOffset? _deadline;

    public WorkflowRun(Workflow wf, IReadOnlyDictionary<string, WorkflowTemplate> workflowTemplates, RunOptions options, string name, Dictionary<string, JournalRecord>? replay)
    {
        _wf = wf;
        _spec = wf.Spec ?? new WorkflowSpec();
        _options = options;
        _arguments = Overridden(_spec.Arguments, options.Parameters);
        _clock = options.Clock;
        _workflowTemplates = workflowTemplates;
        Name = name;
        _replay = replay ?? new Dictionary<string, JournalRecord>(StringComparer.Ordinal);
        foreach (var t in _spec.Templates ?? [])
        {
            if (t.Name is not null)
            {
                _templates[t.Name] = t;
            }
        }

        Directory.CreateDirectory(options.RunDirectory);
        _journal = options.Journal ? new Journal(Path.Combine(options.RunDirectory, "journal.jsonl")) : null;
        _memo = new MemoCache(options.MemoDirectory ?? Path.Combine(options.RunDirectory, "memo"));
        _artifacts = new ArtifactRepository(Path.Combine(options.RunDirectory, "artifacts"), options.RunDirectory);
        Globals = new Scope();
    }

    public string Name { get; }


    public Scope Globals { get; }

    public string Phase { get; private set; } = string.Empty;

    public string Message { get; private set; } = string.Empty;

    public bool Suspended { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    public IReadOnlyList<RunNode> Nodes => _order;

    public List<KeyValuePair<string, string>> GlobalOutputs { get; } = [];

    public RunNode? Node(string name) => _nodes.TryGetValue(name, out var n) ? n : null;

    private DateTimeOffset Now => _clock.UtcNow;

    public async Task RunAsync()
    {
        try
        {
            await RunCoreAsync().ConfigureAwait(false);
        }
        catch (TooManyNodesException e)
        {
            // A bound of this machine, not an Argo outcome: the run ends Error and says how to lift the bound.
            Phase = "Error";
            Message = e.Message;
            FinishedAt = Now;
            foreach (var job in _jobs.Values)
            {
                job.Kill("runner stopped: too many nodes");
            }

            _journal?.Dispose();
        }
#pragma warning disable CA1031 // A bug in the engine ends the run with Error and a message, never a crash.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Phase = "Error";
            Message = "internal runner error: " + e.GetType().Name + ": " + e.Message + " (please report this with the workflow)";
            FinishedAt = Now;
            foreach (var job in _jobs.Values)
            {
                job.Kill("runner stopped");
            }

            _journal?.Dispose();
        }
    }

    private async Task RunCoreAsync()
    {
        StartedAt = Truncate(Now);
        if (_spec.ActiveDeadlineSeconds is { } ads)
        {
            _deadline = StartedAt.AddSeconds(ads);
        }

        if (!InitGlobals(out var globalError))
        {
            Phase = "Failed";
            Message = "failed to set global parameters: " + globalError;
            FinishedAt = Now;
            return;
        }

        if (!ApplyWorkflowMetadata(out var metadataError))
        {
            Phase = "Error"; // operator.go: updateWorkflowMetadata's error goes to markWorkflowError
            Message = metadataError;
            FinishedAt = Now;
            return;
        }

        if (_spec.Synchronization is { } wfSync && !_locks.TryAcquire(Name, wfSync, _wf.Metadata?.Namespace ?? "default", _options.ConfigMaps, out var lockError, out _))
        {
            Phase = "Failed";
            Message = "Failed to acquire the synchronization lock. " + lockError;
            FinishedAt = Now;
            return;
        }

        Phase = "Running";
        using var stopRegistration = _options.Stop.Register(() => _signal.Release());
        while (true)
        {
            // Passes until nothing changes (EXEC-00).
            long before;
            var guard = 0;
            do
            {
                before = Interlocked.Read(ref _version);
                if (_nextWake is { } wake && Now >= wake)
                {
                    _doneVersion++;
                }

                ApplyCompletions();
                _nextWake = null;
                ApplyExecutionControl();
                CheckLeafDeadlines();
                Pass();
                _firstPass = false;
                if (Phase is "Succeeded" or "Failed" or "Error")
                {
                    _locks.ReleaseAll(Name);
                    _journal?.Dispose();
                    return;
                }
            }
            while (Interlocked.Read(ref _version) != before && ++guard < 100_000);

            if (_jobs.Count == 0 && _completions.IsEmpty && _nextWake is null && !_options.Stop.IsCancellationRequested)
            {
                // Nothing can move any more: only indefinitely suspended nodes (SUS-01) remain.
                Suspended = true;
                var waiting = _order.Where(n => n.Type == NodeType.Suspend && n.Phase == NodePhase.Running).Select(n => n.DisplayName).ToList();
                Message = waiting.Count > 0
                    ? "suspended at " + string.Join(", ", waiting) + "; resume it with 'pipelines resume RUN --resume-suspended' (or run with --resume-suspended)"
                    : "the workflow cannot make progress (nothing is running and nothing is scheduled)";
                _journal?.Dispose();
                return;
            }

            await WaitForEventAsync().ConfigureAwait(false);
        }
    }

    private async Task WaitForEventAsync()
    {
        if (!_completions.IsEmpty || (_options.Stop.IsCancellationRequested && !_stopping))
        {
            return;
        }

        if (_nextWake is { } wake)
        {
            if (_jobs.Count == 0 || _clock is VirtualClock)
            {
                if (_clock is VirtualClock && _jobs.Count > 0)
                {
                    // Let in-process jobs finish first; advance virtual time only when idle.
                    if (await _signal.WaitAsync(TimeSpan.FromMilliseconds(50)).ConfigureAwait(false))
                    {
                        return;
                    }
                }

                await _clock.DelayUntilAsync(wake, CancellationToken.None).ConfigureAwait(false);
                return;
            }

            using var cts = new CancellationTokenSource();
            var delay = _clock.DelayUntilAsync(wake, cts.Token);
            var signal = _signal.WaitAsync(cts.Token);
            await Task.WhenAny(delay, signal).ConfigureAwait(false);
            await cts.CancelAsync().ConfigureAwait(false);
            try
            {
                await Task.WhenAll(delay, signal).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            return;
        }

        // Each completion releases the semaphore once, but a pass applies every completion queued by then, so a count
        // can outlive its completion: waking on it would only run a pass with nothing to do. Wait until a completion
        // (or the stop) is really there.
        do
        {
            await _signal.WaitAsync().ConfigureAwait(false);
        }
        while (_completions.IsEmpty && !_options.Stop.IsCancellationRequested);
    }

    private void Wake(DateTimeOffset at)
    {
        if (_nextWake is null || at < _nextWake)
        {
            _nextWake = at;
        }
    }

    private static DateTimeOffset Truncate(DateTimeOffset t) => new(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private void Changed(RunNode node)
    {
        Interlocked.Increment(ref _version);
        if (_taskByNode.Count > 0)
        {
            TaskNodeChanged(node);
        }

        _options.OnNodeChanged?.Invoke(node);
    }

    // ---- Globals (section 20.1) -------------------------------------------------------------------

    private bool InitGlobals(out string error)
    {
        error = string.Empty;
        var meta = _wf.Metadata ?? new ObjectMeta();
        var created = StartedAt;
        Globals.Set("workflow.name", Name);
        Globals.Set("workflow.namespace", meta.Namespace ?? "default");
        Globals.Set("workflow.uid", DeterministicUid(Name));
        Globals.Set("workflow.mainEntrypoint", _options.Entrypoint ?? _spec.Entrypoint ?? string.Empty);
        Globals.Set("workflow.serviceAccountName", _spec.ServiceAccountName ?? string.Empty);
        if (_spec.Priority is { } prio)
        {
            Globals.Set("workflow.priority", prio.ToString(CultureInfo.InvariantCulture));
        }

        var ts = created.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        Globals.Set("workflow.creationTimestamp", ts);
        Globals.Set("workflow.creationTimestamp.RFC3339", ts);
        Globals.Set("workflow.creationTimestamp.s", created.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        var c = created.UtcDateTime;
        (string Key, string Value)[] strf =
        [
            ("Y", c.ToString("yyyy", CultureInfo.InvariantCulture)), ("y", c.ToString("yy", CultureInfo.InvariantCulture)),
            ("m", c.ToString("MM", CultureInfo.InvariantCulture)), ("d", c.ToString("dd", CultureInfo.InvariantCulture)),
            ("H", c.ToString("HH", CultureInfo.InvariantCulture)), ("I", c.ToString("hh", CultureInfo.InvariantCulture)),
            ("M", c.ToString("mm", CultureInfo.InvariantCulture)), ("S", c.ToString("ss", CultureInfo.InvariantCulture)),
            ("B", c.ToString("MMMM", CultureInfo.InvariantCulture)), ("b", c.ToString("MMM", CultureInfo.InvariantCulture)),
            ("A", c.ToString("dddd", CultureInfo.InvariantCulture)), ("a", c.ToString("ddd", CultureInfo.InvariantCulture)),
            ("p", c.ToString("tt", CultureInfo.InvariantCulture)), ("Z", "UTC"), ("z", "+0000"), ("L", c.ToString("fff", CultureInfo.InvariantCulture)),
        ];
        foreach (var (k, v) in strf)
        {
            Globals.Set("workflow.creationTimestamp." + k, v);
        }

        if (meta.Annotations is { } ann && ann.TryGetValue("workflows.argoproj.io/scheduled-time", out var st))
        {
            Globals.Set("workflow.scheduledTime", st);
        }

        AddMap("workflow.labels", meta.Labels);
        AddMap("workflow.annotations", meta.Annotations);

        var parameters = new List<Dictionary<string, object?>>();
        foreach (var p in _spec.Arguments?.Parameters ?? [])
        {
            if (p.Name is null)
            {
                continue;
            }

            string? value;
            if (_options.Parameters.TryGetValue(p.Name, out var overridden))
            {
                value = overridden;
            }
            else if (p.Value is not null)
            {
                value = p.Value.Text;
            }
            else if (p.ValueFrom?.ConfigMapKeyRef is { } cm)
            {
                value = ConfigMapValue(cm.Name, cm.Key) ?? p.ValueFrom.Default?.Text;
                if (value is null)
                {
                    error = $"ConfigMap '{cm.Name}' key '{cm.Key}' not found (put the ConfigMap in the workflow's file or pass its file with --with FILE)";
                    CannotRun.Add($"workflow argument '{p.Name}': ConfigMap '{cm.Name}' is not available locally");
                    return false;
                }
            }
            else
            {
                value = p.Default?.Text;
            }

            if (value is null)
            {
                // An argument without a value (e.g. meant to be given at submit time) is left unresolved.
                continue;
            }

            Globals.Set("workflow.parameters." + p.Name, value);
            parameters.Add(new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = p.Name, ["value"] = value });
        }

        var json = Expressions.Expr.ToJson(parameters.Cast<object?>().ToList());
        Globals.Set("workflow.parameters", json);
        Globals.Set("workflow.parameters.json", json);
        Globals.Set("workflow.status", string.Empty);
        Globals.Set("workflow.duration", "0.000000");
        Globals.Set("workflow.failures", "\"null\"");
        return true;
    }

    /// <summary>The workflow's arguments with overridden parameter values (as <c>argo submit -p</c> sets them).</summary>
    private static Arguments? Overridden(Arguments? arguments, IDictionary<string, string> overrides)
    {
        if (arguments?.Parameters is not { } parameters || overrides.Count == 0)
        {
            return arguments;
        }

        return new Arguments
        {
            Artifacts = arguments.Artifacts,
            Parameters = parameters
                .Select(p => p.Name is { } n && overrides.TryGetValue(n, out var v) ? new Parameter { Name = n, Value = v, Description = p.Description } : p)
                .ToList(),
        };
    }

    private void AddMap(string prefix, OrderedMap<string>? map)
    {
        var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in map ?? new OrderedMap<string>())
        {
            Globals.Set(prefix + "." + p.Key, p.Value);
            dict[p.Key] = p.Value;
        }

        var json = Expressions.Expr.ToJson(dict);
        Globals.Set(prefix, json);
        Globals.Set(prefix + ".json", json);
    }

    internal string? ConfigMapValue(string? name, string? key) =>
        name is not null && key is not null && _options.ConfigMaps.TryGetValue(name, out var cm) && cm.TryGetValue(key, out var v) ? v : null;

    private static string DeterministicUid(string name)
    {
        var h1 = Fnv32(name);
        var h2 = Fnv32(name + "/uid");
        return string.Create(CultureInfo.InvariantCulture, $"{h1:x8}-{h2 >> 16:x4}-4{h2 & 0xfff:x3}-8{h1 >> 20:x3}-{h1:x8}{h2 & 0xffff:x4}");
    }

    internal static uint Fnv32(string text)
    {
        var hash = 2166136261u;

        // At most 3 UTF-8 bytes per UTF-16 unit (a lone surrogate becomes U+FFFD as GetBytes(string) makes it).
        var buffer = text.Length <= 256 ? stackalloc byte[text.Length * 3] : new byte[text.Length * 3];
        var length = Encoding.UTF8.GetBytes(text, buffer);
        foreach (var b in buffer[..length])
        {
            hash ^= b;
            hash *= 16777619u;
        }

        return hash;
    }

    internal string NodeId(string nodeName) => nodeName == Name ? Name : Name + "-" + Fnv32(nodeName).ToString(CultureInfo.InvariantCulture);

    internal string PodName(string nodeName, string? templateName)
    {
        var hash = Fnv32(nodeName).ToString(CultureInfo.InvariantCulture);
        if (nodeName == Name)
        {
            return Name;
        }

        var prefix = templateName is null ? Name : Name + "-" + templateName;
        if (prefix.Length > 242)
        {
            prefix = prefix[..242];
        }

        return prefix + "-" + hash;
    }

    // ---- Node creation and phases -----------------------------------------------------------------

    private RunNode CreateNode(string name, NodeType type, NodePhase phase, string? templateName, string? parent, string? boundary, string message = "")
    {
        if (_order.Count >= _options.MaxNodes)
        {
            throw new TooManyNodesException($"the workflow created more than {_options.MaxNodes.ToString(CultureInfo.InvariantCulture)} nodes, where the local runner stops (unbounded recursion or fan-out?); at node '{name}'. If the workflow really is this large, raise the bound with --max-nodes N");
        }

        var display = DisplayName(name, boundary);
        var node = new RunNode(NodeId(name), name, display, type, phase, Truncate(Now))
        {
            TemplateName = templateName,
            Parent = parent,
            Boundary = boundary,
            Message = message,
        };
        if (node.Fulfilled)
        {
            node.FinishedAt = node.StartedAt;
            _doneVersion++;
        }

        if (_nodes.ContainsKey(name))
        {
            _nodeReplacements++;
        }

        _nodes[name] = node;
        _order.Add(node);
        if (node.FailedOrError)
        {
            _failedNodes++;
        }

        if (parent is not null && _nodes.TryGetValue(parent, out var p))
        {
            // Names are unique and a node is created once, so the child is new.
            p.Children.Add(name);
        }

        CountActive(node, +1);
        Changed(node);
        return node;
    }

    private static string DisplayName(string name, string? boundary)
    {
        if (boundary is null || !name.StartsWith(boundary, StringComparison.Ordinal) || name.Length == boundary.Length)
        {
            return name;
        }

        var rest = name[boundary.Length..];
        if (rest.StartsWith('.'))
        {
            return rest[1..];
        }

        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            if (close > 0 && close + 1 < rest.Length && rest[close + 1] == '.')
            {
                return rest[(close + 2)..];
            }
        }

        return rest;
    }

    /// <summary>node_counters.go: Pending or Running, daemoned pods included.</summary>
    private static bool IsActive(RunNode n) => n.Phase is NodePhase.Pending or NodePhase.Running;

    /// <summary>node_counters.go getActivePodsCounter: a pod waiting for a lock is not an active pod.</summary>
    private static bool WaitsForLock(RunNode n) => n.Phase == NodePhase.Pending && n.Message.StartsWith("Waiting for ", StringComparison.Ordinal);

    private void CountActive(RunNode node, int delta)
    {
        if (!IsActive(node))
        {
            return;
        }

        if (node.Type == NodeType.Pod && !WaitsForLock(node))
        {
            _activePods += delta;
        }

        if (node.Type is NodeType.Pod or NodeType.Steps or NodeType.DAG && node.Boundary is not null)
        {
            _activeChildren[node.Boundary] = (_activeChildren.TryGetValue(node.Boundary, out var c) ? c : 0) + delta;
        }
    }

    private void SetPhase(RunNode node, NodePhase phase, string? message = null)
    {
        if (node.Phase == phase && (message is null || message == node.Message))
        {
            return;
        }

        CountActive(node, -1);
        if (node.FailedOrError)
        {
            _failedNodes--;
        }

        node.Phase = phase;
        if (node.FailedOrError)
        {
            _failedNodes++;
        }

        if (message is not null)
        {
            node.Message = message;
        }

        if (node.Fulfilled && node.FinishedAt is null)
        {
            node.FinishedAt = Truncate(Now);
        }

        if (node.Fulfilled)
        {
            _doneVersion++;
        }

        CountActive(node, +1);
        Changed(node);
    }

    private RunNode ErrorNode(string name, string? parent, string? boundary, string message, string? templateName = null)
    {
        if (_nodes.TryGetValue(name, out var existing))
        {
            SetPhase(existing, NodePhase.Error, message);
            return existing;
        }

        return CreateNode(name, NodeType.Skipped, NodePhase.Error, templateName, parent, boundary, message);
    }

    // ---- The pass ---------------------------------------------------------------------------------

    private void Pass()
    {
        Globals.Set("workflow.status", _firstPass ? string.Empty : "Running");
        Globals.Set("workflow.duration", (Now - StartedAt).TotalSeconds.ToString("F6", CultureInfo.InvariantCulture));

        var entry = _options.Entrypoint ?? _spec.Entrypoint;
        var root = _nodes.GetValueOrDefault(Name);
        if (root is null || !root.Fulfilled)
        {
            if (entry is null || ResolveTemplate(entry, null, null, out var entryError) is not { } entryTemplate)
            {
                Phase = "Error";
                Message = "error in entry template execution: " + (entry is null ? "no entrypoint" : $"template '{entry}' not found");
                FinishedAt = Now;
                return;
            }

            _ = entryError;
            root = ExecuteTemplate(Name, new Invocation
            {
                Template = entryTemplate,
                Arguments = _arguments,
                Depth = 0,
            });
        }

        if (root is null)
        {
            return;
        }

        // SUB-09: after the root is evaluated, workflow.status is the root's mapped phase.
        var rootStatus = root.Fulfilled ? MapFinal(root.Phase) : "Running";
        Globals.Set("workflow.status", rootStatus);
        Globals.Set("workflow.failures", Failures());

        // HOOK-01: workflow-level lifecycle hooks.
        var hooksFulfilled = true;
        foreach (var hook in _spec.Hooks ?? new OrderedMap<LifecycleHook>())
        {
            if (hook.Key == "exit")
            {
                continue;
            }

            var hookName = Name + ".hooks." + hook.Key;
            if (!_firedWorkflowHooks.Contains(hook.Key))
            {
                if (_stopping || string.IsNullOrEmpty(hook.Value.Expression) || !EvalHookExpression(hook.Value.Expression, Globals))
                {
                    continue;
                }

                _firedWorkflowHooks.Add(hook.Key);
            }

            var hookNode = RunHook(hookName, hook.Value, Name, null, Globals, _arguments, inExit: false, depth: 1);
            if (hookNode is null || !hookNode.Fulfilled)
            {
                hooksFulfilled = false;
            }
        }

        if (!root.Fulfilled || !hooksFulfilled)
        {
            return;
        }

        // EXIT-01: the workflow exit handler.
        RunNode? exitNode = null;
        var exitTemplate = _spec.OnExit;
        LifecycleHook? exitHook = null;
        if (exitTemplate is null && _spec.Hooks is { } hooks && hooks.TryGetValue("exit", out var eh))
        {
            exitHook = eh;
        }

        if (exitTemplate is not null || exitHook is not null)
        {
            var hook = exitHook ?? new LifecycleHook { Template = exitTemplate };
            var args = exitTemplate is not null ? _arguments : hook.Arguments ?? _arguments;
            exitNode = RunHook(Name + ".onExit", hook, Name, null, Globals, args, inExit: true, depth: 1);
            if (exitNode is null || !exitNode.Fulfilled)
            {
                return;
            }
        }

        // FIN-01..03.
        var phase = MapFinal(root.Phase);
        var message = root.FailedOrError ? root.Message : string.Empty;
        if (phase == "Succeeded" && exitNode is not null && exitNode.FailedOrError)
        {
            phase = exitNode.Phase == NodePhase.Error ? "Error" : "Failed";
            message = exitNode.Message;
        }

        if (_stopping && phase != "Succeeded")
        {
            message = "Stopped with strategy 'Stop'";
        }

        Phase = phase;
        Message = message;
        FinishedAt = Truncate(Now);
        _journal?.Write(new JournalRecord { Kind = "finished", Phase = phase, Message = message });
    }

    private static string MapFinal(NodePhase phase) => phase switch
    {
        NodePhase.Failed => "Failed",
        NodePhase.Error => "Error",
        _ => "Succeeded",
    };

    private string Failures()
    {
        if (_failedNodes == 0)
        {
            return "\"null\"";
        }

        var failed = _order.Where(n => n.FailedOrError).ToList();

        var list = failed.Select(n => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["displayName"] = n.DisplayName,
            ["message"] = n.Message,
            ["templateName"] = n.TemplateName ?? string.Empty,
            ["phase"] = n.Phase.ToString(),
            // operator.go (the failures list): GeneratePodName for every failed node, whatever its type; a zero
            // metav1.Time marshals as null.
            ["podName"] = PodName(n.Name, n.TemplateName),
            ["finishedAt"] = n.FinishedAt?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        }).ToList();
        var sb = new StringBuilder();
        Expressions.Expr.WriteJson(sb, list, sortKeys: false);
        return System.Text.Json.JsonSerializer.Serialize(sb.ToString(), Expressions.JsonOptions.Relaxed);
    }

    // ---- Stop and deadline (SHUT-01, TMO-03) --------------------------------------------------------

    private void ApplyExecutionControl()
    {
        if (_options.Stop.IsCancellationRequested && !_stopping)
        {
            _stopping = true;
            _doneVersion++;
            foreach (var node in _order.ToList())
            {
                if (node.InExitHandler || node.Fulfilled)
                {
                    continue;
                }

                if (_jobs.TryGetValue(node.Name, out var job))
                {
                    job.Kill("workflow shutdown with strategy: Stop");
                }
                else if (node.Type is NodeType.Pod or NodeType.Suspend or NodeType.HTTP || (node.Type == NodeType.Pod && node.Phase == NodePhase.Pending))
                {
                    SetPhase(node, NodePhase.Failed, "Stopped with strategy 'Stop'");
                }
            }
        }

        if (_deadline is { } deadline)
        {
            if (Now >= deadline && !_pastDeadline)
            {
                _pastDeadline = true;
                _doneVersion++;
                foreach (var node in _order.ToList())
                {
                    if (node.InExitHandler || node.Fulfilled)
                    {
                        continue;
                    }

                    if (_jobs.TryGetValue(node.Name, out var job))
                    {
                        job.Kill("Step exceeded its deadline");
                    }
                    else if (node.Type is NodeType.Pod or NodeType.Suspend or NodeType.HTTP)
                    {
                        SetPhase(node, NodePhase.Failed, "Step exceeded its deadline");
                    }
                }
            }
            else if (!_pastDeadline)
            {
                Wake(deadline);
            }
        }
    }

    private sealed class TooManyNodesException(string message) : Exception(message);

    private bool Blocked(bool inExitHandler) => (_stopping || _pastDeadline) && !inExitHandler;

    private string BlockedMessage => _stopping ? "Stopped with strategy 'Stop'" : "Step exceeded its deadline";
}

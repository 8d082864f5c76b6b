using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Pipelines.Argo.Model;

namespace Pipelines.Runner;

/// <summary>Node phases (LC-01).</summary>
public enum NodePhase
{
    /// <summary>Created, not started.</summary>
    Pending,

    /// <summary>Running.</summary>
    Running,

    /// <summary>Succeeded.</summary>
    Succeeded,

    /// <summary>The user's process failed (non-zero exit, timeout, deadline, stop).</summary>
    Failed,

    /// <summary>Something else went wrong (bad substitution, missing input, executor failure).</summary>
    Error,

    /// <summary><c>when</c> false or an empty loop.</summary>
    Skipped,

    /// <summary><c>depends</c> false (DAG only).</summary>
    Omitted,
}

/// <summary>Node types (LC-02).</summary>
public enum NodeType
{
    /// <summary>A container, script, resource, data or container-set template.</summary>
    Pod,

    /// <summary>One container of a container set.</summary>
    Container,

    /// <summary>A steps template.</summary>
    Steps,

    /// <summary>One step group.</summary>
    StepGroup,

    /// <summary>A DAG template.</summary>
    DAG,

    /// <summary>A looped DAG task.</summary>
    TaskGroup,

    /// <summary>A template with a retry strategy.</summary>
    Retry,

    /// <summary>A suspend template.</summary>
    Suspend,

    /// <summary>A node that never ran (when false, empty loop, evaluation error).</summary>
    Skipped,

    /// <summary>An HTTP template.</summary>
    HTTP,

    /// <summary>A plugin template.</summary>
    Plugin,
}

/// <summary>The outputs of a node.</summary>
public sealed class NodeOutputs
{
    /// <summary><c>outputs.result</c>, when captured (OUT-01).</summary>
    public string? Result { get; set; }

    /// <summary><c>outputs.exitCode</c> (OUT-02).</summary>
    public string? ExitCode { get; set; }

    /// <summary>Output parameters in declaration order.</summary>
    public List<KeyValuePair<string, string>> Parameters { get; } = [];

    /// <summary>Output artifacts: name to the artifact's key in the local repository.</summary>
    public List<KeyValuePair<string, string>> Artifacts { get; } = [];

    /// <summary>The value of a parameter, or null.</summary>
    public string? Parameter(string name)
    {
        foreach (var p in Parameters)
        {
            if (p.Key == name)
            {
                return p.Value;
            }
        }

        return null;
    }

    /// <summary>A copy.</summary>
    public NodeOutputs Clone()
    {
        var c = new NodeOutputs { Result = Result, ExitCode = ExitCode };
        c.Parameters.AddRange(Parameters);
        c.Artifacts.AddRange(Artifacts);
        return c;
    }
}

/// <summary>One node of a run (the runner's counterpart of Argo's NodeStatus).</summary>
public sealed class RunNode
{
    internal RunNode(string id, string name, string displayName, NodeType type, NodePhase phase, DateTimeOffset now)
    {
        Id = id;
        Name = name;
        DisplayName = displayName;
        Type = type;
        Phase = phase;
        StartedAt = now;
    }

    /// <summary>The node ID (NM-04).</summary>
    public string Id { get; }

    /// <summary>The full node name (NM-01).</summary>
    public string Name { get; }

    /// <summary>The display name (NM-05).</summary>
    public string DisplayName { get; }

    /// <summary>The node type.</summary>
    public NodeType Type { get; internal set; }

    /// <summary>The phase.</summary>
    public NodePhase Phase { get; internal set; }

    /// <summary>The message (empty when none).</summary>
    public string Message { get; internal set; } = string.Empty;

    /// <summary>The template's name, when it has one.</summary>
    public string? TemplateName { get; internal set; }

    /// <summary>When the node was created.</summary>
    public DateTimeOffset StartedAt { get; internal set; }

    /// <summary>When the node became fulfilled.</summary>
    public DateTimeOffset? FinishedAt { get; internal set; }

    /// <summary>The names of the child nodes, in creation order.</summary>
    public List<string> Children { get; } = [];

    /// <summary>The parent node's name (null for the root and the workflow's exit handler and hooks' parent is the root).</summary>
    public string? Parent { get; internal set; }

    /// <summary>The name of the enclosing steps/DAG node (the boundary).</summary>
    public string? Boundary { get; internal set; }

    /// <summary>Resolved input parameters.</summary>
    public List<KeyValuePair<string, string>> Inputs { get; } = [];

    /// <summary>The outputs, when any.</summary>
    public NodeOutputs? Outputs { get; internal set; }

    /// <summary>A daemon that is running and ready.</summary>
    public bool Daemoned { get; internal set; }

    /// <summary>A retry attempt.</summary>
    public bool Retried { get; internal set; }

    /// <summary>An exit-handler or hook node.</summary>
    public bool Hooked { get; internal set; }

    /// <summary>Memoization: null when not memoized, else whether the cache was hit.</summary>
    public bool? MemoizationHit { get; internal set; }

    /// <summary>Replayed from the journal by <c>pipelines resume</c> (not run again).</summary>
    public bool Replayed { get; internal set; }

    /// <summary>Fulfilled (LC-01).</summary>
    public bool Fulfilled => Phase is NodePhase.Succeeded or NodePhase.Failed or NodePhase.Error or NodePhase.Skipped or NodePhase.Omitted || (Daemoned && Phase != NodePhase.Pending);

    /// <summary>Completed (LC-01).</summary>
    public bool Completed => Phase is NodePhase.Succeeded or NodePhase.Failed or NodePhase.Error;

    /// <summary>Failed or Error.</summary>
    public bool FailedOrError => Phase is NodePhase.Failed or NodePhase.Error;

    internal Invocation? Call { get; set; }

    internal Template? Resolved { get; set; }

    internal object? State { get; set; }

    internal bool InExitHandler { get; set; }

    /// <summary>Workflow folder for this node's files (host executor).</summary>
    internal int Depth { get; set; }
}

/// <summary>What a leaf executor is asked to run.</summary>
public sealed class LeafRequest
{
    /// <summary>Creates a request.</summary>
    public LeafRequest(RunNode node, Template template, string workDirectory, bool captureResult, string podName)
    {
        Node = node;
        Template = template;
        WorkDirectory = workDirectory;
        CaptureResult = captureResult;
        PodName = podName;
    }

    /// <summary>The node (read it, do not change it).</summary>
    public RunNode Node { get; }

    /// <summary>The fully substituted template.</summary>
    public Template Template { get; }

    /// <summary>A folder for this node's files (exists).</summary>
    public string WorkDirectory { get; }

    /// <summary>Whether stdout becomes <c>outputs.result</c>.</summary>
    public bool CaptureResult { get; }

    /// <summary>The pod name (NM-04).</summary>
    public string PodName { get; }

    /// <summary>Input artifacts: name to a local file or folder holding the artifact.</summary>
    public Dictionary<string, string> InputArtifacts { get; } = new(StringComparer.Ordinal);

    /// <summary>The run's shared folders (volumes), name to folder.</summary>
    public Dictionary<string, string> Volumes { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The run folder: the wall that every file the executor itself reads or writes must stay inside (docs/runner.md).
    /// Empty for requests built by hand: then the node's <see cref="WorkDirectory"/> is the wall.
    /// </summary>
    public string RunDirectory { get; init; } = string.Empty;

    /// <summary>
    /// The template's <c>env</c> with <c>valueFrom</c> resolved by the engine (secrets from <c>--secret</c>,
    /// ConfigMap keys), in order; null to read the template's plain values.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Environment { get; init; }
}

/// <summary>What a leaf executor reports.</summary>
public sealed class LeafResult
{
    /// <summary>The phase: Succeeded, Failed or Error.</summary>
    public NodePhase Phase { get; set; } = NodePhase.Succeeded;

    /// <summary>The message (e.g. <c>main: Error (exit code 1)</c>).</summary>
    public string Message { get; set; } = string.Empty;

    /// <summary>The exit code, when a process ran.</summary>
    public int? ExitCode { get; set; }

    /// <summary>The main process's stdout.</summary>
    public string? Stdout { get; set; }

    /// <summary>Output parameter values read by the executor (name to value); missing means the file was not there.</summary>
    public Dictionary<string, string> Parameters { get; } = new(StringComparer.Ordinal);

    /// <summary>Output artifacts produced: name to a local file or folder.</summary>
    public Dictionary<string, string> Artifacts { get; } = new(StringComparer.Ordinal);

    /// <summary>Set when the template kind cannot run here at all (the corpus report lists these).</summary>
    public string? CannotRunReason { get; set; }

    /// <summary>A result for the given exit code, with Argo's message (LC-03).</summary>
    public static LeafResult FromExitCode(int code) => new()
    {
        ExitCode = code,
        Phase = code == 0 ? NodePhase.Succeeded : NodePhase.Failed,
        Message = code == 0 ? string.Empty : $"main: Error (exit code {code})",
    };
}

/// <summary>Runs leaf templates (container, script, HTTP, ...).</summary>
public interface ILeafExecutor
{
    /// <summary>Whether this executor takes the template.</summary>
    bool CanRun(Template template, RunNode node);

    /// <summary>Runs it. Cancellation means the node is being killed (deadline or stop).</summary>
    Task<LeafResult> RunAsync(LeafRequest request, CancellationToken cancellationToken);
}

/// <summary>Time, injectable so tests of backoff and durations are fast.</summary>
public interface IRunClock
{
    /// <summary>Now.</summary>
    DateTimeOffset UtcNow { get; }

    /// <summary>Waits until <paramref name="until"/> or cancellation.</summary>
    Task DelayUntilAsync(DateTimeOffset until, CancellationToken cancellationToken);
}

/// <summary>The wall clock.</summary>
public sealed class SystemClock : IRunClock
{
    /// <inheritdoc/>
    public DateTimeOffset UtcNow => DateTimeOffset.UtcNow;

    /// <inheritdoc/>
    public Task DelayUntilAsync(DateTimeOffset until, CancellationToken cancellationToken)
    {
        var wait = until - DateTimeOffset.UtcNow;
        return wait <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(wait, cancellationToken);
    }
}

/// <summary>A virtual clock: waiting moves time forward at once (tests).</summary>
public sealed class VirtualClock(DateTimeOffset start) : IRunClock
{
    private long _ticks = start.UtcTicks;

    /// <inheritdoc/>
    public DateTimeOffset UtcNow => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    /// <inheritdoc/>
    public Task DelayUntilAsync(DateTimeOffset until, CancellationToken cancellationToken)
    {
        long current;
        do
        {
            current = Interlocked.Read(ref _ticks);
            if (until.UtcTicks <= current)
            {
                break;
            }
        }
        while (Interlocked.CompareExchange(ref _ticks, until.UtcTicks, current) != current);
        return Task.CompletedTask;
    }

    /// <summary>Moves time forward.</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

/// <summary>How a template was invoked (kept so that later passes and retry attempts can re-evaluate it).</summary>
internal sealed class Invocation
{
    public required Template Template { get; init; }

    public Arguments? Arguments { get; init; }

    /// <summary>Argument values that are absent optionals (SUB-10), by name.</summary>
    public HashSet<string> AbsentArguments { get; init; } = new(StringComparer.Ordinal);

    public string? StepsName { get; init; }

    public string? TasksName { get; init; }

    public bool CaptureResult { get; init; }

    public string? Boundary { get; init; }

    public string? Parent { get; init; }

    public bool InExitHandler { get; init; }

    public int Depth { get; init; }
}

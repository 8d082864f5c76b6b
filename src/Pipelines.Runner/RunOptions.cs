using System;
using System.Collections.Generic;
using System.Threading;

namespace Pipelines.Runner;

/// <summary>Options for one run.</summary>
public sealed class RunOptions
{
    /// <summary>Submit-time parameter overrides (<c>-p name=value</c>), EXE-03.</summary>
    public Dictionary<string, string> Parameters { get; } = new(StringComparer.Ordinal);

    /// <summary>Overrides <c>spec.entrypoint</c>.</summary>
    public string? Entrypoint { get; set; }

    /// <summary>Overrides <c>spec.parallelism</c>.</summary>
    public int? Parallelism { get; set; }

    /// <summary>The leaf executors, asked in order; the first that can run a template runs it.</summary>
    public List<ILeafExecutor> Executors { get; } = [];

    /// <summary>The clock (tests pass a <see cref="VirtualClock"/>).</summary>
    public IRunClock Clock { get; set; } = new SystemClock();

    /// <summary>The run folder: node working folders, artifacts, the journal. Required.</summary>
    public string RunDirectory { get; set; } = string.Empty;

    /// <summary>The memoization cache folder (MEM-01); default <c>~/.pipelines/memo</c>-like folder chosen by the caller, or the run folder's <c>memo</c>.</summary>
    public string? MemoDirectory { get; set; }

    /// <summary>Resume suspend nodes without a duration as soon as they start (instead of ending the run suspended).</summary>
    public bool ResumeSuspended { get; set; }

    /// <summary>Values for supplied outputs of suspend nodes (<c>name=value</c>, SUS-02).</summary>
    public Dictionary<string, string> SuspendOutputs { get; } = new(StringComparer.Ordinal);

    /// <summary>ConfigMaps available to the run: name to key/value pairs (for configMapKeyRef and semaphores).</summary>
    public Dictionary<string, Dictionary<string, string>> ConfigMaps { get; } = new(StringComparer.Ordinal);

    /// <summary>Called after every change of a node (from the engine's thread).</summary>
    public Action<RunNode>? OnNodeChanged { get; set; }

    /// <summary>Stop the workflow like <c>argo stop</c> when cancelled: exit handlers still run (SHUT-01).</summary>
    public CancellationToken Stop { get; set; }

    /// <summary>Write a journal so that the run can be resumed (default true).</summary>
    public bool Journal { get; set; } = true;

    /// <summary>
    /// Secret values for <c>env valueFrom.secretKeyRef</c>, keyed <c>SECRET.KEY</c> (<c>--secret</c>). They reach the
    /// process environment only; reports and messages never show them.
    /// </summary>
    public Dictionary<string, string> Secrets { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// At most this many nodes in one run (default 20,000, twice a 10,000-item fan-out): a workflow that creates more, such as unbounded recursion,
    /// ends with Error and a message saying so, instead of exhausting the machine (<c>--max-nodes</c>).
    /// </summary>
    public int MaxNodes { get; set; } = DefaultMaxNodes;

    /// <summary>The default of <see cref="MaxNodes"/>.</summary>
    public const int DefaultMaxNodes = 20_000;

    /// <summary>
    /// Walk every task of a DAG on every evaluation (as dag.go executeDAG does) instead of only the tasks whose node or
    /// dependencies changed; both create the same nodes in the same order (tests compare them).
    /// </summary>
    internal bool FullDagWalk { get; set; }

    /// <summary>The workflow name to use instead of <c>metadata.name</c>/<c>generateName</c> plus a suffix.</summary>
    public string? WorkflowName { get; set; }
}

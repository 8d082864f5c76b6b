using System;
using System.Collections.Generic;

namespace Pipelines.Graphs.Reports;

/// <summary>
/// What a run report shows: the workflow's final phase and message and every node with its times, inputs, outputs and
/// log tail. Independent of the runner's internals: the CLI fills it from the runner's public result, or from a run
/// folder (<c>run-report.json</c>, else the journal).
/// </summary>
public sealed class RunTrace
{
    /// <summary>The workflow's name in the run.</summary>
    public string WorkflowName { get; set; } = string.Empty;

    /// <summary>The final phase: Succeeded, Failed, Error, or Running when the run ended suspended.</summary>
    public string Phase { get; set; } = string.Empty;

    /// <summary>The workflow message, or why the run stopped.</summary>
    public string Message { get; set; } = string.Empty;

    /// <summary>When the run started, when known.</summary>
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>When the run ended, when known.</summary>
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Where the data came from, shown in the report (e.g. <c>journal only: no times</c>).</summary>
    public string Source { get; set; } = string.Empty;

    /// <summary>Global outputs.</summary>
    public List<KeyValuePair<string, string>> Outputs { get; set; } = [];

    /// <summary>Every node, in creation order.</summary>
    public List<RunTraceNode> Nodes { get; set; } = [];

    /// <summary>Templates that could not run on this machine, with the reason.</summary>
    public List<string> CannotRun { get; set; } = [];
}

/// <summary>One node of a <see cref="RunTrace"/>.</summary>
public sealed class RunTraceNode
{
    /// <summary>The node ID.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>The full node name, unique in the run.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The display name.</summary>
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>The node type (Pod, DAG, Steps, StepGroup, TaskGroup, Retry, Suspend, Skipped, ...).</summary>
    public string Type { get; set; } = string.Empty;

    /// <summary>The phase.</summary>
    public string Phase { get; set; } = string.Empty;

    /// <summary>The message, empty when none.</summary>
    public string Message { get; set; } = string.Empty;

    /// <summary>The template's name, when it has one.</summary>
    public string? TemplateName { get; set; }

    /// <summary>When the node started, when known.</summary>
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>When the node finished, when known.</summary>
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The parent node's name, or null for the root.</summary>
    public string? Parent { get; set; }

    /// <summary>Resolved input parameters.</summary>
    public List<KeyValuePair<string, string>> Inputs { get; set; } = [];

    /// <summary>Outputs: <c>result</c>, <c>exitCode</c>, parameters and artifacts (prefixed <c>artifact:</c>).</summary>
    public List<KeyValuePair<string, string>> Outputs { get; set; } = [];

    /// <summary>The last lines of the node's log, when it has one.</summary>
    public string? LogTail { get; set; }

    /// <summary>A retry attempt.</summary>
    public bool Retried { get; set; }

    /// <summary>An exit-handler or hook node.</summary>
    public bool Hooked { get; set; }

    /// <summary>Replayed from the journal by a resume.</summary>
    public bool Replayed { get; set; }
}

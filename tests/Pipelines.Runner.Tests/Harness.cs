using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Pipelines.Runner;
using Pipelines.Runner.Executors;

namespace Pipelines.Runner.Tests;

/// <summary>Runs fixtures: YAML files under Fixtures/ with real host processes (sh), or given executors.</summary>
internal static class Harness
{
    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static string NewRunDirectory() => Path.Combine(Path.GetTempPath(), "pipelines-runner-tests", Guid.NewGuid().ToString("N"));

    public static Task<RunReport> Fixture(string name, Action<RunOptions>? configure = null, bool host = true)
    {
        var options = new RunOptions { RunDirectory = NewRunDirectory(), WorkflowName = "wf" };
        configure?.Invoke(options);
        if (host)
        {
            options.Executors.Add(new HostExecutor());
        }

        return WorkflowRunner.RunFileAsync(FixturePath(name), options);
    }

    public static Task<RunReport> Text(string yaml, Action<RunOptions>? configure = null, bool host = true)
    {
        var options = new RunOptions { RunDirectory = NewRunDirectory(), WorkflowName = "wf" };
        configure?.Invoke(options);
        if (host)
        {
            options.Executors.Add(new HostExecutor());
        }

        return WorkflowRunner.RunTextAsync(yaml, options);
    }

    /// <summary>"display: Phase" lines for every node except step groups, sorted, for compact assertions.</summary>
    public static string Summary(RunReport report) =>
        string.Join("\n", report.Nodes.Select(n => n.DisplayName + ": " + n.Phase).OrderBy(x => x, StringComparer.Ordinal));

    public static RunNode Node(RunReport report, string displayName) =>
        report.Find(displayName) ?? throw new Xunit.Sdk.XunitException($"no node '{displayName}'; nodes:\n{Summary(report)}");

    public static void Phase(RunReport report, string displayName, NodePhase phase) =>
        Assert.True(Node(report, displayName).Phase == phase, $"{displayName}: expected {phase}, got {Node(report, displayName).Phase} ({Node(report, displayName).Message})\n{Summary(report)}");

    public static string Log(RunReport report, string displayName) =>
        File.ReadAllText(Path.Combine(report.RunDirectory, "nodes", Node(report, displayName).Id, "main.log")).TrimEnd('\n');
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using static Pipelines.Runner.Tests.Harness;

namespace Pipelines.Runner.Tests;

/// <summary>
/// The runner visits only the DAG tasks whose node or dependencies changed since the last evaluation, where dag.go
/// executeDAG walks every task (targets in order, each task after its dependencies) on every reconciliation. Both must
/// create the same nodes in the same order. These workflows use only suspend durations, skipped and omitted tasks (no
/// processes), so with a virtual clock each run is deterministic and the node lists can be compared exactly.
/// </summary>
public class DagWalkTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static Task<RunReport> Run(string yaml, bool fullWalk) => Text(yaml, o =>
    {
        o.Clock = new VirtualClock(Start);
        o.FullDagWalk = fullWalk;
    }, host: false);

    // Tasks become ready in different evaluations (suspends of 10 s and 20 s): dag.go's walk reaches the targets E, G,
    // H in name order, each after its dependencies (A C B D E F G H). At 0 s A and B start; at 10 s B is done, so D
    // starts, F is skipped (when false) and G, which depends on F, starts in the same evaluation; at 20 s A, D and G
    // are done: C starts and H is omitted (A did not fail); at 30 s E starts.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Tasks_that_become_ready_in_different_evaluations_get_nodes_in_the_order_of_argos_walk(bool fullWalk)
    {
        const string yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: wf}
            spec:
              entrypoint: main
              templates:
              - name: main
                dag:
                  tasks:
                  - {name: A, template: wait20}
                  - {name: B, template: wait10}
                  - {name: C, template: wait10, depends: A}
                  - {name: D, template: wait10, depends: B}
                  - {name: E, template: wait10, depends: "C && D"}
                  - {name: F, template: wait10, depends: B, when: "1 == 2"}
                  - {name: G, template: wait10, depends: F}
                  - {name: H, template: wait10, depends: A.Failed}
              - name: wait10
                suspend: {duration: "10"}
              - name: wait20
                suspend: {duration: "20"}
            """;
        var r = await Run(yaml, fullWalk);
        Assert.True(r.Phase == "Succeeded", $"{r.Phase} {r.Message}\n{Summary(r)}");
        Assert.Equal(
            ["wf", "A", "B", "D", "F", "G", "C", "H", "E"],
            r.Nodes.Select(n => n.DisplayName).ToArray());
        Assert.Equal(
            ["0 DAG Succeeded", "0 Suspend Succeeded", "0 Suspend Succeeded", "10 Suspend Succeeded", "10 Skipped Skipped", "10 Suspend Succeeded", "20 Suspend Succeeded", "20 Skipped Omitted", "30 Suspend Succeeded"],
            r.Nodes.Select(n => $"{(n.StartedAt - Start).TotalSeconds} {n.Type} {n.Phase}").ToArray());
    }

    // Random DAG shapes (chains, fan-in, depends expressions, when-skipped and omitted tasks, nested DAGs, loops,
    // exit handlers, parallelism, errors): the incremental walk and the full walk give the same nodes (order, names,
    // ids, types, phases, messages, times, parents, children) and the same journal.
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public async Task Random_dags_run_the_same_with_the_incremental_walk_as_with_the_full_walk(int seed)
    {
        for (var round = 0; round < 5; round++)
        {
            var yaml = RandomDag(new Random((seed * 100) + round));
            var full = await Run(yaml, fullWalk: true);
            var incremental = await Run(yaml, fullWalk: false);
            Assert.True(full.Nodes.Count > 3, yaml);
            var expected = Describe(full);
            var actual = Describe(incremental);
            if (expected != actual)
            {
                var e = expected.Split('\n');
                var a = actual.Split('\n');
                var i = 0;
                while (i < e.Length && i < a.Length && e[i] == a[i])
                {
                    i++;
                }

                Assert.Fail($"seed {seed} round {round}: first difference at line {i}:\n full:        {(i < e.Length ? e[i] : "(end)")}\n incremental: {(i < a.Length ? a[i] : "(end)")}\n{yaml}");
            }
        }
    }

    private static string Describe(RunReport r)
    {
        var sb = new StringBuilder();
        sb.Append(r.Phase).Append(' ').Append(r.Message).Append('\n');
        foreach (var n in r.Nodes)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{n.Id} {n.Name} [{n.DisplayName}] {n.Type} {n.Phase} '{n.Message}' {n.TemplateName} {(n.StartedAt - Start).TotalSeconds}..{(n.FinishedAt is { } f ? (f - Start).TotalSeconds.ToString(CultureInfo.InvariantCulture) : "-")} parent={n.Parent} children={string.Join(",", n.Children)}\n");
        }

        var journal = Path.Combine(r.RunDirectory, "journal.jsonl");
        if (File.Exists(journal))
        {
            sb.Append(File.ReadAllText(journal).Replace(r.RunDirectory, "RUN", StringComparison.Ordinal));
        }

        return sb.ToString();
    }

    private static readonly string[] Waits = ["wait0", "wait5", "wait10", "wait20"];

    private static string RandomDag(Random rng)
    {
        var sb = new StringBuilder();
        sb.Append("apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: wf}\nspec:\n  entrypoint: main\n  templates:\n");
        Dag(sb, rng, "main", rng.Next(8, 25), nested: true);
        Dag(sb, rng, "inner", rng.Next(2, 6), nested: false);
        sb.Append("  - name: wait0\n    suspend: {duration: \"0\"}\n");
        sb.Append("  - name: wait5\n    suspend: {duration: \"5\"}\n");
        sb.Append("  - name: wait10\n    suspend: {duration: \"10\"}\n");
        sb.Append("  - name: wait20\n    suspend: {duration: \"20\"}\n");
        return sb.ToString();
    }

    private static void Dag(StringBuilder sb, Random rng, string name, int count, bool nested)
    {
        sb.Append(CultureInfo.InvariantCulture, $"  - name: {name}\n");
        if (rng.Next(4) == 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"    parallelism: {rng.Next(1, 4)}\n");
        }

        sb.Append("    dag:\n");
        if (rng.Next(3) == 0)
        {
            sb.Append("      failFast: false\n");
        }

        sb.Append("      tasks:\n");

        // Names in a shuffled order, so that the walk order (targets by name) differs from the file order.
        var names = Enumerable.Range(0, count).Select(i => "t" + i.ToString("D2", CultureInfo.InvariantCulture)).OrderBy(_ => rng.Next()).ToArray();
        for (var i = 0; i < count; i++)
        {
            var parts = new List<string> { "name: " + names[i] };
            var template = nested && rng.Next(8) == 0 ? "inner" : Waits[rng.Next(Waits.Length)];
            parts.Add("template: " + template);
            var deps = Enumerable.Range(0, i).Where(_ => rng.Next(Math.Max(2, i / 2)) == 0).Select(d => names[d]).Take(3).ToList();
            if (deps.Count > 0)
            {
                var terms = deps.Select(d => rng.Next(6) switch
                {
                    0 => d + ".Succeeded",
                    1 => "(" + d + ".Succeeded || " + d + ".Skipped)",
                    2 => d + ".Failed",
                    3 => "(" + d + ".Omitted || " + d + ".Succeeded)",
                    _ => d,
                });
                parts.Add("depends: \"" + string.Join(rng.Next(3) == 0 ? " || " : " && ", terms) + "\"");
            }

            switch (rng.Next(14))
            {
                case 0:
                case 1:
                    parts.Add("when: \"1 == 2\"");
                    break;
                case 2:
                    parts.Add("when: \"((\"");
                    break;
                case 3:
                    if (template != "inner")
                    {
                        parts.Add("withItems: [a, b, c]");
                    }

                    break;
                case 4:
                    parts.Add("onExit: wait5");
                    break;
            }

            sb.Append("      - {").Append(string.Join(", ", parts)).Append("}\n");
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Pipelines.Generator.Tests;

/// <summary>
/// Keeps README's "Which Argo fields are typed" table true: each row lists every field of its Argo model type exactly
/// once; only types a [Spec] member can target have a typed-initializer column; and every field claimed first-class is
/// written by a sample that uses first-class C# only (no [Spec], no [Patch]).
/// </summary>
public sealed class TypedSurfaceTableTests
{
    /// <summary>Types a <c>[Spec]</c> member can target, directly or nested (a template's container).</summary>
    private static readonly string[] SpecTargets = ["ObjectMeta", "WorkflowSpec", "CronWorkflowSpec", "Template", "Container"];

    private static readonly Regex Code = new("`([^`]+)`", RegexOptions.CultureInvariant);

    private sealed record Row(string Type, string[] FirstClass, string[] Typed, string[] PatchOnly);

    [Fact]
    public void Every_field_of_each_type_is_listed_exactly_once()
    {
        var rows = Rows();
        Assert.Equal(["ObjectMeta", "WorkflowSpec", "CronWorkflowSpec", "Template", "Container", "DAGTask", "WorkflowStep"], rows.Select(r => r.Type).ToArray());
        foreach (var row in rows)
        {
            var listed = row.FirstClass.Concat(row.Typed).Concat(row.PatchOnly).ToList();
            Assert.Equal(listed.Count, listed.Distinct(StringComparer.Ordinal).Count());
            Assert.Equal(ModelFields(row.Type).OrderBy(f => f, StringComparer.Ordinal), listed.OrderBy(f => f, StringComparer.Ordinal));
            if (!SpecTargets.Contains(row.Type))
            {
                Assert.Empty(row.Typed);
            }
            else
            {
                Assert.Empty(row.PatchOnly);
            }
        }
    }

    [Fact]
    public void Every_first_class_field_comes_out_of_first_class_csharp()
    {
        Assert.DoesNotContain("[Spec", KitchenSink, StringComparison.Ordinal);
        Assert.DoesNotContain("[Patch", KitchenSink, StringComparison.Ordinal);
        var run = GeneratorHarness.Run(ManifestQuery.Header + KitchenSink).AssertClean();
        var manifests = run.Manifests.Select(m => JsonDocument.Parse(m.Json).RootElement).ToList();
        var workflow = manifests.Single(m => m.GetProperty("kind").GetString() == "Workflow");
        var cron = manifests.Single(m => m.GetProperty("kind").GetString() == "CronWorkflow");
        var templates = workflow.GetProperty("spec").GetProperty("templates").EnumerateArray().ToList();
        var written = new Dictionary<string, HashSet<string>>
        {
            ["ObjectMeta"] = Keys(workflow.GetProperty("metadata")),
            ["WorkflowSpec"] = Keys(workflow.GetProperty("spec")),
            ["CronWorkflowSpec"] = Keys(cron.GetProperty("spec")),
            ["Template"] = Keys(templates.ToArray()),
            ["Container"] = Keys(templates.Where(t => t.TryGetProperty("container", out _)).Select(t => t.GetProperty("container")).ToArray()),
            ["DAGTask"] = Keys(templates.Where(t => t.TryGetProperty("dag", out _)).SelectMany(t => t.GetProperty("dag").GetProperty("tasks").EnumerateArray()).ToArray()),
            ["WorkflowStep"] = Keys(templates.Where(t => t.TryGetProperty("steps", out _)).SelectMany(t => t.GetProperty("steps").EnumerateArray().SelectMany(g => g.EnumerateArray())).ToArray()),
        };
        foreach (var row in Rows())
        {
            Assert.Empty(row.FirstClass.Where(f => !written[row.Type].Contains(f)).Select(f => row.Type + "." + f));
        }
    }

    private const string KitchenSink = """
        public sealed record Outs
        {
            [OutputParameter(Path = "/p")] public string P { get; init; } = "";
        }

        [WorkflowTemplate("lib")]
        public partial class Lib
        {
            [Container("busybox")] public static partial Node Echo();
        }

        [Workflow(Name = "kitchen", GenerateName = "kitchen-")]
        [Label("team", "data"), Annotation("owner", "me")]
        [OnExit(nameof(Exit))]
        [Parallelism(2), ActiveDeadlineSeconds(60), Mutex("m"), Hook("exit", nameof(Exit))]
        public partial class Kitchen
        {
            [Dag, Entrypoint, Parallelism(1), ActiveDeadlineSeconds(5), Annotation("k", "v")]
            public static void Main(string p = "v")
            {
                var a = Work("x").Hook("running", nameof(Exit), "true").ContinueOn(failed: true).OnExit(nameof(Exit));
                var b = Work(a.Outputs.P).When("{{tasks.a.status}} == Succeeded");
                foreach (var item in new[] { "1", "2" })
                {
                    Work(item).Named("items");
                }

                foreach (var item in Loop.Over<string>(a.Result))
                {
                    Work(item).Named("param");
                }

                foreach (var n in Loop.Count(3))
                {
                    Work(n).Named("sequence");
                }

                var c = Lib.Echo();
                var d = Stages();
            }

            [Steps]
            public static Node Stages()
            {
                var s = Work("y").Hook("exit", nameof(Exit)).ContinueOn(error: true).OnExit(nameof(Exit));
                var t = Work(s.Outputs.P).When("{{steps.s.status}} == Succeeded");
                foreach (var item in new[] { "1", "2" })
                {
                    Work(item).Named("items");
                }

                foreach (var item in Loop.Over<string>(s.Result))
                {
                    Work(item).Named("param");
                }

                foreach (var n in Loop.Count(3))
                {
                    Work(n).Named("sequence");
                }

                var u = Lib.Echo();
                var w = Approve();
                var x = Apply();
                var y = Call();
                var z = Py();
                var r = Db();
                return Node.NoOutputs;
            }

            [Container("busybox", Command = ["sh"], Args = ["-c", "echo"], WorkingDir = "/w", ImagePullPolicy = "Always")]
            [Retry(1), Timeout("1m"), Memoize("{{inputs.parameters.v}}", "cache"), Mutex("t")]
            public static partial Node<Outs> Work(string v);

            [Script("python", Command = ["python"], Source = "print(1)")] public static partial Node Py();
            [Suspend] public static partial Node Approve();
            [Resource("create", Manifest = "kind: ConfigMap")] public static partial Node Apply();
            [Http("https://example.com")] public static partial Node Call();
            [Container("postgres"), Daemon] public static partial Node Db();
            [Container("curl")] public static partial Node Exit();
        }

        [CronWorkflow("nightly", "0 1 * * *", Timezone = "UTC", ConcurrencyPolicy = "Forbid", StartingDeadlineSeconds = 10,
            SuccessfulJobsHistoryLimit = 1, FailedJobsHistoryLimit = 1, Suspend = true)]
        public partial class Nightly
        {
            [Container("busybox"), Entrypoint] public static partial Node Main();
        }
        """;

    private static HashSet<string> Keys(params JsonElement[] objects) =>
        objects.SelectMany(o => o.EnumerateObject().Select(p => p.Name)).ToHashSet(StringComparer.Ordinal);

    private static string[] ModelFields(string type)
    {
        var fields = typeof(Pipelines.Argo.Model.ModelSerializer).GetField(type + "Fields", BindingFlags.NonPublic | BindingFlags.Static);
        return Assert.IsType<string[]>(fields?.GetValue(null));
    }

    private static List<Row> Rows()
    {
        var readme = File.ReadAllText(Path.Combine(Corpus.RepoRoot, "README.md"));
        var start = readme.IndexOf("<!-- typed-surface:start -->", StringComparison.Ordinal);
        var end = readme.IndexOf("<!-- typed-surface:end -->", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "README.md has no typed-surface table");
        var rows = new List<Row>();
        foreach (var line in readme.Substring(start, end - start).Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            Assert.Equal(5, cells.Length);
            rows.Add(new Row(Names(cells[0]).Single(), Names(cells[2]), Names(cells[3]), Names(cells[4])));
        }

        return rows;
    }

    private static string[] Names(string cell) => Code.Matches(cell).Select(m => m.Groups[1].Value).ToArray();
}

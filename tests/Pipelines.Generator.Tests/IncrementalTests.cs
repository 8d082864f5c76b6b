using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Pipelines.Generator.Tests;

/// <summary>The pipeline's caching (STYLE-ANCHORS section 9, rules 4 to 8).</summary>
public sealed class IncrementalTests
{
    private const string First = """
        using Pipelines;
        namespace App;
        [Workflow(GenerateName = "first-")]
        public partial class First
        {
            [Container("busybox", Command = ["echo", "{{inputs.parameters.message}}"])]
            public static partial Node Echo(string message);

            [Dag, Entrypoint]
            public static void Main() { var a = Echo("a"); var b = Echo("b").After(a); }
        }
        """;

    private const string Second = """
        using Pipelines;
        namespace App;
        [WorkflowTemplate("second")]
        public partial class Second
        {
            [Container("busybox", Command = ["echo"])]
            public static partial Node Say(string text);

            [Steps, Entrypoint]
            public static void Main() { Say("x"); }
        }
        """;

    private static readonly string[] TrackedNames = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    private static Compilation TwoWorkflows() =>
        GeneratorHarness.Compilation(GeneratorHarness.Tree(First, "First.cs"), GeneratorHarness.Tree(Second, "Second.cs"));

    [Fact]
    public void Every_tracking_name_is_seen()
    {
        var run = GeneratorHarness.Run(TwoWorkflows()).AssertClean();
        Assert.Equal(4, TrackedNames.Length);
        foreach (var name in TrackedNames)
        {
            Assert.True(run.Single.TrackedSteps.ContainsKey(name), "no tracked step named " + name);
        }
    }

    [Fact]
    public void Same_compilation_again_is_all_cached()
    {
        var compilation = TwoWorkflows();
        var first = GeneratorHarness.Run(compilation).AssertClean();
        var second = GeneratorHarness.Run(compilation.Clone(), first.Driver);

        Assert.All(Reasons(second, TrackingNames.Files), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        Assert.All(second.Single.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.Equal(2, second.Single.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Count());
    }

    [Fact]
    public void Unrelated_file_regenerates_nothing()
    {
        var compilation = TwoWorkflows();
        var first = GeneratorHarness.Run(compilation).AssertClean();
        var second = GeneratorHarness.Run(compilation.AddSyntaxTrees(GeneratorHarness.Tree("struct Foo {}", "Foo.cs")), first.Driver).AssertClean();

        foreach (var name in new[] { TrackingNames.Options, TrackingNames.Specs, TrackingNames.Files })
        {
            Assert.All(Reasons(second, name), r => Assert.Contains(r, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        }

        Assert.All(second.Single.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Editing_one_workflow_regenerates_only_that_one()
    {
        var compilation = TwoWorkflows();
        var first = GeneratorHarness.Run(compilation).AssertClean();
        var oldTree = compilation.SyntaxTrees.Single(t => t.FilePath.EndsWith("First.cs", StringComparison.Ordinal));
        var edited = compilation.ReplaceSyntaxTree(oldTree, GeneratorHarness.Tree(First.Replace("Echo(\"b\")", "Echo(\"B!\")", StringComparison.Ordinal), "First.cs"));
        var second = GeneratorHarness.Run(edited, first.Driver).AssertClean();

        var files = second.Single.TrackedSteps[TrackingNames.Files].SelectMany(s => s.Outputs).ToList();
        var modified = files.Where(o => o.Reason == IncrementalStepRunReason.Modified).Select(o => ((Pipelines.Generator.Model.GeneratedFile)o.Value).HintName).ToList();
        Assert.Equal(["App.First.g.cs"], modified);
        var untouched = files.Where(o => o.Reason != IncrementalStepRunReason.Modified).ToList();
        Assert.Single(untouched);
        Assert.Equal(IncrementalStepRunReason.Cached, untouched[0].Reason);

        var manifest = second.Manifests.Single(m => m.Id == "App.First");
        Assert.Contains("\"value\":\"B!\"", manifest.Json, StringComparison.Ordinal);
    }

    [Fact]
    public void Changing_the_project_folder_reemits_but_does_not_reparse()
    {
        var compilation = TwoWorkflows();
        var first = GeneratorHarness.Run(compilation, GeneratorHarness.Driver("/src/MyProject/")).AssertClean();
        var driver = first.Driver.WithUpdatedAnalyzerConfigOptions(GeneratorHarness.OptionsProvider("/src/"));
        var second = GeneratorHarness.Run(compilation, driver).AssertClean();

        Assert.All(Reasons(second, TrackingNames.Specs), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        Assert.All(Reasons(second, TrackingNames.Options), r => Assert.Equal(IncrementalStepRunReason.Modified, r));
        Assert.All(Reasons(second, TrackingNames.Files), r => Assert.Equal(IncrementalStepRunReason.Modified, r));
        Assert.Contains("\"MyProject/First.cs\"", second.Manifests.Single(m => m.Id == "App.First").SourceMap, StringComparison.Ordinal);
    }

    private static IEnumerable<IncrementalStepRunReason> Reasons(GeneratorRun run, string name)
    {
        var steps = run.Single.TrackedSteps[name];
        Assert.NotEmpty(steps);
        return steps.SelectMany(s => s.Outputs).Select(o => o.Reason);
    }
}

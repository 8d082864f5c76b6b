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
        Assert.Equal(6, TrackedNames.Length);
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

    // The scenarios below run on a project of several workflow classes, one per file (the shape of the generator
    // benchmark): an edit must re-do only what belongs to the class it touched.
    private const int ManyCount = 5;

    private static string Flow(int i, string message = "hello", string extra = "") => $$$"""
        using Pipelines;
        namespace App;
        [Workflow(GenerateName = "flow{{{i}}}-")]
        public partial class Flow{{{i}}}
        {
            [Container("busybox", Command = ["echo", "{{inputs.parameters.message}}"])]
            public static partial Node Echo(string message);

            [Dag, Entrypoint]
            public static void Main()
            {
                var a = Echo("{{{message}}}");
                var b = Echo("b").After(a);{{{extra}}}
            }
        }
        """;

    private static string FlowFile(int i) => "Flow" + i + ".cs";

    private static Compilation ManyWorkflows() =>
        GeneratorHarness.Compilation(Enumerable.Range(0, ManyCount).Select(i => GeneratorHarness.Tree(Flow(i), FlowFile(i)))
            .Append(GeneratorHarness.Tree("namespace App; public struct Helper { public int X; }", "Helper.cs")).ToArray());

    private static Compilation Replace(Compilation compilation, string fileName, string text) =>
        compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Single(t => t.FilePath.EndsWith("/" + fileName, StringComparison.Ordinal)),
            GeneratorHarness.Tree(text, fileName));

    /// <summary>The outputs of every tracked step of ours, by step name, with their run reasons.</summary>
    private static IEnumerable<(string Step, IncrementalStepRunReason Reason, object Value)> OurOutputs(GeneratorRun run) =>
        TrackedNames.SelectMany(name => run.Single.TrackedSteps.TryGetValue(name, out var steps)
            ? steps.SelectMany(s => s.Outputs).Select(o => (name, o.Reason, o.Value))
            : []);

    /// <summary>The hint names the source output step (re)added in this run: everything not <c>Cached</c>.</summary>
    private static List<string> ReaddedSources(GeneratorRun run) =>
        run.Single.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs)
            .Where(o => o.Reason != IncrementalStepRunReason.Cached)
            .SelectMany(o => HintNames(o.Value).Select(h => h + " " + o.Reason))
            .ToList();

    // A source output step's value is Roslyn's (sources, diagnostics) pair; the source type is internal, so its hint
    // name is read by reflection.
    private static IEnumerable<string> HintNames(object value)
    {
        var sources = (System.Collections.IEnumerable)value.GetType().GetField("Item1")!.GetValue(value)!;
        foreach (var source in sources)
        {
            yield return (string)source.GetType().GetProperty("HintName", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(source)!;
        }
    }

    private static string? IdOf(object value) => value switch
    {
        Pipelines.Generator.Model.WorkflowSpec spec => spec.Id,
        ValueTuple<Pipelines.Generator.Model.WorkflowSpec, Pipelines.Generator.Model.GeneratorOptions> pair => pair.Item1.Id,
        Pipelines.Generator.Model.GeneratedFile file => file.HintName,
        PipelinesGenerator.SourceFile source => System.IO.Path.GetFileName(source.Tree.FilePath),
        PipelinesGenerator.ClassInput input => "App." + input.Candidate.Declaration.Identifier.ValueText,
        _ => null,
    };

    [Theory]
    [InlineData("new file")]
    [InlineData("edit of a non-workflow file")]
    public void Unrelated_edit_in_a_project_of_many_workflows_leaves_every_step_cached_or_unchanged(string edit)
    {
        var compilation = ManyWorkflows();
        var first = GeneratorHarness.Run(compilation).AssertClean();
        Assert.Equal(ManyCount, first.Manifests.Count);
        var edited = edit == "new file"
            ? compilation.AddSyntaxTrees(GeneratorHarness.Tree("struct Foo {}", "Foo.cs"))
            : Replace(compilation, "Helper.cs", "namespace App; public struct Helper { public int X; public int Y; }");
        var second = GeneratorHarness.Run(edited, first.Driver).AssertClean();

        var outputs = OurOutputs(second).ToList();
        Assert.Equal(ManyCount, outputs.Count(o => o.Step == TrackingNames.Files));

        // Only the edited file is read again (syntax only); every other file's facts are cached.
        var file = edit == "new file" ? "Foo.cs" : "Helper.cs";
        Assert.Equal(
            [(TrackingNames.SourceFiles, edit == "new file" ? IncrementalStepRunReason.New : IncrementalStepRunReason.Modified, file)],
            outputs.Where(o => o.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged)).Select(o => (o.Step, o.Reason, IdOf(o.Value))).ToList());

        // Every class's dependency key was recomputed (the compilation is new) and is equal, so the parser did not run
        // at all (Cached, not Unchanged), and neither did emit.
        Assert.All(Reasons(second, TrackingNames.WorkflowInputs), r => Assert.Equal(IncrementalStepRunReason.Unchanged, r));
        Assert.Equal(ManyCount, Reasons(second, TrackingNames.WorkflowInputs).Count());
        Assert.All(Reasons(second, TrackingNames.Workflows), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        Assert.All(Reasons(second, TrackingNames.Files), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        Assert.Empty(ReaddedSources(second));
        Assert.Equal(first.Manifests, second.Manifests);
    }

    [Fact]
    public void One_method_edit_in_one_of_many_workflows_reparses_and_regenerates_only_that_class()
    {
        var compilation = ManyWorkflows();
        var first = GeneratorHarness.Run(compilation).AssertClean();
        var second = GeneratorHarness.Run(Replace(compilation, FlowFile(2), Flow(2, message: "changed")), first.Driver).AssertClean();

        var outputs = OurOutputs(second).Where(o => o.Step != TrackingNames.Options).ToList();
        var changed = outputs.Where(o => o.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged)).ToList();
        Assert.Equal(
            [
                (TrackingNames.SourceFiles, IncrementalStepRunReason.Modified, "Flow2.cs"),
                (TrackingNames.WorkflowInputs, IncrementalStepRunReason.Modified, "App.Flow2"),
                (TrackingNames.Workflows, IncrementalStepRunReason.Modified, "App.Flow2"),
                (TrackingNames.Specs, IncrementalStepRunReason.Modified, "App.Flow2"),
                (TrackingNames.Files, IncrementalStepRunReason.Modified, "App.Flow2.g.cs"),
            ],
            changed.Select(o => (o.Step, o.Reason, IdOf(o.Value))).OrderBy(o => Array.IndexOf(TrackedNames, o.Step)).ToList());

        // The other classes are not parsed again: their keys are equal (Unchanged) and the parse is Cached.
        Assert.Equal(ManyCount - 1, outputs.Count(o => o.Step == TrackingNames.WorkflowInputs && o.Reason == IncrementalStepRunReason.Unchanged));
        Assert.Equal(ManyCount - 1, outputs.Count(o => o.Step == TrackingNames.Workflows && o.Reason == IncrementalStepRunReason.Cached));
        Assert.Equal(ManyCount - 1, outputs.Count(o => o.Step == TrackingNames.Files && o.Reason == IncrementalStepRunReason.Cached));
        Assert.Equal(["App.Flow2.g.cs Modified"], ReaddedSources(second));

        Assert.Contains("\"value\":\"changed\"", second.Manifests.Single(m => m.Id == "App.Flow2").Json, StringComparison.Ordinal);
        Assert.Equal(first.Manifests.Where(m => m.Id != "App.Flow2"), second.Manifests.Where(m => m.Id != "App.Flow2"));
    }

    [Fact]
    public void An_edit_inside_a_workflow_that_does_not_change_its_manifest_regenerates_nothing()
    {
        var compilation = ManyWorkflows();
        var first = GeneratorHarness.Run(compilation).AssertClean();
        var second = GeneratorHarness.Run(Replace(compilation, FlowFile(3), Flow(3, extra: " // a comment; and  more   spaces")), first.Driver).AssertClean();

        // Its file is read again and its key changes (its own file is new), so it is parsed again, to an equal spec.
        Assert.Equal(
            [(TrackingNames.SourceFiles, "Flow3.cs"), (TrackingNames.WorkflowInputs, "App.Flow3")],
            OurOutputs(second).Where(o => o.Reason == IncrementalStepRunReason.Modified).Select(o => (o.Step, IdOf(o.Value))).ToList());
        Assert.Equal([IncrementalStepRunReason.Unchanged], OurOutputs(second).Where(o => o.Step == TrackingNames.Workflows && IdOf(o.Value) == "App.Flow3").Select(o => o.Reason));
        Assert.All(OurOutputs(second).Where(o => o.Step is not (TrackingNames.SourceFiles or TrackingNames.WorkflowInputs)), o => Assert.True(
            o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
            o.Step + " " + IdOf(o.Value) + " was " + o.Reason));
        Assert.Empty(ReaddedSources(second));
    }

    [Fact]
    public void An_edit_that_changes_only_a_problem_reparses_but_does_not_reemit()
    {
        // After(x) with an unknown x is a problem for the analyzers (PIPE unknown dependency) and no dependency in the
        // manifest; renaming the unknown local changes the problem's text and span only.
        var compilation = ManyWorkflows();
        var withProblem = Replace(compilation, FlowFile(4), Flow(4, extra: " var c = Echo(\"c\").After(missing);"));
        var first = GeneratorHarness.Run(withProblem);
        Assert.NotEmpty(first.Single.TrackedSteps[TrackingNames.Workflows].SelectMany(s => s.Outputs)
            .Select(o => o.Value).OfType<Pipelines.Generator.Model.WorkflowSpec>().Single(s => s.Id == "App.Flow4").Problems);
        var second = GeneratorHarness.Run(Replace(withProblem, FlowFile(4), Flow(4, extra: " var c = Echo(\"c\").After(missingToo);")), first.Driver);

        var outputs = OurOutputs(second).ToList();
        Assert.Equal(
            [(TrackingNames.SourceFiles, "Flow4.cs"), (TrackingNames.WorkflowInputs, "App.Flow4"), (TrackingNames.Workflows, "App.Flow4")],
            outputs.Where(o => o.Reason == IncrementalStepRunReason.Modified).Select(o => (o.Step, IdOf(o.Value))).ToList());
        Assert.All(outputs.Where(o => o.Step is not (TrackingNames.Workflows or TrackingNames.SourceFiles or TrackingNames.WorkflowInputs)), o => Assert.True(
            o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
            o.Step + " " + IdOf(o.Value) + " was " + o.Reason));
        Assert.Empty(ReaddedSources(second));
        Assert.All(outputs.Where(o => o.Step == TrackingNames.Specs), o => Assert.Empty(((Pipelines.Generator.Model.WorkflowSpec)o.Value).Problems));
    }

    [Fact]
    public void Adding_and_removing_a_workflow_class_touches_only_that_class()
    {
        var compilation = ManyWorkflows();
        var first = GeneratorHarness.Run(compilation).AssertClean();

        var added = compilation.AddSyntaxTrees(GeneratorHarness.Tree(Flow(ManyCount), FlowFile(ManyCount)));
        var second = GeneratorHarness.Run(added, first.Driver).AssertClean();
        var outputs = OurOutputs(second).Where(o => o.Step != TrackingNames.Options).ToList();
        Assert.Equal(
            [(TrackingNames.SourceFiles, "Flow5.cs"), (TrackingNames.WorkflowInputs, "App.Flow5"), (TrackingNames.Workflows, "App.Flow5"), (TrackingNames.Specs, "App.Flow5"), (TrackingNames.Files, "App.Flow5.g.cs")],
            outputs.Where(o => o.Reason == IncrementalStepRunReason.New).Select(o => (o.Step, IdOf(o.Value))).OrderBy(o => Array.IndexOf(TrackedNames, o.Step)).ToList());
        Assert.All(outputs.Where(o => IdOf(o.Value) is not ("App.Flow5" or "App.Flow5.g.cs" or "Flow5.cs")), o => Assert.True(
            o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
            o.Step + " " + IdOf(o.Value) + " was " + o.Reason));
        Assert.Equal(["App.Flow5.g.cs New"], ReaddedSources(second));
        Assert.Equal(ManyCount + 1, second.Manifests.Count);

        // Removing a class: Roslyn's node tables hold one entry per input entry, and the classes come from one entry per
        // syntax tree, so the removed class's entries are "Removed" and the classes after it keep their own entries:
        // nothing else is parsed or emitted again (with one ForAttributeWithMetadataName list per kind, the classes after
        // the removed one used to be compared with their predecessor's old entry and re-emitted).
        var removed = Replace(added, FlowFile(1), "namespace App; public static class NoLongerAWorkflow { }");
        var third = GeneratorHarness.Run(removed, second.Driver).AssertClean();
        var removedOutputs = OurOutputs(third).Where(o => o.Step != TrackingNames.Options).ToList();
        Assert.Equal(
            [TrackingNames.WorkflowInputs, TrackingNames.Workflows, TrackingNames.Specs, TrackingNames.Files],
            removedOutputs.Where(o => o.Reason == IncrementalStepRunReason.Removed).Select(o => o.Step).ToList());
        Assert.DoesNotContain(removedOutputs, o => o.Reason == IncrementalStepRunReason.New);
        Assert.Equal(
            [(TrackingNames.SourceFiles, "Flow1.cs")],
            removedOutputs.Where(o => o.Reason == IncrementalStepRunReason.Modified).Select(o => (o.Step, IdOf(o.Value))).ToList());
        Assert.Equal(["App.Flow1.g.cs Removed"], ReaddedSources(third));
        Assert.All(removedOutputs.Where(o => IdOf(o.Value) is "App.Flow0" or "App.Flow0.g.cs"), o => Assert.True(
            o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
            o.Step + " " + IdOf(o.Value) + " was " + o.Reason));
        Assert.DoesNotContain("App.Flow0.g.cs", string.Join(" ", ReaddedSources(third)), StringComparison.Ordinal);
        Assert.Equal(
            Enumerable.Range(0, ManyCount + 1).Where(i => i != 1).Select(i => "App.Flow" + i),
            third.Manifests.Select(m => m.Id).OrderBy(id => id, StringComparer.Ordinal));
        Assert.Equal(second.Manifests.Where(m => m.Id != "App.Flow1"), third.Manifests);
        Assert.Equal(
            second.Result.GeneratedTrees.Where(t => !t.FilePath.EndsWith("App.Flow1.g.cs", StringComparison.Ordinal)).Select(t => t.ToString()),
            third.Result.GeneratedTrees.Select(t => t.ToString()));
    }

    private static IEnumerable<IncrementalStepRunReason> Reasons(GeneratorRun run, string name)
    {
        var steps = run.Single.TrackedSteps[name];
        Assert.NotEmpty(steps);
        return steps.SelectMany(s => s.Outputs).Select(o => o.Reason);
    }
}

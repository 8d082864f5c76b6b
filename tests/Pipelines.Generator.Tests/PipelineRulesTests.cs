using System;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Pipelines.Generator.Model;

namespace Pipelines.Generator.Tests;

/// <summary>The remaining incremental-generator rules of STYLE-ANCHORS section 9 (1, 3c, 7, 8, 13, 14).</summary>
public sealed class PipelineRulesTests
{
    private const string Flow = """
        using Pipelines;
        namespace App;
        [Workflow(Name = "flow")]
        public partial class Flow
        {
            [Container("busybox")]
            public static partial Node Say(string text);

            [Dag, Entrypoint]
            public static void Main() { var a = Say("a"); }
        }
        """;

    [Fact]
    public void Targets_are_found_with_ForAttributeWithMetadataName_only()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(Corpus.RepoRoot, "src", "Pipelines.Generator"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(sources);
        Assert.Contains(sources, f => File.ReadAllText(f).Contains("ForAttributeWithMetadataName", StringComparison.Ordinal));
        Assert.DoesNotContain(sources, f => File.ReadAllText(f).Contains("CreateSyntaxProvider", StringComparison.Ordinal));
    }

    [Fact]
    public void An_edit_that_moves_nothing_regenerates_nothing()
    {
        var compilation = GeneratorHarness.Compilation(GeneratorHarness.Tree(Flow));
        var first = GeneratorHarness.Run(compilation).AssertClean();
        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(), GeneratorHarness.Tree(Flow + "\n// a comment after the class\n"));
        var second = GeneratorHarness.Run(edited, first.Driver).AssertClean();

        // The transform re-ran on the edited file and produced an equal spec, so nothing after it runs again.
        Assert.Equal([IncrementalStepRunReason.Unchanged], second.Single.TrackedSteps[TrackingNames.Workflows].SelectMany(s => s.Outputs).Select(o => o.Reason));
        Assert.Equal([IncrementalStepRunReason.Cached], second.Single.TrackedSteps[TrackingNames.Specs].SelectMany(s => s.Outputs).Select(o => o.Reason));
        Assert.Equal([IncrementalStepRunReason.Cached], second.Single.TrackedSteps[TrackingNames.Files].SelectMany(s => s.Outputs).Select(o => o.Reason));
    }

    [Fact]
    public void Adding_and_removing_a_workflow_is_new_and_removed()
    {
        var compilation = GeneratorHarness.Compilation(GeneratorHarness.Tree(Flow));
        var first = GeneratorHarness.Run(compilation).AssertClean();
        var other = GeneratorHarness.Tree(Flow.Replace("Flow", "Other", StringComparison.Ordinal).Replace("\"flow\"", "\"other\"", StringComparison.Ordinal), "Other.cs");
        var added = GeneratorHarness.Run(compilation.AddSyntaxTrees(other), first.Driver).AssertClean();
        var reasons = added.Single.TrackedSteps[TrackingNames.Files].SelectMany(s => s.Outputs).Select(o => o.Reason).OrderBy(r => r).ToList();
        Assert.Equal([IncrementalStepRunReason.New, IncrementalStepRunReason.Cached], reasons);
        Assert.Equal(["App.Flow", "App.Other"], added.Manifests.Select(m => m.Id).OrderBy(i => i, StringComparer.Ordinal));

        var removed = GeneratorHarness.Run(compilation, added.Driver).AssertClean();
        Assert.Contains(IncrementalStepRunReason.Removed, removed.Single.TrackedSteps[TrackingNames.Files].SelectMany(s => s.Outputs).Select(o => o.Reason));
        Assert.Equal(["App.Flow"], removed.Manifests.Select(m => m.Id));
    }

    [Fact]
    public void Cancellation_is_honoured()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var driver = GeneratorHarness.Driver();
        Assert.ThrowsAny<OperationCanceledException>(() => driver.RunGenerators(GeneratorHarness.Compilation(GeneratorHarness.Tree(Flow)), cancelled.Token));
    }

    [Fact]
    public void One_generator_instance_serves_two_compilations_interleaved()
    {
        var generator = new PipelinesGenerator().AsSourceGenerator();
        GeneratorDriver Create() => Microsoft.CodeAnalysis.CSharp.CSharpGeneratorDriver.Create([generator], parseOptions: GeneratorHarness.ParseOptions, optionsProvider: GeneratorHarness.OptionsProvider(GeneratorHarness.ProjectDir));
        var a = GeneratorHarness.Compilation(GeneratorHarness.Tree(GeneratorHarness.ReadPort("dag-diamond.cs"), "dag-diamond.cs"));
        var b = GeneratorHarness.Compilation(GeneratorHarness.Tree(GeneratorHarness.ReadPort("steps.cs"), "steps.cs"));

        var driverA = Create().RunGenerators(a);
        var driverB = Create().RunGenerators(b);
        driverA = driverA.RunGenerators(a.AddSyntaxTrees(GeneratorHarness.Tree("struct Foo {}", "Foo.cs")));

        var alone = GeneratorHarness.Run(a).Manifests.Single();
        Assert.Equal(alone, driverA.GetRunResult().GeneratedTrees.SelectMany(GeneratorHarness.ManifestsOf).Single());
        Assert.Equal(GeneratorHarness.Run(b).Manifests.Single(), driverB.GetRunResult().GeneratedTrees.SelectMany(GeneratorHarness.ManifestsOf).Single());
    }

    [Fact]
    public void Equatable_arrays_compare_by_items()
    {
        var one = new ImmutableEquatableArray<string>(["a", "b"]);
        var same = new ImmutableEquatableArray<string>(["a", "b"]);
        var other = new ImmutableEquatableArray<string>(["b", "a"]);
        var shorter = new ImmutableEquatableArray<string>(["a"]);
        Assert.NotSame(one, same);
        Assert.Equal(one, same);
        Assert.Equal(one.GetHashCode(), same.GetHashCode());
        Assert.NotEqual(one, other);
        Assert.NotEqual(one, shorter);
        Assert.False(one.Equals(null));
        Assert.Equal(ImmutableEquatableArray<string>.Empty, new ImmutableEquatableArray<string>([]));

        var spec1 = new StepGroupSpec(new ImmutableEquatableArray<NodeSpec>([new NodeSpec("a", "t", ImmutableEquatableArray<ArgumentSpec>.Empty, ImmutableEquatableArray<ArtifactArgumentSpec>.Empty, null, null, null, null, new SourcePosition(1, 2))]));
        var spec2 = new StepGroupSpec(new ImmutableEquatableArray<NodeSpec>([new NodeSpec("a", "t", ImmutableEquatableArray<ArgumentSpec>.Empty, ImmutableEquatableArray<ArtifactArgumentSpec>.Empty, null, null, null, null, new SourcePosition(1, 2))]));
        Assert.Equal(spec1, spec2);
        Assert.Equal(spec1.GetHashCode(), spec2.GetHashCode());
    }

    [Fact]
    public void Parsing_the_same_source_twice_gives_equal_but_distinct_specs()
    {
        var first = GeneratorHarness.Run(GeneratorHarness.ReadPort("dag-nested.cs")).Single.TrackedSteps[TrackingNames.Specs].Single().Outputs.Single().Value;
        var second = GeneratorHarness.Run(GeneratorHarness.ReadPort("dag-nested.cs")).Single.TrackedSteps[TrackingNames.Specs].Single().Outputs.Single().Value;
        Assert.IsType<WorkflowSpec>(first);
        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }
}

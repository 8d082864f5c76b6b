using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Pipelines.Generator.Benchmarks;

/// <summary>
/// The generator over <see cref="SyntheticProject"/> (200 workflows, 20 DAG tasks each), step tracking off.
/// Full run: a fresh compilation and a fresh driver. Edits: a driver that has already run once over the project,
/// then the edited compilation (the edit's tree is parsed beforehand; the timed part is ReplaceSyntaxTree or
/// AddSyntaxTrees plus RunGenerators). The driver is immutable, so every invocation starts from the same state.
/// The DiscoveryOnly variants run <see cref="DiscoveryOnlyGenerator"/> instead, for the breakdown.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private Scenarios _real = null!;
    private Scenarios _discovery = null!;

    [GlobalSetup]
    public void Setup()
    {
        var project = SyntheticProject.Create();
        _real = new Scenarios(project, static () => new PipelinesGenerator());
        _discovery = new Scenarios(project, static () => new DiscoveryOnlyGenerator());
        _real.Check();
    }

    /// <summary>A fresh driver over the whole fresh compilation (target: under 50 ms).</summary>
    [Benchmark]
    public GeneratorDriver FullRun() => _real.FullRun();

    /// <summary>One DAG method body changed in one file, on a driver that has run once (target: under 5 ms).</summary>
    [Benchmark]
    public GeneratorDriver OneMethodEdit() => _real.OneMethodEdit();

    /// <summary>A new file <c>struct Foo {}</c>, on a driver that has run once.</summary>
    [Benchmark]
    public GeneratorDriver UnrelatedEdit() => _real.UnrelatedEdit();

    /// <summary>Breakdown: a fresh driver over an already bound compilation (binding cached; the generator's own work).</summary>
    [Benchmark]
    public GeneratorDriver FullRun_BoundCompilation() => _real.FullRunBoundCompilation();

    /// <summary>Breakdown: discovery alone (same ForAttributeWithMetadataName calls, trivial transform, no output).</summary>
    [Benchmark]
    public GeneratorDriver FullRun_DiscoveryOnly() => _discovery.FullRun();

    /// <summary>Breakdown: the one-method edit with discovery alone.</summary>
    [Benchmark]
    public GeneratorDriver OneMethodEdit_DiscoveryOnly() => _discovery.OneMethodEdit();
}

/// <summary>The timed work of each scenario, shared by the BenchmarkDotNet benchmarks and the --quick mode.</summary>
public sealed class Scenarios
{
    private readonly System.Func<IIncrementalGenerator> _generator;
    private readonly CSharpCompilation _baseline;
    private readonly GeneratorDriver _warmDriver;

    public Scenarios(SyntheticProject project, System.Func<IIncrementalGenerator> generator, bool trackSteps = false)
    {
        Project = project;
        TrackSteps = trackSteps;
        _generator = generator;
        _baseline = project.Compilation();
        _warmDriver = SyntheticProject.Driver(generator(), trackSteps).RunGenerators(_baseline);
    }

    public SyntheticProject Project { get; }

    public bool TrackSteps { get; }

    public GeneratorDriver FullRun() => SyntheticProject.Driver(_generator(), TrackSteps).RunGenerators(Project.Compilation());

    /// <summary>
    /// Breakdown: a fresh driver over a compilation that earlier runs have already bound (the same instance each time),
    /// so Roslyn's binding of attributes and DAG bodies is cached and what remains is the generator's own work.
    /// </summary>
    public GeneratorDriver FullRunBoundCompilation() => SyntheticProject.Driver(_generator(), TrackSteps).RunGenerators(_baseline);

    public GeneratorDriver OneMethodEdit() =>
        _warmDriver.RunGenerators(_baseline.ReplaceSyntaxTree(Project.Trees[SyntheticProject.EditedIndex], Project.EditedTree));

    public GeneratorDriver UnrelatedEdit() => _warmDriver.RunGenerators(_baseline.AddSyntaxTrees(Project.UnrelatedTree));

    /// <summary>
    /// Fails loudly when the set-up does not measure what it claims: the real generator must emit one file per workflow
    /// without throwing, and the generated code must compile with the project.
    /// </summary>
    public void Check()
    {
        var result = _warmDriver.GetRunResult();
        var single = result.Results[0];
        if (single.Exception is not null)
        {
            throw new System.InvalidOperationException("The generator threw: " + single.Exception);
        }

        if (result.GeneratedTrees.Length != SyntheticProject.Workflows)
        {
            throw new System.InvalidOperationException($"Expected {SyntheticProject.Workflows} generated files, got {result.GeneratedTrees.Length}.");
        }

        var output = _baseline.AddSyntaxTrees(result.GeneratedTrees);
        foreach (var d in output.GetDiagnostics())
        {
            if (d.Severity == DiagnosticSeverity.Error)
            {
                throw new System.InvalidOperationException("The synthetic project does not compile with the generated code: " + d);
            }
        }
    }
}

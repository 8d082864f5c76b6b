using System;
using System.IO;
using Pipelines.Argo;

namespace Pipelines.Graphs.Tests;

/// <summary>The README's picture is the tool's output for the sample, byte for byte (regenerate it when drawing changes).</summary>
public sealed class DocsPictureTests
{
    [Fact]
    public void The_readme_picture_of_the_sample_pipeline_is_what_pipelines_graph_draws()
    {
        var sample = ArgoYaml.ReadFile(Path.Combine(Corpus.RepoRoot, "samples", "yaml", "data-pipeline.yaml")).Documents[0].Object!;
        var committed = File.ReadAllText(Path.Combine(Corpus.RepoRoot, "docs", "images", "data-pipeline.svg"));
        Assert.True(
            string.Equals(SvgDiagram.ToSvg(WorkflowDiagrams.Build(sample)), committed, StringComparison.Ordinal),
            "docs/images/data-pipeline.svg is stale; regenerate it: dotnet run --project src/Pipelines.Cli -- graph samples/yaml/data-pipeline.yaml --format svg -o docs/images/data-pipeline.svg");
    }
}

using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace Pipelines.Build.Tasks.Tests;

/// <summary>PipelinesDiagrams: one diagram per manifest beside it, deterministic, not in the kustomization, verified.</summary>
public sealed class DiagramFilesTests : IDisposable
{
    private readonly TaskWorkspace _ws = new();

    public void Dispose() => _ws.Dispose();

    private string TwoWorkflows() => _ws.Compile(
        TaskWorkspace.Attribute("Demo.Hello", Manifests.Hello, TaskWorkspace.Map("Hello.cs")),
        TaskWorkspace.Attribute("Demo.Library", Manifests.Library, TaskWorkspace.Map("Library.cs")));

    [Fact]
    public void Svg_diagrams_go_beside_the_manifests_but_not_into_the_kustomization()
    {
        var run = _ws.Run(TwoWorkflows(), configure: t =>
        {
            t.Kustomization = true;
            t.Diagrams = "svg";
        }).Clean();

        Assert.Equal(
            ["kustomization.yaml", "workflow-hello.svg", "workflow-hello.yaml", "workflowtemplate-library.svg", "workflowtemplate-library.yaml"],
            _ws.ManifestNames());
        Assert.DoesNotContain(".svg", File.ReadAllText(Path.Combine(_ws.ManifestsDirectory, "kustomization.yaml")), StringComparison.Ordinal);
        Assert.Equal(["Demo.Hello", "Demo.Library"], run.Task.DiagramFiles.Select(i => i.GetMetadata("ManifestId")));
        Assert.Equal(2, run.Task.ManifestFiles.Length);
        var svg = XDocument.Parse(File.ReadAllText(Path.Combine(_ws.ManifestsDirectory, "workflow-hello.svg")));
        Assert.Contains(svg.Descendants(), e => (string?)e.Attribute("class") is { } c && c.StartsWith("node", StringComparison.Ordinal));
        var state = File.ReadAllLines(_ws.StateFile);
        Assert.Contains(Path.Combine(_ws.ManifestsDirectory, "workflow-hello.svg"), state);
    }

    [Fact]
    public void Mermaid_diagrams_are_markdown_that_github_renders_and_are_rewritten_only_when_they_change()
    {
        var dll = TwoWorkflows();
        _ws.Run(dll, configure: t => t.Diagrams = "mermaid").Clean();
        var path = Path.Combine(_ws.ManifestsDirectory, "workflow-hello.mermaid.md");
        var text = File.ReadAllText(path);
        Assert.StartsWith(EmitArgoManifests.DiagramHeader + "\n", text, StringComparison.Ordinal);
        Assert.Contains("\n```mermaid\n---\ntitle: ", text, StringComparison.Ordinal);
        Assert.EndsWith("```\n", text, StringComparison.Ordinal);
        var stamp = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, stamp);

        _ws.Run(dll, configure: t => t.Diagrams = "mermaid").Clean();

        Assert.Equal(text, File.ReadAllText(path));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void Turning_diagrams_off_deletes_the_ones_the_build_wrote_and_verify_checks_them()
    {
        var dll = TwoWorkflows();
        _ws.Run(dll, configure: t => t.Diagrams = "svg").Clean();
        var svg = Path.Combine(_ws.ManifestsDirectory, "workflow-hello.svg");
        File.AppendAllText(svg, "<!-- edited -->\n");

        var verify = _ws.Run(dll, configure: t =>
        {
            t.Diagrams = "svg";
            t.Verify = true;
            t.StateFile = string.Empty;
        });
        Assert.False(verify.Result);
        var error = Assert.Single(verify.Engine.Errors);
        Assert.Equal(BuildCodes.ManifestDrift.Code, error.Code);
        Assert.Contains("the diagram of Demo.Hello", error.Message, StringComparison.Ordinal);

        _ws.Run(dll).Clean();
        Assert.Equal(["workflow-hello.yaml", "workflowtemplate-library.yaml"], _ws.ManifestNames());
    }

    [Fact]
    public void An_unknown_diagram_kind_is_PIPE2200_and_nothing_is_written()
    {
        var run = _ws.Run(TwoWorkflows(), configure: t => t.Diagrams = "png");

        Assert.False(run.Result);
        var error = Assert.Single(run.Engine.Errors);
        Assert.Equal(BuildCodes.DiagramsSettingInvalid.Code, error.Code);
        Assert.Contains("set it to mermaid", error.Message, StringComparison.Ordinal);
        Assert.Empty(_ws.ManifestNames());
    }
}

using System;
using System.IO;
using System.Linq;

namespace Pipelines.Build.Tasks.Tests;

/// <summary>kustomization.yaml, namespace and labels, and verify mode (PipelinesVerify=true).</summary>
public sealed class GitOpsTests : IDisposable
{
    private readonly TaskWorkspace _ws = new();

    public void Dispose() => _ws.Dispose();

    private string Kustomization => Path.Combine(_ws.ManifestsDirectory, "kustomization.yaml");

    private string TwoWorkflows() => _ws.Compile(
        TaskWorkspace.Attribute("Demo.Hello", Manifests.Hello, TaskWorkspace.Map("Hello.cs")),
        TaskWorkspace.Attribute("Demo.Library", Manifests.Library, TaskWorkspace.Map("Library.cs")));

    [Fact]
    public void Kustomization_lists_every_manifest_in_file_name_order()
    {
        _ws.Run(TwoWorkflows(), configure: t => t.Kustomization = true).Clean();

        Assert.Equal(["kustomization.yaml", "workflow-hello.yaml", "workflowtemplate-library.yaml"], _ws.ManifestNames());
        var lines = File.ReadAllLines(Kustomization);
        Assert.Equal(EmitArgoManifests.KustomizationHeader, lines[0]);
        Assert.Equal(
            ["apiVersion: kustomize.config.k8s.io/v1beta1", "kind: Kustomization", "resources:", "- workflow-hello.yaml", "- workflowtemplate-library.yaml"],
            lines.Skip(1));
        Assert.Contains(Kustomization, File.ReadAllLines(_ws.StateFile));
    }

    [Fact]
    public void Namespace_and_labels_are_written_canonically_and_sorted()
    {
        _ws.Run(TwoWorkflows(), configure: t =>
        {
            t.Kustomization = true;
            t.Namespace = "argo";
            t.CommonLabels = "team=data; app.kubernetes.io/part-of=quick-start,flag=true";
        }).Clean();

        var text = File.ReadAllText(Kustomization);
        Assert.Contains("namespace: argo\n", text, StringComparison.Ordinal);
        Assert.Contains(
            "labels:\n- includeSelectors: false\n  pairs:\n    app.kubernetes.io/part-of: quick-start\n    flag: \"true\"\n    team: data\n",
            text,
            StringComparison.Ordinal);
        AssertFmtClean(text);
    }

    [Fact]
    public void Kustomization_is_already_in_fmt_form_with_its_header_comment()
    {
        _ws.Run(TwoWorkflows(), configure: t => t.Kustomization = true).Clean();

        var text = File.ReadAllText(Kustomization);
        Assert.StartsWith(EmitArgoManifests.KustomizationHeader + "\n", text, StringComparison.Ordinal);
        AssertFmtClean(text);
    }

    // What `pipelines fmt --check` does: the canonical form of the text is the text itself, comment included.
    private static void AssertFmtClean(string text)
    {
        var file = Pipelines.Argo.ArgoYaml.ReadText(text, "kustomization.yaml");
        Assert.Equal(text, Pipelines.Argo.ArgoYaml.Format(file));
    }

    [Theory]
    [InlineData("Argo", "")]
    [InlineData("", "novalue")]
    [InlineData("", "team=has space")]
    [InlineData("", "/x=y")]
    [InlineData("", "Bad_Prefix.io/x=y")]
    public void Invalid_namespace_or_label_is_PIPE2013_and_nothing_is_written(string ns, string labels)
    {
        var run = _ws.Run(TwoWorkflows(), configure: t =>
        {
            t.Kustomization = true;
            t.Namespace = ns;
            t.CommonLabels = labels;
        });

        Assert.False(run.Result);
        Assert.Equal(BuildCodes.InvalidSetting.Code, Assert.Single(run.Engine.Errors).Code);
        Assert.Empty(_ws.ManifestNames());
    }

    [Fact]
    public void A_kustomization_the_build_did_not_write_is_never_overwritten()
    {
        Directory.CreateDirectory(_ws.ManifestsDirectory);
        File.WriteAllText(Kustomization, "resources: [mine.yaml]\n");

        var run = _ws.Run(TwoWorkflows(), configure: t => t.Kustomization = true);

        Assert.False(run.Result);
        Assert.Equal(BuildCodes.KustomizationNotOwned.Code, Assert.Single(run.Engine.Errors).Code);
        Assert.Equal("resources: [mine.yaml]\n", File.ReadAllText(Kustomization));
    }

    [Fact]
    public void Turning_the_kustomization_off_deletes_the_one_the_build_wrote()
    {
        var dll = TwoWorkflows();
        _ws.Run(dll, configure: t => t.Kustomization = true).Clean();
        Assert.True(File.Exists(Kustomization));

        _ws.Run(dll).Clean();

        Assert.Equal(["workflow-hello.yaml", "workflowtemplate-library.yaml"], _ws.ManifestNames());
    }

    [Fact]
    public void Verify_passes_on_up_to_date_files_and_writes_nothing()
    {
        var dll = TwoWorkflows();
        _ws.Run(dll, configure: t => t.Kustomization = true).Clean();
        var before = _ws.ManifestNames().Select(n => File.GetLastWriteTimeUtc(Path.Combine(_ws.ManifestsDirectory, n))).ToList();
        var state = File.ReadAllText(_ws.StateFile);

        var run = _ws.Run(dll, configure: t =>
        {
            t.Kustomization = true;
            t.Verify = true;
            t.StateFile = string.Empty;
        }).Clean();

        Assert.Empty(run.Task.ManifestFiles);
        Assert.Equal(before, _ws.ManifestNames().Select(n => File.GetLastWriteTimeUtc(Path.Combine(_ws.ManifestsDirectory, n))));
        Assert.Equal(state, File.ReadAllText(_ws.StateFile));
    }

    [Fact]
    public void Verify_reports_an_edited_file_with_its_path_and_a_diff_and_leaves_it_alone()
    {
        var dll = TwoWorkflows();
        _ws.Run(dll).Clean();
        var path = Path.Combine(_ws.ManifestsDirectory, "workflow-hello.yaml");
        var original = File.ReadAllText(path);
        Assert.Contains("image: alpine:3.20", original, StringComparison.Ordinal);
        var edited = original.Replace("image: alpine:3.20", "image: alpine:3.21", StringComparison.Ordinal);
        File.WriteAllText(path, edited);

        var run = _ws.Run(dll, configure: t => t.Verify = true);

        Assert.False(run.Result);
        var error = Assert.Single(run.Engine.Errors);
        Assert.Equal(BuildCodes.ManifestDrift.Code, error.Code);
        Assert.Equal(path, error.File);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("Demo.Hello", error.Message, StringComparison.Ordinal);
        Assert.Matches(new System.Text.RegularExpressions.Regex("\n- +image: alpine:3\\.21\n\\+ +image: alpine:3\\.20\n"), error.Message);
        Assert.Equal(edited, File.ReadAllText(path));

        File.WriteAllText(path, original);
        _ws.Run(dll, configure: t => t.Verify = true).Clean();
    }

    [Fact]
    public void Verify_reports_missing_and_extra_files_but_ignores_foreign_files()
    {
        var dll = TwoWorkflows();
        _ws.Run(dll, configure: t => t.Kustomization = true).Clean();
        File.Delete(Path.Combine(_ws.ManifestsDirectory, "workflowtemplate-library.yaml"));
        File.WriteAllText(Path.Combine(_ws.ManifestsDirectory, "workflow-gone.yaml"), "x: 1\n");
        File.WriteAllText(Path.Combine(_ws.ManifestsDirectory, "README.md"), "notes\n");

        var run = _ws.Run(dll, configure: t =>
        {
            t.Kustomization = true;
            t.Verify = true;
        });

        Assert.False(run.Result);
        Assert.All(run.Engine.Errors, e => Assert.Equal(BuildCodes.ManifestDrift.Code, e.Code));
        Assert.Equal(
            [Path.Combine(_ws.ManifestsDirectory, "workflow-gone.yaml"), Path.Combine(_ws.ManifestsDirectory, "workflowtemplate-library.yaml")],
            run.Engine.Errors.Select(e => e.File).OrderBy(f => f, StringComparer.Ordinal));
        Assert.Contains(run.Engine.Errors, e => e.Message!.Contains("is missing", StringComparison.Ordinal));
        Assert.Contains(run.Engine.Errors, e => e.Message!.Contains("not produced by the build any more", StringComparison.Ordinal));
    }

    [Fact]
    public void Diff_shows_context_and_separates_hunks()
    {
        var committed = string.Concat(Enumerable.Range(1, 20).Select(i => $"line {i}\n"));
        var generated = committed.Replace("line 2\n", "line two\n", StringComparison.Ordinal).Replace("line 18\n", "line eighteen\n", StringComparison.Ordinal);

        var diff = EmitArgoManifests.Diff(committed, generated);

        Assert.Equal(
            "--- on disk\n+++ generated\n  line 1\n- line 2\n+ line two\n  line 3\n  line 4\n  line 5\n@@\n  line 15\n  line 16\n  line 17\n- line 18\n+ line eighteen\n  line 19\n  line 20",
            diff);
    }
}

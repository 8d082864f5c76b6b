using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Newtonsoft.Json.Linq;
using Pipelines.Argo.Model;
using Pipelines.Argo.Tests.Schema;

namespace Pipelines.Argo.Tests.Yaml;

/// <summary>CORPUS-QUIRKS.md 1 and 2: what Argo accepts in its own examples, the reader accepts with a warning.</summary>
public sealed class CorpusQuirksTests
{
    public static readonly TheoryData<string> ShallowContinuationFiles = new()
    {
        "ci-output-artifact.yaml", "ci.yaml", "influxdb-ci.yaml", "k8s-orchestration.yaml", "nested-workflow.yaml", "sidecar.yaml", "volumes-emptydir.yaml",
    };

    private static ManifestFile Read(string name) => ArgoYaml.ReadFile(Path.Combine(Corpus.ExamplesDirectory, name));

    [CorpusTheory]
    [MemberData(nameof(ShallowContinuationFiles))]
    public void Shallow_continuation_lines_read_with_a_warning_and_no_error(string name)
    {
        Corpus.Require();
        var file = Read(name);

        Assert.DoesNotContain(file.AllFindings, f => f.Severity == Severity.Error);
        var warnings = file.Findings.Where(f => f.Code == "PIPE3009").ToList();
        Assert.NotEmpty(warnings);
        Assert.All(warnings, w => Assert.Equal((Severity.Warning, string.Empty), (w.Severity, w.Path)));
        Assert.All(file.AllFindings, f => Assert.Equal("PIPE3009", f.Code));
        var lines = File.ReadAllLines(Path.Combine(Corpus.ExamplesDirectory, name));
        Assert.All(warnings, w => Assert.InRange(w.Line, 1, lines.Length));
        Assert.NotNull(ArgoYaml.Format(file));
    }

    [CorpusFact]
    public void Sidecar_args_fold_to_the_string_PyYAML_and_Go_read()
    {
        Corpus.Require();
        var file = Read("sidecar.yaml");

        // The closing `"]` sits at the key's indent (line 20).
        Assert.Equal(new[] { ("PIPE3009", 20) }, file.Findings.Select(f => (f.Code, f.Line)).ToArray());
        var args = ((Workflow)file.Documents.Single().Object!).Spec!.Templates![0].Container!.Args!;
        Assert.Equal(
            " apk update && apk add curl && until curl -XPOST 'http://127.0.0.1:8086/query' --data-urlencode 'q=CREATE DATABASE mydb' ; do sleep .5; done && for i in $(seq 1 20); do curl -XPOST 'http://127.0.0.1:8086/write?db=mydb' -d \"cpu,host=server01,region=uswest load=$i\" ; sleep .5 ; done ",
            Assert.Single(args));
    }

    [CorpusFact]
    public void Volumes_emptydir_args_fold_to_the_string_PyYAML_and_Go_read()
    {
        Corpus.Require();
        var file = Read("volumes-emptydir.yaml");

        var args = ((Workflow)file.Documents.Single().Object!).Spec!.Templates![0].Container!.Args!;
        Assert.Equal(
            " if grep -q /mnt/vol /proc/mounts; then echo \"Volume mounted and found\"; else echo \"Not found\"; exit 1; fi ",
            Assert.Single(args));
    }

    [CorpusFact]
    public void Duplicate_annotations_keep_the_last_mapping_and_warn_naming_both_lines()
    {
        Corpus.Require();
        var file = Read("k8s-patch-json-workflow.yaml");

        var f = Assert.Single(file.AllFindings);
        Assert.Equal(("PIPE3004", Severity.Warning, "metadata.annotations", 13), (f.Code, f.Severity, f.Path, f.Line));
        Assert.Contains("lines 6 and 13", f.Message, StringComparison.Ordinal);
        var annotations = file.Documents.Single().Object!.Metadata!.Annotations!;
        Assert.Equal(new[] { "workflows.argoproj.io/description" }, annotations.Keys.ToArray());
        Assert.Equal("This example shows how to patch a workflow with json mergeStrategy\n", annotations["workflows.argoproj.io/description"]);
    }

    // PyYAML reads these files as Go's parser does (CORPUS-QUIRKS.md); the whole data must agree, not just one string.
    [PyYamlTheory]
    [MemberData(nameof(ShallowContinuationFiles))]
    [InlineData("k8s-patch-json-workflow.yaml")]
    public void Quirky_files_read_to_the_same_data_as_PyYAML(string name)
    {
        Corpus.Require();
        var file = Read(name);
        var ours = new JArray(file.Documents.Select(d => YamlJson.ToJson(d.Root)));

        var theirs = JArray.Parse(PyYaml.ToJson(Path.Combine(Corpus.ExamplesDirectory, name)));

        Assert.True(JToken.DeepEquals(ours, theirs), $"ours:\n{ours}\nPyYAML:\n{theirs}");
    }
}

/// <summary>Runs python3 with PyYAML as an oracle for how Go's YAML 1.1 parser reads a file.</summary>
internal static class PyYaml
{
    /// <summary>
    /// Why a PyYAML-oracle test cannot run here, or null when it can. PyYAML stands in for Go's YAML 1.1 parser; the
    /// corpus and python3 with PyYAML are always present in CI, so under CI=true nothing is skipped and a missing tool
    /// fails the test instead.
    /// </summary>
    public static string? SkipReason =>
        Corpus.IsCi ? null
        : !Corpus.Exists ? Corpus.MissingMessage
        : !Available ? "needs python3 with PyYAML (the oracle for Go's YAML 1.1 parser); install them, e.g. apt-get install python3-yaml"
        : null;

    private const string Script = "import json,sys,yaml\nprint(json.dumps([d for d in yaml.safe_load_all(open(sys.argv[1], encoding='utf-8')) if d is not None], default=str))";

    public static bool Available { get; } = Probe();

    public static string ToJson(string path)
    {
        var (code, output, error) = Run(path);
        Assert.True(code == 0, "python3/PyYAML failed: " + error);
        return output;
    }

    /// <summary>Runs a Python script with arguments; fails the test when it exits with an error.</summary>
    public static string RunScript(string script, params string[] args)
    {
        var info = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, "python3 failed: " + stderr.Result);
        return stdout.Result;
    }

    private static bool Probe()
    {
        try
        {
            return Run(null).Code == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static (int Code, string Output, string Error) Run(string? path)
    {
        var info = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(path is null ? "import yaml" : Script);
        if (path is not null)
        {
            info.ArgumentList.Add(path);
        }

        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}

/// <summary>A fact that needs python3 with PyYAML and the corpus (see <see cref="PyYaml.SkipReason"/>).</summary>
public sealed class PyYamlFactAttribute : FactAttribute
{
    public PyYamlFactAttribute() => Skip = PyYaml.SkipReason;
}

/// <summary>A theory that needs python3 with PyYAML and the corpus (see <see cref="PyYaml.SkipReason"/>).</summary>
public sealed class PyYamlTheoryAttribute : TheoryAttribute
{
    public PyYamlTheoryAttribute() => Skip = PyYaml.SkipReason;
}

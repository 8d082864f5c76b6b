using System.Collections.Generic;
using System.IO;
using System.Linq;
using Pipelines.Argo;
using Pipelines.Argo.Model;
using Pipelines.Argo.Validation;
using Pipelines.Argo.Yaml;

namespace Pipelines.Cli.Tests;

public sealed class LintTests
{
    [Fact]
    public void Valid_file_exits_0_with_no_findings_and_a_summary()
    {
        using var dir = new TempDir();
        dir.Write("hello.yaml", Manifests.Hello);

        var result = Cli.Run(dir.Path, "lint", "hello.yaml");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Equal("1 file, 1 document: 0 errors, 0 warnings\n", result.Stderr);
    }

    [Fact]
    public void Errors_exit_1_in_text_format_with_file_line_column_code_and_path()
    {
        using var dir = new TempDir();
        dir.Write("sub/typo.yaml", Manifests.UnknownField);

        var result = Cli.Run(dir.Path, "lint", "sub");

        Assert.True(result.ExitCode == 1, result.ToString());
        var line = Assert.Single(result.StdoutLines);
        Assert.StartsWith("sub/typo.yaml:10:7: error PIPE3002: unknown field 'imagee'", line);
        Assert.EndsWith(" [spec.templates[0].container.imagee]", line);
        Assert.Equal("1 file, 1 document: 1 error, 0 warnings\n", result.Stderr);
    }

    [Fact]
    public void Json_format_has_every_field()
    {
        using var dir = new TempDir();
        dir.Write("typo.yaml", Manifests.UnknownField);
        dir.WriteBytes("empty.yaml", []);

        var result = Cli.Run(dir.Path, "lint", "--format", "json", ".");

        Assert.True(result.ExitCode == 1, result.ToString());
        var findings = result.Json();
        Assert.Equal(2, findings.Count);

        // Files in ordinal order; a file-level finding has no document, kind or name.
        var empty = findings[0];
        Assert.Equal(new JsonFinding("empty.yaml", 1, 1, "error", "PIPE3010", empty.Message, string.Empty, null, null, null), empty);
        Assert.Contains("no YAML document", empty.Message);

        var typo = findings[1];
        Assert.Equal(new JsonFinding("typo.yaml", 10, 7, "error", "PIPE3002", typo.Message, "spec.templates[0].container.imagee", 0, "Workflow", "typo"), typo);
        Assert.Contains("did you mean 'image'", typo.Message);
    }

    [Fact]
    public void Json_output_for_a_clean_run_is_an_empty_array()
    {
        using var dir = new TempDir();
        dir.Write("hello.yaml", Manifests.Hello);

        var result = Cli.Run(dir.Path, "lint", "--format", "json", "hello.yaml");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Json());
    }

    [Fact]
    public void Json_output_is_deterministic()
    {
        using var dir = new TempDir();
        dir.Write("a.yaml", Manifests.UnknownField);
        dir.Write("b/dup.yaml", Manifests.DuplicateKey);

        var first = Cli.Run(dir.Path, "lint", "-f", "json", ".");
        var second = Cli.Run(dir.Path, "lint", "-f", "json", "b", "a.yaml");

        Assert.Equal(1, first.ExitCode);
        Assert.Equal(first.Stdout, second.Stdout);
    }

    [Fact]
    public void Warnings_alone_exit_0_and_strict_makes_them_errors()
    {
        using var dir = new TempDir();
        dir.Write("dup.yaml", Manifests.DuplicateKey);

        var normal = Cli.Run(dir.Path, "lint", "dup.yaml");
        var strict = Cli.Run(dir.Path, "lint", "--strict", "dup.yaml");

        Assert.True(normal.ExitCode == 0, normal.ToString());
        Assert.StartsWith("dup.yaml:6:3: warning PIPE3004: key 'labels' appears twice", Assert.Single(normal.StdoutLines));
        Assert.Equal("1 file, 1 document: 0 errors, 1 warning\n", normal.Stderr);

        Assert.True(strict.ExitCode == 1, strict.ToString());
        Assert.StartsWith("dup.yaml:6:3: error PIPE3004: key 'labels' appears twice", Assert.Single(strict.StdoutLines));
        Assert.Equal("1 file, 1 document: 1 error, 0 warnings\n", strict.Stderr);
    }

    [Fact]
    public void Folders_are_searched_recursively_for_yaml_and_yml_in_ordinal_order()
    {
        using var dir = new TempDir();
        dir.Write("b.yaml", Manifests.UnknownField);
        dir.Write("a/deep/er/c.yml", Manifests.UnknownField);
        dir.Write("a/Z.yaml", Manifests.UnknownField);
        dir.Write("a/notes.txt", "not: yaml: at all: [");
        dir.Write("a/readme.md", "# not scanned");
        dir.Write(".hidden/x.yaml", "junk: [");

        var result = Cli.Run(dir.Path, "lint", ".");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(
            new[] { "a/Z.yaml", "a/deep/er/c.yml", "b.yaml" },
            result.StdoutLines.Select(l => l.Substring(0, l.IndexOf(':'))).ToArray());
        Assert.All(result.StdoutLines, l => Assert.Contains(": error PIPE3002: ", l));
        Assert.StartsWith("3 files, 3 documents: 3 errors", result.Stderr);
    }

    [Fact]
    public void Paths_outside_the_working_directory_are_printed_absolute_with_forward_slashes()
    {
        using var dir = new TempDir();
        using var elsewhere = new TempDir();
        var file = elsewhere.Write("typo.yaml", Manifests.UnknownField);

        var result = Cli.Run(dir.Path, "lint", file);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(file.Replace('\\', '/') + ":10:7: error PIPE3002:", Assert.Single(result.StdoutLines));
    }

    [Fact]
    public void Non_Argo_documents_are_skipped_not_failed()
    {
        using var dir = new TempDir();
        dir.Write("pvc.yaml",
            "apiVersion: v1\n" +
            "kind: PersistentVolumeClaim\n" +
            "metadata:\n" +
            "  name: data\n" +
            "spec:\n" +
            "  notAnArgoField: true\n" +
            "---\n" +
            "apiVersion: argoproj.io/v1alpha1\n" +
            "kind: WorkflowEventBinding\n" +
            "metadata:\n" +
            "  name: event\n" +
            "spec:\n" +
            "  whatever: 1\n");
        dir.Write("mixed.yaml", Manifests.Mixed);

        var result = Cli.Run(dir.Path, "lint", ".");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Equal("2 files, 4 documents (3 documents of other kinds not validated): 0 errors, 0 warnings\n", result.Stderr);
    }

    [Fact]
    public void Nonexistent_path_exits_2_with_PIPE3014()
    {
        using var dir = new TempDir();
        dir.Write("hello.yaml", Manifests.Hello);

        var result = Cli.Run(dir.Path, "lint", "hello.yaml", "missing.yaml");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(string.Empty, result.Stdout);
        Assert.StartsWith("missing.yaml: error PIPE3014: no such file or folder", result.Stderr);
    }

    [Fact]
    public void Folder_without_yaml_files_exits_2()
    {
        using var dir = new TempDir();
        dir.Write("notes.txt", "nothing here");

        var result = Cli.Run(dir.Path, "lint", ".");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("no *.yaml or *.yml files found", result.Stderr);
    }

    [Fact]
    public void Unreadable_file_exits_2_with_PIPE3014_and_other_files_are_still_reported()
    {
        using var dir = new TempDir();
        dir.Write("ok.yaml", Manifests.UnknownField);

        // A link to nothing, named on the command line, is listed like a file but cannot be read (whoever runs the
        // tests, root included). (Inside a folder, links are not followed at all.)
        File.CreateSymbolicLink(Path.Combine(dir.Path, "broken.yaml"), Path.Combine(dir.Path, "nowhere", "target.yaml"));

        var result = Cli.Run(dir.Path, "lint", "--format", "json", "broken.yaml", "ok.yaml");

        Assert.True(result.ExitCode == 2, result.ToString());
        var findings = result.Json();
        Assert.Equal(2, findings.Count);
        Assert.Equal(("broken.yaml", "PIPE3014", string.Empty, (int?)null), (findings[0].File, findings[0].Code, findings[0].Path, findings[0].Document));
        Assert.StartsWith("cannot read the file: ", findings[0].Message);
        Assert.Equal(("ok.yaml", "PIPE3002", "spec.templates[0].container.imagee"), (findings[1].File, findings[1].Code, findings[1].Path));
    }

    [Theory]
    [InlineData("")]
    [InlineData("lint")]
    [InlineData("lint --format xml x.yaml")]
    [InlineData("lint --no-such-option x.yaml")]
    [InlineData("fmt")]
    [InlineData("fmt --write")]
    [InlineData("frobnicate")]
    public void Usage_errors_exit_2_with_a_pointer_to_help(string commandLine)
    {
        using var dir = new TempDir();
        dir.Write("x.yaml", Manifests.Hello);

        var result = Cli.Run(dir.Path, commandLine.Split(' ', System.StringSplitOptions.RemoveEmptyEntries));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("error: ", result.Stderr);
        Assert.Contains("--help' for usage.", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Fact]
    public void Help_describes_options_exit_codes_and_examples()
    {
        var result = Cli.Run(Path.GetTempPath(), "lint", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--format", result.Stdout);
        Assert.Contains("--strict", result.Stdout);
        Assert.Contains("Exit codes: 0 no errors, 1 errors", result.Stdout);
        Assert.Contains("pipelines lint workflows/", result.Stdout);
    }

    [Fact]
    public void Files_are_validated_together_so_templateRefs_resolve_across_files()
    {
        using var dir = new TempDir();
        dir.Write("workflows/uses-shared.yaml", Manifests.UsesShared);
        dir.Write("templates/shared.yaml", Manifests.SharedTemplate);
        var context = new CliContext(new StringWriter(), new StringWriter(), dir.Path);
        var calls = new List<IReadOnlyList<ManifestFile>>();

        var together = LintCommand.Run(context, ["."], json: false, strict: false, files =>
        {
            calls.Add(files);
            RefCheckingValidator(files);
        });
        var alone = new StringWriter();
        var aloneCode = LintCommand.Run(new CliContext(alone, new StringWriter(), dir.Path), ["workflows"], json: false, strict: false, RefCheckingValidator);

        // One call with both files, so the WorkflowTemplate is in the catalog the Workflow resolves against.
        var call = Assert.Single(calls);
        Assert.Equal(new[] { "templates/shared.yaml", "workflows/uses-shared.yaml" }, call.Select(f => context.Display(f.Path)).ToArray());
        Assert.Equal(0, together);
        Assert.Equal(1, aloneCode);
        Assert.Equal(
            "workflows/uses-shared.yaml:11:9: error TEST0001: template reference shared.say not found [spec.templates[0].steps[0][0].templateRef]\n",
            alone.ToString());
    }

    [Fact]
    public void Real_validator_accepts_a_templateRef_to_a_WorkflowTemplate_in_another_file()
    {
        using var dir = new TempDir();
        dir.Write("workflows/uses-shared.yaml", Manifests.UsesShared);
        dir.Write("templates/shared.yaml", Manifests.SharedTemplate);

        var result = Cli.Run(dir.Path, "lint", "workflows", "templates");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("2 files, 2 documents: 0 errors, 0 warnings\n", result.Stderr);
    }

    /// <summary>A stand-in for REF-03 that resolves step templateRefs through the real <see cref="TemplateCatalog"/>.</summary>
    private static void RefCheckingValidator(IReadOnlyList<ManifestFile> files)
    {
        var documents = files.SelectMany(f => f.Documents).Where(d => d.Object is not null).ToList();
        var catalog = new TemplateCatalog(documents.Select(d => d.Object!));
        foreach (var doc in documents)
        {
            if (doc.Object is not Workflow { Spec.Templates: { } templates })
            {
                continue;
            }

            for (var t = 0; t < templates.Count; t++)
            {
                var steps = templates[t].Steps ?? [];
                for (var g = 0; g < steps.Count; g++)
                {
                    for (var s = 0; s < steps[g].Count; s++)
                    {
                        if (steps[g][s].TemplateRef is { Name: { } name, Template: { } template } && catalog.FindTemplate(name, template, clusterScope: false) is null)
                        {
                            var path = FieldPath.Root.Field("spec").Field("templates").Item(t).Field("steps").Item(g).Item(s).Field("templateRef");
                            var (line, column) = YamlLocator.Locate(doc.Root, path);
                            doc.Findings.Add(new Finding("TEST0001", Severity.Error, $"template reference {name}.{template} not found", path.ToString(), line, column));
                        }
                    }
                }
            }
        }
    }
}

public sealed class InternalErrorTests
{
    private sealed class FailingWriter : StringWriter
    {
        public override void Write(string? value) => throw new System.InvalidOperationException("the writer broke");
    }

    [Fact]
    public void Unexpected_exceptions_become_an_internal_error_message_with_exit_2_and_no_stack_trace()
    {
        using var dir = new TempDir();
        dir.Write("typo.yaml", Manifests.UnknownField);
        var stderr = new StringWriter();

        var code = Program.Run(["lint", "typo.yaml"], new FailingWriter(), stderr, dir.Path);

        Assert.Equal(2, code);
        Assert.StartsWith("internal error: InvalidOperationException: the writer broke\n", stderr.ToString());
        Assert.Contains("please report it", stderr.ToString());
        Assert.DoesNotContain("   at ", stderr.ToString());
    }
}

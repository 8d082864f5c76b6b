using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;

namespace Pipelines.Cli.Tests;

/// <summary>
/// Issue 19 regressions for fmt and lint on the file system: links out of the folder, link loops, read-only files,
/// hard links, leftovers of a killed run, special files, control characters in names, and the cap on findings.
/// Every hostile input is built by the test.
/// </summary>
public sealed class HardeningTests
{
    [Fact]
    public void Write_never_follows_a_symbolic_link_out_of_the_folder_nor_loops()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Creating symbolic links needs privileges on Windows.
        }

        using var outside = new TempDir();
        var victim = outside.Write("victim.yaml", Manifests.Hello);
        using var dir = new TempDir();
        dir.Write("work/own.yaml", Manifests.Hello);
        File.CreateSymbolicLink(Path.Combine(dir.Path, "work", "link.yaml"), victim);
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "work", "outside"), outside.Path);
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "work", "loop"), Path.Combine(dir.Path, "work"));

        var result = Cli.Run(dir.Path, "fmt", "--write", "work");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Manifests.HelloCanonical, dir.Read("work/own.yaml"));
        Assert.Equal(Manifests.Hello, outside.Read("victim.yaml"));
        Assert.Contains("work/link.yaml: skipped: a symbolic link", result.Stderr);
        Assert.Contains("work/loop: skipped: a symbolic link", result.Stderr);
        Assert.Contains("1 file: 1 reformatted", result.Stderr);
    }

    [Fact]
    public void Write_refuses_a_read_only_file_with_a_clean_message()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var dir = new TempDir();
        var file = dir.Write("ro.yaml", Manifests.Hello);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.GroupRead);

        var result = Cli.Run(dir.Path, "fmt", "--write", "ro.yaml");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(Manifests.Hello, dir.Read("ro.yaml"));
        Assert.Contains("ro.yaml: error PIPE3014: cannot write the file: the file is read-only", result.Stderr);
        Assert.DoesNotContain(".;", result.Stderr);
        Assert.Empty(Directory.GetFiles(dir.Path, ".*"));
    }

    // Item 17: a write that fails on the system's own message ("... already exists.") reads as one sentence, not
    // "exists.; it was left as it was".
    [Fact]
    public void A_failed_write_gives_one_clean_sentence_and_leaves_the_file()
    {
        using var dir = new TempDir();
        dir.Write("blocked.yaml", Manifests.Hello);
        Directory.CreateDirectory(Path.Combine(dir.Path, ".blocked.yaml.pipelines-fmt.partial"));

        var result = Cli.Run(dir.Path, "fmt", "--write", "blocked.yaml");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(Manifests.Hello, dir.Read("blocked.yaml"));
        var line = Assert.Single(result.Stderr.Split('\n'), l => l.Contains("error PIPE3014", StringComparison.Ordinal));
        Assert.StartsWith("blocked.yaml: error PIPE3014: cannot write the file: ", line, StringComparison.Ordinal);
        Assert.EndsWith(". It was left as it was.", line, StringComparison.Ordinal);
        Assert.DoesNotContain(".;", line, StringComparison.Ordinal);
        Assert.DoesNotContain(".. ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_keeps_hard_links_by_writing_through_the_same_file()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var dir = new TempDir();
        dir.Write("a/hello.yaml", Manifests.Hello);
        Link(Path.Combine(dir.Path, "a", "hello.yaml"), Path.Combine(dir.Path, "other-name.txt"));

        var result = Cli.Run(dir.Path, "fmt", "--write", "a");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Manifests.HelloCanonical, dir.Read("a/hello.yaml"));
        Assert.Equal(Manifests.HelloCanonical, dir.Read("other-name.txt"));
        Assert.Empty(Directory.GetFiles(Path.Combine(dir.Path, "a"), ".*"));
    }

    [Fact]
    public void A_partial_copy_left_by_a_killed_run_is_removed()
    {
        using var dir = new TempDir();
        dir.Write("hello.yaml", Manifests.Hello);
        dir.Write(".hello.yaml.pipelines-fmt.partial", "apiVersion: argo");

        var result = Cli.Run(dir.Path, "fmt", "--write", ".");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.False(File.Exists(Path.Combine(dir.Path, ".hello.yaml.pipelines-fmt.partial")));
        Assert.Equal(Manifests.HelloCanonical, dir.Read("hello.yaml"));
        Assert.Contains("removed .hello.yaml.pipelines-fmt.partial", result.Stderr);
    }

    [Fact]
    public void A_write_cut_by_a_kill_is_finished_from_the_ready_copy()
    {
        using var dir = new TempDir();
        // The run was killed while rewriting: the file holds the start of the new text and the tail of the old one.
        dir.Write("hello.yaml", Manifests.HelloCanonical.Substring(0, Manifests.HelloCanonical.IndexOf("      command:", StringComparison.Ordinal)) + "      command: [ech");
        dir.Write(".hello.yaml.pipelines-fmt.ready", Manifests.HelloCanonical);

        var result = Cli.Run(dir.Path, "fmt", "--write", ".");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Manifests.HelloCanonical, dir.Read("hello.yaml"));
        Assert.False(File.Exists(Path.Combine(dir.Path, ".hello.yaml.pipelines-fmt.ready")));
        Assert.Contains("finished the rewrite", result.Stderr);
    }

    [Fact]
    public void A_ready_copy_beside_a_file_edited_since_is_left_for_the_user()
    {
        using var dir = new TempDir();
        dir.Write("hello.yaml", Manifests.HelloCanonical.Replace("busybox", "alpine"));
        dir.Write(".hello.yaml.pipelines-fmt.ready", Manifests.HelloCanonical);

        var result = Cli.Run(dir.Path, "fmt", "--write", ".");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(Manifests.HelloCanonical.Replace("busybox", "alpine"), dir.Read("hello.yaml"));
        Assert.True(File.Exists(Path.Combine(dir.Path, ".hello.yaml.pipelines-fmt.ready")));
        Assert.Contains("compare the two", result.Stderr);
    }

    [Fact]
    public void A_fifo_and_a_link_to_a_device_are_skipped_in_a_folder_and_refused_by_name()
    {
        if (OperatingSystem.IsWindows() || !File.Exists("/dev/zero"))
        {
            return; // No FIFOs or /dev/zero here.
        }

        using var dir = new TempDir();
        dir.Write("ok.yaml", Manifests.HelloCanonical);
        MakeFifo(Path.Combine(dir.Path, "x.yaml"));
        File.CreateSymbolicLink(Path.Combine(dir.Path, "zero.yaml"), "/dev/zero");

        var folder = Cli.Run(dir.Path, "lint", ".");
        var fifo = Cli.Run(dir.Path, "lint", "x.yaml");
        var zero = Cli.Run(dir.Path, "fmt", "--check", "zero.yaml");

        Assert.True(folder.ExitCode == 0, folder.ToString());
        Assert.Contains("x.yaml: skipped: a FIFO (named pipe), not a regular file", folder.Stderr);
        Assert.Contains("zero.yaml: skipped: a symbolic link", folder.Stderr);
        Assert.Equal(2, fifo.ExitCode);
        Assert.Contains("x.yaml: error PIPE3051: a FIFO (named pipe), not a regular file", fifo.Stderr);
        Assert.Equal(2, zero.ExitCode);
        Assert.Contains("zero.yaml: error PIPE3051: a device, not a regular file", zero.Stderr);
    }

    [Fact]
    public void Control_characters_in_names_and_keys_are_escaped_in_diagnostic_lines()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Windows file names cannot hold control characters.
        }

        using var dir = new TempDir();
        dir.Write("bad\u001b[31m\nname.yaml", Manifests.UnknownField.Replace("imagee", "\"ima\\u001bgee\\nx\""));

        var result = Cli.Run(dir.Path, "lint", ".");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.StdoutLines);
        Assert.StartsWith("bad\\u001B[31m\\nname.yaml:10:7: error PIPE3002:", line);
        Assert.Contains("ima\\u001Bgee\\nx", line);
        Assert.DoesNotContain('\u001b', result.Stdout + result.Stderr);
    }

    // Item 16: a Workflow with neither metadata.name nor generateName is an error in lint (the API server rejects it as
    // written); `run` names it itself, so there it is a warning and the workflow runs.
    [Fact]
    public void A_workflow_without_any_name_is_a_lint_error_and_run_names_it()
    {
        using var dir = new TempDir();
        dir.Write("unnamed.yaml", Manifests.Hello.Replace("  generateName: hello-\n", "  labels: {team: a}\n", StringComparison.Ordinal));

        var lint = Cli.Run(dir.Path, "lint", "unnamed.yaml");
        var run = Cli.Run(dir.Path, "run", "unnamed.yaml", "--mock", "main=phase=Succeeded", "--run-dir", "run");

        Assert.Equal(1, lint.ExitCode);
        var line = Assert.Single(lint.StdoutLines);
        Assert.StartsWith("unnamed.yaml:4:1: error PIPE1014: metadata.name: Required value: name or generateName is required", line, StringComparison.Ordinal);
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public void Listing_stops_at_200_findings_per_file_and_counts_the_rest()
    {
        // 80 unknown fields in each of three documents: the reader lists them all (under its cap of 100 per document),
        // the listing stops at 200 for the file.
        var sb = new StringBuilder();
        for (var d = 0; d < 3; d++)
        {
            sb.Append(d == 0 ? string.Empty : "---\n").Append(Manifests.HelloCanonical);
            for (var i = 0; i < 80; i++)
            {
                sb.Append("  unknown").Append(i).Append(": x\n");
            }
        }

        using var dir = new TempDir();
        dir.Write("many.yaml", sb.ToString());

        var result = Cli.Run(dir.Path, "lint", "many.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(201, result.StdoutLines.Length);
        Assert.Contains("error PIPE3053: ... and 40 more errors, 0 more warnings in this file, not listed (at most 200 per file)", result.StdoutLines[^1]);
        Assert.Contains("240 errors", result.Stderr);
    }

    [Fact]
    public void Findings_are_capped_per_file_and_the_rest_counted()
    {
        var sb = new StringBuilder(Manifests.HelloCanonical);
        sb.Append("  bogus:\n");
        for (var i = 0; i < 300; i++)
        {
            sb.Append("  unknown").Append(i).Append(": x\n");
        }

        using var dir = new TempDir();
        dir.Write("many.yaml", sb.ToString().Replace("  bogus:\n", string.Empty));

        var result = Cli.Run(dir.Path, "lint", "many.yaml");

        // The reader lists 100 unknown fields per document and counts the rest in one more finding.
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(101, result.StdoutLines.Length);
        Assert.Contains("error PIPE3002: 200 more unknown fields in this document (only the first 100 are listed)", result.Stdout);
        Assert.Contains("101 errors", result.Stderr);
    }

    private static void Link(string existing, string newName) => RunTool("ln", existing, newName);

    private static void MakeFifo(string path) => RunTool("mkfifo", path);

    private static void RunTool(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}

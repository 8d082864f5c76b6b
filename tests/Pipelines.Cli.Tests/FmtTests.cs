using System;
using System.IO;
using System.Linq;

namespace Pipelines.Cli.Tests;

public sealed class FmtTests
{
    private static readonly DateTime Old = new(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    [Fact]
    public void Without_a_flag_one_file_is_written_to_stdout_and_left_alone()
    {
        using var dir = new TempDir();
        dir.Write("hello.yaml", Manifests.Hello);

        var result = Cli.Run(dir.Path, "fmt", "hello.yaml");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Manifests.HelloCanonical, result.Stdout);
        Assert.Equal(string.Empty, result.Stderr);
        Assert.Equal(Manifests.Hello, dir.Read("hello.yaml"));
    }

    [Fact]
    public void Without_a_flag_more_than_one_file_is_a_usage_error()
    {
        using var dir = new TempDir();
        dir.Write("a.yaml", Manifests.Hello);
        dir.Write("b.yaml", Manifests.Hello);

        var twoPaths = Cli.Run(dir.Path, "fmt", "a.yaml", "b.yaml");
        var folder = Cli.Run(dir.Path, "fmt", ".");

        Assert.True(twoPaths.ExitCode == 2, twoPaths.ToString());
        Assert.Contains("exactly one file", twoPaths.Stderr);
        Assert.Contains("--write", twoPaths.Stderr);
        Assert.Equal(string.Empty, twoPaths.Stdout);
        Assert.True(folder.ExitCode == 2, folder.ToString());
    }

    [Fact]
    public void Write_and_check_together_is_a_usage_error()
    {
        using var dir = new TempDir();
        dir.Write("a.yaml", Manifests.Hello);

        var result = Cli.Run(dir.Path, "fmt", "--write", "--check", "a.yaml");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("cannot be used together", result.Stderr);
        Assert.Equal(Manifests.Hello, dir.Read("a.yaml"));
    }

    [Fact]
    public void Write_rewrites_changed_files_only_and_a_second_write_changes_nothing()
    {
        using var dir = new TempDir();
        var changed = dir.Write("flows/hello.yaml", Manifests.Hello);
        var canonical = dir.Write("flows/already.yaml", Manifests.HelloCanonical);
        File.SetLastWriteTimeUtc(changed, Old);
        File.SetLastWriteTimeUtc(canonical, Old);

        var first = Cli.Run(dir.Path, "fmt", "--write", ".");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal("flows/hello.yaml\n", first.Stdout);
        Assert.Equal("2 files: 1 reformatted\n", first.Stderr);
        Assert.Equal(Manifests.HelloCanonical, dir.Read("flows/hello.yaml"));
        Assert.NotEqual(Old, File.GetLastWriteTimeUtc(changed));
        Assert.Equal(Old, File.GetLastWriteTimeUtc(canonical));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp", SearchOption.AllDirectories));

        var bytes = dir.ReadBytes("flows/hello.yaml");
        File.SetLastWriteTimeUtc(changed, Old);
        var second = Cli.Run(dir.Path, "fmt", "--write", ".");

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(string.Empty, second.Stdout);
        Assert.Equal("2 files: 0 reformatted\n", second.Stderr);
        Assert.Equal(bytes, dir.ReadBytes("flows/hello.yaml"));
        Assert.Equal(Old, File.GetLastWriteTimeUtc(changed));
    }

    [Fact]
    public void Write_keeps_the_file_mode()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var dir = new TempDir();
        var file = dir.Write("hello.yaml", Manifests.Hello);
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        File.SetUnixFileMode(file, mode);

        var result = Cli.Run(dir.Path, "fmt", "-w", "hello.yaml");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Manifests.HelloCanonical, dir.Read("hello.yaml"));
        Assert.Equal(mode, File.GetUnixFileMode(file));
    }

    [Fact]
    public void Check_lists_files_that_would_change_and_exits_1_without_writing()
    {
        using var dir = new TempDir();
        dir.Write("b.yaml", Manifests.Hello);
        dir.Write("a.yml", Manifests.Mixed);
        dir.Write("c.yaml", Manifests.HelloCanonical);

        var result = Cli.Run(dir.Path, "fmt", "--check", ".");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("a.yml\nb.yaml\n", result.Stdout);
        Assert.Equal("3 files: 2 would be reformatted; run 'pipelines fmt --write' on them\n", result.Stderr);
        Assert.Equal(Manifests.Hello, dir.Read("b.yaml"));
        Assert.Equal(Manifests.Mixed, dir.Read("a.yml"));
    }

    [Fact]
    public void Check_on_canonical_files_exits_0_and_lists_nothing()
    {
        using var dir = new TempDir();
        dir.Write("c.yaml", Manifests.HelloCanonical);
        dir.Write("m.yaml", Manifests.MixedCanonical);

        var result = Cli.Run(dir.Path, "fmt", "--check", ".");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Fact]
    public void Files_with_errors_are_reported_like_lint_and_never_touched()
    {
        using var dir = new TempDir();
        var bad = dir.Write("typo.yaml", "# keep me\n" + Manifests.UnknownField);
        dir.Write("hello.yaml", Manifests.Hello);
        File.SetLastWriteTimeUtc(bad, Old);

        var write = Cli.Run(dir.Path, "fmt", "--write", ".");

        Assert.True(write.ExitCode == 1, write.ToString());
        Assert.Equal("hello.yaml\n", write.Stdout);
        var lines = write.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("typo.yaml:11:7: error PIPE3002: unknown field 'imagee'", lines[0]);
        Assert.EndsWith("[spec.templates[0].container.imagee]", lines[0]);
        Assert.Equal("2 files: 1 reformatted, 1 with errors (left unchanged)", lines[^1]);
        Assert.Equal("# keep me\n" + Manifests.UnknownField, dir.Read("typo.yaml"));
        Assert.Equal(Old, File.GetLastWriteTimeUtc(bad));
        Assert.Equal(Manifests.HelloCanonical, dir.Read("hello.yaml"));

        var stdout = Cli.Run(dir.Path, "fmt", "typo.yaml");
        Assert.True(stdout.ExitCode == 1, stdout.ToString());
        Assert.Equal(string.Empty, stdout.Stdout);
        Assert.StartsWith("typo.yaml:11:7: error PIPE3002:", stdout.Stderr);
        Assert.Contains("typo.yaml: not formatted: fix the errors above first", stdout.Stderr);
    }

    [Fact]
    public void Mixed_kind_files_keep_their_non_Argo_documents()
    {
        using var dir = new TempDir();
        dir.Write("mixed.yaml", Manifests.Mixed);

        var result = Cli.Run(dir.Path, "fmt", "--write", "mixed.yaml");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Manifests.MixedCanonical, dir.Read("mixed.yaml"));
    }

    [Fact]
    public void Byte_order_mark_is_removed()
    {
        using var dir = new TempDir();
        dir.WriteBytes("bom.yaml", [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(Manifests.HelloCanonical)]);

        var check = Cli.Run(dir.Path, "fmt", "--check", "bom.yaml");
        var write = Cli.Run(dir.Path, "fmt", "--write", "bom.yaml");

        Assert.Equal(1, check.ExitCode);
        Assert.Equal("bom.yaml\n", check.Stdout);
        Assert.True(write.ExitCode == 0, write.ToString());
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(Manifests.HelloCanonical), dir.ReadBytes("bom.yaml"));
    }

    [Fact]
    public void Help_says_comments_and_non_Argo_documents_are_kept()
    {
        var result = Cli.Run(Path.GetTempPath(), "fmt", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Comments are kept, in place", result.Stdout);
        Assert.Contains("Documents of non-Argo kinds (ConfigMap, PersistentVolumeClaim, ...) are kept, formatted generically", result.Stdout);
        Assert.Contains("--write", result.Stdout);
        Assert.Contains("--check", result.Stdout);
        Assert.Contains("pipelines fmt --check workflows/", result.Stdout);
        Assert.Contains("Usage:", result.Stdout);
        Assert.Contains("pipelines fmt", result.Stdout.Split('\n').SkipWhile(l => l != "Usage:").Skip(1).First());
    }
}

using System;
using System.IO;
using System.Linq;
using System.Text;

namespace Pipelines.Cli.Tests;

/// <summary>
/// Hostile and broken files: each gives one clear finding (file, line, column, code) and exit 1, never an internal
/// error, under a hang guard and, where the input is built to exhaust memory, a bound on what is allocated.
/// </summary>
public sealed class BadInputTests
{
    private const long MemoryBound = 256L * 1024 * 1024;

    public static TheoryData<string> Commands => new() { "lint", "fmt" };

    [Theory]
    [MemberData(nameof(Commands))]
    public void Empty_file(string command)
    {
        AssertSingleFinding(command, [], "PIPE3010", 1, 1, "no YAML document");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Binary_junk_with_NUL_bytes(string command)
    {
        var random = new Random(20261121);
        var bytes = new byte[64 * 1024];
        random.NextBytes(bytes);
        bytes[0] = (byte)'a';
        bytes[1] = 0;
        bytes[2] = 0xFF;
        AssertSingleFinding(command, bytes, "PIPE3008", 1, 1, "is it a binary file?");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void NUL_bytes_in_valid_UTF8(string command)
    {
        AssertSingleFinding(command, Encoding.UTF8.GetBytes("apiVersion: v1\nkind: Config\0Map\n"), "PIPE3008", 2, 13, "U+0000");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Invalid_UTF8(string command)
    {
        var bytes = Encoding.UTF8.GetBytes("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf").Concat(new byte[] { 0xC3, 0x28, 0xFF, (byte)'\n' }).ToArray();
        AssertSingleFinding(command, bytes, "PIPE3008", 4, 1, "not valid UTF-8");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Twenty_megabyte_file(string command)
    {
        var line = Encoding.UTF8.GetBytes("- " + new string('x', 1022) + "\n");
        var bytes = new byte[20 * 1024 * 1024];
        for (var i = 0; i < bytes.Length; i += line.Length)
        {
            Array.Copy(line, 0, bytes, i, Math.Min(line.Length, bytes.Length - i));
        }

        var result = AssertSingleFinding(command, bytes, "PIPE3007", 1, 1, "20.0 MiB, larger than the 8.0 MiB");
        Assert.True(result.AllocatedBytes < MemoryBound, $"allocated {result.AllocatedBytes:N0} bytes");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Deeply_nested_flow_sequences(string command)
    {
        AssertSingleFinding(command, Encoding.ASCII.GetBytes(new string('[', 100_000)), "PIPE3006", 1, 257, "nest deeper than 256 levels");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Deeply_nested_block_mappings(string command)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 2_000; i++)
        {
            sb.Append(' ', i).Append("k:\n");
        }

        AssertSingleFinding(command, Encoding.ASCII.GetBytes(sb.ToString()), "PIPE3006", 257, 257, "nest deeper than 256 levels");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Alias_bomb(string command)
    {
        // Ten levels of nine aliases each: 9^10 (about 3.5 billion) strings once expanded.
        var sb = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lol\ndata:\n");
        sb.Append("  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var level = 1; level <= 10; level++)
        {
            sb.Append("  a").Append(level).Append(": &a").Append(level).Append(" [")
              .Append(string.Join(", ", Enumerable.Repeat("*a" + (level - 1), 9))).Append("]\n");
        }

        var result = AssertSingleFinding(command, Encoding.ASCII.GetBytes(sb.ToString()), "PIPE3005", 12, 12, "billion laughs");
        Assert.True(result.AllocatedBytes < MemoryBound, $"allocated {result.AllocatedBytes:N0} bytes");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Tabs_used_for_indentation(string command)
    {
        var text = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n\tname: tabbed\n";
        AssertSingleFinding(command, Encoding.ASCII.GetBytes(text), "PIPE3001", 4, 1, "use spaces");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Tab_inside_a_nested_block(string command)
    {
        var text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b\n\t c: d\n";
        AssertSingleFinding(command, Encoding.ASCII.GetBytes(text), "PIPE3001", 7, 1, "use spaces");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Unterminated_quote_and_bad_indentation(string command)
    {
        AssertSingleFinding(command, Encoding.ASCII.GetBytes("apiVersion: v1\nkind: \"ConfigMap\nmetadata:\n  name: x\n"), "PIPE3001", 2, 7, "unexpected end of stream");
    }

    [Fact]
    public void Byte_order_mark_on_a_valid_manifest_is_only_a_warning_unless_strict()
    {
        using var dir = new TempDir();
        dir.WriteBytes("bom.yaml", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Manifests.Hello)]);

        var lint = Cli.Run(dir.Path, "lint", "--format", "json", "bom.yaml");
        var strict = Cli.Run(dir.Path, "lint", "--strict", "--format", "json", "bom.yaml");
        var fmt = Cli.Run(dir.Path, "fmt", "bom.yaml");

        Assert.True(lint.ExitCode == 0, lint.ToString());
        var warning = Assert.Single(lint.Json());
        Assert.Equal(("bom.yaml", 1, 1, "warning", "PIPE3016", string.Empty), (warning.File, warning.Line, warning.Column, warning.Severity, warning.Code, warning.Path));
        Assert.Contains("byte-order mark", warning.Message);

        Assert.True(strict.ExitCode == 1, strict.ToString());
        var error = Assert.Single(strict.Json());
        Assert.Equal(("error", "PIPE3016", string.Empty), (error.Severity, error.Code, error.Path));

        Assert.True(fmt.ExitCode == 0, fmt.ToString());
        Assert.Equal(Manifests.HelloCanonical, fmt.Stdout);
    }

    [Fact]
    public void UTF16_with_a_byte_order_mark_is_read_and_formatted_as_UTF8()
    {
        using var dir = new TempDir();
        dir.WriteBytes("utf16.yaml", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Manifests.Hello)]);

        var lint = Cli.Run(dir.Path, "lint", "--format", "json", "utf16.yaml");
        var write = Cli.Run(dir.Path, "fmt", "--write", "utf16.yaml");

        Assert.True(lint.ExitCode == 0, lint.ToString());
        var warning = Assert.Single(lint.Json());
        Assert.Equal(("warning", "PIPE3016", string.Empty), (warning.Severity, warning.Code, warning.Path));
        Assert.True(write.ExitCode == 0, write.ToString());
        Assert.Equal(Encoding.UTF8.GetBytes(Manifests.HelloCanonical), dir.ReadBytes("utf16.yaml"));
    }

    /// <summary>
    /// Runs the command on a file holding <paramref name="bytes"/> and checks the one finding it reports. Line 0 means
    /// "any line" (for YamlDotNet syntax messages whose exact position is theirs to choose).
    /// </summary>
    private static CliResult AssertSingleFinding(string command, byte[] bytes, string code, int line, int column, string messagePart)
    {
        using var dir = new TempDir();
        var path = dir.WriteBytes("bad.yaml", bytes);
        File.SetLastWriteTimeUtc(path, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var args = command == "lint" ? new[] { "lint", "--format", "json", "bad.yaml" } : new[] { "fmt", "--write", "bad.yaml" };

        var result = Cli.Run(dir.Path, args);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.DoesNotContain("internal error", result.Stderr);
        if (command == "lint")
        {
            var finding = Assert.Single(result.Json());
            Assert.Equal("bad.yaml", finding.File);
            Assert.Equal("error", finding.Severity);
            Assert.Equal(code, finding.Code);
            Assert.Equal(string.Empty, finding.Path);
            Assert.Contains(messagePart, finding.Message);
            Assert.True(finding.Line > 0 && finding.Column > 0, result.ToString());
            if (line > 0)
            {
                Assert.Equal((line, column), (finding.Line!.Value, finding.Column!.Value));
            }
        }
        else
        {
            var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2, lines.Length);
            Assert.Matches(line > 0 ? $"^bad\\.yaml:{line}:{column}: error {code}: " : $"^bad\\.yaml:\\d+:\\d+: error {code}: ", lines[0]);
            Assert.Contains(messagePart, lines[0]);
            Assert.Equal("1 file: 0 reformatted, 1 with errors (left unchanged)", lines[1]);
            Assert.Equal(string.Empty, result.Stdout);
            Assert.Equal(bytes, File.ReadAllBytes(path));
            Assert.Equal(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), File.GetLastWriteTimeUtc(path));
        }

        return result;
    }
}

using System;
using System.IO;
using System.Linq;
using System.Text;
using Pipelines.Argo.Yaml;

namespace Pipelines.Argo.Tests.Robustness;

/// <summary>Issue 19 regressions on the reader and fmt's data round trip; every hostile input is built here.</summary>
public sealed class HostileInputTests
{
    [Fact]
    public void Duplicate_keys_are_reported_up_to_the_cap_and_counted_beyond_it()
    {
        var sb = new StringBuilder("apiVersion: v1\nkind: ConfigMap\ndata:\n");
        for (var i = 0; i < 5000; i++)
        {
            sb.Append("  k").Append(i % 1000).Append(": v").Append(i).Append('\n');
        }

        var file = ArgoYaml.ReadText(sb.ToString());

        var duplicates = file.Findings.Where(f => f.Code == FindingCodes.DuplicateKey.Code).ToList();
        Assert.Equal(YamlLimits.Default.MaxFindingsPerKind + 1, duplicates.Count);
        Assert.StartsWith("3,900 more duplicated keys", duplicates[^1].Message);
        var data = Assert.IsType<YamlMapping>(((YamlMapping)file.Documents[0].Root).Get("data"));
        Assert.Equal(1000, data.Entries.Count);
        Assert.Equal("v4999", ((YamlScalar)data.Get("k999")!).Value);
    }

    // Item 10: duplicate-key detection was quadratic (a 128k-key ConfigMap took 47 s, 256k keys 227 s). The bound below
    // is generous (a tenth of the quadratic time) so that a slow shared machine does not fail it, while a quadratic
    // reader cannot pass it.
    [Fact]
    public void A_ConfigMap_of_128k_keys_each_given_twice_reads_in_linear_time_with_capped_findings()
    {
        const int keys = 128 * 1024;
        var sb = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n");
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < keys; i++)
            {
                sb.Append("  key").Append(i).Append(": v").Append(round).Append('\n');
            }
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var file = ArgoYaml.ReadText(sb.ToString());
        clock.Stop();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(25), $"reading {2 * keys:N0} keys took {clock.Elapsed}; duplicate-key detection must be linear");
        var duplicates = file.Findings.Where(f => f.Code == FindingCodes.DuplicateKey.Code).ToList();
        Assert.Equal(YamlLimits.Default.MaxFindingsPerKind + 1, duplicates.Count);
        Assert.StartsWith($"{keys - YamlLimits.Default.MaxFindingsPerKind:N0} more duplicated keys in this document", duplicates[^1].Message, StringComparison.Ordinal);
        Assert.Equal(duplicates.Count, file.Findings.Count);
        var data = Assert.IsType<YamlMapping>(((YamlMapping)file.Documents[0].Root).Get("data"));
        Assert.Equal(keys, data.Entries.Count);
        Assert.Equal("v1", ((YamlScalar)data.Get("key" + (keys - 1))!).Value);
    }

    [Fact]
    public void Two_hundred_thousand_unknown_fields_are_read_in_linear_time_and_reported_as_101_findings()
    {
        const int fields = 200_000;
        var sb = new StringBuilder("apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  name: wide\nspec:\n  entrypoint: a\n  templates:\n  - name: a\n    container:\n      image: alpine\n");
        for (var i = 0; i < fields; i++)
        {
            sb.Append("      unknown").Append(i).Append(": x\n");
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var file = ArgoYaml.ReadText(sb.ToString());
        clock.Stop();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(25), $"reading {fields:N0} unknown fields took {clock.Elapsed}; it must be linear");
        var unknown = file.AllFindings.Where(f => f.Code == FindingCodes.UnknownField.Code).ToList();
        Assert.Equal(101, unknown.Count);
        Assert.StartsWith("unknown field 'unknown0'", unknown[0].Message, StringComparison.Ordinal);
        Assert.StartsWith($"{fields - 100:N0} more unknown fields in this document (only the first 100 are listed)", unknown[^1].Message, StringComparison.Ordinal);

        // The messages stay small: the quadratic reader wrote 91 MB of them.
        Assert.InRange(file.AllFindings.Sum(f => f.Message.Length), 1, 64 * 1024);
    }

    [Fact]
    public void An_alias_of_a_long_string_repeated_is_bounded_by_its_size()
    {
        var sb = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nbig: &s ").Append('x', 1024 * 1024).Append("\ndata:\n");
        for (var i = 0; i < 1000; i++)
        {
            sb.Append("  k").Append(i).Append(": *s\n");
        }

        var file = ArgoYaml.ReadText(sb.ToString());

        var finding = Assert.Single(file.Findings, f => f.Severity == Severity.Error);
        Assert.Equal(FindingCodes.AliasLimit.Code, finding.Code);
        Assert.Contains("characters of text", finding.Message);
        Assert.Null(ArgoYaml.Format(file));
    }

    [Fact]
    public void A_device_is_read_with_a_byte_budget()
    {
        if (!File.Exists("/dev/zero"))
        {
            return; // Not a Unix machine: there is no endless device to read.
        }

        var file = ArgoYaml.ReadFile("/dev/zero", new YamlLimits { MaxFileBytes = 1024 * 1024 });

        var finding = Assert.Single(file.Findings);
        Assert.Equal(FindingCodes.FileTooLarge.Code, finding.Code);
        Assert.Contains("device or a pipe", finding.Message);
    }

    [Theory]
    [InlineData("k: !!binary aGVsbG8=\n")]
    [InlineData("k: !!timestamp 2001-12-14t21:59:43.10-05:00\n")]
    [InlineData("k: !!set {a, b}\n")]
    [InlineData("k: !!omap [{a: 1}, {b: 2}]\n")]
    [InlineData("k: !local x\n")]
    [InlineData("k:\n")]
    [InlineData("k: ~\n")]
    public void Tags_and_nulls_in_other_kinds_are_kept_exactly(string data)
    {
        var text = "apiVersion: v1\nkind: ConfigMap\n" + data;
        var file = ArgoYaml.ReadText(text);

        var formatted = ArgoYaml.Format(file, out var refusal);

        Assert.Null(refusal);
        Assert.NotNull(formatted);
        var again = ArgoYaml.ReadText(formatted!);
        Assert.Null(YamlDataComparer.FirstDifference(file.Documents[0].Root, again.Documents[0].Root));
        Assert.Equal(formatted, ArgoYaml.Format(again));
    }

    [Fact]
    public void A_tag_the_model_cannot_keep_leaves_an_Argo_file_alone_with_a_located_message()
    {
        var file = ArgoYaml.ReadText(
            "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  name: x\nspec:\n  entrypoint: a\n  templates:\n  - name: a\n    container:\n      image: !!binary YWxwaW5l\n");
        Assert.False(file.Documents[0].HasErrors, string.Join("\n", file.AllFindings));

        var formatted = ArgoYaml.Format(file, out var refusal);

        Assert.Null(formatted);
        Assert.NotNull(refusal);
        Assert.Equal(FindingCodes.NotFormattable.Code, refusal!.Code);
        Assert.Equal(10, refusal.Line);
        Assert.Contains("tag:yaml.org,2002:binary", refusal.Message);
    }

    [Fact]
    public void A_null_field_in_an_Argo_document_is_kept_or_the_file_is_left_alone()
    {
        var file = ArgoYaml.ReadText(
            "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  name: x\n  labels:\nspec:\n  entrypoint: a\n  templates:\n  - name: a\n    container:\n      image: alpine\n");

        var formatted = ArgoYaml.Format(file, out var refusal);

        if (formatted is null)
        {
            Assert.Equal(FindingCodes.NotFormattable.Code, refusal!.Code);
            Assert.Equal(5, refusal.Line);
        }
        else
        {
            var again = ArgoYaml.ReadText(formatted);
            Assert.Null(YamlDataComparer.FirstDifference(file.Documents[0].Root, again.Documents[0].Root));
        }
    }

    // Item 9: fmt never turns a file that lints clean into one that does not, and never changes its data. Values that
    // a naive writer changes: strings that look like numbers, booleans or nulls, tabs, '#' and ': ' inside, leading and
    // trailing blanks, multi-line text with trailing spaces or leading blank lines, non-ASCII text, and empty values.
    [Theory]
    [InlineData("\"010\"")]
    [InlineData("\"1e3\"")]
    [InlineData("\"0x1F\"")]
    [InlineData("\"yes\"")]
    [InlineData("\"null\"")]
    [InlineData("\"~\"")]
    [InlineData("'a\tb'")]
    [InlineData("\"a #b\"")]
    [InlineData("\"a: b\"")]
    [InlineData("\" lead and trail \"")]
    [InlineData("\"-\"")]
    [InlineData("\"\"")]
    [InlineData("\"\\n  leading blank line, two lines   \\nend\\n\"")]
    [InlineData("\"no final newline\\n\\n\\n\"")]
    [InlineData("\"caf\u00e9 \u2603 \\u0007\"")]
    [InlineData("\"{{inputs.parameters.x}}\"")]
    public void Fmt_never_makes_a_clean_file_lint_worse_nor_changes_its_data(string value)
    {
        var text = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  name: tricky\n  annotations:\n    note: " + value + "\nspec:\n  entrypoint: main\n  arguments:\n    parameters:\n    - name: x\n      value: " + value + "\n  templates:\n  - name: main\n    inputs:\n      parameters:\n      - name: x\n    container:\n      image: alpine\n      command: [echo]\n      args:\n      - " + value + "\n      env:\n      - name: V\n        value: " + value + "\n";
        var file = ArgoYaml.ReadText(text);
        Pipelines.Argo.Validation.ArgoValidator.Validate([file]);
        Assert.DoesNotContain(file.AllFindings, f => f.Severity == Severity.Error);

        var formatted = ArgoYaml.Format(file, out var refusal);

        Assert.True(formatted is not null, refusal?.ToString());
        var again = ArgoYaml.ReadText(formatted!);
        Pipelines.Argo.Validation.ArgoValidator.Validate([again]);
        Assert.Equal(
            file.AllFindings.Select(f => f.Code).OrderBy(c => c, StringComparer.Ordinal),
            again.AllFindings.Select(f => f.Code).OrderBy(c => c, StringComparer.Ordinal));
        Assert.Null(YamlDataComparer.FirstDifference(file.Documents[0].Root, again.Documents[0].Root));
        Assert.Equal(formatted, ArgoYaml.Format(again));
    }

    [Fact]
    public void A_raw_tab_inside_a_plain_scalar_is_written_quoted()
    {
        var file = ArgoYaml.ReadText("apiVersion: v1\nkind: ConfigMap\ndata:\n  k: a\tb\n");

        var formatted = ArgoYaml.Format(file)!;

        Assert.Contains("k: \"a\tb\"", formatted);
        Assert.Equal("a\tb", ((YamlScalar)((YamlMapping)((YamlMapping)ArgoYaml.ReadText(formatted).Documents[0].Root).Get("data")!).Get("k")!).Value);
    }
}

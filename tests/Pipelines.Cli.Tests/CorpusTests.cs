using System;
using System.IO;
using System.Linq;

namespace Pipelines.Cli.Tests;

/// <summary>The CLI over Argo's whole example corpus (217 files, 223 Argo documents, all valid for Argo).</summary>
public sealed class CorpusTests
{
    [CorpusFact]
    public void Lint_over_the_corpus_exits_0()
    {
        Corpus.Require();

        var result = Cli.Run(Corpus.ExamplesDirectory, "lint", "--format", "json", ".");

        Assert.True(result.ExitCode == 0, result.ToString());
        var findings = result.Json();
        Assert.DoesNotContain(findings, f => f.Severity == "error");

        // Only the known quirks (CORPUS-QUIRKS.md 1 and 2), arguments a called template does not declare (Argo ignores
        // them; ARGO-RULES.md section 13, Q5) and the two Workflows that leave their name to argo submit give warnings.
        Assert.All(findings, f => Assert.Contains(f.Code, new[] { "PIPE3004", "PIPE3009", "PIPE1307", "PIPE1014" }));
        Assert.Equal(
            new[] { "fun-with-gifs.yaml", "k8s-jobs.yaml" },
            findings.Where(f => f.Code == "PIPE1014").Select(f => f.File).OrderBy(f => f, StringComparer.Ordinal).ToArray());
        Assert.Contains(findings, f => f.Code == "PIPE3004" && f.File == "k8s-patch-json-workflow.yaml" && f.Path == "metadata.annotations");
        Assert.StartsWith("217 files, 228 documents", result.Stderr);
    }

    [CorpusFact]
    public void Fmt_write_over_a_copy_of_the_corpus_then_check_reports_nothing()
    {
        Corpus.Require();
        using var dir = new TempDir();
        Copy(Corpus.ExamplesDirectory, dir.Path);

        var write = Cli.Run(dir.Path, "fmt", "--write", ".");
        var check = Cli.Run(dir.Path, "fmt", "--check", ".");
        var lint = Cli.Run(dir.Path, "lint", ".");

        Assert.True(write.ExitCode == 0, write.ToString());
        Assert.NotEmpty(write.StdoutLines);
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Equal(string.Empty, check.Stdout);
        Assert.Equal("217 files: 0 would be reformatted\n", check.Stderr);

        // The formatted corpus is still valid, and the strict-reader quirks are gone (a duplicate key is resolved):
        // only the undeclared-argument and name-left-to-submit warnings remain.
        Assert.True(lint.ExitCode == 0, lint.ToString());
        Assert.All(lint.StdoutLines, line => Assert.True(line.Contains(": warning PIPE1307: ", StringComparison.Ordinal) || line.Contains(": warning PIPE1014: ", StringComparison.Ordinal), line));
    }

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

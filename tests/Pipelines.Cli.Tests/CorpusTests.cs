using System;
using System.IO;
using System.Linq;

namespace Pipelines.Cli.Tests;

/// <summary>The CLI over Argo's whole example corpus (217 files, 223 Argo documents, all valid for Argo; two unnamed).</summary>
public sealed class CorpusTests
{
    // Argo accepts every example, but two upstream Workflows have neither metadata.name nor generateName
    // (fun-with-gifs.yaml, k8s-jobs.yaml): the API server rejects them as written, so lint gives exactly these two
    // PIPE1014 errors and nothing else (issue 19 item 16).
    [CorpusFact]
    public void Lint_over_the_corpus_gives_exactly_the_two_unnamed_workflow_errors()
    {
        Corpus.Require();

        var result = Cli.Run(Corpus.ExamplesDirectory, "lint", "--format", "json", ".");

        Assert.True(result.ExitCode == 1, result.ToString());
        var findings = result.Json();
        Assert.Equal(
            new[] { "fun-with-gifs.yaml:PIPE1014", "k8s-jobs.yaml:PIPE1014" },
            findings.Where(f => f.Severity == "error").Select(f => f.File + ":" + f.Code).OrderBy(f => f, StringComparer.Ordinal).ToArray());

        // Otherwise only the known quirks (CORPUS-QUIRKS.md 1 and 2) and arguments a called template does not declare
        // (Argo ignores them; ARGO-RULES.md section 13, Q5) give warnings.
        Assert.All(findings.Where(f => f.Severity != "error"), f => Assert.Contains(f.Code, new[] { "PIPE3004", "PIPE3009", "PIPE1307" }));
        Assert.Contains(findings, f => f.Code == "PIPE3004" && f.File == "k8s-patch-json-workflow.yaml" && f.Path == "metadata.annotations");
        Assert.StartsWith("217 files, 228 documents", result.Stderr);
        Assert.Contains("2 errors", result.Stderr);
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

        // The formatted corpus lints as the original does, and the strict-reader quirks are gone (a duplicate key is
        // resolved): only the two unnamed-workflow errors and the undeclared-argument warnings remain.
        Assert.True(lint.ExitCode == 1, lint.ToString());
        Assert.All(lint.StdoutLines, line => Assert.True(line.Contains(": warning PIPE1307: ", StringComparison.Ordinal) || line.Contains(": error PIPE1014: ", StringComparison.Ordinal), line));
        Assert.Equal(
            new[] { "fun-with-gifs.yaml", "k8s-jobs.yaml" },
            lint.StdoutLines.Where(l => l.Contains(": error ", StringComparison.Ordinal)).Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)]).OrderBy(f => f, StringComparer.Ordinal).ToArray());
    }

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);

            // The shared corpus is read-only, and fmt --write refuses read-only files: the copy is the user's own.
            File.SetAttributes(target, File.GetAttributes(target) & ~FileAttributes.ReadOnly);
        }
    }
}

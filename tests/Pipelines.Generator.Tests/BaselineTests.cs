using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace Pipelines.Generator.Tests;

/// <summary>
/// Approved-file baselines of the generated sources (STYLE-ANCHORS 7.3): Baselines/{port}/{hint name}.txt. Set
/// PIPELINES_UPDATE_BASELINES=1 to rewrite them (stale files are deleted); a mismatch writes a .received.txt beside
/// the baseline and fails naming the first differing line.
/// </summary>
public sealed class BaselineTests
{
    [Theory]
    [InlineData("dag-diamond.cs")]
    [InlineData("steps.cs")]
    public void Generated_sources_match_the_baselines(string port)
    {
        var run = GeneratorHarness.Run(GeneratorHarness.ReadPort(port), port).AssertClean();
        var generated = run.Single.GeneratedSources.ToDictionary(s => s.HintName + ".txt", s => s.SourceText.ToString(), StringComparer.Ordinal);
        Baselines.Verify(Path.GetFileNameWithoutExtension(port), generated);
    }
}

internal static class Baselines
{
    private static bool Update => Environment.GetEnvironmentVariable("PIPELINES_UPDATE_BASELINES") == "1";

    // Found from the repository root, not [CallerFilePath]: CI builds map source paths (/_/...), so the caller's
    // path does not exist on disk there.
    public static void Verify(string folder, IReadOnlyDictionary<string, string> files)
    {
        var directory = Path.Combine(Corpus.RepoRoot, "tests", "Pipelines.Generator.Tests", "Baselines", folder);
        if (Update)
        {
            Directory.CreateDirectory(directory);
            foreach (var stale in Directory.EnumerateFiles(directory).Where(f => !files.ContainsKey(Path.GetFileName(f))))
            {
                File.Delete(stale);
            }

            foreach (var (name, text) in files)
            {
                File.WriteAllText(Path.Combine(directory, name), Normalize(text), new UTF8Encoding(false));
            }

            return;
        }

        var existing = Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory).Select(Path.GetFileName).Where(n => !n!.EndsWith(".received.txt", StringComparison.Ordinal)).Select(n => n!).OrderBy(n => n, StringComparer.Ordinal).ToList()
            : [];
        Assert.Equal(existing, files.Keys.OrderBy(n => n, StringComparer.Ordinal).ToList());
        foreach (var (name, text) in files)
        {
            var path = Path.Combine(directory, name);
            var expected = Normalize(File.ReadAllText(path));
            var actual = Normalize(text);
            var received = Path.ChangeExtension(path, ".received.txt");
            if (expected == actual)
            {
                File.Delete(received);
                continue;
            }

            File.WriteAllText(received, actual, new UTF8Encoding(false));
            Assert.Fail($"{folder}/{name} differs from its baseline ({FirstDifference(expected, actual)}); compare with {received}, or set PIPELINES_UPDATE_BASELINES=1 to accept.");
        }
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var el = i < e.Length ? e[i] : "(end of file)";
            var al = i < a.Length ? a[i] : "(end of file)";
            if (el != al)
            {
                return $"line {i + 1}:\n  expected: {el}\n  actual:   {al}";
            }
        }

        return "no line differs";
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Pipelines.Argo.Validation;

namespace Pipelines.Argo.Tests.Robustness;

/// <summary>
/// Broken variants of every corpus example (lines deleted or duplicated, values replaced by lists, maps, numbers,
/// booleans, nulls or odd strings) go through reading, validation and formatting without a single exception:
/// bad input always ends as findings.
/// </summary>
public sealed class MutationTests
{
    // 25 variants per file in normal runs; set PIPELINES_MUTATIONS to fuzz deeper locally.
    private static readonly int Count = int.TryParse(Environment.GetEnvironmentVariable("PIPELINES_MUTATIONS"), out var n) && n > 0 ? n : 25;

    private static readonly string[] Replacements = ["[]", "{}", "1", "-1", "true", "~", "\"\"", "\"{{\"", "[a, {b: c}]", "99999999999999999999", "x: y"];

    [CorpusTheory]
    [MemberData(nameof(Corpus.ExampleFileData), MemberType = typeof(Corpus))]
    public void Mutated_examples_never_throw(string relativePath)
    {
        Corpus.Require();
        var lines = File.ReadAllText(Path.Combine(Corpus.ExamplesDirectory, relativePath)).Split('\n');
        var random = new Random(StringComparer.Ordinal.GetHashCode(relativePath) & 0x7fffffff);
        var failures = new List<string>();
        for (var i = 0; i < Count; i++)
        {
            var mutated = Mutate(lines, random, out var description);
            try
            {
                var file = ArgoYaml.ReadText(mutated, relativePath);
                ArgoValidator.Validate([file]);
                _ = ArgoYaml.Format(file);
                _ = file.AllFindings.Select(f => f.ToString()).ToList();
            }
            catch (Exception e)
            {
                failures.Add(description + ": " + e.GetType().Name + ": " + e.Message + "\n" + e.StackTrace);
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    private static string Mutate(string[] lines, Random random, out string description)
    {
        var copy = lines.ToList();
        var at = random.Next(copy.Count);
        switch (random.Next(3))
        {
            case 0:
                description = $"line {at + 1} deleted";
                copy.RemoveAt(at);
                break;
            case 1:
                description = $"line {at + 1} duplicated";
                copy.Insert(at, copy[at]);
                break;
            default:
                var line = copy[at];
                var colon = line.IndexOf(": ", StringComparison.Ordinal);
                var replacement = Replacements[random.Next(Replacements.Length)];
                if (colon > 0)
                {
                    copy[at] = line.Substring(0, colon + 2) + replacement;
                }
                else
                {
                    var dash = line.IndexOf("- ", StringComparison.Ordinal);
                    copy[at] = dash >= 0 ? line.Substring(0, dash + 2) + replacement : line + " " + replacement;
                }

                description = $"line {at + 1} set to '{copy[at].Trim()}'";
                break;
        }

        return string.Join("\n", copy);
    }
}

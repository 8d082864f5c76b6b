using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Pipelines.Argo.Yaml;
using Xunit.Abstractions;

namespace Pipelines.Argo.Tests.Yaml;

/// <summary>
/// The fast reader (YamlFastParser) must read exactly what YamlDotNet reads: the same documents, nodes, values, styles,
/// tags, positions, comments and findings. Wherever it takes a text, the tree is compared with YamlDotNet's.
/// </summary>
public sealed class YamlFastParserTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("a: 1\nb: two\n")]
    [InlineData("# head\napiVersion: v1 # after\nkind: X\n\n# before\nspec:\n  list:\n  - a\n  - 'b'\n  -  \"c\\td\"\n  empty:\n  map: {}\n  seq: []\n# end\n")]
    [InlineData("a:\n  - name: x\n    value: y\n  - - 1\n    - 2\n  -\n    z: 1\n")]
    [InlineData("s: |\n  line 1\n    indented\n\n  line 3\nf: >-\n  folded\n  text\n\n  para\nk: |+\n  kept\n\nn: x\n")]
    [InlineData("p: plain text\n  continued here\n\n  and a paragraph\nq: 'single\n  quoted'' on two'\nd: \"double\n\n  quoted\"\n")]
    [InlineData("args: [\"a\", 'b', c, 1, {k: v, \"q\": [x]}]\nmore: [a,\n  b]\n")]
    [InlineData("---\na: 1\n---\n# only a comment\nb: 2\n")]
    [InlineData("a: 1\na: 2\nb: null\nc: ~\nd: yes\ne: 0x1F\n")]
    [InlineData("url: http://x:80/y#z\nkey with spaces: v\n\"quoted key\": v\n'k': v\n-x: -1\n")]
    [InlineData("w: >\n  a\n    more\n  b\n\n  c\n")]
    [InlineData("a:\n  b: 'x\ny'\n  c: ['\n    z\n  ']\n")]
    [InlineData("a:\n  args: [\"x\n    y\"]\n  f: [\n    \"z\"\n  ]\n  e: \"\\U0001F553 \u00e9\"\n  emoji: \ud83d\udd53\n")]
    public void Reads_the_block_subset_as_YamlDotNet_does(string text)
    {
        Assert.True(YamlFastParser.TryRead(text, withComments: true, out _, out _), "the fast reader should take this text");
        AssertSame(text);
    }

    [Theory]
    [InlineData("a: &x 1\nb: *x\n")]
    [InlineData("a: !!str 1\n")]
    [InlineData("a:\n\tb: 1\n")]
    [InlineData("? a\n: b\n")]
    [InlineData("%YAML 1.1\n---\na: 1\n")]
    [InlineData("a: 'x\nb: y\n")]
    [InlineData("a: b: c\n")]
    [InlineData("a:\n  b: 1\n c: 2\n")]
    [InlineData("- a\nb: 1\n")]
    [InlineData("a: \"x\n  y\"\nb: \"shallow\ncontinuation\"\n")]
    [InlineData("a: [b, c\n")]
    [InlineData("a: |\n  x\n   \n")]
    public void Leaves_anything_else_to_YamlDotNet(string text)
    {
        Assert.False(YamlFastParser.TryRead(text, withComments: true, out _, out _), "the fast reader should give up on this text");
        AssertSame(text);
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{a: ", "}")]
    [InlineData("- ", "")]
    public void Leaves_deep_nesting_to_YamlDotNet_without_running_out_of_stack(string open, string close)
    {
        // Nesting beyond YamlLimits.MaxDepth: the fast reader gives up (it recurses, so it stops well before the stack
        // would); the YamlDotNet path reports the limit.
        var depth = 1_000;
        var text = "a: " + string.Concat(Enumerable.Repeat(open, depth)) + "x" + string.Concat(Enumerable.Repeat(close, depth)) + "\n";
        if (open == "- ")
        {
            text = string.Concat(Enumerable.Range(0, depth).Select(i => new string(' ', i * 2) + "-\n")) + new string(' ', depth * 2) + "x\n";
        }

        Assert.False(YamlFastParser.TryRead(text, withComments: true, out _, out _));
        var findings = new List<Finding>();
        YamlDocumentReader.Parse(text, findings);
        Assert.Contains(findings, f => f.Code == FindingCodes.TooDeep.Code);
    }

    [CorpusFact]
    public void Every_corpus_file_reads_the_same_through_both_readers()
    {
        Corpus.Require();
        var files = CorpusFiles().ToList();
        var fast = 0;
        var differences = new List<string>();
        foreach (var path in files)
        {
            var text = YamlDocumentReader.Decode(File.ReadAllBytes(path), new List<Finding>());
            if (text is null)
            {
                continue;
            }

            if (YamlFastParser.TryRead(text, withComments: true, out _, out _))
            {
                fast++;
            }

            if (Difference(text) is { } difference)
            {
                differences.Add(path + ": " + difference);
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{files.Count} files, {fast} read by the fast reader"));
        Assert.True(differences.Count == 0, string.Join("\n", differences));

        // Most manifests are in the subset: if the fast reader stopped taking them, this speed-up would be gone unseen.
        Assert.True(fast * 4 >= files.Count * 3, string.Create(CultureInfo.InvariantCulture, $"only {fast} of {files.Count} files took the fast reader"));
    }

    [CorpusFact]
    public void Mutated_corpus_files_read_the_same_whenever_the_fast_reader_takes_them()
    {
        Corpus.Require();
        var texts = CorpusFiles()
            .Select(p => YamlDocumentReader.Decode(File.ReadAllBytes(p), new List<Finding>()))
            .Where(t => t is { Length: > 0 })
            .Select(t => t!)
            .ToList();
        var random = new Random(20261206);
        const string Inserted = " :-#'\"\n|>[]{},?&*!\\ax0~.";
        var fast = 0;
        var differences = new List<string>();
        for (var n = 0; n < 3000; n++)
        {
            var text = Mutate(texts[random.Next(texts.Count)], random, Inserted);
            if (!YamlFastParser.TryRead(text, withComments: true, out _, out _))
            {
                continue;
            }

            fast++;
            if (Difference(text) is { } difference)
            {
                differences.Add(difference + "\n--- text:\n" + text);
                if (differences.Count >= 3)
                {
                    break;
                }
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"3000 mutations, {fast} read by the fast reader"));
        Assert.True(differences.Count == 0, string.Join("\n=====\n", differences));
        Assert.True(fast > 300, string.Create(CultureInfo.InvariantCulture, $"only {fast} mutations took the fast reader: the test proves little"));
    }

    private static string Mutate(string text, Random random, string inserted)
    {
        var lines = text.Split('\n').ToList();
        var edits = 1 + random.Next(3);
        for (var e = 0; e < edits && lines.Count > 0; e++)
        {
            var l = random.Next(lines.Count);
            var line = lines[l];
            switch (random.Next(6))
            {
                case 0:
                    if (line.Length > 0)
                    {
                        lines[l] = line.Remove(random.Next(line.Length), 1);
                    }

                    break;
                case 1:
                    lines[l] = line.Insert(random.Next(line.Length + 1), inserted[random.Next(inserted.Length)].ToString());
                    break;
                case 2:
                    lines.Insert(l, line);
                    break;
                case 3:
                    lines.RemoveAt(l);
                    break;
                case 4:
                    lines[l] = new string(' ', 1 + random.Next(3)) + line;
                    break;
                default:
                    lines[l] = line.TrimStart(' ').PadLeft(line.TrimStart(' ').Length + Math.Max(0, line.Length - line.TrimStart(' ').Length - 1 - random.Next(2)));
                    break;
            }
        }

        return string.Join("\n", lines);
    }

    private static IEnumerable<string> CorpusFiles()
    {
        var folders = new List<string> { Corpus.Directory, Path.Combine(Corpus.RepoRoot, "tests", "fuzz"), Path.Combine(Corpus.RepoRoot, "samples") };
        if (EventsCorpus.Exists || Corpus.IsCi)
        {
            EventsCorpus.Require();
            folders.Add(EventsCorpus.Directory);
        }

        return folders
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal);
    }

    private static void AssertSame(string text)
    {
        var difference = Difference(text);
        Assert.True(difference is null, difference);
    }

    // The first line where the two readers' documents and findings differ, or null.
    private static string? Difference(string text)
    {
        var fastFindings = new List<Finding>();
        var slowFindings = new List<Finding>();
        var fast = Describe(YamlDocumentReader.Parse(text, fastFindings, null, readComments: true, fast: true), fastFindings);
        var slow = Describe(YamlDocumentReader.Parse(text, slowFindings, null, readComments: true, fast: false), slowFindings);
        if (fast == slow)
        {
            return null;
        }

        var a = fast.Split('\n');
        var b = slow.Split('\n');
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        return $"fast: {(i < a.Length ? a[i] : "(end)")}\nslow: {(i < b.Length ? b[i] : "(end)")}";
    }

    private static string Describe(List<YamlDocument> documents, List<Finding> findings)
    {
        var sb = new StringBuilder();
        foreach (var f in findings)
        {
            sb.Append(CultureInfo.InvariantCulture, $"finding {f.Code} {f.Severity} {f.Line}:{f.Column} {f.Path} {f.Message}\n");
        }

        foreach (var d in documents)
        {
            sb.Append(CultureInfo.InvariantCulture, $"document {d.Index} line {d.Line}\n");
            Describe(d.Root, 0, sb);
        }

        return sb.ToString();
    }

    private static void Describe(YamlValue node, int depth, StringBuilder sb)
    {
        sb.Append(' ', depth * 2).Append(CultureInfo.InvariantCulture, $"{node.Line}:{node.Column} ");
        switch (node)
        {
            case YamlScalar s:
                sb.Append(CultureInfo.InvariantCulture, $"scalar {s.Style} tag={s.Tag} {Escape(s.Value)}");
                break;
            case YamlSequence q:
                sb.Append(CultureInfo.InvariantCulture, $"list tag={q.Tag} items={q.Items.Count}");
                break;
            case YamlMapping m:
                sb.Append(CultureInfo.InvariantCulture, $"mapping tag={m.Tag} entries={m.Entries.Count}");
                break;
        }

        if (node.Comments is { } c)
        {
            sb.Append(" comments before=[").Append(string.Join("|", c.Before.Select(Escape))).Append("] after=").Append(c.After is null ? "none" : Escape(c.After))
                .Append(" end=[").Append(string.Join("|", c.End.Select(Escape))).Append(']');
        }

        sb.Append('\n');
        switch (node)
        {
            case YamlSequence q:
                foreach (var item in q.Items)
                {
                    Describe(item, depth + 1, sb);
                }

                break;
            case YamlMapping m:
                foreach (var entry in m.Entries)
                {
                    Describe(entry.Key, depth + 1, sb);
                    Describe(entry.Value, depth + 2, sb);
                }

                break;
        }
    }

    private static string Escape(string value) =>
        "\"" + value.Replace("\\", "\\\\").Replace("\n", "\\n").Replace("\t", "\\t").Replace("\"", "\\\"") + "\"";
}

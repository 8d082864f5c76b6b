using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Pipelines.Argo.Events;
using Pipelines.Argo.Yaml;

namespace Pipelines.Argo.Tests.Yaml;

/// <summary>
/// The writer's own emitter writes exactly what the YamlDotNet-based writer it replaced wrote (kept as
/// <see cref="ReferenceYamlWriter"/>), byte for byte, comments included: on every document of Argo's and Argo Events'
/// corpora, the fuzz corpus and the samples (as read, and as the models write them with the read comments copied on),
/// and on seeded random trees full of awkward strings, tags, empty collections and comments, whose output must also
/// read back as the same data.
/// </summary>
public sealed class WriterReferenceTests
{
    [CorpusFact]
    public void Argo_corpus_is_written_as_the_reference_writer_wrote_it()
    {
        Corpus.Require();
        Assert.True(CompareFolder(Corpus.Directory) > 200);
    }

    [EventsCorpusFact]
    public void Argo_Events_corpus_is_written_as_the_reference_writer_wrote_it()
    {
        EventsCorpus.Require();
        Assert.True(CompareFolder(EventsCorpus.Directory) > 10);
    }

    [Fact]
    public void Fuzz_corpus_and_samples_are_written_as_the_reference_writer_wrote_them()
    {
        var files = CompareFolder(Path.Combine(Corpus.RepoRoot, "tests", "fuzz")) + CompareFolder(Path.Combine(Corpus.RepoRoot, "samples"));
        Assert.True(files > 20, $"only {files} files found in tests/fuzz and samples");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Random_trees_are_written_as_the_reference_writer_wrote_them_and_read_back_as_the_same_data(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 150; round++)
        {
            // Odd rounds also hold lone surrogates, which no YAML text can carry (both writers write U+FFFD): those
            // rounds compare the writers only.
            var loneSurrogates = round % 2 == 1;
            var generator = new TreeGenerator(random, loneSurrogates);
            var roots = Enumerable.Range(0, random.Next(1, 4)).Select(_ => generator.Document()).ToList();
            var expected = ReferenceYamlWriter.Write(roots);
            var actual = YamlTextWriter.Write(roots);
            Assert.True(expected == actual, $"seed {seed} round {round}: the writers differ\n--- reference\n{expected}\n--- new\n{actual}");
            if (loneSurrogates)
            {
                continue;
            }

            var findings = new List<Finding>();
            var read = YamlDocumentReader.Parse(actual, findings, YamlLimits.Unbounded, readComments: false);
            Assert.True(!findings.Exists(f => f.Severity == Severity.Error), $"seed {seed} round {round}: {string.Join("\n", findings)}\n{actual}");
            Assert.Equal(roots.Count, read.Count);
            for (var i = 0; i < roots.Count; i++)
            {
                var difference = YamlDataComparer.FirstDifference(roots[i], read[i].Root);
                Assert.True(difference is null, $"seed {seed} round {round} document {i}: {difference?.What} at {difference?.Path}\n{actual}");
            }
        }
    }

    [Fact]
    public void The_random_trees_hold_what_they_are_meant_to_stress()
    {
        // Guards the generator: without these the random test above would prove little.
        var random = new Random(1);
        var text = new StringBuilder();
        for (var round = 0; round < 150; round++)
        {
            var generator = new TreeGenerator(random, loneSurrogates: true);
            text.Append(YamlTextWriter.Write(Enumerable.Range(0, random.Next(1, 4)).Select(_ => generator.Document()).ToList()));
        }

        var written = text.ToString();
        foreach (var expected in new[] { "'", "\"", "|-", "|+", "|2", "? ", "[]", "{}", "!!binary", "!local", "!!map", "!things", "!key", " #", "\n#", "---", "\\U0001F600", "\\uFEFF", "\uFFFD", ": no", ": null", "\t" })
        {
            Assert.Contains(expected, written, StringComparison.Ordinal);
        }
    }

    // Writes every YAML or JSON file under a folder with both writers, as read and as the models write it; returns the
    // number of files compared.
    private static int CompareFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            Assert.Fail("folder not found: " + folder);
        }

        var paths = Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        foreach (var path in paths)
        {
            var file = ArgoYaml.ReadBytes(path, File.ReadAllBytes(path));
            var asRead = file.Documents.Select(d => d.Root).ToList();
            AssertSame(path + " (as read)", asRead);

            var throughModels = file.Documents.Select(d =>
                d.Object is { } o ? WithComments(ArgoYaml.ToYaml(o), d.Root)
                : d.EventsObject is { } e ? WithComments(EventsYaml.ToYaml(e), d.Root)
                : d.Root).ToList();
            AssertSame(path + " (through the models)", throughModels);
        }

        return paths.Count;
    }

    private static YamlValue WithComments(YamlValue written, YamlValue read)
    {
        YamlCommentCopier.Copy(read, written);
        return written;
    }

    private static void AssertSame(string what, List<YamlValue> roots)
    {
        if (roots.Count == 0)
        {
            return;
        }

        string expected;
        try
        {
            expected = ReferenceYamlWriter.Write(roots);
        }
        catch (InvalidOperationException)
        {
            // The reference could not place comments (its output did not read back): nothing to compare with.
            return;
        }

        var actual = YamlTextWriter.Write(roots);
        if (expected != actual)
        {
            var line = 1;
            var at = 0;
            while (at < expected.Length && at < actual.Length && expected[at] == actual[at])
            {
                line += expected[at] == '\n' ? 1 : 0;
                at++;
            }

            Assert.Fail($"{what}: the writers differ from line {line}\n--- reference\n{Excerpt(expected, at)}\n--- new\n{Excerpt(actual, at)}");
        }
    }

    private static string Excerpt(string text, int at)
    {
        var start = Math.Max(0, text.LastIndexOf('\n', Math.Max(0, Math.Min(at, text.Length - 1))) - 200);
        return text.Substring(start, Math.Min(400, text.Length - start));
    }

    private sealed class TreeGenerator(Random random, bool loneSurrogates)
    {
        // Pieces that stress quoting, typing and layout.
        private static readonly string[] Pieces =
        [
            "a", "word", "x y", "0", "10", "010", "0x1F", "1_000", "1.5", "-1", "+1", "1e3", ".inf", ".nan", "2001-12-14", "1:20",
            "yes", "no", "on", "off", "y", "n", "Y", "true", "False", "null", "Null", "~", "=", "<<",
            "{", "}", "[", "]", ",", "*", "&", "!", "|", ">", "%", "@", "`", "'", "\"", "\\", "#", ":", "?", "-",
            "{{inputs.parameters.x}}", "- ", "? ", ": ", " #", "# ", "---", "...", "a: b", "k:", "http://x",
            " ", "  ", "\t", "\n", "\n\n", " \n", "\n ", "\r", "\r\n",
            "\u0000", "\u0007", "\u001b", "\u007f", "\u0085", "\u00a0", "\u2028", "\u2029", "\ufeff", "\ufffe",
            "é", "ß", "İ", "日本", "\U0001F600", "\u0301", "\ud800", "\udc00",
        ];

        private static readonly string[] PlainTexts = ["1", "-2", "0x10", "1.5", "true", "no", "null", "~", "2001-12-14"];

        private static readonly string[] CommentTexts = ["", " note", "x", "  two spaces", " # hash", " yes: no", " é 日本"];

        private readonly List<YamlValue> _made = [];

        public YamlValue Document()
        {
            YamlValue root = random.Next(10) switch
            {
                0 => (YamlValue)Scalar(),
                1 => Sequence(0),
                _ => Mapping(0),
            };
            if (root is YamlScalar { Type: YamlScalarType.Null })
            {
                // A document that is only null reads as no document (as Kubernetes reads it).
                root = YamlScalar.String("null");
            }

            if (random.Next(4) == 0)
            {
                root.GetOrAddComments().End.Add(Comment());
            }

            return root;
        }

        private YamlValue Node(int depth)
        {
            // Now and then a node written before appears again (as an alias or a merge would make it).
            if (_made.Count > 0 && random.Next(40) == 0)
            {
                return _made[random.Next(_made.Count)];
            }

            YamlValue node = depth > 5 ? Scalar() : random.Next(6) switch
            {
                0 => (YamlValue)Sequence(depth + 1),
                1 => Mapping(depth + 1),
                _ => Scalar(),
            };
            _made.Add(node);
            return node;
        }

        private YamlScalar Scalar()
        {
            var scalar = random.Next(12) switch
            {
                0 => YamlScalar.PlainText(PlainTexts[random.Next(PlainTexts.Length)]),
                1 => new YamlScalar(Text(), YamlScalarStyle.DoubleQuoted, random.Next(2) == 0 ? "!local" : "tag:yaml.org,2002:binary"),
                2 => new YamlScalar(Text(), YamlScalarStyle.DoubleQuoted, "tag:yaml.org,2002:str"),
                _ => YamlScalar.String(Text()),
            };
            return Commented(scalar);
        }

        private YamlSequence Sequence(int depth)
        {
            var seq = new YamlSequence();
            if (random.Next(8) == 0)
            {
                seq.Tag = random.Next(2) == 0 ? "!things" : "tag:yaml.org,2002:seq";
            }

            var count = random.Next(4) == 0 ? 0 : random.Next(1, 5);
            for (var i = 0; i < count; i++)
            {
                seq.Items.Add(Node(depth));
            }

            return Commented(seq);
        }

        private YamlMapping Mapping(int depth)
        {
            var map = new YamlMapping();
            if (random.Next(8) == 0)
            {
                map.Tag = random.Next(2) == 0 ? "!object" : "tag:yaml.org,2002:map";
            }

            var count = random.Next(5) == 0 ? 0 : random.Next(1, 6);
            var keys = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                var key = random.Next(40) == 0 ? new string('k', 1020 + random.Next(10)) : Text();
                if (key == "<<" || !keys.Add(WithoutLoneSurrogates(key)))
                {
                    continue;
                }

                // (A tag on a key of about 1024 characters makes it too long for a simple key while both writers still
                // write it as one; keys that long are never tagged here.)
                var keyNode = random.Next(20) == 0 && key.Length < 1000 ? new YamlScalar(key, YamlScalarStyle.DoubleQuoted, "!key") : YamlScalar.String(key);
                map.Entries.Add(new YamlEntry(Commented(keyNode), Node(depth)));
            }

            return Commented(map);
        }

        private string Text()
        {
            var sb = new StringBuilder();
            var parts = random.Next(4) == 0 ? 0 : random.Next(1, 6);
            for (var i = 0; i < parts; i++)
            {
                var piece = random.Next(3) == 0 ? ((char)random.Next(0x20, 0x7f)).ToString() : Pieces[random.Next(Pieces.Length)];
                if (!loneSurrogates && piece.Length == 1 && char.IsSurrogate(piece[0]))
                {
                    continue;
                }

                sb.Append(piece);
            }

            return sb.ToString();
        }

        private string Comment() => CommentTexts[random.Next(CommentTexts.Length)];

        private T Commented<T>(T node)
            where T : YamlValue
        {
            switch (random.Next(8))
            {
                case 0:
                    node.GetOrAddComments().Before.Add(Comment());
                    break;
                case 1:
                    node.GetOrAddComments().AddAfter(Comment());
                    break;
                case 2:
                    var comments = node.GetOrAddComments();
                    comments.Before.Add(Comment());
                    comments.AddAfter(Comment());
                    comments.End.Add(Comment());
                    break;
            }

            return node;
        }

        private static string WithoutLoneSurrogates(string value) =>
            new(value.Select((c, i) => char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) && !(char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(value[i - 1])) ? '\ufffd' : c).ToArray());
    }
}

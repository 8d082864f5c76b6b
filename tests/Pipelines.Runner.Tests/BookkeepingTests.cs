using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using Pipelines.Runner.Engine;

namespace Pipelines.Runner.Tests;

/// <summary>Bookkeeping written by hand for speed gives exactly what the general-purpose code it replaced gave.</summary>
public class BookkeepingTests
{
    public static TheoryData<string, string?, string?, string?, string?, bool> Records => new()
    {
        { "node", "wf.a", "Succeeded", string.Empty, "0", false },
        { "node", "wf.b(0:x)", "Failed", "exit code 1: <oops> & \"quoted\" 'single' \\ back\tslash\nnew line \u0001 é 😀", "1", true },
        { "finished", null, "Error", "Stopped with strategy 'Stop'", null, false },
        { "node", "wf.c", null, null, null, true },
    };

    // The journal line is what System.Text.Json's serializer writes for the record with the journal's options.
    [Theory]
    [MemberData(nameof(Records))]
    public void A_journal_record_is_written_as_the_serializer_writes_it(string kind, string? name, string? phase, string? message, string? exitCode, bool outputs)
    {
        var record = new JournalRecord
        {
            Kind = kind,
            Name = name,
            Phase = phase,
            Message = message,
            ExitCode = exitCode,
            Result = outputs ? "line 1\nline \"2\" <tag>" : null,
            Parameters = outputs ? [["p", "v"], ["q", "</script>"], ["empty", ""]] : null,
            Artifacts = outputs ? [] : null,
        };
        Assert.Equal(JsonSerializer.Serialize(record, JournalJson.Options), record.ToJson());
    }

    // Node ids and pod names hash the node name's UTF-8 bytes (FNV-1a, 32 bits), as GetBytes(string) gives them, lone
    // surrogates included.
    [Theory]
    [InlineData("")]
    [InlineData("wf")]
    [InlineData("wf.t0-1")]
    [InlineData("wf.ünïcödé(0:😀)")]
    [InlineData("wf.\ud800x")]
    [InlineData("long")]
    public void Node_name_hashes_are_fnv1a_of_the_utf8_bytes(string name)
    {
        if (name == "long")
        {
            name = string.Concat(Enumerable.Repeat("wf.task-é-", 40));
        }

        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            hash ^= b;
            hash *= 16777619u;
        }

        Assert.Equal(hash, WorkflowRun.Fnv32(name));
    }

    // The depends tokenizer, written by hand for speed, splits every text as the regular expression it replaced did
    // (Regex.Match from the current position, a match elsewhere or none is an error unless only white space is left),
    // and fails on the same texts with the same message. Random texts over the characters that matter, seeded.
    [Fact]
    public void The_depends_tokenizer_splits_as_the_regular_expression_did()
    {
        var reference = new System.Text.RegularExpressions.Regex(@"\s*(&&|\|\||!|\(|\)|[A-Za-z0-9_][A-Za-z0-9_\-]*(?:\.[A-Za-z]+)?)\s*", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
        string Expected(string text)
        {
            var list = new List<string>();
            var at = 0;
            while (at < text.Length)
            {
                var m = reference.Match(text, at);
                if (!m.Success || m.Index != at)
                {
                    if (string.IsNullOrWhiteSpace(text[at..]))
                    {
                        break;
                    }

                    return $"invalid depends expression '{text}' near '{text[at..]}'";
                }

                list.Add(m.Groups[1].Value);
                at += m.Length;
            }

            return string.Join("\u0001", list);
        }

        string Actual(string text)
        {
            try
            {
                return string.Join("\u0001", DependsLogic.Tokenize(text));
            }
            catch (Pipelines.Runner.Expressions.ExprException e)
            {
                return e.Message;
            }
        }

        const string alphabet = "ab_Z09-.!&|() \t\n\u00a0\u2028é.S";
        var random = new System.Random(1606);
        var texts = new List<string> { "", " ", "a", "a && b", "a.Succeeded || !(b.Failed && c)", "a.1", "a..b", "&", "|", "a &&", "  x-y_z.AnySucceeded  ", "a.b.c", "é" };
        for (var i = 0; i < 20_000; i++)
        {
            var chars = new char[random.Next(0, 14)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = alphabet[random.Next(alphabet.Length)];
            }

            texts.Add(new string(chars));
        }

        var errors = 0;
        foreach (var text in texts)
        {
            var expected = Expected(text);
            Assert.Equal(expected, Actual(text));
            errors += expected.StartsWith("invalid", System.StringComparison.Ordinal) ? 1 : 0;
        }

        // Both outcomes were exercised.
        Assert.InRange(errors, 1, texts.Count - 1);
    }
}

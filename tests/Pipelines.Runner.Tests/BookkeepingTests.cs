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
}

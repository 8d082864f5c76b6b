using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using Pipelines;

namespace StepRuntime;

/// <summary>A document to analyse: passed between steps as JSON.</summary>
public sealed record Document(string Title, string Text, IReadOnlyList<string> Tags);

/// <summary>What the analysis found: returned as JSON in the output parameter <c>result</c>.</summary>
public sealed record Summary(string Title, int Words, string Longest, bool Tagged);

/// <summary>An outputs record: a named output parameter and an output artifact.</summary>
public sealed record Report(
    [property: OutputParameter] int Lines,
    [property: OutputArtifact] string Markdown);

/// <summary>How loud the greeting is (an enum input: Argo passes the member name).</summary>
public enum Volume
{
    /// <summary>Lower case.</summary>
    Quiet,

    /// <summary>Upper case.</summary>
    Loud,
}

/// <summary>The JSON metadata of the records the steps pass (System.Text.Json source generation: trim- and AOT-safe).</summary>
[JsonSerializable(typeof(Document))]
[JsonSerializable(typeof(Summary))]
internal sealed partial class StepJsonContext : JsonSerializerContext
{
}

/// <summary>A small pipeline whose steps are C# methods, run from the project's own image.</summary>
[Workflow(GenerateName = "word-stats-")]
public partial class WordStats
{
    /// <summary>Counts the words of a text (scalar in, scalar out).</summary>
    [Step]
    public static int CountWords(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>Says hello (an enum and an optional input).</summary>
    [Step]
    public static string Greet(string name, Volume volume = Volume.Quiet)
    {
        Console.WriteLine("greeting " + name);
        var text = "hello " + name;
        return volume == Volume.Loud ? text.ToUpperInvariant() : text;
    }

    /// <summary>Analyses a document (a typed JSON record in, another out).</summary>
    [Step]
    public static Summary Analyse(Document doc)
    {
        var words = doc.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var longest = words.OrderByDescending(w => w.Length).ThenBy(w => w, StringComparer.Ordinal).FirstOrDefault() ?? string.Empty;
        return new Summary(doc.Title, words.Length, longest, doc.Tags.Count > 0);
    }

    /// <summary>Writes a Markdown report (an output artifact and a named output parameter).</summary>
    [Step]
    public static async Task<Report> WriteReport(string title, int words, CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        var markdown = "# " + title + "\n\n" + words.ToString(System.Globalization.CultureInfo.InvariantCulture) + " words\n";
        return new Report(markdown.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, markdown);
    }

    /// <summary>Fails with a message (a non-zero exit code for retryStrategy).</summary>
    [Step]
    public static void Fail(string reason) => throw new InvalidOperationException("refusing to continue: " + reason);

    /// <summary>Waits until cancelled (SIGTERM) or the time is up.</summary>
    [Step]
    public static async Task Wait(int seconds, CancellationToken cancellationToken)
    {
        Console.WriteLine("waiting");
        await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A container template beside the C# steps.</summary>
    [Container("busybox", Command = ["echo", "{{inputs.parameters.message}}"])]
    public static partial Node Announce(string message);

    /// <summary>The pipeline.</summary>
    [Dag, Entrypoint]
    public static void Run(string text = "the quick brown fox")
    {
        Announce("counting words");
        var counted = Node.Run(() => CountWords(text));
        Node.Run(() => WriteReport("words", counted.Outputs, default));
        Node.Run(() => Greet("argo", Volume.Loud));
    }
}

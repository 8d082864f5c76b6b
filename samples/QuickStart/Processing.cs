using System;
using System.IO;
using System.Linq;
using Pipelines;

namespace QuickStart;

/// <summary>The C# step: plain code that runs in this project's container image (docs/design/csharp-steps.md).</summary>
public static class Processing
{
    /// <summary>Counts the lines and words of a document and names its longest word.</summary>
    /// <param name="path">The document's path on the shared volume.</param>
    /// <returns>A one-line JSON summary, the node's <c>result</c>.</returns>
    [Step]
    public static string Summarize(string path)
    {
        var text = File.ReadAllText(path);
        var words = text.Split([' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var longest = words.OrderByDescending(w => w.Length).ThenBy(w => w, StringComparer.Ordinal).FirstOrDefault() ?? string.Empty;
        var lines = text.Count(c => c == '\n');
        return $$"""{"lines":{{lines}},"words":{{words.Length}},"longest":"{{longest.Replace("\"", "", StringComparison.Ordinal)}}"}""";
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Pipelines.Argo;

namespace Pipelines.Build.Tasks;

/// <summary>A place in C# source: file (as the generator wrote it, relative to the project folder), line and column.</summary>
internal sealed record SourceLocation(string File, int Line, int Column);

/// <summary>
/// The generator's map from manifest field paths to C# locations. A finding is reported at the entry with the longest
/// path that is a prefix of the finding's path (segment by segment, so <c>tasks[1]</c> never matches <c>tasks[10]</c>);
/// the root entry (empty path) catches everything else.
/// </summary>
internal sealed class SourceMap
{
    private readonly List<(IReadOnlyList<object> Segments, SourceLocation Location)> _entries = [];

    private SourceMap()
    {
    }

    /// <summary>An empty map: nothing can be located.</summary>
    public static SourceMap Empty { get; } = new();

    /// <summary>Number of usable entries.</summary>
    public int Count => _entries.Count;

    /// <summary>
    /// Parses <c>[[fieldPath, file, line, column], ...]</c>. Unusable entries are skipped and described in
    /// <paramref name="problem"/> (null when the whole map was usable).
    /// </summary>
    public static SourceMap Parse(string json, out string? problem)
    {
        problem = null;
        var map = new SourceMap();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            problem = "it is not valid JSON: " + e.Message;
            return map;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                problem = "it is a JSON " + document.RootElement.ValueKind.ToString().ToLowerInvariant() + ", not an array";
                return map;
            }

            var i = 0;
            foreach (var entry in document.RootElement.EnumerateArray())
            {
                if (TryEntry(entry, out var path, out var location))
                {
                    map._entries.Add((FieldPath.Parse(path).Segments(), location));
                }
                else
                {
                    problem ??= $"entry [{i}] is not [fieldPath, file, line, column] with a non-empty file and positive line and column";
                }

                i++;
            }
        }

        return map;
    }

    private static bool TryEntry(JsonElement entry, out string path, out SourceLocation location)
    {
        path = string.Empty;
        location = null!;
        if (entry.ValueKind != JsonValueKind.Array || entry.GetArrayLength() != 4)
        {
            return false;
        }

        var p = entry[0];
        var f = entry[1];
        var l = entry[2];
        var c = entry[3];
        if (p.ValueKind != JsonValueKind.String || f.ValueKind != JsonValueKind.String || l.ValueKind != JsonValueKind.Number || c.ValueKind != JsonValueKind.Number
            || !l.TryGetInt32(out var line) || !c.TryGetInt32(out var column) || line < 1 || column < 1)
        {
            return false;
        }

        var file = f.GetString()!;
        if (file.Length == 0 || file.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            return false;
        }

        path = p.GetString()!;
        location = new SourceLocation(file, line, column);
        return true;
    }

    /// <summary>The location of the longest entry whose path is a prefix of <paramref name="fieldPath"/>, or null.</summary>
    public SourceLocation? Locate(string fieldPath)
    {
        var segments = FieldPath.Parse(fieldPath).Segments();
        SourceLocation? best = null;
        var bestLength = -1;
        foreach (var (entry, location) in _entries)
        {
            // Ties keep the first entry, so the result does not depend on anything but the map's order.
            if (entry.Count > bestLength && IsPrefix(entry, segments))
            {
                best = location;
                bestLength = entry.Count;
            }
        }

        return best;
    }

    private static bool IsPrefix(IReadOnlyList<object> prefix, IReadOnlyList<object> path)
    {
        if (prefix.Count > path.Count)
        {
            return false;
        }

        for (var i = 0; i < prefix.Count; i++)
        {
            var equal = (prefix[i], path[i]) switch
            {
                (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
                (int a, int b) => a == b,
                _ => false,
            };
            if (!equal)
            {
                return false;
            }
        }

        return true;
    }
}

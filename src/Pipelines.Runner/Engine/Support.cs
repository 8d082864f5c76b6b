using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Pipelines.Argo.Model;
using Pipelines.Runner.Expressions;

namespace Pipelines.Runner.Engine;

/// <summary>DAG-02/DAG-03: <c>depends</c> and <c>dependencies</c>.</summary>
internal static class DependsLogic
{
    public sealed record TaskResult(NodePhase Phase, bool Daemoned, ContinueOn? ContinueOn, List<NodePhase> Copies, bool IsGroup);

    public readonly record struct Operand(string Task, string? Result);

    private static readonly string[] Results = ["Succeeded", "Failed", "Errored", "Skipped", "Omitted", "Daemoned", "AnySucceeded", "AllFailed"];

    public static IEnumerable<Operand> Operands(string depends) => Tokenize(depends).Where(t => t is not ("&&" or "||" or "!" or "(" or ")")).Select(Split);

    private static Operand Split(string token)
    {
        var dot = token.LastIndexOf('.');
        if (dot > 0 && Results.Contains(token[(dot + 1)..]))
        {
            return new Operand(token[..dot], token[(dot + 1)..]);
        }

        return new Operand(token, null);
    }

    /// <summary>
    /// Splits a depends expression into <c>&amp;&amp;</c>, <c>||</c>, <c>!</c>, <c>(</c>, <c>)</c> and operands
    /// (<c>[A-Za-z0-9_][A-Za-z0-9_-]*</c>, optionally followed by <c>.</c> and letters), white space around them ignored.
    /// </summary>
    internal static List<string> Tokenize(string text)
    {
        var list = new List<string>();
        var at = 0;
        while (at < text.Length)
        {
            var start = at;
            while (start < text.Length && char.IsWhiteSpace(text[start]))
            {
                start++;
            }

            var end = TokenEnd(text, start);
            if (end == start)
            {
                if (start == text.Length)
                {
                    break;
                }

                throw new ExprException($"invalid depends expression '{text}' near '{text[at..]}'");
            }

            list.Add(text[start..end]);
            at = end;
            while (at < text.Length && char.IsWhiteSpace(text[at]))
            {
                at++;
            }
        }

        return list;
    }

    /// <summary>Where the token starting at <paramref name="start"/> ends (<paramref name="start"/> when none starts there).</summary>
    private static int TokenEnd(string text, int start)
    {
        if (start >= text.Length)
        {
            return start;
        }

        var c = text[start];
        if (c is '!' or '(' or ')')
        {
            return start + 1;
        }

        if (c is '&' or '|')
        {
            return start + 1 < text.Length && text[start + 1] == c ? start + 2 : start;
        }

        if (!IsWordChar(c))
        {
            return start;
        }

        var end = start + 1;
        while (end < text.Length && (IsWordChar(text[end]) || text[end] == '-'))
        {
            end++;
        }

        if (end + 1 < text.Length && text[end] == '.' && char.IsAsciiLetter(text[end + 1]))
        {
            end += 2;
            while (end < text.Length && char.IsAsciiLetter(text[end]))
            {
                end++;
            }
        }

        return end;
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    public static bool Evaluate(string? depends, List<string>? dependencies, Func<string, TaskResult?> lookup)
    {
        var text = !string.IsNullOrWhiteSpace(depends) ? depends : string.Join(" && ", dependencies ?? []);
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var tokens = Tokenize(text);
        var pos = 0;
        bool Or()
        {
            var v = And();
            while (pos < tokens.Count && tokens[pos] == "||")
            {
                pos++;
                var r = And();
                v = v || r;
            }

            return v;
        }

        bool And()
        {
            var v = Not();
            while (pos < tokens.Count && tokens[pos] == "&&")
            {
                pos++;
                var r = Not();
                v = v && r;
            }

            return v;
        }

        bool Not()
        {
            if (pos < tokens.Count && tokens[pos] == "!")
            {
                pos++;
                return !Not();
            }

            if (pos < tokens.Count && tokens[pos] == "(")
            {
                pos++;
                var v = Or();
                if (pos >= tokens.Count || tokens[pos] != ")")
                {
                    throw new ExprException($"invalid depends expression '{text}': missing ')'");
                }

                pos++;
                return v;
            }

            if (pos >= tokens.Count)
            {
                throw new ExprException($"invalid depends expression '{text}': unexpected end");
            }

            var op = Split(tokens[pos++]);
            var r = lookup(op.Task) ?? throw new ExprException($"task '{op.Task}' in depends has no node");
            return op.Result switch
            {
                null => r.Phase is NodePhase.Succeeded or NodePhase.Skipped || (r.Daemoned && r.Phase != NodePhase.Pending) ||
                        (r.ContinueOn?.Error == true && r.Phase == NodePhase.Error) || (r.ContinueOn?.Failed == true && r.Phase == NodePhase.Failed),
                "Succeeded" => r.Phase == NodePhase.Succeeded,
                "Failed" => r.Phase == NodePhase.Failed,
                "Errored" => r.Phase == NodePhase.Error,
                "Skipped" => r.Phase == NodePhase.Skipped,
                "Omitted" => r.Phase == NodePhase.Omitted,
                "Daemoned" => r.Daemoned && r.Phase != NodePhase.Pending,
                "AnySucceeded" => r.IsGroup && r.Copies.Any(p => p == NodePhase.Succeeded),
                "AllFailed" => r.IsGroup && r.Copies.Count > 0 && r.Copies.All(p => p == NodePhase.Failed),
                _ => throw new ExprException("unknown task result " + op.Result),
            };
        }

        var result = Or();
        if (pos != tokens.Count)
        {
            throw new ExprException($"invalid depends expression '{text}'");
        }

        return result;
    }
}

/// <summary>TMO-06: duration strings.</summary>
internal static class Durations
{
    private static readonly Regex Go = new(@"^([0-9]*\.?[0-9]+)(ns|us|µs|ms|s|m|h)", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>A bare integer is seconds; otherwise Go duration syntax.</summary>
    public static bool TryParse(string text, out TimeSpan value)
    {
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            value = TimeSpan.FromSeconds(seconds);
            return true;
        }

        return TryParseGo(text, out value);
    }

    /// <summary>Go duration syntax only (<c>90s</c>, <c>1h30m</c>).</summary>
    public static bool TryParseGo(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var rest = text.Trim();
        if (rest.Length == 0)
        {
            return false;
        }

        var negative = rest.StartsWith('-');
        if (negative)
        {
            rest = rest[1..];
        }

        if (rest == "0")
        {
            return true;
        }

        while (rest.Length > 0)
        {
            var m = Go.Match(rest);
            if (!m.Success)
            {
                return false;
            }

            var n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            value += m.Groups[2].Value switch
            {
                "ns" => TimeSpan.FromTicks((long)(n / 100)),
                "us" or "µs" => TimeSpan.FromTicks((long)(n * 10)),
                "ms" => TimeSpan.FromMilliseconds(n),
                "s" => TimeSpan.FromSeconds(n),
                "m" => TimeSpan.FromMinutes(n),
                _ => TimeSpan.FromHours(n),
            };
            rest = rest[m.Length..];
        }

        if (negative)
        {
            value = -value;
        }

        return true;
    }

    public static string Humanize(TimeSpan t) =>
        t.TotalSeconds < 60 ? ((long)t.TotalSeconds).ToString(CultureInfo.InvariantCulture) + " seconds" :
        t.TotalMinutes < 60 ? ((long)t.TotalMinutes).ToString(CultureInfo.InvariantCulture) + " minutes" :
        ((long)t.TotalHours).ToString(CultureInfo.InvariantCulture) + " hours";
}

/// <summary>Go's <c>Sprintf</c> for one integer (withSequence formats).</summary>
internal static class GoFormat
{
    private static readonly Regex Verb = new(@"%([-+ 0#]*)(\d*)([dxXobcs])", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public static string Sprintf(string format, long value)
    {
        var used = false;
        var text = Verb.Replace(format, m =>
        {
            if (used)
            {
                return "%!" + m.Groups[3].Value + "(MISSING)";
            }

            used = true;
            var flags = m.Groups[1].Value;
            var width = m.Groups[2].Value.Length > 0 ? int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) : 0;
            var body = m.Groups[3].Value switch
            {
                "x" => Convert.ToString(value, 16),
                "X" => Convert.ToString(value, 16).ToUpperInvariant(),
                "o" => Convert.ToString(value, 8),
                "b" => Convert.ToString(value, 2),
                "c" => ((char)value).ToString(),
                _ => value.ToString(CultureInfo.InvariantCulture),
            };
            if (body.Length < width)
            {
                body = flags.Contains('-') ? body.PadRight(width) : flags.Contains('0') ? body.PadLeft(width, '0') : body.PadLeft(width);
            }

            return body;
        });
        return text.Replace("%%", "%", StringComparison.Ordinal);
    }
}

/// <summary>One line of the run journal.</summary>
internal sealed class JournalRecord
{
    public string Kind { get; set; } = "node";

    public string? Name { get; set; }

    public string? Phase { get; set; }

    public string? Message { get; set; }

    public string? ExitCode { get; set; }

    public string? Result { get; set; }

    public List<string[]>? Parameters { get; set; }

    public List<string[]>? Artifacts { get; set; }

    public static JournalRecord FromNode(RunNode node) => new()
    {
        Name = node.Name,
        Phase = node.Phase.ToString(),
        Message = node.Message,
        ExitCode = node.Outputs?.ExitCode,
        Result = node.Outputs?.Result,
        Parameters = node.Outputs?.Parameters.Select(p => new[] { p.Key, p.Value }).ToList(),
        Artifacts = node.Outputs?.Artifacts.Select(p => new[] { p.Key, p.Value }).ToList(),
    };

    /// <summary>
    /// The record as one line of JSON: what <c>JsonSerializer.Serialize(record, JournalJson.Options)</c> writes (camelCase
    /// names in declaration order, nulls left out, relaxed escaping), written directly instead of by reflection.
    /// </summary>
    public string ToJson()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JournalJson.Options.Encoder }))
        {
            w.WriteStartObject();
            WriteIfSet(w, "kind", Kind);
            WriteIfSet(w, "name", Name);
            WriteIfSet(w, "phase", Phase);
            WriteIfSet(w, "message", Message);
            WriteIfSet(w, "exitCode", ExitCode);
            WriteIfSet(w, "result", Result);
            WritePairs(w, "parameters", Parameters);
            WritePairs(w, "artifacts", Artifacts);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteIfSet(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static void WritePairs(Utf8JsonWriter w, string name, List<string[]>? pairs)
    {
        if (pairs is null)
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (var pair in pairs)
        {
            if (pair is null)
            {
                w.WriteNullValue();
                continue;
            }

            w.WriteStartArray();
            foreach (var item in pair)
            {
                w.WriteStringValue(item);
            }

            w.WriteEndArray();
        }

        w.WriteEndArray();
    }

    public NodeOutputs ToOutputs()
    {
        var o = new NodeOutputs { ExitCode = ExitCode, Result = Result };
        o.Parameters.AddRange((Parameters ?? []).Select(p => new KeyValuePair<string, string>(p[0], p[1])));
        o.Artifacts.AddRange((Artifacts ?? []).Select(p => new KeyValuePair<string, string>(p[0], p[1])));
        return o;
    }
}

/// <summary>
/// The run journal: one JSON line per finished leaf or resumed suspend node, flushed at once, or, for the leaves that
/// finish together (one batch of completions), flushed together before the controller acts on them.
/// </summary>
internal sealed class Journal : IDisposable
{
    private readonly object _gate = new();
    private StreamWriter? _writer;

    public Journal(string path)
    {
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        TruncateTornTail(stream);
        stream.Seek(0, SeekOrigin.End);
        _writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n" };
    }

    /// <summary>
    /// A line cut by a kill (no final newline) is removed, so that the next record starts on its own line instead of
    /// gluing onto the partial one (which would lose both).
    /// </summary>
    internal static void TruncateTornTail(FileStream stream)
    {
        var length = stream.Length;
        if (length == 0)
        {
            return;
        }

        var buffer = new byte[4096];
        var end = length;
        while (end > 0)
        {
            var start = Math.Max(0, end - buffer.Length);
            stream.Seek(start, SeekOrigin.Begin);
            var count = (int)(end - start);
            stream.ReadExactly(buffer, 0, count);
            for (var i = count - 1; i >= 0; i--)
            {
                if (buffer[i] == (byte)'\n')
                {
                    var keep = start + i + 1;
                    if (keep != length)
                    {
                        stream.SetLength(keep);
                    }

                    return;
                }
            }

            end = start;
        }

        stream.SetLength(0);
    }

    /// <summary>Appends a record; with <paramref name="flush"/> false it stays buffered until <see cref="Flush"/>.</summary>
    public void Write(JournalRecord record, bool flush = true)
    {
        lock (_gate)
        {
            if (_writer is null)
            {
                return;
            }

            _writer.WriteLine(record.ToJson());
            if (flush)
            {
                _writer.Flush();
            }
        }
    }

    /// <summary>Writes the buffered records to the file.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            _writer?.Flush();
        }
    }

    public static Dictionary<string, JournalRecord> Read(string path)
    {
        var map = new Dictionary<string, JournalRecord>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return map;
        }

        foreach (var line in File.ReadAllLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                var r = JsonSerializer.Deserialize<JournalRecord>(line, JournalJson.Options);
                if (r?.Kind == "node" && r.Name is not null)
                {
                    map[r.Name] = r;
                }
            }
            catch (JsonException)
            {
                // A line cut by a kill: the node simply runs again.
            }
        }

        return map;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _writer?.Dispose();
            _writer = null;
        }
    }
}

internal static class JournalJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

/// <summary>MEM-01/MEM-02: a persistent local cache (one JSON file per cache name).</summary>
internal sealed class MemoCache(string folder)
{
    private sealed class Entry
    {
        public DateTimeOffset SavedAt { get; set; }

        public JournalRecord? Outputs { get; set; }
    }

    private string FileOf(string cache) => Path.Combine(folder, string.Concat(cache.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')) + ".json");

    private Dictionary<string, Entry> Load(string cache)
    {
        var file = FileOf(cache);
        if (!File.Exists(file))
        {
            return new Dictionary<string, Entry>(StringComparer.Ordinal);
        }

        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, Entry>>(File.ReadAllText(file), JournalJson.Options) ?? new Dictionary<string, Entry>(StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            return new Dictionary<string, Entry>(StringComparer.Ordinal);
        }
    }

    public bool TryGet(string cache, string key, TimeSpan? maxAge, DateTimeOffset now, out NodeOutputs outputs)
    {
        outputs = new NodeOutputs();
        if (!Load(cache).TryGetValue(key, out var entry) || entry.Outputs is null)
        {
            return false;
        }

        if (maxAge is { } age && now - entry.SavedAt > age)
        {
            return false;
        }

        outputs = entry.Outputs.ToOutputs();
        return true;
    }

    public void Save(string cache, string key, NodeOutputs outputs, DateTimeOffset now)
    {
        Directory.CreateDirectory(folder);
        var all = Load(cache);
        all[key] = new Entry
        {
            SavedAt = now,
            Outputs = new JournalRecord
            {
                ExitCode = outputs.ExitCode,
                Result = outputs.Result,
                Parameters = outputs.Parameters.Select(p => new[] { p.Key, p.Value }).ToList(),
                Artifacts = outputs.Artifacts.Select(p => new[] { p.Key, p.Value }).ToList(),
            },
        };
        File.WriteAllText(FileOf(cache), JsonSerializer.Serialize(all, JournalJson.Options));
    }
}

/// <summary>
/// The local artifact repository: keys are paths under the run's artifacts folder. Every copy in or out stays inside
/// the run folder (<paramref name="wall"/>): sources that resolve elsewhere (through <c>..</c> or a symbolic link) are
/// refused with <see cref="RunWallException"/>.
/// </summary>
internal sealed class ArtifactRepository(string root, string wall)
{
    public string Store(string nodeId, string name, string local)
    {
        if (!RunWall.IsSafeSegment(name) || !RunWall.IsSafeSegment(nodeId))
        {
            throw new RunWallException($"artifact name '{WallCheck.Escape(name)}' cannot be a file name in the artifact repository");
        }

        RunWall.Confine(wall, local, $"output artifact '{name}'");
        var key = nodeId + "/" + name;
        var target = RunWall.Confine(root, Path.Combine(root, nodeId, name), $"artifact '{name}'");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (Directory.Exists(local))
        {
            CopyDirectory(local, target, name);
        }
        else
        {
            File.Copy(local, target, overwrite: true);
        }

        return "artifact://" + key;
    }

    public bool TryResolve(string key, out string local)
    {
        local = string.Empty;
        if (!key.StartsWith("artifact://", StringComparison.Ordinal))
        {
            return false;
        }

        if (!WallCheck.ArtifactKeyIsSafe(key))
        {
            throw new RunWallException($"artifact key '{WallCheck.Escape(key)}' leaves the run's artifact repository");
        }

        local = RunWall.Confine(root, Path.Combine(root, key["artifact://".Length..]), $"artifact '{key}'");
        return File.Exists(local) || Directory.Exists(local);
    }

    private void CopyDirectory(string from, string to, string name)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from))
        {
            RunWall.Confine(wall, f, $"file '{Path.GetFileName(f)}' of output artifact '{name}'");
            File.Copy(f, Path.Combine(to, Path.GetFileName(f)), overwrite: true);
        }

        foreach (var d in Directory.GetDirectories(from))
        {
            RunWall.Confine(wall, d, $"folder '{Path.GetFileName(d)}' of output artifact '{name}'");
            CopyDirectory(d, Path.Combine(to, Path.GetFileName(d)), name);
        }
    }
}

/// <summary>SYN-01..03: mutexes and semaphores shared by the workflows of this process.</summary>
internal sealed class Locks
{
    private static readonly Dictionary<string, List<string>> Holders = new(StringComparer.Ordinal);
    private readonly List<string> _mine = [];

    public bool TryAcquire(string holder, Synchronization sync, string ns, Dictionary<string, Dictionary<string, string>> configMaps, out string message, out bool waiting)
    {
        message = string.Empty;
        waiting = false;
        var wanted = new List<(string Key, int Limit)>();
        foreach (var m in sync.Mutexes ?? [])
        {
            wanted.Add(($"{m.Namespace ?? ns}/Mutex/{m.Name}", 1));
        }

        foreach (var s in sync.Semaphores ?? [])
        {
            var cm = s.ConfigMapKeyRef;
            var limitText = cm?.Name is not null && cm.Key is not null && configMaps.TryGetValue(cm.Name, out var map) && map.TryGetValue(cm.Key, out var v) ? v : null;
            if (!int.TryParse(limitText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit) || limit <= 0)
            {
                message = $"failed to initialize semaphore {s.Namespace ?? ns}/ConfigMap/{cm?.Name}/{cm?.Key}: limit must be a positive integer from the ConfigMap (pass it with --configmap FILE)";
                return false;
            }

            wanted.Add(($"{s.Namespace ?? ns}/ConfigMap/{cm!.Name}/{cm.Key}", limit));
        }

        lock (Holders)
        {
            foreach (var (key, limit) in wanted)
            {
                var list = Holders.TryGetValue(key, out var l) ? l : Holders[key] = [];
                if (!list.Contains(holder) && list.Count >= limit)
                {
                    waiting = true;
                    message = $"Waiting for {key} lock. Lock status: {limit - list.Count}/{limit}";
                    return false;
                }
            }

            foreach (var (key, _) in wanted)
            {
                if (!Holders[key].Contains(holder))
                {
                    Holders[key].Add(holder);
                    _mine.Add(holder);
                }
            }
        }

        return true;
    }

    public void Release(string holder)
    {
        lock (Holders)
        {
            foreach (var list in Holders.Values)
            {
                list.Remove(holder);
            }

            _mine.Remove(holder);
        }
    }

    public void ReleaseAll(string workflow)
    {
        lock (Holders)
        {
            foreach (var h in _mine.ToList())
            {
                foreach (var list in Holders.Values)
                {
                    list.Remove(h);
                }
            }

            foreach (var list in Holders.Values)
            {
                list.Remove(workflow);
            }

            _mine.Clear();
        }
    }
}

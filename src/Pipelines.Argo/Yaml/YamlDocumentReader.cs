using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Pipelines.Argo.Yaml;

/// <summary>One YAML document of a file: its root node and where it starts.</summary>
/// <param name="Index">0-based index among the file's non-empty documents.</param>
/// <param name="Root">The root node.</param>
/// <param name="Line">1-based line where the document starts.</param>
public sealed record YamlDocument(int Index, YamlValue Root, int Line);

/// <summary>
/// Reads YAML text into <see cref="YamlValue"/> trees with positions, the way Kubernetes' YAML path does
/// (duplicate keys keep the last value, merge keys are applied, aliases are followed), within <see cref="YamlLimits"/>.
/// Problems become findings; nothing throws for bad input.
/// </summary>
public static class YamlDocumentReader
{
    private static readonly Regex MarkPrefix = new(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ", RegexOptions.CultureInvariant);

    /// <summary>Decodes file bytes (UTF-8, or UTF-16 with a byte-order mark) into text, reporting what cannot be read.</summary>
    public static string? Decode(byte[] bytes, List<Finding> findings, YamlLimits? limits = null)
    {
        limits ??= YamlLimits.Default;
        if (bytes.LongLength > limits.MaxFileBytes)
        {
            ReportTooLarge(bytes.LongLength, findings, limits);
            return null;
        }

        Encoding encoding;
        var offset = 0;
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            encoding = new UTF8Encoding(false, true);
            offset = 3;
            findings.Add(FindingCodes.ByteOrderMark.Create("the file starts with a UTF-8 byte-order mark; it is accepted, and `pipelines fmt` removes it", FieldPath.Root, 1, 1));
        }
        else if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
        {
            encoding = new UnicodeEncoding(false, false, true);
            offset = 2;
            findings.Add(FindingCodes.ByteOrderMark.Create("the file is UTF-16 (little-endian) with a byte-order mark; it is accepted, and `pipelines fmt` writes UTF-8", FieldPath.Root, 1, 1));
        }
        else if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
        {
            encoding = new UnicodeEncoding(true, false, true);
            offset = 2;
            findings.Add(FindingCodes.ByteOrderMark.Create("the file is UTF-16 (big-endian) with a byte-order mark; it is accepted, and `pipelines fmt` writes UTF-8", FieldPath.Root, 1, 1));
        }
        else
        {
            encoding = new UTF8Encoding(false, true);
        }

        string text;
        try
        {
            text = encoding.GetString(bytes, offset, bytes.Length - offset);
        }
        catch (DecoderFallbackException e)
        {
            var at = offset + Math.Max(0, e.Index);
            findings.Add(FindingCodes.NotText.Create($"the file is not valid UTF-8 text (invalid byte at offset {at}); is it a binary file?", FieldPath.Root, LineOf(bytes, at), 1));
            return null;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x20 && c is not ('\t' or '\n' or '\r') || c is '\u007f' or '\ufffe' or '\uffff')
            {
                var (line, column) = Position(text, i);
                findings.Add(FindingCodes.NotText.Create(
                    $"the file contains the control character U+{(int)c:X4}, which YAML does not allow; is it a binary file?",
                    FieldPath.Root,
                    line,
                    column));
                return null;
            }
        }

        return text;
    }

    internal static void ReportTooLarge(long size, List<Finding> findings, YamlLimits limits) =>
        findings.Add(FindingCodes.FileTooLarge.Create(
            $"the file is {FormatSize(size)}, larger than the {FormatSize(limits.MaxFileBytes)} the reader accepts (Kubernetes keeps an object in at most about 1.5 MiB); split it into smaller files",
            FieldPath.Root,
            1,
            1));

    /// <summary>Parses every document of <paramref name="text"/>. Empty documents are skipped.</summary>
    public static List<YamlDocument> Parse(string text, List<Finding> findings, YamlLimits? limits = null)
    {
        limits ??= YamlLimits.Default;
        var patchedLines = new Dictionary<int, int>();
        var current = text;
        for (var attempt = 0; ; attempt++)
        {
            var attemptFindings = new List<Finding>();
            var progress = new Progress();
            var documents = new List<YamlDocument>();
            var syntaxError = false;
            try
            {
                ParseAll(current, documents, attemptFindings, limits, progress);
            }
            catch (YamlException e) when (attempt < 500 && IsShallowContinuation(e) && TryIndent(ref current, (int)e.Start.Line, patchedLines))
            {
                continue;
            }
            catch (YamlException e)
            {
                syntaxError = true;
                var line = (int)e.Start.Line;
                var column = (int)e.Start.Column;
                if (IsTabError(e))
                {
                    (line, column) = FindIndentationTab(current, line, (line, column));
                }

                attemptFindings.Add(FindingCodes.YamlSyntax.Create(Clean(e), FieldPath.Root, line, column));
            }
            catch (LimitException e)
            {
                attemptFindings.Add(e.Finding);
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
            {
                // YamlDotNet's scanner occasionally fails on malformed flow collections with an exception that is not a
                // YamlException. It is still broken YAML: report it where parsing last made progress.
                syntaxError = true;
                attemptFindings.Add(FindingCodes.YamlSyntax.Create(
                    "invalid YAML: the parser could not continue after this point; check the brackets, braces and quotes from here on",
                    FieldPath.Root,
                    progress.Line,
                    progress.Column));
            }

            // When the text is broken anyway (an unterminated quote looks like a shallow continuation at first),
            // the syntax error is the finding; "Argo accepts it" would be wrong.
            foreach (var pair in syntaxError ? [] : patchedLines)
            {
                findings.Add(FindingCodes.ShallowContinuation.Create(
                    "this continuation line of a multi-line quoted string is indented less than YAML requires; Argo accepts it (the string is the same either way), but indent it more so strict YAML readers accept it too",
                    FieldPath.Root,
                    pair.Key,
                    1));
            }

            findings.AddRange(attemptFindings);
            return documents;
        }
    }

    private static bool IsTabError(YamlException e) =>
        e.Message.IndexOf("tab", StringComparison.OrdinalIgnoreCase) >= 0;

    // YamlDotNet reports some tab errors at the start of the enclosing mapping (often 1:1); point at the first line,
    // from there on, whose indentation holds a tab instead, so the finding names the line to fix.
    private static (int Line, int Column) FindIndentationTab(string text, int fromLine, (int Line, int Column) fallback)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != '\n')
            {
                continue;
            }

            if (line >= fromLine)
            {
                for (var j = lineStart; j < i && (text[j] == ' ' || text[j] == '\t'); j++)
                {
                    if (text[j] == '\t')
                    {
                        return (line, j - lineStart + 1);
                    }
                }
            }

            line++;
            lineStart = i + 1;
        }

        return fallback;
    }

    // YamlDotNet (checked on 16.3.0 and 18.1.0) refuses continuation lines indented at or below the enclosing block,
    // which Go's parser and PyYAML accept (CORPUS-QUIRKS 1); the reader re-indents them and warns (PIPE3009).
    private static bool IsShallowContinuation(YamlException e) =>
        e.Message.IndexOf("multi-line double-quoted scalar, found wrong indentation", StringComparison.Ordinal) >= 0 ||
        e.Message.IndexOf("multi-line single-quoted scalar, found wrong indentation", StringComparison.Ordinal) >= 0;

    // Leading white space of a continuation line inside a quoted scalar is not part of the value, so indenting the
    // scalar's continuation lines more gives the same string Go's parser (and PyYAML) read from the original.
    // YamlDotNet reports the error at the line where the scalar opens; the scalar runs to its closing quote.
    private static bool TryIndent(ref string text, int line, Dictionary<int, int> patched)
    {
        var lines = text.Split('\n');
        if (line < 1 || line > lines.Length)
        {
            return false;
        }

        // Find the quote that opens a scalar left unterminated on the start line.
        var open = -1;
        var quote = '\0';
        var first = lines[line - 1];
        for (var i = 0; i < first.Length; i++)
        {
            var c = first[i];
            if (quote == '\0')
            {
                if (c is '"' or '\'')
                {
                    quote = c;
                    open = i;
                }
                else if (c == '#' && (i == 0 || first[i - 1] == ' '))
                {
                    break;
                }
            }
            else if (quote == '"' && c == '\\')
            {
                i++;
            }
            else if (c == quote)
            {
                if (quote == '\'' && i + 1 < first.Length && first[i + 1] == '\'')
                {
                    i++;
                }
                else
                {
                    quote = '\0';
                }
            }
        }

        if (quote == '\0' || open < 0)
        {
            return false;
        }

        var baseIndent = first.Length - first.TrimStart(' ').Length;
        var changed = false;
        for (var l = line; l < lines.Length; l++)
        {
            var current = lines[l];
            var indent = current.Length - current.TrimStart(' ').Length;
            if (current.Trim().Length > 0 && indent <= baseIndent)
            {
                lines[l] = new string(' ', baseIndent + 2 - indent) + current;
                patched[l + 1] = baseIndent + 2 - indent;
                changed = true;
            }

            if (Closes(current, quote))
            {
                break;
            }
        }

        if (!changed)
        {
            return false;
        }

        text = string.Join("\n", lines);
        return true;
    }

    private static bool Closes(string line, char quote)
    {
        for (var i = 0; i < line.Length; i++)
        {
            if (quote == '"' && line[i] == '\\')
            {
                i++;
            }
            else if (line[i] == quote)
            {
                if (quote == '\'' && i + 1 < line.Length && line[i + 1] == '\'')
                {
                    i++;
                    continue;
                }

                return true;
            }
        }

        return false;
    }

    private static string Clean(YamlException e)
    {
        var message = MarkPrefix.Replace(e.Message, string.Empty).Trim();
        if (message.Length > 0 && char.IsUpper(message[0]) && (message.Length < 2 || !char.IsUpper(message[1])))
        {
            message = char.ToLowerInvariant(message[0]) + message.Substring(1);
        }

        message = message.TrimEnd('.');
        if (message.IndexOf("tab", StringComparison.OrdinalIgnoreCase) >= 0 || message.IndexOf("\\t", StringComparison.Ordinal) >= 0)
        {
            message += " (YAML does not allow tabs for indentation; use spaces)";
        }

        return "invalid YAML: " + message;
    }

    private static void ParseAll(string text, List<YamlDocument> documents, List<Finding> findings, YamlLimits limits, Progress progress)
    {
        var parser = new Parser(new Scanner(new StringReader(text), skipComments: true));
        parser.Consume<StreamStart>();
        var index = 0;
        while (!parser.TryConsume<StreamEnd>(out _))
        {
            var start = parser.Consume<DocumentStart>();
            var builder = new TreeBuilder(findings, limits, progress);
            var root = builder.ReadNode(parser);
            parser.Consume<DocumentEnd>();
            if (root is YamlScalar { Type: YamlScalarType.Null })
            {
                continue;
            }

            documents.Add(new YamlDocument(index++, root, (int)start.Start.Line));
        }
    }

    private static string FormatSize(long bytes) =>
        bytes >= 1024 * 1024
            ? (bytes / (1024.0 * 1024.0)).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " MiB"
            : (bytes / 1024.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " KiB";

    private static int LineOf(byte[] bytes, int offset)
    {
        var line = 1;
        for (var i = 0; i < offset && i < bytes.Length; i++)
        {
            if (bytes[i] == '\n')
            {
                line++;
            }
        }

        return line;
    }

    private static (int Line, int Column) Position(string text, int index)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, index - lineStart + 1);
    }

    private sealed class ReferenceComparer : IEqualityComparer<YamlValue>
    {
        public static readonly ReferenceComparer Instance = new();

        public bool Equals(YamlValue? x, YamlValue? y) => ReferenceEquals(x, y);

        public int GetHashCode(YamlValue obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }

    private sealed class LimitException(Finding finding) : Exception(finding.Message)
    {
        public Finding Finding { get; } = finding;
    }

    /// <summary>Builds one document's tree from parser events without recursion, within the limits.</summary>
    /// <summary>Where parsing last made progress, for errors that come without a position.</summary>
    private sealed class Progress
    {
        public int Line { get; set; } = 1;

        public int Column { get; set; } = 1;
    }

    private sealed class TreeBuilder(List<Finding> findings, YamlLimits limits, Progress progress)
    {
        private readonly Dictionary<string, YamlValue> _anchors = new(StringComparer.Ordinal);
        private readonly Dictionary<YamlValue, long> _sizes = new(ReferenceComparer.Instance);
        private long _expanded;

        public YamlValue ReadNode(IParser parser)
        {
            var stack = new Stack<Frame>();
            while (true)
            {
                var ev = parser.Consume<ParsingEvent>();
                progress.Line = (int)ev.Start.Line;
                progress.Column = (int)ev.Start.Column;
                YamlValue? completed = null;
                switch (ev)
                {
                    case Scalar s:
                        completed = Register(s.Anchor, new YamlScalar(s.Value, StyleOf(s), TagOf(s.Tag, s.IsPlainImplicit, s.IsQuotedImplicit, s.Style), (int)s.Start.Line, (int)s.Start.Column));
                        Count(completed, 1, s.Start);
                        break;
                    case AnchorAlias alias:
                        if (!_anchors.TryGetValue(alias.Value.Value, out completed))
                        {
                            throw new YamlException(alias.Start, alias.End, $"alias *{alias.Value.Value} refers to no anchor defined before it");
                        }

                        Count(completed, _sizes.TryGetValue(completed, out var size) ? size : 1, alias.Start);
                        break;
                    case SequenceStart seq:
                        if (stack.Count >= limits.MaxDepth)
                        {
                            throw new LimitException(FindingCodes.TooDeep.Create($"lists and mappings nest deeper than {limits.MaxDepth} levels here", FieldPath.Root, (int)seq.Start.Line, (int)seq.Start.Column));
                        }

                        stack.Push(new Frame(new YamlSequence((int)seq.Start.Line, (int)seq.Start.Column), seq.Anchor, ChildPath(stack)));
                        continue;
                    case MappingStart map:
                        if (stack.Count >= limits.MaxDepth)
                        {
                            throw new LimitException(FindingCodes.TooDeep.Create($"lists and mappings nest deeper than {limits.MaxDepth} levels here", FieldPath.Root, (int)map.Start.Line, (int)map.Start.Column));
                        }

                        stack.Push(new Frame(new YamlMapping((int)map.Start.Line, (int)map.Start.Column), map.Anchor, ChildPath(stack)));
                        continue;
                    case SequenceEnd:
                    case MappingEnd:
                        {
                            var frame = stack.Pop();
                            if (frame.Node is YamlMapping m)
                            {
                                ApplyMerges(m, frame);
                            }

                            completed = Register(frame.Anchor, frame.Node);
                            _sizes[completed] = frame.Size + 1;
                            Count(completed, 1, ev.Start);
                            break;
                        }

                    default:
                        throw new YamlException(ev.Start, ev.End, "unexpected " + ev.GetType().Name);
                }

                if (stack.Count == 0)
                {
                    return completed!;
                }

                Add(stack.Peek(), completed!);
            }
        }

        // The field path of the node that starts next inside the innermost open list or mapping.
        private static FieldPath ChildPath(Stack<Frame> stack)
        {
            if (stack.Count == 0)
            {
                return FieldPath.Root;
            }

            var parent = stack.Peek();
            return parent.Node switch
            {
                YamlSequence seq => parent.Path.Item(seq.Items.Count),
                _ when parent.PendingKey is { } key => parent.Path.Field(key.Value),
                _ => parent.Path,
            };
        }

        private void Count(YamlValue node, long size, Mark at)
        {
            _expanded += size;
            if (_expanded > limits.MaxExpandedNodes)
            {
                throw new LimitException(FindingCodes.AliasLimit.Create(
                    $"following its aliases, this document expands to more than {limits.MaxExpandedNodes:N0} nodes (a \"billion laughs\" document?); Kubernetes would refuse it too",
                    FieldPath.Root,
                    (int)at.Line,
                    (int)at.Column));
            }
        }

        private void Add(Frame frame, YamlValue value)
        {
            frame.Size += _sizes.TryGetValue(value, out var size) ? size : 1;
            if (frame.Node is YamlSequence seq)
            {
                seq.Items.Add(value);
                return;
            }

            if (frame.PendingKey is null)
            {
                if (value is not YamlScalar key)
                {
                    findings.Add(FindingCodes.ComplexKey.Create("a mapping key must be a plain value, not a list or a mapping", frame.Path, value.Line, value.Column));
                    frame.PendingKey = new YamlScalar("?", YamlScalarStyle.DoubleQuoted, null, value.Line, value.Column);
                    frame.SkipValue = true;
                    return;
                }

                frame.PendingKey = key;
                return;
            }

            var pending = frame.PendingKey;
            frame.PendingKey = null;
            if (frame.SkipValue)
            {
                frame.SkipValue = false;
                return;
            }

            var map = (YamlMapping)frame.Node;
            if (pending.Style == YamlScalarStyle.Plain && pending.Tag is null && pending.Value == "<<")
            {
                frame.Merges.Add(value);
                return;
            }

            for (var i = 0; i < map.Entries.Count; i++)
            {
                if (map.Entries[i].Key.Value == pending.Value)
                {
                    findings.Add(FindingCodes.DuplicateKey.Create(
                        $"key '{pending.Value}' appears twice in this mapping (lines {map.Entries[i].Key.Line} and {pending.Line}); the last value is kept, as Kubernetes does; remove one of them",
                        frame.Path.Field(pending.Value),
                        pending.Line,
                        pending.Column));
                    map.Entries.RemoveAt(i);
                    break;
                }
            }

            map.Entries.Add(new YamlEntry(pending, value));
        }

        // YAML merge keys (<<: *base): entries of the merged mappings are added where the mapping lacks them.
        private void ApplyMerges(YamlMapping map, Frame frame)
        {
            foreach (var merge in frame.Merges)
            {
                var sources = merge is YamlSequence seq ? seq.Items : [merge];
                foreach (var source in sources)
                {
                    if (source is not YamlMapping from)
                    {
                        findings.Add(FindingCodes.WrongType.Create("a merge key (<<) must refer to a mapping or a list of mappings", frame.Path.Field("<<"), source.Line, source.Column));
                        continue;
                    }

                    foreach (var entry in from.Entries)
                    {
                        if (map.Get(entry.Key.Value) is null)
                        {
                            map.Entries.Add(entry);
                        }
                    }
                }
            }
        }

        private YamlValue Register(AnchorName anchor, YamlValue node)
        {
            if (!anchor.IsEmpty)
            {
                _anchors[anchor.Value] = node;
            }

            return node;
        }

        private static YamlScalarStyle StyleOf(Scalar s) => s.Style switch
        {
            ScalarStyle.SingleQuoted => YamlScalarStyle.SingleQuoted,
            ScalarStyle.DoubleQuoted => YamlScalarStyle.DoubleQuoted,
            ScalarStyle.Literal => YamlScalarStyle.Literal,
            ScalarStyle.Folded => YamlScalarStyle.Folded,
            _ => YamlScalarStyle.Plain,
        };

        private static string? TagOf(TagName tag, bool plainImplicit, bool quotedImplicit, ScalarStyle style) =>
            tag.IsEmpty || tag.IsNonSpecific ? null : tag.Value;

        private sealed class Frame(YamlValue node, AnchorName anchor, FieldPath path)
        {
            public YamlValue Node { get; } = node;

            public FieldPath Path { get; } = path;

            public AnchorName Anchor { get; } = anchor;

            public long Size { get; set; }

            public YamlScalar? PendingKey { get; set; }

            public bool SkipValue { get; set; }

            public List<YamlValue> Merges { get; } = [];
        }
    }
}

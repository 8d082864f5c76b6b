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
    public static List<YamlDocument> Parse(string text, List<Finding> findings, YamlLimits? limits = null) =>
        Parse(text, findings, limits, readComments: true);

    /// <summary>
    /// Parses every document of <paramref name="text"/>; with <paramref name="readComments"/> false the comments are not
    /// read (nor attached, nor PIPE3050 reported), for callers that only need the data and the nodes' positions, such as
    /// reading the writer's own output back.
    /// </summary>
    internal static List<YamlDocument> Parse(string text, List<Finding> findings, YamlLimits? limits, bool readComments) =>
        Parse(text, findings, limits, readComments, fast: true);

    /// <summary>
    /// Parses every document of <paramref name="text"/>; with <paramref name="fast"/> false, only with YamlDotNet (the
    /// fast reader, see <see cref="YamlFastParser"/>, is not tried), so tests can compare the two.
    /// </summary>
    internal static List<YamlDocument> Parse(string text, List<Finding> findings, YamlLimits? limits, bool readComments, bool fast)
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
                var shallow = ParseAll(current, documents, attemptFindings, limits, progress, readComments, fast);
                if (shallow > 0)
                {
                    // The fast reader stopped at a quoted string whose continuation line is indented too little, where
                    // YamlDotNet stops with the error the catch below repairs: repair it the same way without the
                    // YamlDotNet pass, or, when it cannot be repaired, let YamlDotNet read it and report it.
                    if (attempt < 500 && TryIndent(ref current, shallow, patchedLines))
                    {
                        continue;
                    }

                    ParseAll(current, documents, attemptFindings, limits, progress, readComments, fast: false);
                }
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

    // Returns 0, or (only with fast) the line where a quoted string opens whose continuation line is indented too
    // little for YamlDotNet, with nothing read.
    private static int ParseAll(string text, List<YamlDocument> documents, List<Finding> findings, YamlLimits limits, Progress progress, bool readComments, bool fast)
    {
        // Comments are only read when asked for and when the text can hold one: without a '#' there is none, and a
        // scanner that reports comments would find exactly the tokens the parser already read.
        var layout = readComments && text.IndexOf('#') >= 0;
        if (fast)
        {
            if (ParseFast(text, documents, findings, limits, progress, layout, out var shallow))
            {
                return 0;
            }

            if (shallow > 0)
            {
                return shallow;
            }
        }

        if (layout && ParseWithComments(text, documents, findings, limits, progress))
        {
            return 0;
        }

        // The data is read with comments skipped: YamlDotNet's parser refuses some valid files when it reports comments
        // (a comment line after a flow list in a block mapping). Comments are then read from the scanner's tokens and
        // attached to the nodes by their position (see YamlCommentAttacher).
        var layouts = ReadDocuments(new Parser(new Scanner(new StringReader(text), skipComments: true)), documents, findings, limits, progress, layout);
        if (layouts.Count > 0 && !YamlCommentAttacher.Attach(text, layouts))
        {
            findings.Add(FindingCodes.CommentsUnreadable.Create(
                "the comments of this file could not all be read, so `pipelines fmt` leaves it as it is (lint is not affected); please report the file",
                FieldPath.Root,
                1,
                1));
        }

        return 0;
    }

    // Data and comments in one scan: the scanner reports comments, and CommentCollector takes them out of its tokens
    // before the parser sees them, so the parser reads the same tokens as with comments skipped (and is spared the
    // comment handling it gets wrong). False, with nothing added, when the text does not read this way: the caller then
    // reads it in two scans as before, which reports any problem exactly as it always did.
    private static bool ParseWithComments(string text, List<YamlDocument> documents, List<Finding> findings, YamlLimits limits, Progress progress)
    {
        var comments = new List<YamlDotNet.Core.Tokens.Comment>();
        var read = new List<YamlDocument>();
        var readFindings = new List<Finding>();
        List<YamlCommentAttacher.DocumentLayout> layouts;
        try
        {
            var scanner = new CommentCollector(new Scanner(new StringReader(text), skipComments: false), comments);
            layouts = ReadDocuments(new Parser(scanner), read, readFindings, limits, progress, layout: true);
        }
        catch (Exception e) when (e is YamlException or LimitException or InvalidOperationException or ArgumentException or IndexOutOfRangeException or NullReferenceException)
        {
            return false;
        }

        documents.AddRange(read);
        findings.AddRange(readFindings);
        if (layouts.Count > 0)
        {
            YamlCommentAttacher.Attach(text, comments, layouts);
        }

        return true;
    }

    // Most manifests are in the block subset YamlFastParser reads, much faster than YamlDotNet and into the same events
    // and comment tokens, which the same tree builder turns into the same nodes and findings. False, with nothing
    // added, when the text is outside that subset or the tree builder stops (a limit): YamlDotNet then reads it.
    private static bool ParseFast(string text, List<YamlDocument> documents, List<Finding> findings, YamlLimits limits, Progress progress, bool layout, out int shallow)
    {
        if (!YamlFastParser.TryRead(text, layout, out var events, out var comments, out shallow))
        {
            return false;
        }

        var read = new List<YamlDocument>();
        var readFindings = new List<Finding>();
        List<YamlCommentAttacher.DocumentLayout> layouts;
        try
        {
            layouts = ReadDocuments(new YamlFastParser.EventList(events), read, readFindings, limits, progress, layout);
        }
        catch (Exception e) when (e is YamlException or LimitException or InvalidOperationException)
        {
            return false;
        }

        documents.AddRange(read);
        findings.AddRange(readFindings);
        if (layouts.Count > 0)
        {
            YamlCommentAttacher.Attach(text, comments, layouts);
        }

        return true;
    }

    private static List<YamlCommentAttacher.DocumentLayout> ReadDocuments(IParser parser, List<YamlDocument> documents, List<Finding> findings, YamlLimits limits, Progress progress, bool layout)
    {
        parser.Consume<StreamStart>();
        var index = 0;
        var layouts = new List<YamlCommentAttacher.DocumentLayout>();
        while (!parser.TryConsume<StreamEnd>(out _))
        {
            var start = parser.Consume<DocumentStart>();
            var builder = new TreeBuilder(findings, limits, progress, layout);
            var root = builder.ReadNode(parser);
            parser.Consume<DocumentEnd>();
            if (root is YamlScalar { Type: YamlScalarType.Null })
            {
                continue;
            }

            documents.Add(new YamlDocument(index++, root, (int)start.Start.Line));
            if (layout)
            {
                layouts.Add(new YamlCommentAttacher.DocumentLayout(root, start.Start.Index, builder.Positions, builder.Redirects));
            }
        }

        return layouts;
    }

    /// <summary>
    /// A scanner that reports comments, seen through a filter: the comment tokens are collected in reading order and
    /// skipped, so the parser gets every other token as a scanner that skips comments gives them. (Each comment is
    /// consumed as it is reached, as the parser consumes every token it reads, so the scanner's own bookkeeping is the
    /// same as when YamlCommentAttacher reads the comments on their own.)
    /// </summary>
    private sealed class CommentCollector(Scanner inner, List<YamlDotNet.Core.Tokens.Comment> comments) : IScanner
    {
        public Mark CurrentPosition => inner.CurrentPosition;

        public YamlDotNet.Core.Tokens.Token? Current => inner.Current;

        public bool MoveNext()
        {
            if (inner.Current is not null)
            {
                inner.ConsumeCurrent();
            }

            return MoveNextWithoutConsuming();
        }

        public bool MoveNextWithoutConsuming()
        {
            while (inner.MoveNextWithoutConsuming())
            {
                if (inner.Current is not YamlDotNet.Core.Tokens.Comment comment)
                {
                    return true;
                }

                comments.Add(comment);
                inner.ConsumeCurrent();
            }

            return false;
        }

        public void ConsumeCurrent() => inner.ConsumeCurrent();
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

    /// <summary>What a node expands to: nodes, and characters of scalar text.</summary>
    private readonly record struct Size(long Nodes, long Chars)
    {
        public static Size operator +(Size a, Size b) => new(a.Nodes + b.Nodes, a.Chars + b.Chars);
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

    // With layout false, where nodes start and which nodes replace others (both only needed to attach comments) are not
    // recorded.
    private sealed class TreeBuilder(List<Finding> findings, YamlLimits limits, Progress progress, bool layout)
    {
        private readonly Dictionary<string, YamlValue> _anchors = new(StringComparer.Ordinal);
        private readonly HashSet<YamlValue> _anchored = new(ReferenceComparer.Instance);
        // What each anchored list or mapping expands to (an alias of it adds as much); other nodes' sizes go straight to
        // their parent.
        private readonly Dictionary<YamlValue, Size> _sizes = new(ReferenceComparer.Instance);
        private long _expanded;
        private long _expandedChars;
        private int _duplicates;
        private int _moreDuplicatesAt = -1;

        /// <summary>Where each scalar, alias and empty list or mapping starts, in reading order (for comments).</summary>
        public List<YamlCommentAttacher.NodePosition> Positions { get; } = [];

        /// <summary>Nodes that are not in the tree (a replaced duplicate key, a merge key) and the node that stands for them.</summary>
        public Dictionary<YamlValue, YamlValue> Redirects { get; } = new(ReferenceComparer.Instance);

        public YamlValue ReadNode(IParser parser)
        {
            var stack = new Stack<Frame>();
            while (true)
            {
                var ev = parser.Consume<ParsingEvent>();
                progress.Line = (int)ev.Start.Line;
                progress.Column = (int)ev.Start.Column;
                YamlValue? completed = null;
                Size size;
                switch (ev)
                {
                    case Scalar s:
                        completed = Register(s.Anchor, new YamlScalar(s.Value, StyleOf(s), TagOf(s.Tag, s.IsPlainImplicit, s.IsQuotedImplicit, s.Style), (int)s.Start.Line, (int)s.Start.Column));
                        Record(stack, s.Start, completed);
                        size = new Size(1, s.Value.Length);
                        Count(size, s.Start);
                        break;
                    case AnchorAlias alias:
                        if (!_anchors.TryGetValue(alias.Value.Value, out completed))
                        {
                            throw new YamlException(alias.Start, alias.End, $"alias *{alias.Value.Value} refers to no anchor defined before it");
                        }

                        Record(stack, alias.Start, completed);
                        size = SizeOf(completed);
                        Count(size, alias.Start);
                        break;
                    case SequenceStart seq:
                        if (stack.Count >= limits.MaxDepth)
                        {
                            throw new LimitException(FindingCodes.TooDeep.Create($"lists and mappings nest deeper than {limits.MaxDepth} levels here", FieldPath.Root, (int)seq.Start.Line, (int)seq.Start.Column));
                        }

                        var sequence = new YamlSequence((int)seq.Start.Line, (int)seq.Start.Column) { Tag = CollectionTag(seq.Tag) };
                        stack.Push(new Frame(sequence, seq.Anchor, ChildPath(stack), seq.Start, ValueKey(stack)));
                        continue;
                    case MappingStart map:
                        if (stack.Count >= limits.MaxDepth)
                        {
                            throw new LimitException(FindingCodes.TooDeep.Create($"lists and mappings nest deeper than {limits.MaxDepth} levels here", FieldPath.Root, (int)map.Start.Line, (int)map.Start.Column));
                        }

                        var mapping = new YamlMapping((int)map.Start.Line, (int)map.Start.Column) { Tag = CollectionTag(map.Tag) };
                        stack.Push(new Frame(mapping, map.Anchor, ChildPath(stack), map.Start, ValueKey(stack)));
                        continue;
                    case SequenceEnd:
                    case MappingEnd:
                        {
                            var frame = stack.Pop();
                            if (frame.Node is YamlMapping m)
                            {
                                if (frame.Dropped > 0)
                                {
                                    m.Entries.RemoveAll(e => e.Key is null);
                                    frame.KeyIndex = null;
                                }

                                ApplyMerges(m, frame);
                            }

                            completed = Register(frame.Anchor, frame.Node);
                            size = frame.Size + new Size(1, 0);
                            if (!frame.Anchor.IsEmpty)
                            {
                                _sizes[completed] = size;
                            }

                            Count(new Size(1, 0), ev.Start);
                            if (layout && frame.Node is YamlMapping { Entries.Count: 0 } or YamlSequence { Items.Count: 0 })
                            {
                                // An empty list or mapping has no item to hold its comments: it holds them itself.
                                Positions.Add(new YamlCommentAttacher.NodePosition(frame.Start.Index, (int)frame.Start.Line, completed, frame.ValueKey ?? completed));
                            }

                            break;
                        }

                    default:
                        throw new YamlException(ev.Start, ev.End, "unexpected " + ev.GetType().Name);
                }

                if (stack.Count == 0)
                {
                    return completed!;
                }

                Add(stack.Peek(), completed!, size);
            }
        }

        // The key whose value starts next, when the innermost open collection is a mapping waiting for a value.
        private static YamlScalar? ValueKey(Stack<Frame> stack) =>
            stack.Count > 0 && stack.Peek() is { Node: YamlMapping, PendingKey: { } key } ? key : null;

        // A full-line comment before a mapping value belongs to its key (the value is written on the key's line).
        private void Record(Stack<Frame> stack, Mark start, YamlValue node)
        {
            if (layout)
            {
                Positions.Add(new YamlCommentAttacher.NodePosition(start.Index, (int)start.Line, node, ValueKey(stack) ?? node));
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

        private Size SizeOf(YamlValue node) =>
            _sizes.TryGetValue(node, out var size) ? size : new Size(1, node is YamlScalar s ? s.Value.Length : 0);

        // Counts what the document expands to: nodes, and characters of scalar text (so that an alias of a long string,
        // repeated, is bounded by its size too).
        private void Count(Size size, Mark at)
        {
            _expanded += size.Nodes;
            _expandedChars += size.Chars;
            if (_expanded > limits.MaxExpandedNodes)
            {
                throw new LimitException(FindingCodes.AliasLimit.Create(
                    $"following its aliases, this document expands to more than {limits.MaxExpandedNodes:N0} nodes (a \"billion laughs\" document?); Kubernetes would refuse it too",
                    FieldPath.Root,
                    (int)at.Line,
                    (int)at.Column));
            }

            if (_expandedChars > limits.MaxExpandedChars)
            {
                throw new LimitException(FindingCodes.AliasLimit.Create(
                    $"following its aliases, this document expands to more than {limits.MaxExpandedChars / (1024 * 1024):N0} Mi characters of text; repeat the text with fewer aliases, or shorten it",
                    FieldPath.Root,
                    (int)at.Line,
                    (int)at.Column));
            }
        }

        private void Add(Frame frame, YamlValue value, Size size)
        {
            frame.Size += size;
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
                (frame.Merges ??= []).Add(value);
                if (layout)
                {
                    Redirects[pending] = map;
                }

                return;
            }

            // Linear in the number of keys: a small mapping is searched (its live entries hold each key once), a larger
            // one gets an index of where each key is; replaced entries are removed at the end.
            var at = IndexOfKey(frame, map, pending.Value);
            if (at >= 0)
            {
                var first = map.Entries[at];
                ReportDuplicate(frame, first.Key, pending);
                if (layout)
                {
                    RedirectDropped(first, pending);
                }

                map.Entries[at] = default;
                frame.Dropped++;
            }

            if (frame.KeyIndex is null && map.Entries.Count >= SmallMapping)
            {
                frame.KeyIndex = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var i = 0; i < map.Entries.Count; i++)
                {
                    if (map.Entries[i].Key is { } key)
                    {
                        frame.KeyIndex[key.Value] = i;
                    }
                }
            }

            if (frame.KeyIndex is not null)
            {
                frame.KeyIndex[pending.Value] = map.Entries.Count;
            }

            map.Entries.Add(new YamlEntry(pending, value));
        }

        // Up to this many entries a mapping's keys are searched one by one rather than indexed.
        private const int SmallMapping = 8;

        // Where the live entry with this key is, or -1.
        private static int IndexOfKey(Frame frame, YamlMapping map, string key)
        {
            if (frame.KeyIndex is { } index)
            {
                return index.TryGetValue(key, out var at) ? at : -1;
            }

            for (var i = map.Entries.Count - 1; i >= 0; i--)
            {
                if (map.Entries[i].Key is { } k && string.Equals(k.Value, key, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return -1;
        }

        private void ReportDuplicate(Frame frame, YamlScalar first, YamlScalar again)
        {
            _duplicates++;
            if (_duplicates <= limits.MaxFindingsPerKind)
            {
                findings.Add(FindingCodes.DuplicateKey.Create(
                    $"key '{again.Value}' appears twice in this mapping (lines {first.Line} and {again.Line}); the last value is kept, as Kubernetes does; remove one of them",
                    frame.Path.Field(again.Value),
                    again.Line,
                    again.Column));
            }
            else
            {
                // One finding counts the rest; it is replaced in place as the count grows.
                var summary = FindingCodes.DuplicateKey.Create(
                    $"{_duplicates - limits.MaxFindingsPerKind:N0} more duplicated keys in this document (only the first {limits.MaxFindingsPerKind} are listed); the last value of each is kept",
                    frame.Path,
                    again.Line,
                    again.Column);
                if (_moreDuplicatesAt < 0)
                {
                    _moreDuplicatesAt = findings.Count;
                    findings.Add(summary);
                }
                else
                {
                    findings[_moreDuplicatesAt] = summary with { Line = findings[_moreDuplicatesAt].Line, Column = findings[_moreDuplicatesAt].Column };
                }
            }
        }

        // The comments of a duplicated key's first entry, which is dropped, go to the key that replaces it. (Each node
        // is dropped at most once, so this stays linear.)
        private void RedirectDropped(YamlEntry dropped, YamlScalar key)
        {
            Redirects[dropped.Key] = key;
            var stack = new Stack<YamlValue>();
            stack.Push(dropped.Value);
            while (stack.Count > 0)
            {
                var node = stack.Pop();
                if (Redirects.ContainsKey(node) || _anchored.Contains(node))
                {
                    continue;
                }

                Redirects[node] = key;
                switch (node)
                {
                    case YamlSequence seq:
                        seq.Items.ForEach(stack.Push);
                        break;
                    case YamlMapping map:
                        foreach (var entry in map.Entries)
                        {
                            stack.Push(entry.Key);
                            stack.Push(entry.Value);
                        }

                        break;
                }
            }
        }

        // YAML merge keys (<<: *base): entries of the merged mappings are added where the mapping lacks them.
        private void ApplyMerges(YamlMapping map, Frame frame)
        {
            if (frame.Merges is null)
            {
                return;
            }

            var present = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in map.Entries)
            {
                present.Add(entry.Key.Value);
            }

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
                        if (present.Add(entry.Key.Value))
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
                _anchored.Add(node);
            }

            return node;
        }

        private static string? CollectionTag(TagName tag) => tag.IsEmpty || tag.IsNonSpecific ? null : tag.Value;

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

        private sealed class Frame(YamlValue node, AnchorName anchor, FieldPath path, Mark start, YamlScalar? valueKey)
        {
            public Mark Start { get; } = start;

            /// <summary>The key this collection is the value of, or null.</summary>
            public YamlScalar? ValueKey { get; } = valueKey;

            public YamlValue Node { get; } = node;

            public FieldPath Path { get; } = path;

            public AnchorName Anchor { get; } = anchor;

            public Size Size { get; set; }

            public YamlScalar? PendingKey { get; set; }

            public bool SkipValue { get; set; }

            /// <summary>Where each key is in the mapping's entries (built as keys are read).</summary>
            public Dictionary<string, int>? KeyIndex { get; set; }

            /// <summary>How many entries were replaced by a later duplicate (left as default until the mapping ends).</summary>
            public int Dropped { get; set; }

            /// <summary>The values of merge keys (<c>&lt;&lt;</c>), or null when there is none.</summary>
            public List<YamlValue>? Merges { get; set; }
        }
    }
}

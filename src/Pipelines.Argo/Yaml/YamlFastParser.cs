using System;
using System.Collections.Generic;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using Comment = YamlDotNet.Core.Tokens.Comment;
using Scalar = YamlDotNet.Core.Events.Scalar;

namespace Pipelines.Argo.Yaml;

/// <summary>
/// A fast reader for the plain block subset of YAML that manifests are written in: block mappings and lists, plain,
/// quoted and block (<c>|</c>, <c>&gt;</c>) scalars, flow lists and mappings of one-line entries (or quoted ones),
/// comments and documents. It gives the parser events and comment tokens that YamlDotNet's parser and scanner give for
/// the same text (values, styles and start positions), so the tree builder reads them unchanged.
/// Anything outside the subset (anchors, aliases, tags, tabs, directives, explicit keys, unusual indentation, any
/// error) makes it give up: it then returns false and the caller reads the text with YamlDotNet, which reports every
/// problem as before. It never decides that text is invalid.
/// </summary>
internal static class YamlFastParser
{
    // Simple keys longer than this are refused by YamlDotNet; the fast reader leaves them (and any near it) to it.
    private const int MaxKeyLength = 1000;

    // The reader recurses once per level of nesting; deeper text (hostile, or past YamlLimits.MaxDepth) is left to the
    // YamlDotNet path, which reads without recursion and reports the limit.
    private const int MaxNesting = 100;

    /// <summary>
    /// Reads <paramref name="text"/> into parser events (and, with <paramref name="withComments"/>, comment tokens in
    /// reading order). False when the text is outside the subset this reader handles.
    /// </summary>
    public static bool TryRead(string text, bool withComments, out List<ParsingEvent> events, out List<Comment> comments) =>
        TryRead(text, withComments, out events, out comments, out _);

    /// <summary>
    /// Reads <paramref name="text"/> as <see cref="TryRead(string, bool, out List{ParsingEvent}, out List{Comment})"/>
    /// does; when it gives up at a double-quoted string whose continuation line is indented no more than the block it is
    /// in (which YamlDotNet refuses, at the line where the string opens), <paramref name="shallowLine"/> is that line,
    /// else 0.
    /// </summary>
    public static bool TryRead(string text, bool withComments, out List<ParsingEvent> events, out List<Comment> comments, out int shallowLine)
    {
        shallowLine = 0;
        events = new List<ParsingEvent>();
        comments = new List<Comment>();
        if (!OnlySimpleCharacters(text))
        {
            return false;
        }

        var reader = new Reader(text, events, withComments ? comments : null);
        try
        {
            reader.Stream();
        }
        catch (GiveUpException)
        {
            events.Clear();
            comments.Clear();
            shallowLine = reader.ShallowLine;
            return false;
        }

        return true;
    }

    // Printable characters and '\n' only: no tab, carriage return, byte-order mark, lone surrogate, YAML 1.1 line break
    // (U+0085, U+2028, U+2029) or C1 control, whose handling is YamlDotNet's to decide.
    private static bool OnlySimpleCharacters(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is (>= ' ' and <= '~') or '\n')
            {
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (c is (>= '\u00a0' and <= '\ud7ff') or (>= '\ue000' and <= '\ufffd') && c != '\ufeff' && c != '\u2028' && c != '\u2029')
            {
                continue;
            }

            return false;
        }

        return true;
    }

    /// <summary>Thrown inside the reader when the text is outside its subset (a new one each time: reads may run in parallel).</summary>
    private sealed class GiveUpException : Exception
    {
    }

    /// <summary>Parser events from a list, as an <see cref="IParser"/>.</summary>
    internal sealed class EventList(List<ParsingEvent> events) : IParser
    {
        private int _index = -1;

        public ParsingEvent? Current => _index >= 0 && _index < events.Count ? events[_index] : null;

        public bool MoveNext()
        {
            if (_index < events.Count)
            {
                _index++;
            }

            return _index < events.Count;
        }
    }

    private sealed class Reader(string t, List<ParsingEvent> events, List<Comment>? comments)
    {
        // The current line: [_ls, _le) with _le at its '\n' or the end of the text; _line is 0-based.
        private int _ls;
        private int _le = IndexOfBreak(t, 0);
        private int _line;
        private StringBuilder? _sb;
        private int _depth;

        /// <summary>Where a quoted string opens whose continuation line is indented too little (1-based), or 0.</summary>
        public int ShallowLine { get; private set; }

        private bool Eof => _ls > t.Length;

        private static Exception GiveUp() => new GiveUpException();

        private static int IndexOfBreak(string text, int from)
        {
            var i = text.IndexOf('\n', from);
            return i < 0 ? text.Length : i;
        }

        private void NextLine()
        {
            _ls = _le + 1;
            _line++;
            _le = _ls > t.Length ? _ls : IndexOfBreak(t, _ls);
        }

        private Mark M(int index) => new(index, _line + 1, index - _ls + 1);

        // The start of the current line (for the ends of collections and documents, where no position is read).
        private Mark Here() => new(Math.Min(_ls, t.Length), _line + 1, 1);

        private int FirstNonSpace()
        {
            var i = _ls;
            while (i < _le && t[i] == ' ')
            {
                i++;
            }

            return i;
        }

        private int SkipSpaces(int i)
        {
            while (i < _le && t[i] == ' ')
            {
                i++;
            }

            return i;
        }

        private bool IsMarker(char c) =>
            _ls + 3 <= _le && t[_ls] == c && t[_ls + 1] == c && t[_ls + 2] == c && (_ls + 3 == _le || t[_ls + 3] == ' ');

        private bool StartsLikeMarker() =>
            _ls + 3 <= _le && ((t[_ls] == '-' && t[_ls + 1] == '-' && t[_ls + 2] == '-') || (t[_ls] == '.' && t[_ls + 1] == '.' && t[_ls + 2] == '.'));

        private void AddComment(int at, bool inline)
        {
            comments?.Add(new Comment(string.Empty, inline, M(at), M(_le)));
        }

        // Skips blank and comment lines (recording the comments). False at the end of the text.
        private bool SkipToContent()
        {
            while (!Eof)
            {
                var i = FirstNonSpace();
                if (i == _le)
                {
                    NextLine();
                    continue;
                }

                if (t[i] == '#')
                {
                    AddComment(i, false);
                    NextLine();
                    continue;
                }

                return true;
            }

            return false;
        }

        // The rest of the line after a node: nothing, or a comment after white space.
        private void EndOfLine(int i)
        {
            var j = SkipSpaces(i);
            if (j < _le)
            {
                if (t[j] != '#' || j == i)
                {
                    throw GiveUp();
                }

                AddComment(j, true);
            }

            NextLine();
        }

        public void Stream()
        {
            events.Add(new StreamStart());
            while (SkipToContent())
            {
                var first = FirstNonSpace();
                if (t[_ls] == '%' || IsMarker('.') || (StartsLikeMarker() && !IsMarker('-')))
                {
                    throw GiveUp();
                }

                Mark start;
                if (IsMarker('-'))
                {
                    start = M(_ls);
                    var afterMarker = _ls + 3;
                    EndOfLine(afterMarker);
                    if (!SkipToContent() || IsMarker('-') || IsMarker('.') || StartsLikeMarker())
                    {
                        // A document with no node; it is skipped when read, so where its empty node is does not matter.
                        throw GiveUp();
                    }
                }
                else
                {
                    start = M(first);
                }

                events.Add(new DocumentStart(null, null, false, start, start));
                BlockNode(FirstNonSpace(), -1);
                var end = Here();
                if (SkipToContent())
                {
                    if (IsMarker('.'))
                    {
                        throw GiveUp();
                    }

                    if (!IsMarker('-'))
                    {
                        throw GiveUp();
                    }

                    end = M(_ls);
                }

                events.Add(new DocumentEnd(true, end, end));
            }

            events.Add(new StreamEnd(Here(), Here()));
        }

        private bool IsEntryDash(int i) => t[i] == '-' && (i + 1 == _le || t[i + 1] == ' ');

        // A node that starts at i on the current line; the lines it takes are consumed.
        private void BlockNode(int i, int parentIndent)
        {
            if (++_depth > MaxNesting)
            {
                throw GiveUp();
            }

            BlockNodeAt(i, parentIndent);
            _depth--;
        }

        private void BlockNodeAt(int i, int parentIndent)
        {
            if (IsEntryDash(i))
            {
                BlockSequence(i, i - _ls, indentless: false);
                return;
            }

            if (TryKey(i, out _, out _))
            {
                BlockMapping(i, i - _ls);
                return;
            }

            InlineValue(i, parentIndent);
        }

        private void BlockSequence(int i, int indent, bool indentless)
        {
            events.Add(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Block, M(i), M(i)));
            while (true)
            {
                var dashEnd = i + 1;
                var v = SkipSpaces(dashEnd);
                if (v == _le || t[v] == '#')
                {
                    if (v < _le)
                    {
                        if (v == dashEnd)
                        {
                            throw GiveUp();
                        }

                        AddComment(v, true);
                    }

                    var empty = M(dashEnd);
                    NextLine();
                    if (SkipToContent() && !StartsLikeMarker() && FirstNonSpace() - _ls > indent)
                    {
                        BlockNode(FirstNonSpace(), indent);
                    }
                    else
                    {
                        events.Add(EmptyScalar(empty));
                    }
                }
                else
                {
                    BlockNode(v, indent);
                }

                if (!SkipToContent() || (_ls == FirstNonSpace() && StartsLikeMarker()))
                {
                    break;
                }

                var j = FirstNonSpace();
                var at = j - _ls;
                if (at < indent)
                {
                    break;
                }

                if (at > indent)
                {
                    throw GiveUp();
                }

                if (!IsEntryDash(j))
                {
                    if (indentless)
                    {
                        break;
                    }

                    throw GiveUp();
                }

                i = j;
            }

            var end = Here();
            events.Add(new SequenceEnd(end, end));
        }

        private void BlockMapping(int i, int indent)
        {
            events.Add(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Block, M(i), M(i)));
            while (true)
            {
                if (!TryKey(i, out var key, out var colon))
                {
                    throw GiveUp();
                }

                events.Add(key);
                var afterColon = colon + 1;
                var v = SkipSpaces(afterColon);
                if (v == _le || t[v] == '#')
                {
                    if (v < _le)
                    {
                        AddComment(v, true);
                    }

                    var empty = M(afterColon);
                    NextLine();
                    if (SkipToContent() && !(_ls == FirstNonSpace() && StartsLikeMarker()))
                    {
                        var j = FirstNonSpace();
                        var at = j - _ls;
                        if (at > indent)
                        {
                            BlockNode(j, indent);
                        }
                        else if (at == indent && IsEntryDash(j))
                        {
                            BlockSequence(j, indent, indentless: true);
                        }
                        else
                        {
                            events.Add(EmptyScalar(empty));
                        }
                    }
                    else
                    {
                        events.Add(EmptyScalar(empty));
                    }
                }
                else
                {
                    InlineValue(v, indent);
                }

                if (!SkipToContent() || (_ls == FirstNonSpace() && StartsLikeMarker()))
                {
                    break;
                }

                var next = FirstNonSpace();
                var nextAt = next - _ls;
                if (nextAt < indent)
                {
                    break;
                }

                if (nextAt > indent)
                {
                    throw GiveUp();
                }

                i = next;
            }

            var end = Here();
            events.Add(new MappingEnd(end, end));
        }

        private static Scalar EmptyScalar(Mark at) =>
            new(AnchorName.Empty, TagName.Empty, string.Empty, ScalarStyle.Plain, true, false, at, at);

        // A one-line plain or quoted scalar at i followed by ':' and white space (or the end of the line).
        private bool TryKey(int i, out Scalar key, out int colon)
        {
            key = null!;
            colon = -1;
            var c = t[i];
            string value;
            ScalarStyle style;
            int end;
            if (c is '\'' or '"')
            {
                if (!TryQuotedOnOneLine(i, out value, out end))
                {
                    return false;
                }

                style = c == '\'' ? ScalarStyle.SingleQuoted : ScalarStyle.DoubleQuoted;
            }
            else
            {
                if (!CanStartPlain(i))
                {
                    return false;
                }

                end = i;
                var last = i;
                while (end < _le)
                {
                    var ch = t[end];
                    if (ch == ':' && (end + 1 == _le || t[end + 1] == ' '))
                    {
                        break;
                    }

                    if (ch == '#' && t[end - 1] == ' ')
                    {
                        return false;
                    }

                    if (ch != ' ')
                    {
                        last = end + 1;
                    }

                    end++;
                }

                if (end == _le || last != end)
                {
                    // No ':' on the line, or white space before it.
                    return false;
                }

                value = t.Substring(i, end - i);
                style = ScalarStyle.Plain;
            }

            if (end >= _le || t[end] != ':' || (end + 1 < _le && t[end + 1] != ' '))
            {
                return false;
            }

            if (end - i > MaxKeyLength)
            {
                throw GiveUp();
            }

            colon = end;
            key = new Scalar(AnchorName.Empty, TagName.Empty, value, style, style == ScalarStyle.Plain, style != ScalarStyle.Plain, M(i), M(end));
            return true;
        }

        private bool CanStartPlain(int i)
        {
            var c = t[i];
            switch (c)
            {
                case '-':
                    return i + 1 < _le && t[i + 1] != ' ';
                case '?' or ':' or ',' or '[' or ']' or '{' or '}' or '#' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`':
                    return false;
                default:
                    return true;
            }
        }

        // A node written after "key: " or "- " (or alone on its line) that is not a block collection.
        private void InlineValue(int i, int parentIndent)
        {
            var c = t[i];
            switch (c)
            {
                case '\'' or '"':
                    Quoted(i, parentIndent);
                    return;
                case '|' or '>':
                    BlockScalar(i, parentIndent);
                    return;
                case '[' or '{':
                    {
                        var end = FlowNode(i, parentIndent);
                        EndOfLine(end);
                        return;
                    }
            }

            if (!CanStartPlain(i))
            {
                throw GiveUp();
            }

            Plain(i, parentIndent);
        }

        private void Plain(int i, int parentIndent)
        {
            var start = M(i);
            var end = ScanPlainLine(i, out var last);
            if (end < _le && t[end] == ':')
            {
                throw GiveUp();
            }

            string value;
            if (end < _le)
            {
                // Stopped at a comment: one line.
                value = t.Substring(i, last - i);
                events.Add(new Scalar(AnchorName.Empty, TagName.Empty, value, ScalarStyle.Plain, true, false, start, M(last)));
                EndOfLine(last);
                return;
            }

            // Continuation lines: more indented than the parent, no comment, no indicator, no ':' or " #" inside.
            var sb = (StringBuilder?)null;
            var first = t.Substring(i, last - i);
            var breaks = 0;
            NextLine();
            while (!Eof)
            {
                var j = FirstNonSpace();
                if (j == _le)
                {
                    breaks++;
                    NextLine();
                    continue;
                }

                if (j - _ls <= parentIndent || t[j] == '#' || (_ls == j && StartsLikeMarker()))
                {
                    break;
                }

                if (!CanStartPlain(j) || t[j] == '-')
                {
                    throw GiveUp();
                }

                var lineEnd = ScanPlainLine(j, out var lineLast);
                if (lineEnd < _le)
                {
                    throw GiveUp();
                }

                sb ??= new StringBuilder(first);
                if (breaks == 0)
                {
                    sb.Append(' ');
                }
                else
                {
                    sb.Append('\n', breaks);
                }

                sb.Append(t, j, lineLast - j);
                breaks = 0;
                NextLine();
            }

            // The blank lines after the scalar are not part of it (and hold nothing the caller needs).
            value = sb?.ToString() ?? first;
            events.Add(new Scalar(AnchorName.Empty, TagName.Empty, value, ScalarStyle.Plain, true, false, start, start));
        }

        // Scans plain text on the current line from i: returns where it stops (the end of the line, a ": " or a
        // " #"), with last just after its last non-space character.
        private int ScanPlainLine(int i, out int last)
        {
            last = i;
            var j = i;
            while (j < _le)
            {
                var ch = t[j];
                if (ch == ':' && (j + 1 == _le || t[j + 1] == ' '))
                {
                    return j;
                }

                if (ch == '#' && j > i && t[j - 1] == ' ')
                {
                    return j;
                }

                if (ch != ' ')
                {
                    last = j + 1;
                }

                j++;
            }

            return j;
        }

        private bool TryQuotedOnOneLine(int i, out string value, out int end)
        {
            value = null!;
            end = -1;
            var quote = t[i];
            var j = i + 1;
            var plainRun = true;
            while (j < _le)
            {
                var c = t[j];
                if (c == quote)
                {
                    if (quote == '\'' && j + 1 < _le && t[j + 1] == '\'')
                    {
                        plainRun = false;
                        j += 2;
                        continue;
                    }

                    end = j + 1;
                    break;
                }

                if (c == '\\' && quote == '"')
                {
                    plainRun = false;
                    j += 2;
                    continue;
                }

                j++;
            }

            if (end < 0)
            {
                return false;
            }

            if (plainRun)
            {
                value = t.Substring(i + 1, end - i - 2);
                return true;
            }

            var sb = Builder();
            var k = i + 1;
            if (!AppendQuotedLine(quote, ref k, sb) || k != end)
            {
                throw GiveUp();
            }

            value = sb.ToString();
            return true;
        }

        private StringBuilder Builder()
        {
            _sb ??= new StringBuilder();
            _sb.Clear();
            return _sb;
        }

        // Appends the quoted text from k on the current line; true when the closing quote was reached (k then just after
        // it), false at the end of the line (k at the end). Trailing spaces before the line's end are left for the caller.
        private bool AppendQuotedLine(char quote, ref int k, StringBuilder sb)
        {
            while (k < _le)
            {
                var c = t[k];
                if (c == quote)
                {
                    if (quote == '\'' && k + 1 < _le && t[k + 1] == '\'')
                    {
                        sb.Append('\'');
                        k += 2;
                        continue;
                    }

                    k++;
                    return true;
                }

                if (c == '\\' && quote == '"')
                {
                    if (k + 1 >= _le)
                    {
                        // An escaped line break: handled by giving up (rare in manifests).
                        throw GiveUp();
                    }

                    k = Escape(k + 1, sb);
                    continue;
                }

                sb.Append(c);
                k++;
            }

            return false;
        }

        private int Escape(int k, StringBuilder sb)
        {
            var c = t[k];
            switch (c)
            {
                case '0': sb.Append('\0'); return k + 1;
                case 'a': sb.Append('\a'); return k + 1;
                case 'b': sb.Append('\b'); return k + 1;
                case 't': sb.Append('\t'); return k + 1;
                case 'n': sb.Append('\n'); return k + 1;
                case 'v': sb.Append('\v'); return k + 1;
                case 'f': sb.Append('\f'); return k + 1;
                case 'r': sb.Append('\r'); return k + 1;
                case 'e': sb.Append('\x1b'); return k + 1;
                case ' ': sb.Append(' '); return k + 1;
                case '"': sb.Append('"'); return k + 1;
                case '/': sb.Append('/'); return k + 1;
                case '\\': sb.Append('\\'); return k + 1;
                case 'x': return Hex(k + 1, 2, sb);
                case 'u': return Hex(k + 1, 4, sb);
                case 'U': return Hex(k + 1, 8, sb);
                default: throw GiveUp();
            }
        }

        private int Hex(int k, int digits, StringBuilder sb)
        {
            if (k + digits > _le)
            {
                throw GiveUp();
            }

            long code = 0;
            for (var d = 0; d < digits; d++)
            {
                var c = t[k + d];
                var v = c is >= '0' and <= '9' ? c - '0' : c is >= 'a' and <= 'f' ? c - 'a' + 10 : c is >= 'A' and <= 'F' ? c - 'A' + 10 : -1;
                if (v < 0)
                {
                    throw GiveUp();
                }

                code = (code * 16) + v;
            }

            if (code is >= 0xD800 and <= 0xDFFF || code > 0x10FFFF)
            {
                throw GiveUp();
            }

            sb.Append(char.ConvertFromUtf32((int)code));
            return k + digits;
        }

        // A quoted scalar, possibly over several lines (each more indented than the parent), then the end of its line.
        private void Quoted(int i, int parentIndent)
        {
            var quote = t[i];
            var style = quote == '\'' ? ScalarStyle.SingleQuoted : ScalarStyle.DoubleQuoted;
            var start = M(i);
            if (TryQuotedOnOneLine(i, out var value, out var end))
            {
                events.Add(new Scalar(AnchorName.Empty, TagName.Empty, value, style, false, true, start, M(end)));
                EndOfLine(end);
                return;
            }

            value = QuotedOverLines(i, parentIndent, out var k);
            events.Add(new Scalar(AnchorName.Empty, TagName.Empty, value, style, false, true, start, M(k)));
            EndOfLine(k);
        }

        // A quoted scalar at i that goes on past its line (a double-quoted one's continuation lines more indented than
        // the parent); the line breaks fold as YAML folds them. k is then just after the closing quote, on the line it is on.
        private string QuotedOverLines(int i, int parentIndent, out int k)
        {
            if (parentIndent < 0)
            {
                throw GiveUp();
            }

            var quote = t[i];
            var openLine = _line + 1;
            var sb = Builder();
            k = i + 1;
            var closed = AppendQuotedLine(quote, ref k, sb);
            while (!closed)
            {
                // Fold the line break: trailing spaces go, then one space, or a line feed per blank line.
                var trim = sb.Length;
                while (trim > 0 && sb[trim - 1] == ' ')
                {
                    trim--;
                }

                if (trim < sb.Length && EndsWithEscape(k))
                {
                    throw GiveUp();
                }

                sb.Length = trim;
                var blanks = 0;
                NextLine();
                while (!Eof && FirstNonSpace() == _le)
                {
                    blanks++;
                    NextLine();
                }

                if (Eof || StartsLikeMarker())
                {
                    throw GiveUp();
                }

                var j = FirstNonSpace();
                if (quote == '"' && j - _ls <= parentIndent)
                {
                    // YamlDotNet (18.1) refuses this in a double-quoted string (the reader then repairs it and warns):
                    // leave it to that path. It takes any indentation in a single-quoted one.
                    ShallowLine = openLine;
                    throw GiveUp();
                }

                if (blanks == 0)
                {
                    sb.Append(' ');
                }
                else
                {
                    sb.Append('\n', blanks);
                }

                k = j;
                closed = AppendQuotedLine(quote, ref k, sb);
            }

            return sb.ToString();
        }

        // True when the spaces before the end of the current line at k come from an escape ("\ "), which folding keeps.
        private bool EndsWithEscape(int k)
        {
            var j = k - 1;
            while (j >= _ls && t[j] == ' ')
            {
                j--;
            }

            return j >= _ls && t[j] == '\\';
        }

        // A literal (|) or folded (>) block scalar: the header, then the lines more indented than the parent.
        private void BlockScalar(int i, int parentIndent)
        {
            if (parentIndent < 0)
            {
                throw GiveUp();
            }

            var literal = t[i] == '|';
            var start = M(i);
            var k = i + 1;
            var chomp = ' ';
            if (k < _le && t[k] is '-' or '+')
            {
                chomp = t[k];
                k++;
            }

            if (k < _le && t[k] != ' ')
            {
                throw GiveUp();
            }

            var h = SkipSpaces(k);
            if (h < _le)
            {
                if (t[h] != '#')
                {
                    throw GiveUp();
                }

                AddComment(h, true);
            }

            NextLine();

            // The indentation is that of the first non-blank line; blank lines before it may not be longer.
            var indent = -1;
            var maxBlank = 0;
            var sb = Builder();
            var pendingBlanks = 0;
            var lines = 0;
            var previousMoreIndented = false;
            while (!Eof && _ls < t.Length)
            {
                var j = FirstNonSpace();
                var at = j - _ls;
                if (j == _le)
                {
                    if (indent < 0)
                    {
                        maxBlank = Math.Max(maxBlank, at);
                    }
                    else if (at > indent)
                    {
                        throw GiveUp();
                    }

                    if (_le == t.Length)
                    {
                        // The last line of the text, without a line break.
                        throw GiveUp();
                    }

                    pendingBlanks++;
                    NextLine();
                    continue;
                }

                if (indent < 0)
                {
                    if (at <= parentIndent)
                    {
                        break;
                    }

                    if (maxBlank > at)
                    {
                        throw GiveUp();
                    }

                    indent = at;
                }
                else if (at < indent)
                {
                    break;
                }

                if (_le == t.Length)
                {
                    throw GiveUp();
                }

                // Folding joins two lines with a space (or only the blank lines between them), unless either is more
                // indented than the block: then the line break is kept.
                var moreIndented = at > indent;
                if (lines > 0)
                {
                    if (literal || previousMoreIndented || moreIndented)
                    {
                        sb.Append('\n', pendingBlanks + 1);
                    }
                    else if (pendingBlanks == 0)
                    {
                        sb.Append(' ');
                    }
                    else
                    {
                        sb.Append('\n', pendingBlanks);
                    }
                }
                else if (pendingBlanks > 0)
                {
                    sb.Append('\n', pendingBlanks);
                }

                previousMoreIndented = moreIndented;
                sb.Append(t, _ls + indent, _le - _ls - indent);
                lines++;
                pendingBlanks = 0;
                NextLine();
            }

            if (lines == 0)
            {
                // Only blank lines, or none: YamlDotNet's reading of these is left to it.
                throw GiveUp();
            }

            switch (chomp)
            {
                case '-':
                    break;
                case '+':
                    sb.Append('\n', pendingBlanks + 1);
                    break;
                default:
                    sb.Append('\n');
                    break;
            }

            events.Add(new Scalar(AnchorName.Empty, TagName.Empty, sb.ToString(), literal ? ScalarStyle.Literal : ScalarStyle.Folded, false, true, start, start));
        }

        // A flow list or mapping from i (its opening bracket); returns the index just after its closing bracket, on the
        // line where it closes. Entries may continue on lines more indented than the parent; no comment inside.
        private int FlowNode(int i, int parentIndent)
        {
            if (++_depth > MaxNesting)
            {
                throw GiveUp();
            }

            var end = FlowNodeAt(i, parentIndent);
            _depth--;
            return end;
        }

        private int FlowNodeAt(int i, int parentIndent)
        {
            var open = t[i];
            var close = open == '[' ? ']' : '}';
            if (open == '[')
            {
                events.Add(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Flow, M(i), M(i)));
            }
            else
            {
                events.Add(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Flow, M(i), M(i)));
            }

            var k = FlowSkip(i + 1, parentIndent);
            if (t[k] == close)
            {
                AddEnd(open, k);
                return k + 1;
            }

            while (true)
            {
                if (open == '{')
                {
                    k = FlowScalar(k, parentIndent, key: true);
                    if (k >= _le || t[k] != ':' || (k + 1 < _le && t[k + 1] != ' '))
                    {
                        throw GiveUp();
                    }

                    k = FlowSkip(k + 1, parentIndent);
                    k = FlowEntry(k, parentIndent);
                }
                else
                {
                    k = FlowEntry(k, parentIndent);
                    k = FlowSkip(k, parentIndent);
                    if (t[k] == ':')
                    {
                        throw GiveUp();
                    }
                }

                k = FlowSkip(k, parentIndent);
                if (t[k] == ',')
                {
                    k = FlowSkip(k + 1, parentIndent);
                    if (t[k] == close || t[k] == ',')
                    {
                        throw GiveUp();
                    }

                    continue;
                }

                if (t[k] == close)
                {
                    AddEnd(open, k);
                    return k + 1;
                }

                throw GiveUp();
            }
        }

        private void AddEnd(char open, int k)
        {
            if (open == '[')
            {
                events.Add(new SequenceEnd(M(k), M(k)));
            }
            else
            {
                events.Add(new MappingEnd(M(k), M(k)));
            }
        }

        private int FlowEntry(int k, int parentIndent) =>
            t[k] is '[' or '{' ? FlowNode(k, parentIndent) : FlowScalar(k, parentIndent, key: false);

        // Skips spaces and line breaks inside a flow collection; the next character is then on the current line.
        private int FlowSkip(int k, int parentIndent)
        {
            while (true)
            {
                k = SkipSpaces(k);
                if (k < _le)
                {
                    // YamlDotNet places a comment inside a flow collection its own way: left to it.
                    if (t[k] == '#')
                    {
                        throw GiveUp();
                    }

                    return k;
                }

                NextLine();
                if (Eof || StartsLikeMarker())
                {
                    throw GiveUp();
                }

                // A line inside a flow collection is more indented than the block it is in; YamlDotNet also takes a
                // closing bracket at the block's indentation (as Argo's examples write it).
                k = FirstNonSpace();
                if (k < _le && k - _ls <= parentIndent && !(t[k] is ']' or '}' && k > _ls))
                {
                    throw GiveUp();
                }
            }
        }

        // A one-line scalar inside a flow collection; returns the index after it.
        private int FlowScalar(int k, int parentIndent, bool key)
        {
            var c = t[k];
            if (c is '\'' or '"')
            {
                var start = M(k);
                if (!TryQuotedOnOneLine(k, out var value, out var end))
                {
                    if (key)
                    {
                        throw GiveUp();
                    }

                    value = QuotedOverLines(k, parentIndent, out end);
                }

                events.Add(new Scalar(AnchorName.Empty, TagName.Empty, value, c == '\'' ? ScalarStyle.SingleQuoted : ScalarStyle.DoubleQuoted, false, true, start, M(end)));
                return end;
            }

            if (!CanStartPlain(k))
            {
                throw GiveUp();
            }

            var j = k;
            var last = k;
            while (j < _le)
            {
                var ch = t[j];
                if (ch is ',' or '[' or ']' or '{' or '}')
                {
                    break;
                }

                if (ch == ':')
                {
                    if (key && (j + 1 == _le || t[j + 1] == ' '))
                    {
                        break;
                    }

                    throw GiveUp();
                }

                if (ch == '#' && t[j - 1] == ' ')
                {
                    throw GiveUp();
                }

                if (ch != ' ')
                {
                    last = j + 1;
                }

                j++;
            }

            if (j == _le && !key)
            {
                // A plain scalar that may go on on the next line: left to YamlDotNet.
                throw GiveUp();
            }

            events.Add(new Scalar(AnchorName.Empty, TagName.Empty, t.Substring(k, last - k), ScalarStyle.Plain, true, false, M(k), M(last)));
            return last;
        }
    }
}

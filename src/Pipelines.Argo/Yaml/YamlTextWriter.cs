using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Pipelines.Argo.Yaml;

/// <summary>
/// Writes <see cref="YamlValue"/> documents as canonical YAML: 2-space indent, list items at their key's indent (as
/// kubectl writes them), block scalars for multi-line strings, quotes exactly where a YAML 1.1 or 1.2 reader would
/// otherwise read another type, no line folding, LF endings and a trailing newline. The output depends only on the
/// nodes: not on culture, platform or time.
/// </summary>
public static class YamlTextWriter
{
    /// <summary>Writes one document.</summary>
    public static string Write(YamlValue document) => Write([document]);

    /// <summary>
    /// Writes several documents separated by <c>---</c>, with the comments attached to their nodes
    /// (<see cref="YamlValue.Comments"/>) in the same place relative to each node.
    /// </summary>
    public static string Write(IEnumerable<YamlValue> documents)
    {
        var roots = documents as IReadOnlyList<YamlValue> ?? new List<YamlValue>(documents);
        return new Emitter().Write(roots);
    }

    /// <summary>How a string is asked to be written; the emitter may still quote a plain one (see
    /// <see cref="Emitter"/>).</summary>
    internal enum Style
    {
        Plain,
        SingleQuoted,
        DoubleQuoted,
        Literal,
    }

    internal static bool IsCoreTag(string tag)
    {
        const string prefix = "tag:yaml.org,2002:";
        if (!tag.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var name = tag.Substring(prefix.Length);
        return name is "str" or "int" or "float" or "bool" or "null" or "map" or "seq";
    }

    /// <summary>The style a string is written in: plain when that reads back as the same string, a literal block for
    /// multi-line text, double quotes otherwise. (The emitter may still pick quotes where YAML syntax needs them.)</summary>
    internal static Style StringStyle(string value, bool isKey)
    {
        if (value.Length == 0 || YamlScalarResolver.PlainWouldChangeType(value))
        {
            return Style.DoubleQuoted;
        }

        if (NeedsEscapes(value))
        {
            return Style.DoubleQuoted;
        }

        // A tab in a one-line string is written in double quotes: written raw in a plain scalar, readers drop a leading
        // or trailing one as white space and it reads as indentation trouble.
        var newline = value.IndexOf('\n');
        if (newline < 0 && value.IndexOf('\t') >= 0)
        {
            return Style.DoubleQuoted;
        }

        // YamlDotNet's reader takes " *x" inside a plain key for an alias, and refuses a literal block whose first line
        // is only white space; both read fine in double quotes.
        if (isKey && (value.IndexOf(" *", StringComparison.Ordinal) >= 0 || value.IndexOf("\t*", StringComparison.Ordinal) >= 0))
        {
            return Style.DoubleQuoted;
        }

        if (newline > 0 && OnlyBlanks(value, newline))
        {
            return Style.DoubleQuoted;
        }

        if (newline >= 0)
        {
            return isKey || OnlyLineFeeds(value) ? Style.DoubleQuoted : Style.Literal;
        }

        return Style.Plain;
    }

    private static bool OnlyBlanks(string value, int length)
    {
        for (var i = 0; i < length; i++)
        {
            if (value[i] is not (' ' or '\t'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool OnlyLineFeeds(string value)
    {
        foreach (var c in value)
        {
            if (c != '\n')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A lone UTF-16 surrogate is not a character: no YAML text can hold it, so it is written as U+FFFD.</summary>
    internal static string WithoutLoneSurrogates(string value)
    {
        char[]? chars = null;
        for (var i = 0; i < value.Length; i++)
        {
            if (!char.IsSurrogate(value[i]))
            {
                continue;
            }

            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else
            {
                chars ??= value.ToCharArray();
                chars[i] = '\ufffd';
            }
        }

        return chars is null ? value : new string(chars);
    }

    // Characters that only double quotes can carry unchanged: C0 and C1 controls other than tab and line feed (a CR
    // would be normalised to LF, a NUL is not allowed at all), DEL, the YAML 1.1 line breaks NEL, LS and PS (Go's
    // parser folds them), the byte-order mark, non-characters and lone surrogates.
    private static bool NeedsEscapes(string value)
    {
        foreach (var c in value)
        {
            if (c < ' ' && c is not ('\t' or '\n') || c is >= '\u007f' and <= '\u009f' || c is '\u2028' or '\u2029' or '\ufeff' or '\ufffe' or '\uffff')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Writes the text in one pass, with the layout rules of a YAML emitter configured for the canonical style (the
    /// output is the same, byte for byte, as YamlDotNet 18's <c>Emitter</c> with best indent 2, unlimited width and
    /// indent-less sequences, which this writer used before): a node's style comes from <see cref="StringStyle"/> and
    /// is then adjusted where YAML syntax needs it (a plain string that starts with an indicator, ends with a space or
    /// holds <c>": "</c> or <c>" #"</c> is quoted, in single quotes when it has none and needs no escapes). It records
    /// the line where each commented node starts as it writes, and puts the comments in by line at the end: full-line
    /// comments on their own lines just before the line where their node starts, indented like that line; a line-end
    /// comment at the end of the line where its node starts (for a list or mapping under a key: the key's line); a
    /// document's end comments after its last line. Comments only go before a node's first line or after the end of a
    /// line that starts a node, never inside a block scalar, so the data read back is the same with or without them.
    /// </summary>
    private sealed class Emitter
    {
        private const int BestIndent = 2;
        private const int MaxSimpleKeyLength = 1024;

        private readonly StringBuilder _out = new();
        private readonly Stack<Frame> _frames = new();
        private int _column;
        private int _line = 1;
        private int _indent = -1;
        private bool _isWhitespace = true;
        private bool _isIndentation = true;

        // Comments, recorded by line as the nodes are written; null until the first commented node.
        private List<(int Line, string Text, bool Indented)>? _before;
        private List<(int Line, string Text)>? _after;
        private HashSet<YamlValue>? _placed;
        private YamlValue? _root;

        public string Write(IReadOnlyList<YamlValue> documents)
        {
            for (var i = 0; i < documents.Count; i++)
            {
                var root = documents[i];
                _root = root;
                if (i > 0 || IsEmptyScalar(root))
                {
                    WriteIndent();
                    WriteIndicator("---", needWhitespace: true, whitespace: false, indentation: false);
                }

                EmitDocument(root);
                WriteIndent();
                if (root.Comments is { End.Count: > 0 } comments)
                {
                    // Before the next document's '---' (written on the line the indent above began), or at the end.
                    foreach (var comment in comments.End)
                    {
                        AddBefore(i + 1 < documents.Count ? _line : -1, "#" + comment, indented: false);
                    }
                }
            }

            if (_out.Length > 0 && _out[_out.Length - 1] != '\n')
            {
                WriteBreak();
            }

            return _before is null && _after is null ? _out.ToString() : PlaceComments();
        }

        // A document that is only an empty scalar starts with '---', or it would read as no document.
        private static bool IsEmptyScalar(YamlValue root) =>
            root is YamlScalar scalar && scalar.Value.Length == 0 && new ScalarText(scalar, isKey: false).Value.Length == 0;

        private void EmitDocument(YamlValue root)
        {
            BeginNode(root, isMapping: false, isSimpleKey: false, keyLine: 0);
            while (_frames.Count > 0)
            {
                var frame = _frames.Pop();
                if (frame.Node is YamlSequence seq)
                {
                    if (frame.Next >= seq.Items.Count)
                    {
                        _indent = frame.SavedIndent;
                        continue;
                    }

                    WriteIndent();
                    if (frame.Next == 0 && frame.CommentsPending)
                    {
                        PlaceNode(seq, _line, frame.KeyLine);
                    }

                    WriteIndicator("-", needWhitespace: true, whitespace: false, indentation: true);
                    _frames.Push(frame with { Next = frame.Next + 1 });
                    BeginNode(seq.Items[frame.Next], isMapping: false, isSimpleKey: false, keyLine: 0);
                }
                else
                {
                    var map = (YamlMapping)frame.Node;
                    if (frame.Next >= map.Entries.Count)
                    {
                        _indent = frame.SavedIndent;
                        continue;
                    }

                    WriteIndent();
                    if (frame.Next == 0 && frame.CommentsPending)
                    {
                        PlaceNode(map, _line, frame.KeyLine);
                    }

                    var entry = map.Entries[frame.Next];
                    _frames.Push(frame with { Next = frame.Next + 1 });
                    var key = new ScalarText(entry.Key, isKey: true);
                    var keyLine = _line;
                    if (!key.Multiline && key.TagLength + key.Value.Length <= MaxSimpleKeyLength)
                    {
                        EmitScalar(entry.Key, key, isSimpleKey: true);
                        WriteIndicator(":", needWhitespace: false, whitespace: false, indentation: false);
                    }
                    else
                    {
                        WriteIndicator("?", needWhitespace: true, whitespace: false, indentation: true);
                        keyLine = _line;
                        EmitScalar(entry.Key, key, isSimpleKey: false);
                        WriteIndent();
                        WriteIndicator(":", needWhitespace: true, whitespace: false, indentation: true);
                    }

                    BeginNode(entry.Value, isMapping: true, isSimpleKey: false, keyLine: keyLine);
                }
            }
        }

        // Starts a node: a scalar is written whole; a list or mapping writes its tag (or its empty flow form) and, when it
        // has items, pushes a frame that writes them.
        private void BeginNode(YamlValue node, bool isMapping, bool isSimpleKey, int keyLine)
        {
            if (node is YamlScalar scalar)
            {
                EmitScalar(scalar, new ScalarText(scalar, isKey: false), isSimpleKey);
                return;
            }

            var (tag, count) = node switch
            {
                YamlSequence s => (s.Tag, s.Items.Count),
                YamlMapping m => (m.Tag, m.Entries.Count),
                _ => throw new InvalidOperationException("Unknown YAML node " + node.GetType().Name),
            };
            var pending = true;
            if (tag is not null || count == 0)
            {
                // A node starts at its tag, or at its '[' or '{'; a block list or mapping without one at its first item.
                PlaceNode(node, _line, keyLine);
                pending = false;
                WriteTag(tag);
            }

            if (count == 0)
            {
                var isSeq = node is YamlSequence;
                WriteIndicator(isSeq ? "[" : "{", needWhitespace: true, whitespace: true, indentation: false);
                WriteIndicator(isSeq ? "]" : "}", needWhitespace: false, whitespace: false, indentation: false);
                return;
            }

            var saved = _indent;
            if (_indent < 0)
            {
                _indent = 0;
            }
            else if (node is YamlMapping || !(isMapping && !_isIndentation))
            {
                // A list under a mapping key is written at the key's indent.
                _indent += BestIndent;
            }

            _frames.Push(new Frame(node, 0, saved, keyLine, pending));
        }

        private void EmitScalar(YamlScalar scalar, ScalarText text, bool isSimpleKey)
        {
            PlaceNode(scalar, _line, _line);
            var style = text.Requested;
            var value = text.Value;
            var analysis = new Analysis(value);
            if (isSimpleKey && analysis.Multiline)
            {
                style = Style.DoubleQuoted;
            }

            if (style == Style.Plain)
            {
                if (!analysis.BlockPlainAllowed)
                {
                    style = analysis.SingleQuotedAllowed && !analysis.HasSingleQuotes ? Style.SingleQuoted : Style.DoubleQuoted;
                }

                if (value.Length == 0 && isSimpleKey)
                {
                    style = Style.SingleQuoted;
                }
            }

            if (style == Style.SingleQuoted && !analysis.SingleQuotedAllowed)
            {
                style = Style.DoubleQuoted;
            }

            if (style == Style.Literal && (!analysis.BlockAllowed || isSimpleKey))
            {
                style = Style.DoubleQuoted;
            }

            WriteTag(text.Tag);
            var saved = _indent;
            _indent = _indent < 0 ? BestIndent : _indent + BestIndent;
            switch (style)
            {
                case Style.Plain:
                    WritePlain(value);
                    break;
                case Style.SingleQuoted:
                    WriteSingleQuoted(value);
                    break;
                case Style.DoubleQuoted:
                    WriteDoubleQuoted(value);
                    break;
                default:
                    WriteLiteral(value);
                    break;
            }

            _indent = saved;
        }

        private void WriteTag(string? tag)
        {
            if (tag is null)
            {
                return;
            }

            // The default handles: '!' for local tags, '!!' for YAML's own; any other tag is written as it is.
            string handle;
            string? suffix = null;
            if (tag.StartsWith("!", StringComparison.Ordinal))
            {
                handle = "!";
                suffix = tag.Substring(1);
            }
            else if (tag.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal))
            {
                handle = "!!";
                suffix = tag.Substring("tag:yaml.org,2002:".Length);
            }
            else
            {
                handle = tag.Replace("\ufeff", "\\uFEFF");
            }

            if (!_isWhitespace)
            {
                Write(' ');
            }

            Write(handle);
            if (suffix is not null)
            {
                WriteTagSuffix(suffix);
            }

            _isWhitespace = false;
            _isIndentation = false;
        }

        // Characters other than letters, digits and -_;?@=$~\)]/:&+,.*([! are written as %XX of their UTF-8 bytes (each
        // UTF-16 unit on its own, so a surrogate becomes U+FFFD's bytes).
        private void WriteTagSuffix(string suffix)
        {
            foreach (var c in suffix)
            {
                if (c is >= '0' and <= '9' or >= 'A' and <= 'Z' or >= 'a' and <= 'z' || "_-;?@=$~\\)]/:&+,.*([!".IndexOf(c) >= 0)
                {
                    Write(c);
                    continue;
                }

                foreach (var b in Encoding.UTF8.GetBytes(new[] { c }))
                {
                    Write('%');
                    Write(b.ToString("X2", CultureInfo.InvariantCulture));
                }
            }
        }

        private void WritePlain(string value)
        {
            if (!_isWhitespace)
            {
                Write(' ');
            }

            var previousBreak = false;
            foreach (var c in value)
            {
                if (IsBreak(c, out var breakCharacter))
                {
                    if (!previousBreak && c == '\n')
                    {
                        WriteBreak();
                    }

                    WriteBreak(breakCharacter);
                    _isIndentation = true;
                    previousBreak = true;
                }
                else
                {
                    if (previousBreak)
                    {
                        WriteIndent();
                    }

                    Write(c);
                    _isIndentation = false;
                    previousBreak = false;
                }
            }

            _isWhitespace = false;
            _isIndentation = false;
        }

        private void WriteSingleQuoted(string value)
        {
            WriteIndicator("'", needWhitespace: true, whitespace: false, indentation: false);
            var previousBreak = false;
            foreach (var c in value)
            {
                if (c == ' ')
                {
                    Write(c);
                }
                else if (IsBreak(c, out var breakCharacter))
                {
                    if (!previousBreak && c == '\n')
                    {
                        WriteBreak();
                    }

                    WriteBreak(breakCharacter);
                    _isIndentation = true;
                    previousBreak = true;
                }
                else
                {
                    if (previousBreak)
                    {
                        WriteIndent();
                    }

                    if (c == '\'')
                    {
                        Write(c);
                    }

                    Write(c);
                    _isIndentation = false;
                    previousBreak = false;
                }
            }

            WriteIndicator("'", needWhitespace: false, whitespace: false, indentation: false);
            _isWhitespace = false;
            _isIndentation = false;
        }

        private void WriteDoubleQuoted(string value)
        {
            WriteIndicator("\"", needWhitespace: true, whitespace: false, indentation: false);
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (IsPrintable(c) && !IsBreak(c, out _) && c is not ('"' or '\\'))
                {
                    // A byte-order mark is escaped: YAML 1.1 readers (Go's) refuse it inside quotes.
                    if (c == '\ufeff')
                    {
                        Write("\\uFEFF");
                    }
                    else
                    {
                        Write(c);
                    }

                    continue;
                }

                Write('\\');
                switch (c)
                {
                    case '\0': Write('0'); break;
                    case '\a': Write('a'); break;
                    case '\b': Write('b'); break;
                    case '\t': Write('t'); break;
                    case '\n': Write('n'); break;
                    case '\v': Write('v'); break;
                    case '\f': Write('f'); break;
                    case '\r': Write('r'); break;
                    case '\x1B': Write('e'); break;
                    case '"': Write('"'); break;
                    case '\\': Write('\\'); break;
                    case '\x85': Write('N'); break;
                    case '\u2028': Write('L'); break;
                    case '\u2029': Write('P'); break;
                    default:
                        if (c <= '\xFF')
                        {
                            Write('x');
                            Write(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                        }
                        else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                        {
                            Write('U');
                            Write(char.ConvertToUtf32(c, value[i + 1]).ToString("X8", CultureInfo.InvariantCulture));
                            i++;
                        }
                        else
                        {
                            // Lone surrogates were replaced before (WithoutLoneSurrogates); U+FFFE and U+FFFF remain.
                            Write('u');
                            Write(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                        }

                        break;
                }
            }

            WriteIndicator("\"", needWhitespace: false, whitespace: false, indentation: false);
            _isWhitespace = false;
            _isIndentation = false;
        }

        private void WriteLiteral(string value)
        {
            WriteIndicator("|", needWhitespace: true, whitespace: false, indentation: false);
            if (value.Length > 0 && (value[0] == ' ' || IsBreak(value[0], out _)))
            {
                // The first line starts with a space: the indentation is said explicitly.
                WriteIndicator("2", needWhitespace: false, whitespace: false, indentation: false);
            }

            if (value.Length == 0 || !IsBreak(value[value.Length - 1], out _))
            {
                WriteIndicator("-", needWhitespace: false, whitespace: false, indentation: false);
            }
            else if (value.Length >= 2 && IsBreak(value[value.Length - 2], out _))
            {
                WriteIndicator("+", needWhitespace: false, whitespace: false, indentation: false);
            }

            WriteBreak();
            _isIndentation = true;
            _isWhitespace = true;
            var previousBreak = true;
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (c == '\r' && i + 1 < value.Length && value[i + 1] == '\n')
                {
                    continue;
                }

                if (IsBreak(c, out var breakCharacter))
                {
                    WriteBreak(breakCharacter);
                    _isIndentation = true;
                    previousBreak = true;
                }
                else
                {
                    if (previousBreak)
                    {
                        WriteIndent();
                    }

                    Write(c);
                    _isIndentation = false;
                    previousBreak = false;
                }
            }
        }

        private void WriteIndicator(string indicator, bool needWhitespace, bool whitespace, bool indentation)
        {
            if (needWhitespace && !_isWhitespace)
            {
                Write(' ');
            }

            Write(indicator);
            _isWhitespace = whitespace;
            _isIndentation &= indentation;
        }

        private void WriteIndent()
        {
            var indent = Math.Max(_indent, 0);
            if (!_isIndentation || _column > indent || (_column == indent && !_isWhitespace))
            {
                WriteBreak();
            }

            if (_column < indent)
            {
                _out.Append(' ', indent - _column);
                _column = indent;
            }

            _isWhitespace = true;
            _isIndentation = true;
        }

        private void Write(char c)
        {
            _out.Append(c);
            _column++;
        }

        private void Write(string text)
        {
            _out.Append(text);
            _column += text.Length;
        }

        private void WriteBreak(char breakCharacter = '\n')
        {
            _out.Append(breakCharacter);
            if (breakCharacter == '\n')
            {
                _line++;
            }

            _column = 0;
        }

        private static bool IsBreak(char c, out char breakCharacter)
        {
            switch (c)
            {
                case '\r':
                case '\n':
                case '\x85':
                    breakCharacter = '\n';
                    return true;
                case '\u2028':
                case '\u2029':
                    breakCharacter = c;
                    return true;
                default:
                    breakCharacter = '\0';
                    return false;
            }
        }

        private static bool IsPrintable(char c) =>
            c is '\t' or '\n' or '\r' or '\x85' or >= ' ' and <= '~' or >= '\xA0' and <= '\uD7FF' or >= '\uE000' and <= '\uFFFD';

        // Records a node's comments (once per node, where it is first written): 'line' is where it starts, 'keyLine' the
        // line of its key when it is a mapping's value (0 otherwise).
        private void PlaceNode(YamlValue node, int line, int keyLine)
        {
            if (node.Comments is not { IsEmpty: false } comments || !(_placed ??= new HashSet<YamlValue>(ReferenceComparer.Instance)).Add(node))
            {
                return;
            }

            foreach (var comment in comments.Before)
            {
                AddBefore(line, "#" + comment, indented: true);
            }

            if (comments.After is { } after)
            {
                (_after ??= []).Add((node is YamlScalar || keyLine == 0 ? line : keyLine, after));
            }

            if (!ReferenceEquals(node, _root))
            {
                // Only roots have end comments from the reader; for other nodes, keep them just after the node's line.
                foreach (var comment in comments.End)
                {
                    (_after ??= []).Add((line, comment));
                }
            }
        }

        private void AddBefore(int line, string text, bool indented) => (_before ??= []).Add((line, text, indented));

        private string PlaceComments()
        {
            var text = _out.ToString();
            var lineCount = _line;
            var before = new List<(string Text, bool Indented)>?[lineCount + 1];
            var after = new List<string>?[lineCount + 1];
            foreach (var (line, comment, indented) in _before ?? [])
            {
                (before[line < 0 ? lineCount : line] ??= []).Add((comment, indented));
            }

            foreach (var (line, comment) in _after ?? [])
            {
                (after[line] ??= []).Add(comment);
            }

            var sb = new StringBuilder(text.Length + 256);
            var start = 0;
            for (var line = 1; line <= lineCount; line++)
            {
                var end = text.IndexOf('\n', start);
                if (end < 0)
                {
                    end = text.Length;
                }

                if (before[line] is { } lines)
                {
                    var indent = 0;
                    while (start + indent < end && text[start + indent] == ' ')
                    {
                        indent++;
                    }

                    foreach (var (comment, indented) in lines)
                    {
                        sb.Append(' ', indented ? indent : 0).Append(comment).Append('\n');
                    }
                }

                sb.Append(text, start, end - start);
                if (after[line] is { } ends)
                {
                    foreach (var comment in ends)
                    {
                        sb.Append(" #").Append(comment);
                    }
                }

                if (line < lineCount)
                {
                    sb.Append('\n');
                }

                start = end + 1;
            }

            return sb.ToString();
        }

        private readonly record struct Frame(YamlValue Node, int Next, int SavedIndent, int KeyLine, bool CommentsPending);
    }

    // A scalar as it is asked to be written: its text, the style wanted, and its tag (only tags other than YAML's core
    // ones are written: !!binary, !!timestamp, local tags; these are data).
    private readonly struct ScalarText
    {
        private static readonly char[] BreakCharacters = ['\r', '\n', '\x85', '\u2028', '\u2029'];

        public ScalarText(YamlScalar scalar, bool isKey)
        {
            Value = WithoutLoneSurrogates(scalar.Value);
            if (scalar.Tag is { } tag && !IsCoreTag(tag))
            {
                Tag = tag;
                Requested = StringStyle(Value, isKey);
            }
            else if (!isKey && scalar.Type != YamlScalarType.String)
            {
                Value = scalar.Type == YamlScalarType.Null ? "null" : Value;
                Requested = Style.Plain;
            }
            else
            {
                Requested = StringStyle(Value, isKey);
            }

            Multiline = Value.IndexOfAny(BreakCharacters) >= 0;
        }

        public string Value { get; }

        public string? Tag { get; }

        public Style Requested { get; }

        public bool Multiline { get; }

        // The length of the tag as written ('!' or '!!' and the suffix before escaping), for the simple-key limit.
        public int TagLength => Tag is null ? 0
            : Tag.StartsWith("!", StringComparison.Ordinal) ? Tag.Length
            : Tag.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal) ? Tag.Length - "tag:yaml.org,2002:".Length + 2
            : Tag.Length;
    }

    // What YAML syntax allows for a string: whether it can be plain (no indicator at its start, no ": " or " #" inside,
    // no leading or trailing space, one line, only printable characters), single-quoted, or a block scalar.
    private readonly struct Analysis
    {
        public Analysis(string value)
        {
            if (value.Length == 0)
            {
                SingleQuotedAllowed = true;
                return;
            }

            var blockIndicators = value.StartsWith("---", StringComparison.Ordinal) || value.StartsWith("...", StringComparison.Ordinal);
            var precededByWhitespace = true;
            var followedByWhitespace = IsWhiteBreakOrZero(value, 1);
            bool leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false, leadingQuote = false;
            bool breakSpace = false, spaceBreak = false, previousSpace = false, previousBreak = false, lineOfSpaces = false;
            bool lineBreaks = false, special = false, singleQuotes = false, linesOfSpaces = false;
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (i == 0)
                {
                    if ("#,[]{}&*!|>\"%@`'".IndexOf(c) >= 0)
                    {
                        blockIndicators = true;
                        leadingQuote = c == '\'';
                        singleQuotes |= c == '\'';
                    }

                    if (c is '?' or ':' && followedByWhitespace)
                    {
                        blockIndicators = true;
                    }

                    if (c == '-' && followedByWhitespace)
                    {
                        blockIndicators = true;
                    }
                }
                else
                {
                    if (c == ':' && followedByWhitespace)
                    {
                        blockIndicators = true;
                    }

                    if (c == '#' && precededByWhitespace)
                    {
                        blockIndicators = true;
                    }

                    singleQuotes |= c == '\'';
                }

                if (!special && !IsPrintable(c))
                {
                    special = true;
                }

                var isBreak = IsBreak(c);
                lineBreaks |= isBreak;
                if (c == ' ')
                {
                    leadingSpace |= i == 0;
                    trailingSpace |= i == value.Length - 1;
                    if (previousBreak)
                    {
                        breakSpace = true;
                        lineOfSpaces = true;
                    }

                    previousSpace = true;
                    previousBreak = false;
                }
                else if (isBreak)
                {
                    leadingBreak |= i == 0;
                    trailingBreak |= i == value.Length - 1;
                    spaceBreak |= previousSpace;
                    linesOfSpaces |= lineOfSpaces;
                    previousSpace = false;
                    previousBreak = true;
                }
                else
                {
                    previousSpace = false;
                    previousBreak = false;
                    lineOfSpaces = false;
                }

                precededByWhitespace = IsWhiteBreakOrZero(value, i);
                followedByWhitespace = IsWhiteBreakOrZero(value, i + 2);
            }

            var plain = !(leadingSpace || leadingBreak || trailingSpace || trailingBreak || leadingQuote || breakSpace || spaceBreak || special || lineBreaks || blockIndicators);
            BlockPlainAllowed = plain;
            SingleQuotedAllowed = !(breakSpace || spaceBreak || special);
            BlockAllowed = !(trailingSpace || linesOfSpaces);
            Multiline = lineBreaks;
            HasSingleQuotes = singleQuotes;
        }

        public bool BlockPlainAllowed { get; }

        public bool SingleQuotedAllowed { get; }

        public bool BlockAllowed { get; }

        public bool Multiline { get; }

        public bool HasSingleQuotes { get; }

        private static bool IsWhiteBreakOrZero(string value, int index) =>
            index >= value.Length || value[index] is ' ' or '\t' or '\0' || IsBreak(value[index]);

        private static bool IsBreak(char c) => c is '\r' or '\n' or '\x85' or '\u2028' or '\u2029';

        private static bool IsPrintable(char c) =>
            c is '\t' or '\n' or '\r' or '\x85' or >= ' ' and <= '~' or >= '\xA0' and <= '\uD7FF' or >= '\uE000' and <= '\uFFFD';
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Pipelines.Argo.Yaml;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Pipelines.Argo.Tests.Yaml;

// The writer as it was before its own emitter (commit 0976066): YamlDotNet's Emitter for the data, then the text read
// back to learn each node's line and put the comments in. Kept only as the reference the new writer is compared with,
// byte for byte (WriterReferenceTests); the product does not use it.

/// <summary>The reference writer: YamlDotNet's emitter, then comments placed by re-reading the output.</summary>
internal static class ReferenceYamlWriter
{
    private static readonly EmitterSettings Settings = new(
        bestIndent: 2,
        bestWidth: int.MaxValue,
        isCanonical: false,
        maxSimpleKeyLength: 1024,
        skipAnchorName: false,
        indentSequences: false,
        newLine: "\n",
        useUtf16SurrogatePairs: false);

    /// <summary>
    /// Writes several documents separated by <c>---</c>, with the comments attached to their nodes
    /// (<see cref="YamlValue.Comments"/>) in the same place relative to each node.
    /// </summary>
    public static string Write(IEnumerable<YamlValue> documents)
    {
        var roots = documents as IReadOnlyList<YamlValue> ?? new List<YamlValue>(documents);
        var text = WriteData(roots);
        return HasComments(roots) ? ReferenceCommentPlacer.Place(text, roots) : text;
    }

    private static string WriteData(IReadOnlyList<YamlValue> documents)
    {
        var text = new StringWriter { NewLine = "\n" };
        var emitter = new Emitter(text, Settings);
        emitter.Emit(new StreamStart());
        var first = true;
        foreach (var document in documents)
        {
            emitter.Emit(new DocumentStart(null, null, first));
            first = false;
            Emit(emitter, document);
            emitter.Emit(new DocumentEnd(true));
        }

        emitter.Emit(new StreamEnd());
        // The emitter writes a byte-order mark inside double quotes as it is; YAML 1.1 readers (Go's) refuse it there,
        // so it is escaped. Only double-quoted strings can hold one (see NeedsEscapes).
        var result = text.ToString().Replace("\ufeff", "\\uFEFF");
        return result.Length == 0 || result.EndsWith("\n", StringComparison.Ordinal) ? result : result + "\n";
    }

    private static bool HasComments(IReadOnlyList<YamlValue> roots)
    {
        var stack = new Stack<YamlValue>(roots);
        var seen = new HashSet<YamlValue>(ReferenceComparer.Instance);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!seen.Add(node))
            {
                continue;
            }

            if (node.Comments is { IsEmpty: false })
            {
                return true;
            }

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

        return false;
    }

    private static void Emit(IEmitter emitter, YamlValue root)
    {
        // Iterative, so deeply nested free-form values cannot overflow the stack.
        var stack = new Stack<(YamlValue Node, int Next)>();
        stack.Push((root, -1));
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            switch (node)
            {
                case YamlScalar scalar:
                    EmitScalar(emitter, scalar, isKey: false);
                    break;
                case YamlSequence seq:
                    if (next < 0)
                    {
                        emitter.Emit(new SequenceStart(AnchorName.Empty, TagOf(seq.Tag), seq.Tag is null, seq.Items.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
                        next = 0;
                    }

                    if (next < seq.Items.Count)
                    {
                        stack.Push((seq, next + 1));
                        stack.Push((seq.Items[next], -1));
                    }
                    else
                    {
                        emitter.Emit(new SequenceEnd());
                    }

                    break;
                case YamlMapping map:
                    if (next < 0)
                    {
                        emitter.Emit(new MappingStart(AnchorName.Empty, TagOf(map.Tag), map.Tag is null, map.Entries.Count == 0 ? MappingStyle.Flow : MappingStyle.Block));
                        next = 0;
                    }

                    if (next < map.Entries.Count)
                    {
                        stack.Push((map, next + 1));
                        EmitScalar(emitter, map.Entries[next].Key, isKey: true);
                        stack.Push((map.Entries[next].Value, -1));
                    }
                    else
                    {
                        emitter.Emit(new MappingEnd());
                    }

                    break;
            }
        }
    }

    // Tags other than YAML's core ones (!!binary, !!timestamp, !!set, !!omap, local tags) are data: written as read.
    private static TagName TagOf(string? tag) => tag is null ? TagName.Empty : new TagName(tag);

    private static bool IsCoreTag(string tag) =>
        tag.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal) &&
        tag.Substring("tag:yaml.org,2002:".Length) is "str" or "int" or "float" or "bool" or "null" or "map" or "seq";

    private static void EmitScalar(IEmitter emitter, YamlScalar scalar, bool isKey)
    {
        var value = WithoutLoneSurrogates(scalar.Value);
        if (scalar.Tag is { } tag && !IsCoreTag(tag))
        {
            emitter.Emit(new Scalar(AnchorName.Empty, TagOf(tag), value, StringStyle(value, isKey), false, false));
            return;
        }

        if (!isKey && scalar.Type != YamlScalarType.String)
        {
            emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, scalar.Type == YamlScalarType.Null ? "null" : value, ScalarStyle.Plain, true, false));
            return;
        }

        emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, value, StringStyle(value, isKey), true, true));
    }

    /// <summary>The style a string is written in: plain when that reads back as the same string, a literal block for
    /// multi-line text, double quotes otherwise. (The emitter may still pick quotes where YAML syntax needs them.)</summary>
    internal static ScalarStyle StringStyle(string value, bool isKey)
    {
        if (value.Length == 0 || YamlScalarResolver.PlainWouldChangeType(value))
        {
            return ScalarStyle.DoubleQuoted;
        }

        if (NeedsEscapes(value))
        {
            return ScalarStyle.DoubleQuoted;
        }

        // A tab in a one-line string is written in double quotes: the emitter would write it raw in a plain
        // scalar, where readers drop a leading or trailing one as white space and where it reads as indentation trouble.
        if (value.IndexOf('\n') < 0 && value.IndexOf('\t') >= 0)
        {
            return ScalarStyle.DoubleQuoted;
        }

        // YamlDotNet's reader takes " *x" inside a plain key for an alias, and refuses a literal block whose first line
        // is only white space; both read fine in double quotes.
        if (isKey && (value.IndexOf(" *", StringComparison.Ordinal) >= 0 || value.IndexOf("\t*", StringComparison.Ordinal) >= 0))
        {
            return ScalarStyle.DoubleQuoted;
        }

        var newline = value.IndexOf('\n');
        if (newline > 0 && value.Substring(0, newline).Trim(' ', '\t').Length == 0)
        {
            return ScalarStyle.DoubleQuoted;
        }

        if (newline >= 0)
        {
            return isKey || value.Trim('\n').Length == 0 ? ScalarStyle.DoubleQuoted : ScalarStyle.Literal;
        }

        return ScalarStyle.Plain;
    }

    // A lone UTF-16 surrogate is not a character: no YAML text can hold it, so it is written as U+FFFD.
    private static string WithoutLoneSurrogates(string value)
    {
        char[]? chars = null;
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
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
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c < ' ' && c is not ('\t' or '\n') || c is >= '\u007f' and <= '\u009f' || c is '\u2028' or '\u2029' or '\ufeff' or '\ufffe' or '\uffff')
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Places comments by line after re-reading the reference writer's output.</summary>
internal static class ReferenceCommentPlacer
{
    public static string Place(string text, IReadOnlyList<YamlValue> roots)
    {
        var findings = new List<Finding>();
        var written = YamlDocumentReader.Parse(text, findings, YamlLimits.Unbounded, readComments: false);
        if (written.Count != roots.Count || findings.Exists(f => f.Severity == Severity.Error))
        {
            throw new InvalidOperationException("The YAML writer's output did not read back as the documents written; comments cannot be placed. Please report this with the input.");
        }

        var lines = text.Split('\n');
        var placer = new Placement(lines.Length);
        var seen = new HashSet<YamlValue>(ReferenceComparer.Instance);
        for (var i = 0; i < roots.Count; i++)
        {
            Walk(roots[i], written[i].Root, placer, seen, lines);
            if (roots[i].Comments is { End.Count: > 0 } end)
            {
                // Before the next document's '---', or at the end of the text (the last element of lines is the empty
                // text after the final line feed).
                var line = i + 1 < roots.Count ? written[i + 1].Line : lines.Length;
                foreach (var comment in end.End)
                {
                    placer.AddBefore(line, "#" + comment);
                }
            }
        }

        return placer.Apply(lines);
    }

    private static void Walk(YamlValue root, YamlValue writtenRoot, Placement placer, HashSet<YamlValue> seen, string[] lines)
    {
        var stack = new Stack<(YamlValue Node, YamlValue Written, int KeyLine)>();
        stack.Push((root, writtenRoot, 0));
        while (stack.Count > 0)
        {
            var (node, written, key) = stack.Pop();

            // A node reached twice (an alias, or a merged entry) has its comments placed once, where it first appears.
            if (!seen.Add(node))
            {
                continue;
            }

            if (node.Comments is { } comments)
            {
                Place(comments, written.Line, node is YamlScalar || key == 0 ? written.Line : key, isRoot: ReferenceEquals(node, root), placer, lines);
            }

            switch (node)
            {
                case YamlSequence seq when written is YamlSequence writtenSeq:
                    for (var i = Math.Min(seq.Items.Count, writtenSeq.Items.Count) - 1; i >= 0; i--)
                    {
                        stack.Push((seq.Items[i], writtenSeq.Items[i], 0));
                    }

                    break;
                case YamlMapping map when written is YamlMapping writtenMap:
                    for (var i = Math.Min(map.Entries.Count, writtenMap.Entries.Count) - 1; i >= 0; i--)
                    {
                        var entry = map.Entries[i];
                        var writtenEntry = writtenMap.Entries[i];
                        stack.Push((entry.Value, writtenEntry.Value, writtenEntry.Key.Line));
                        stack.Push((entry.Key, writtenEntry.Key, 0));
                    }

                    break;
            }
        }
    }

    private static void Place(YamlComments comments, int line, int afterLine, bool isRoot, Placement placer, string[] lines)
    {
        if (line < 1 || line > lines.Length)
        {
            return;
        }

        var indent = Indent(lines[line - 1]);
        foreach (var comment in comments.Before)
        {
            placer.AddBefore(line, indent + "#" + comment);
        }

        if (comments.After is { } after && afterLine >= 1 && afterLine <= lines.Length)
        {
            placer.AddAfter(afterLine, after);
        }

        foreach (var comment in isRoot ? [] : comments.End)
        {
            // Only roots have end comments from the reader; for other nodes, keep them just after the node's line.
            placer.AddAfter(line, comment);
        }
    }

    private static string Indent(string line)
    {
        var n = 0;
        while (n < line.Length && line[n] == ' ')
        {
            n++;
        }

        return new string(' ', n);
    }

    private sealed class Placement(int lineCount)
    {
        private readonly List<string>?[] _before = new List<string>?[lineCount + 1];
        private readonly StringBuilder?[] _after = new StringBuilder?[lineCount + 1];

        public void AddBefore(int line, string text) => (_before[line] ??= []).Add(text);

        public void AddAfter(int line, string comment) => (_after[line] ??= new StringBuilder()).Append(" #").Append(comment);

        public string Apply(string[] lines)
        {
            var sb = new StringBuilder();
            for (var i = 1; i <= lines.Length; i++)
            {
                if (_before[i] is { } before)
                {
                    foreach (var comment in before)
                    {
                        sb.Append(comment).Append('\n');
                    }
                }

                sb.Append(lines[i - 1]);
                if (_after[i] is { } after)
                {
                    sb.Append(after);
                }

                if (i < lines.Length)
                {
                    sb.Append('\n');
                }
            }

            return sb.ToString();
        }
    }
}

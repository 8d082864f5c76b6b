using System;
using System.Globalization;
using System.Text;

namespace Pipelines.Import;

/// <summary>
/// An indented writer for C# source: four spaces per level, LF line endings, nothing culture-dependent. Deterministic:
/// the same calls give the same text.
/// </summary>
internal sealed class CSharpWriter
{
    private readonly StringBuilder _text = new();
    private bool _lineStart = true;

    public int Indent { get; set; }

    public CSharpWriter Write(string text)
    {
        // Text with line breaks (raw string literals) is written as given after its first line: its own indentation is part of it.
        if (_lineStart && text.Length > 0)
        {
            _text.Append(' ', Indent * 4);
            _lineStart = false;
        }

        _text.Append(text);
        return this;
    }

    public CSharpWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            Write(text);
        }

        _text.Append('\n');
        _lineStart = true;
        return this;
    }

    public CSharpWriter Open(string text = "{")
    {
        Line(text);
        Indent++;
        return this;
    }

    public CSharpWriter Close(string text = "}")
    {
        Indent--;
        return Line(text);
    }

    public override string ToString() => _text.ToString();
}

/// <summary>C# literals for values read from YAML.</summary>
internal static class CSharpLiteral
{
    /// <summary>
    /// A string literal. Multi-line text becomes a raw string literal indented to <paramref name="indent"/> levels (how a
    /// person writes a script or a manifest in C#), unless the text has characters a raw literal cannot hold exactly.
    /// </summary>
    public static string String(string value, int indent)
    {
        if (value.Contains('\n') && CanBeRaw(value))
        {
            return Raw(value, indent);
        }

        return Quoted(value);
    }

    public static string Quoted(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\0': sb.Append("\\0"); break;
                default:
                    if (char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\u0085' or '\uFEFF')
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    private static bool CanBeRaw(string value)
    {
        foreach (var c in value)
        {
            if (c != '\n' && c != '\t' && (char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\u0085' or '\uFEFF'))
            {
                return false;
            }
        }

        return true;
    }

    private static string Raw(string value, int indent)
    {
        var quotes = new string('"', Math.Max(3, LongestQuoteRun(value) + 1));
        var pad = new string(' ', indent * 4);
        var sb = new StringBuilder().Append(quotes).Append('\n');
        foreach (var line in value.Split('\n'))
        {
            // Lines are padded to the closing delimiter's indentation (empty lines stay empty), so white space is kept exactly.
            sb.Append(line.Length == 0 ? string.Empty : pad).Append(line).Append('\n');
        }

        return sb.Append(pad).Append(quotes).ToString();
    }

    private static int LongestQuoteRun(string value)
    {
        int longest = 0, run = 0;
        foreach (var c in value)
        {
            run = c == '"' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }
}

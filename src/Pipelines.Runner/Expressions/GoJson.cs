using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Pipelines.Runner.Expressions;

/// <summary>
/// A JSON number kept as written (<c>1.0</c>, <c>1.10</c>, <c>1e3</c>): Argo's loop items are <c>json.RawMessage</c>
/// (pkg/apis/workflow/v1alpha1 item.go), so a <c>withParam</c> item prints exactly as its JSON text.
/// </summary>
internal sealed record RawNumber(string Text)
{
    /// <summary>The number as an expression value (long when it is an integer literal, else double).</summary>
    public object Value => long.TryParse(Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : double.Parse(Text, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public override string ToString() => Text;
}

/// <summary>
/// Parses <c>withParam</c> text the way Go's <c>json.Unmarshal</c> into <c>[]wfv1.Item</c> does: the same accepted
/// input, numbers kept raw (<see cref="RawNumber"/>), and Go's error messages (encoding/json scanner.go and
/// decode.go's UnmarshalTypeError), which Argo puts into "withParam value could not be parsed as a JSON list".
/// </summary>
internal static class GoJson
{
    /// <summary>The items, or null with Go's error. JSON <c>null</c> is an empty list, as a nil slice is.</summary>
    public static List<object?>? ParseItems(string text, out string? error)
    {
        var p = new Parser(text);
        error = null;
        try
        {
            p.SkipSpace();
            if (p.AtEnd)
            {
                throw new FormatException("unexpected end of JSON input");
            }

            var first = p.Peek;
            var value = p.Value();
            p.SkipSpace();
            if (!p.AtEnd)
            {
                throw new FormatException($"invalid character {Quote(p.Peek)} after top-level value");
            }

            return value switch
            {
                List<object?> list => list,
                null => [],
                _ => throw new FormatException("json: cannot unmarshal " + (first == '{' ? "object" : first == '"' ? "string" : first is 't' or 'f' ? "bool" : "number") + " into Go value of type []v1alpha1.Item"),
            };
        }
        catch (FormatException e)
        {
            error = e.Message;
            return null;
        }
    }

    private static string Quote(char c) => c switch
    {
        '\'' => "'\\''",
        '"' => "'\"'",
        _ when char.IsControl(c) => "'" + "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture) + "'",
        _ => "'" + c + "'",
    };

    private sealed class Parser(string text)
    {
        private int _at;

        public bool AtEnd => _at >= text.Length;

        public char Peek => text[_at];

        public void SkipSpace()
        {
            while (_at < text.Length && text[_at] is ' ' or '\t' or '\n' or '\r')
            {
                _at++;
            }
        }

        private char Next(string context)
        {
            if (AtEnd)
            {
                throw new FormatException("unexpected end of JSON input");
            }

            _ = context;
            return text[_at++];
        }

        public object? Value()
        {
            SkipSpace();
            if (AtEnd)
            {
                throw new FormatException("unexpected end of JSON input");
            }

            var c = Peek;
            switch (c)
            {
                case '{': return Object();
                case '[': return Array();
                case '"': return String();
                case 't': Literal("true"); return true;
                case 'f': Literal("false"); return false;
                case 'n': Literal("null"); return null;
                default:
                    if (c == '-' || char.IsAsciiDigit(c))
                    {
                        return Number();
                    }

                    throw new FormatException($"invalid character {Quote(c)} looking for beginning of value");
            }
        }

        private void Literal(string word)
        {
            _at++;
            for (var i = 1; i < word.Length; i++)
            {
                var c = Next(word);
                if (c != word[i])
                {
                    throw new FormatException($"invalid character {Quote(c)} in literal {word} (expecting {Quote(word[i])})");
                }
            }
        }

        private RawNumber Number()
        {
            var start = _at;
            if (Peek == '-')
            {
                _at++;
                if (AtEnd)
                {
                    throw new FormatException("unexpected end of JSON input");
                }

                if (!char.IsAsciiDigit(Peek))
                {
                    throw new FormatException($"invalid character {Quote(Peek)} in numeric literal");
                }
            }

            if (Peek == '0')
            {
                _at++;
            }
            else
            {
                while (!AtEnd && char.IsAsciiDigit(Peek))
                {
                    _at++;
                }
            }

            if (!AtEnd && Peek == '.')
            {
                _at++;
                if (AtEnd)
                {
                    throw new FormatException("unexpected end of JSON input");
                }

                if (!char.IsAsciiDigit(Peek))
                {
                    throw new FormatException($"invalid character {Quote(Peek)} after decimal point in numeric literal");
                }

                while (!AtEnd && char.IsAsciiDigit(Peek))
                {
                    _at++;
                }
            }

            if (!AtEnd && Peek is 'e' or 'E')
            {
                _at++;
                if (!AtEnd && Peek is '+' or '-')
                {
                    _at++;
                }

                if (AtEnd)
                {
                    throw new FormatException("unexpected end of JSON input");
                }

                if (!char.IsAsciiDigit(Peek))
                {
                    throw new FormatException($"invalid character {Quote(Peek)} in exponent of numeric literal");
                }

                while (!AtEnd && char.IsAsciiDigit(Peek))
                {
                    _at++;
                }
            }

            return new RawNumber(text[start.._at]);
        }

        private string String()
        {
            _at++;
            var sb = new StringBuilder();
            while (true)
            {
                var c = Next("string");
                if (c == '"')
                {
                    return sb.ToString();
                }

                if (c < 0x20)
                {
                    throw new FormatException($"invalid character {Quote(c)} in string literal");
                }

                if (c != '\\')
                {
                    sb.Append(c);
                    continue;
                }

                var e = Next("escape");
                switch (e)
                {
                    case '"': sb.Append('"'); break;
                    case '\\': sb.Append('\\'); break;
                    case '/': sb.Append('/'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'u':
                        var hex = 0;
                        for (var i = 0; i < 4; i++)
                        {
                            var h = Next("hex");
                            if (!Uri.IsHexDigit(h))
                            {
                                throw new FormatException($"invalid character {Quote(h)} in \\u hexadecimal character escape");
                            }

                            hex = (hex * 16) + Convert.ToInt32(h.ToString(), 16);
                        }

                        sb.Append((char)hex);
                        break;
                    default:
                        throw new FormatException($"invalid character {Quote(e)} in string escape code");
                }
            }
        }

        private List<object?> Array()
        {
            _at++;
            var list = new List<object?>();
            SkipSpace();
            if (!AtEnd && Peek == ']')
            {
                _at++;
                return list;
            }

            while (true)
            {
                list.Add(Value());
                SkipSpace();
                var c = Next("array");
                if (c == ']')
                {
                    return list;
                }

                if (c != ',')
                {
                    throw new FormatException($"invalid character {Quote(c)} after array element");
                }
            }
        }

        private Dictionary<string, object?> Object()
        {
            _at++;
            var map = new Dictionary<string, object?>(StringComparer.Ordinal);
            SkipSpace();
            if (!AtEnd && Peek == '}')
            {
                _at++;
                return map;
            }

            while (true)
            {
                SkipSpace();
                if (AtEnd)
                {
                    throw new FormatException("unexpected end of JSON input");
                }

                if (Peek != '"')
                {
                    throw new FormatException($"invalid character {Quote(Peek)} looking for beginning of object key string");
                }

                var key = String();
                SkipSpace();
                var colon = Next("colon");
                if (colon != ':')
                {
                    throw new FormatException($"invalid character {Quote(colon)} after object key");
                }

                map[key] = Value();
                SkipSpace();
                var c = Next("object");
                if (c == '}')
                {
                    return map;
                }

                if (c != ',')
                {
                    throw new FormatException($"invalid character {Quote(c)} after object key:value pair");
                }
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Pipelines.Runner.Expressions;

/// <summary>Which language an expression is read as.</summary>
public enum ExprDialect
{
    /// <summary>expr-lang (Argo's <c>{{=...}}</c>, <c>valueFrom.expression</c>, hook and retry expressions).</summary>
    ExprLang,

    /// <summary>govaluate as Argo uses it for <c>when</c>: bare words are strings, numbers are floats.</summary>
    Govaluate,
}

/// <summary>An expression could not be parsed or evaluated.</summary>
public sealed class ExprException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="parse">True for a parse (syntax) error.</param>
    public ExprException(string message, bool parse = false)
        : base(message) => IsParseError = parse;

    /// <summary>True for a syntax error, false for an evaluation error.</summary>
    public bool IsParseError { get; }
}

/// <summary>
/// A small evaluator for the two expression languages Argo uses: a subset of expr-lang (literals, member access,
/// indexing, <c>?.</c>, <c>??</c>, arithmetic, comparison, <c>in</c>, <c>matches</c>, <c>?:</c>, function calls
/// with <c>#</c> predicates) and govaluate as <c>when</c> uses it. Values are <see langword="null"/>, bool, long,
/// double, string, <see cref="List{T}"/> and <see cref="Dictionary{TKey, TValue}"/> with string keys.
/// </summary>
public static class Expr
{
    /// <summary>Evaluates <paramref name="text"/> in <paramref name="env"/>.</summary>
    /// <param name="text">The expression.</param>
    /// <param name="env">The variables (nested maps).</param>
    /// <param name="dialect">The language.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ExprException">Parse or evaluation error.</exception>
    public static object? Evaluate(string text, IReadOnlyDictionary<string, object?> env, ExprDialect dialect = ExprDialect.ExprLang)
    {
        try
        {
            var tokens = Lexer.Tokenize(text ?? string.Empty, dialect);
            var parser = new Parser(tokens, dialect);
            var ast = parser.ParseAll();
            return new Evaluator(env, dialect).Eval(ast, null);
        }
        catch (Exception e) when (e is FormatException or OverflowException or InvalidCastException or ArgumentException or IndexOutOfRangeException or InvalidOperationException or System.Text.Json.JsonException or RegexMatchTimeoutException or KeyNotFoundException or NullReferenceException)
        {
            throw new ExprException(e.Message);
        }
    }

    /// <summary>Compact JSON of a value: map keys sorted, numbers in shortest form.</summary>
    public static string ToJson(object? value)
    {
        var sb = new StringBuilder();
        WriteJson(sb, value);
        return sb.ToString();
    }

    /// <summary>Text form used when an expression result is inserted into a template (SUB-06).</summary>
    public static string ToTemplateText(object? value) => value switch
    {
        string s => s,

        // json.Marshal gives a quoted string for these, and Argo trims the quotes (expressionReplaceCore).
        GoTime t => t.ToJsonText(),
        SemverVersion v => v.ToString(),
        _ => ToJson(value),
    };

    /// <summary>Go <c>%v</c> formatting (OUT-04).</summary>
    public static string ToGoText(object? value) => value switch
    {
        null => "<nil>",
        string s => s,
        RawNumber raw => raw.Text,
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => FormatGoV(d),
        GoTime t => t.ToString(),
        GoDuration d => d.ToString(),
        GoZone z => z.Name,
        SemverVersion v => v.ToString(),
        List<object?> list => "[" + string.Join(" ", list.Select(ToGoText)) + "]",
        Dictionary<string, object?> map => "map[" + string.Join(" ", map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + ":" + ToGoText(p.Value))) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    /// <summary>
    /// A double as Go's encoding/json writes it (floatEncoder): shortest digits, plain decimal when
    /// 1e-6 &lt;= |d| &lt; 1e21, otherwise exponent form with a two-digit minimum only for positive exponents
    /// (<c>1e+21</c>, <c>1e-7</c>). Expression results reach templates this way.
    /// </summary>
    public static string FormatNumber(double d) => FormatGo(d, json: true);

    /// <summary>A double as Go's <c>fmt</c> <c>%v</c> prints it: shortest digits, exponent form when the exponent is below -4 or at least 21 (<c>1e+21</c>, <c>1e-05</c>).</summary>
    public static string FormatGoV(double d) => FormatGo(d, json: false);

    private static string FormatGo(double d, bool json)
    {
        if (double.IsNaN(d))
        {
            return "NaN";
        }

        if (double.IsInfinity(d))
        {
            return d > 0 ? "+Inf" : "-Inf";
        }

        if (d == 0)
        {
            return double.IsNegative(d) && !json ? "-0" : "0";
        }

        // Shortest round-trip digits and the decimal exponent.
        var r = Math.Abs(d).ToString("R", CultureInfo.InvariantCulture);
        var e = 0;
        var ePos = r.IndexOfAny(['E', 'e']);
        if (ePos >= 0)
        {
            e = int.Parse(r[(ePos + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            r = r[..ePos];
        }

        var dot = r.IndexOf('.', StringComparison.Ordinal);
        var digits = dot < 0 ? r : r[..dot] + r[(dot + 1)..];
        var point = (dot < 0 ? r.Length : dot) + e;
        var lead = 0;
        while (lead < digits.Length - 1 && digits[lead] == '0')
        {
            lead++;
        }

        digits = digits[lead..];
        point -= lead;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        var exp = point - 1;
        var abs = Math.Abs(d);
        var scientific = json ? abs < 1e-6 || abs >= 1e21 : exp < -4 || exp >= 21;
        var sb = new StringBuilder();
        if (d < 0)
        {
            sb.Append('-');
        }

        if (scientific)
        {
            sb.Append(digits[0]);
            if (digits.Length > 1)
            {
                sb.Append('.').Append(digits, 1, digits.Length - 1);
            }

            var expText = Math.Abs(exp).ToString(CultureInfo.InvariantCulture);
            if (expText.Length < 2 && !(json && exp < 0))
            {
                expText = "0" + expText;
            }

            sb.Append('e').Append(exp < 0 ? '-' : '+').Append(expText);
        }
        else if (point <= 0)
        {
            sb.Append("0.").Append('0', -point).Append(digits);
        }
        else if (point >= digits.Length)
        {
            sb.Append(digits).Append('0', point - digits.Length);
        }
        else
        {
            sb.Append(digits, 0, point).Append('.').Append(digits, point, digits.Length - point);
        }

        return sb.ToString();
    }

    /// <summary>Parses JSON text into expression values (objects keep their key order).</summary>
    public static object? FromJson(string text)
    {
        using var doc = JsonDocument.Parse(text);
        return FromElement(doc.RootElement);
    }

    internal static object? FromElement(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().Aggregate(new Dictionary<string, object?>(StringComparer.Ordinal), (m, p) => { m[p.Name] = FromElement(p.Value); return m; }),
        JsonValueKind.Array => e.EnumerateArray().Select(FromElement).ToList(),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.TryGetInt64(out var l) ? l : e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    internal static void WriteJson(StringBuilder sb, object? value, bool sortKeys = true)
    {
        switch (value)
        {
            case null: sb.Append("null"); break;
            case RawNumber raw: sb.Append(raw.Text); break;
            case string s: sb.Append(JsonSerializer.Serialize(s, JsonOptions.Relaxed)); break;
            case bool b: sb.Append(b ? "true" : "false"); break;
            case long l: sb.Append(l.ToString(CultureInfo.InvariantCulture)); break;
            case int i: sb.Append(i.ToString(CultureInfo.InvariantCulture)); break;
            case double d: sb.Append(FormatNumber(d)); break;
            case GoTime t: sb.Append('"').Append(t.ToJsonText()).Append('"'); break;
            case GoDuration d: sb.Append(d.Nanos.ToString(CultureInfo.InvariantCulture)); break;
            case GoZone: sb.Append("{}"); break;
            case SemverVersion v: sb.Append(JsonSerializer.Serialize(v.ToString(), JsonOptions.Relaxed)); break;
            case List<object?> list:
                sb.Append('[');
                for (var k = 0; k < list.Count; k++)
                {
                    if (k > 0)
                    {
                        sb.Append(',');
                    }

                    WriteJson(sb, list[k], sortKeys);
                }

                sb.Append(']');
                break;
            case Dictionary<string, object?> map:
                sb.Append('{');
                var first = true;
                foreach (var p in sortKeys ? map.OrderBy(p => p.Key, StringComparer.Ordinal) : (IEnumerable<KeyValuePair<string, object?>>)map)
                {
                    if (!first)
                    {
                        sb.Append(',');
                    }

                    first = false;
                    sb.Append(JsonSerializer.Serialize(p.Key, JsonOptions.Relaxed)).Append(':');
                    WriteJson(sb, p.Value, sortKeys);
                }

                sb.Append('}');
                break;
            default: sb.Append(JsonSerializer.Serialize(Convert.ToString(value, CultureInfo.InvariantCulture), JsonOptions.Relaxed)); break;
        }
    }

    internal static bool Truthy(object? v) => v is bool b ? b : throw new ExprException("expected a boolean but got " + Describe(v));

    internal static string Describe(object? v) => v switch
    {
        null => "nil",
        string s => "string \"" + s + "\"",
        bool b => "bool " + (b ? "true" : "false"),
        long or double => "number " + ToGoText(v),
        List<object?> => "array",
        Dictionary<string, object?> => "map",
        _ => GoTypeName(v),
    };

    /// <summary>The Go type name of a value, as expr's messages print it.</summary>
    internal static string GoTypeName(object? v) => v switch
    {
        null => "<nil>",
        string => "string",
        bool => "bool",
        long => "int",
        double => "float64",
        GoTime => "time.Time",
        GoDuration => "time.Duration",
        GoZone => "*time.Location",
        SemverVersion => "*semver.Version",
        List<object?> => "[]interface {}",
        _ => "map[string]interface {}",
    };
}

/// <summary>Shared JSON options.</summary>
internal static class JsonOptions
{
    public static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}

internal enum TokKind { Num, Str, Ident, Op, LParen, RParen, LBrack, RBrack, LBrace, RBrace, Comma, Colon, Dot, End }

internal readonly record struct Token(TokKind Kind, string Text, object? Value = null);

internal static class Lexer
{
    private static readonly string[] Ops =
    [
        "?.", "??", "**", "==", "!=", "<=", ">=", "&&", "||", "=~", "!~", "<<", ">>", "..",
        "+", "-", "*", "/", "%", "<", ">", "!", "?", "&", "|", "^", "#",
    ];

    public static List<Token> Tokenize(string text, ExprDialect dialect)
    {
        var list = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (char.IsDigit(c))
            {
                var start = i;
                while (i < text.Length && (char.IsDigit(text[i]) || (text[i] == '.' && i + 1 < text.Length && char.IsDigit(text[i + 1])) || (dialect == ExprDialect.Govaluate && text[i] == '.')))
                {
                    i++;
                }

                if (dialect == ExprDialect.ExprLang && i < text.Length && (text[i] == 'e' || text[i] == 'E'))
                {
                    i++;
                    if (i < text.Length && (text[i] == '+' || text[i] == '-'))
                    {
                        i++;
                    }

                    while (i < text.Length && char.IsDigit(text[i]))
                    {
                        i++;
                    }
                }

                var t = text.Substring(start, i - start);
                object value;
                if (dialect == ExprDialect.Govaluate)
                {
                    if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
                    {
                        throw new ExprException("Unable to parse numeric value '" + t + "' to float64", parse: true);
                    }

                    value = d;
                }
                else if (t.Contains('.') || t.Contains('e') || t.Contains('E'))
                {
                    value = double.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture);
                }
                else
                {
                    // An integer literal is a Go int (a long here); only one too big for int64 is a float.
                    value = long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? (object)l : double.Parse(t, CultureInfo.InvariantCulture);
                }

                list.Add(new Token(TokKind.Num, t, value));
                continue;
            }

            if (c == '\'' || c == '"' || (c == '`' && dialect == ExprDialect.ExprLang))
            {
                var sb = new StringBuilder();
                i++;
                var closed = false;
                while (i < text.Length)
                {
                    var ch = text[i];
                    if (ch == c)
                    {
                        closed = true;
                        i++;
                        break;
                    }

                    if (ch == '\\' && c != '`' && i + 1 < text.Length)
                    {
                        i++;
                        var e = text[i];
                        sb.Append(e switch { 'n' => '\n', 't' => '\t', 'r' => '\r', _ => e });
                        i++;
                        continue;
                    }

                    sb.Append(ch);
                    i++;
                }

                if (!closed)
                {
                    throw new ExprException("Unclosed string literal", parse: true);
                }

                list.Add(new Token(TokKind.Str, sb.ToString(), sb.ToString()));
                continue;
            }

            if (c == '[' && dialect == ExprDialect.Govaluate)
            {
                var end = text.IndexOf(']', i);
                if (end < 0)
                {
                    throw new ExprException("Unclosed parameter bracket", parse: true);
                }

                var name = text.Substring(i + 1, end - i - 1);
                list.Add(new Token(TokKind.Str, name, name));
                i = end + 1;
                continue;
            }

            if (char.IsLetter(c) || c == '_' || c == '$')
            {
                if (dialect == ExprDialect.Govaluate && c == '_')
                {
                    throw new ExprException("Invalid token: '_'", parse: true);
                }

                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_' || text[i] == '$' || (dialect == ExprDialect.Govaluate && text[i] == '.')))
                {
                    i++;
                }

                list.Add(new Token(TokKind.Ident, text.Substring(start, i - start)));
                continue;
            }

            switch (c)
            {
                case '(': list.Add(new Token(TokKind.LParen, "(")); i++; continue;
                case ')': list.Add(new Token(TokKind.RParen, ")")); i++; continue;
                case '[': list.Add(new Token(TokKind.LBrack, "[")); i++; continue;
                case ']': list.Add(new Token(TokKind.RBrack, "]")); i++; continue;
                case '{': list.Add(new Token(TokKind.LBrace, "{")); i++; continue;
                case '}': list.Add(new Token(TokKind.RBrace, "}")); i++; continue;
                case ',': list.Add(new Token(TokKind.Comma, ",")); i++; continue;
                case ':': list.Add(new Token(TokKind.Colon, ":")); i++; continue;
            }

            if (c == '.' && !(i + 1 < text.Length && text[i + 1] == '.'))
            {
                list.Add(new Token(TokKind.Dot, "."));
                i++;
                continue;
            }

            var op = Ops.FirstOrDefault(o => string.CompareOrdinal(text, i, o, 0, o.Length) == 0);
            if (op is null)
            {
                throw new ExprException("Invalid token: '" + c + "'", parse: true);
            }

            list.Add(new Token(TokKind.Op, op));
            i += op.Length;
        }

        list.Add(new Token(TokKind.End, string.Empty));
        return list;
    }
}

internal abstract record Ast;

internal sealed record Lit(object? Value) : Ast;

internal sealed record Var(string Name) : Ast;

internal sealed record Member(Ast Target, Ast Key, bool Optional) : Ast;

internal sealed record Unary(string Op, Ast Operand) : Ast;

internal sealed record Binary(string Op, Ast Left, Ast Right) : Ast;

internal sealed record Cond(Ast Test, Ast Then, Ast Else) : Ast;

internal sealed record Call(string Name, List<Ast> Args) : Ast;

/// <summary>A method call on a Go value: <c>now().Format("2006")</c>.</summary>
internal sealed record MethodCall(Ast Target, string Method, List<Ast> Args, bool Optional) : Ast;

internal sealed record ArrayLit(List<Ast> Items) : Ast;

internal sealed record MapLit(List<(string Key, Ast Value)> Items) : Ast;

internal sealed record Pointer(string? Field) : Ast;

internal sealed class Parser(List<Token> tokens, ExprDialect dialect)
{
    private int _pos;

    private Token Peek => tokens[_pos];

    public Ast ParseAll()
    {
        if (Peek.Kind == TokKind.End)
        {
            throw new ExprException("unexpected end of expression", parse: true);
        }

        var e = ParseTernary();
        if (Peek.Kind != TokKind.End)
        {
            throw new ExprException("unexpected token '" + Peek.Text + "'", parse: true);
        }

        return e;
    }

    private Token Next() => tokens[_pos++];

    private bool IsOp(string op) => Peek.Kind == TokKind.Op && Peek.Text == op;

    private bool IsWord(string w) => dialect == ExprDialect.ExprLang && Peek.Kind == TokKind.Ident && Peek.Text == w;

    private void Expect(TokKind kind)
    {
        if (Peek.Kind != kind)
        {
            throw new ExprException("expected '" + kind + "' but found '" + Peek.Text + "'", parse: true);
        }

        _pos++;
    }

    private Ast ParseTernary()
    {
        var test = ParseCoalesce();
        if (IsOp("?"))
        {
            Next();
            var then = ParseTernary();
            Expect(TokKind.Colon);
            var otherwise = ParseTernary();
            return new Cond(test, then, otherwise);
        }

        return test;
    }

    private Ast ParseCoalesce()
    {
        var left = ParseOr();
        while (IsOp("??"))
        {
            Next();
            left = new Binary("??", left, ParseOr());
        }

        return left;
    }

    private Ast ParseOr()
    {
        var left = ParseAnd();
        while (IsOp("||") || IsWord("or"))
        {
            Next();
            left = new Binary("||", left, ParseAnd());
        }

        return left;
    }

    private Ast ParseAnd()
    {
        var left = ParseEquality();
        while (IsOp("&&") || IsWord("and"))
        {
            Next();
            left = new Binary("&&", left, ParseEquality());
        }

        return left;
    }

    private Ast ParseEquality()
    {
        var left = ParseCompare();
        while (IsOp("==") || IsOp("!=") || IsOp("=~") || IsOp("!~"))
        {
            var op = Next().Text;
            left = new Binary(op, left, ParseCompare());
        }

        return left;
    }

    private Ast ParseCompare()
    {
        var left = ParseBitOr();
        while (true)
        {
            if (IsOp("<") || IsOp(">") || IsOp("<=") || IsOp(">="))
            {
                var op = Next().Text;
                left = new Binary(op, left, ParseBitOr());
            }
            else if (IsWord("in") || (dialect == ExprDialect.Govaluate && Peek.Kind == TokKind.Ident && Peek.Text == "in"))
            {
                Next();
                left = new Binary("in", left, ParseBitOr());
            }
            else if (IsWord("not") && tokens[_pos + 1].Kind == TokKind.Ident && tokens[_pos + 1].Text == "in")
            {
                Next();
                Next();
                left = new Unary("!", new Binary("in", left, ParseBitOr()));
            }
            else if (IsWord("matches") || IsWord("contains") || IsWord("startsWith") || IsWord("endsWith"))
            {
                var op = Next().Text;
                left = new Binary(op, left, ParseBitOr());
            }
            else
            {
                return left;
            }
        }
    }

    private Ast ParseBitOr()
    {
        var left = ParseAdditive();
        while (dialect == ExprDialect.Govaluate && (IsOp("|") || IsOp("&") || IsOp("^")))
        {
            var op = Next().Text;
            left = new Binary(op, left, ParseAdditive());
        }

        return left;
    }

    private Ast ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (IsOp("+") || IsOp("-"))
        {
            var op = Next().Text;
            left = new Binary(op, left, ParseMultiplicative());
        }

        return left;
    }

    private Ast ParseMultiplicative()
    {
        var left = ParsePower();
        while (IsOp("*") || IsOp("/") || IsOp("%"))
        {
            var op = Next().Text;
            left = new Binary(op, left, ParsePower());
        }

        return left;
    }

    private Ast ParsePower()
    {
        var left = ParseUnary();
        if (IsOp("**"))
        {
            Next();
            return new Binary("**", left, ParsePower());
        }

        return left;
    }

    private Ast ParseUnary()
    {
        if (IsOp("!") || IsWord("not"))
        {
            Next();
            return new Unary("!", ParseUnary());
        }

        if (IsOp("-"))
        {
            Next();
            return new Unary("-", ParseUnary());
        }

        if (IsOp("+"))
        {
            Next();
            return ParseUnary();
        }

        return ParsePostfix(ParsePrimary());
    }

    private Ast ParsePostfix(Ast target)
    {
        while (true)
        {
            if (Peek.Kind == TokKind.Dot || IsOp("?."))
            {
                var optional = Next().Text == "?.";
                if (optional && Peek.Kind == TokKind.LBrack)
                {
                    Next();
                    var k = ParseTernary();
                    Expect(TokKind.RBrack);
                    target = new Member(target, k, true);
                    continue;
                }

                var name = Next();
                if (name.Kind != TokKind.Ident)
                {
                    throw new ExprException("expected a name after '.'", parse: true);
                }

                target = Peek.Kind == TokKind.LParen && dialect == ExprDialect.ExprLang
                    ? new MethodCall(target, name.Text, ParseArgs(), optional)
                    : new Member(target, new Lit(name.Text), optional);
            }
            else if (Peek.Kind == TokKind.LBrack)
            {
                Next();
                var key = ParseTernary();
                Expect(TokKind.RBrack);
                target = new Member(target, key, false);
            }
            else
            {
                return target;
            }
        }
    }

    private Ast ParsePrimary()
    {
        var t = Next();
        switch (t.Kind)
        {
            case TokKind.Num:
            case TokKind.Str:
                return new Lit(t.Value);
            case TokKind.LParen:
                {
                    if (dialect == ExprDialect.Govaluate)
                    {
                        // govaluate: (a, b) is a list for `in`.
                        var first = ParseTernary();
                        if (Peek.Kind == TokKind.Comma)
                        {
                            var items = new List<Ast> { first };
                            while (Peek.Kind == TokKind.Comma)
                            {
                                Next();
                                items.Add(ParseTernary());
                            }

                            Expect(TokKind.RParen);
                            return new ArrayLit(items);
                        }

                        Expect(TokKind.RParen);
                        return first;
                    }

                    var e = ParseTernary();
                    Expect(TokKind.RParen);
                    return e;
                }

            case TokKind.LBrack:
                {
                    var items = new List<Ast>();
                    while (Peek.Kind != TokKind.RBrack)
                    {
                        items.Add(ParseTernary());
                        if (Peek.Kind == TokKind.Comma)
                        {
                            Next();
                        }
                        else
                        {
                            break;
                        }
                    }

                    Expect(TokKind.RBrack);
                    return new ArrayLit(items);
                }

            case TokKind.LBrace when !(Peek.Kind is TokKind.Ident or TokKind.Str or TokKind.Num && tokens[_pos + 1].Kind == TokKind.Colon) && Peek.Kind != TokKind.RBrace:
                {
                    // A predicate closure: {# > 1}.
                    var body = ParseTernary();
                    Expect(TokKind.RBrace);
                    return body;
                }

            case TokKind.LBrace:
                {
                    var items = new List<(string, Ast)>();
                    while (Peek.Kind != TokKind.RBrace)
                    {
                        var k = Next();
                        if (k.Kind is not (TokKind.Ident or TokKind.Str or TokKind.Num))
                        {
                            throw new ExprException("expected a map key", parse: true);
                        }

                        Expect(TokKind.Colon);
                        items.Add((k.Text, ParseTernary()));
                        if (Peek.Kind == TokKind.Comma)
                        {
                            Next();
                        }
                        else
                        {
                            break;
                        }
                    }

                    Expect(TokKind.RBrace);
                    return new MapLit(items);
                }

            case TokKind.Op when t.Text == "#":
                return Peek.Kind == TokKind.Ident && tokens[_pos - 1].Kind == TokKind.Op ? new Pointer(Next().Text) : new Pointer(null);
            case TokKind.Dot when dialect == ExprDialect.ExprLang && Peek.Kind == TokKind.Ident:
                return new Member(new Pointer(null), new Lit(Next().Text), false);
            case TokKind.Ident:
                return PrimaryIdent(t);
            default:
                throw new ExprException("unexpected token '" + t.Text + "'", parse: true);
        }
    }

    private Ast PrimaryIdent(Token t)
    {
        if (dialect == ExprDialect.Govaluate)
        {
            if (t.Text == "true" || t.Text == "false")
            {
                return new Lit(t.Text == "true");
            }

            if (t.Text.Contains('.'))
            {
                throw new ExprException("No parameter '" + t.Text + "' found.", parse: false);
            }

            if (Peek.Kind == TokKind.LParen)
            {
                throw new ExprException("Invalid token: '" + t.Text + "'", parse: true);
            }

            // Argo turns every bare word into a string literal.
            return new Lit(t.Text);
        }

        switch (t.Text)
        {
            case "true": return new Lit(true);
            case "false": return new Lit(false);
            case "nil": return new Lit(null);
        }

        if (t.Text == "sprig" && Peek.Kind == TokKind.Dot && tokens[_pos + 1].Kind == TokKind.Ident && tokens[_pos + 2].Kind == TokKind.LParen)
        {
            Next();
            var fn = Next().Text;
            return new Call("sprig." + fn, ParseArgs());
        }

        if (Peek.Kind == TokKind.LParen)
        {
            return new Call(t.Text, ParseArgs());
        }

        return new Var(t.Text);
    }

    private List<Ast> ParseArgs()
    {
        Expect(TokKind.LParen);
        var args = new List<Ast>();
        while (Peek.Kind != TokKind.RParen)
        {
            args.Add(ParseTernary());
            if (Peek.Kind == TokKind.Comma)
            {
                Next();
            }
            else
            {
                break;
            }
        }

        Expect(TokKind.RParen);
        return args;
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Pipelines.Runner.Expressions;

namespace Pipelines.Cli.Events;

/// <summary>A template failed: Argo Events then falls back (to the key, then to the value) or, in a filter, fails.</summary>
internal sealed class GoTemplateException(string message) : Exception(message);

/// <summary>
/// The part of Go's <c>text/template</c> with sprig functions that Argo Events' <c>dataTemplate</c>,
/// <c>contextTemplate</c> and data filter <c>template</c> use: text, <c>{{ }}</c> actions with <c>-</c> trim markers,
/// field chains (<c>.Input.body.id</c>), string and number literals, function calls and pipes (<c>| lower</c>), with
/// common sprig functions. <c>if</c>/<c>range</c>/<c>with</c> and unknown functions are reported as unsupported.
/// </summary>
internal static class GoTemplate
{
    private static readonly object NoValue = new();

    /// <summary>Renders <paramref name="template"/> with <paramref name="data"/> as <c>.</c>.</summary>
    /// <exception cref="GoTemplateException">Evaluation error.</exception>
    /// <exception cref="NotSupportedException">The template uses something this tool does not evaluate.</exception>
    public static string Render(string template, object? data)
    {
        var output = new StringBuilder();
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf("{{", i, StringComparison.Ordinal);
            if (open < 0)
            {
                output.Append(template, i, template.Length - i);
                break;
            }

            var text = template.Substring(i, open - i);
            var start = open + 2;
            if (start < template.Length && template[start] == '-' && start + 1 < template.Length && char.IsWhiteSpace(template[start + 1]))
            {
                text = text.TrimEnd();
                start++;
            }

            output.Append(text);
            var close = template.IndexOf("}}", start, StringComparison.Ordinal);
            if (close < 0)
            {
                throw new GoTemplateException("template: param: unclosed action");
            }

            var body = template.Substring(start, close - start);
            var trimAfter = false;
            if (body.EndsWith('-') && body.Length > 1 && char.IsWhiteSpace(body[^2]))
            {
                body = body[..^1];
                trimAfter = true;
            }

            var value = Pipeline(body.Trim(), data);
            output.Append(Print(value));
            i = close + 2;
            if (trimAfter)
            {
                while (i < template.Length && char.IsWhiteSpace(template[i]))
                {
                    i++;
                }
            }
        }

        return output.ToString();
    }

    private static string Print(object? value) => value == NoValue ? "<no value>" : Expr.ToGoText(value);

    private static object? Pipeline(string body, object? data)
    {
        if (body.Length == 0 || body.StartsWith("/*", StringComparison.Ordinal))
        {
            return string.Empty;
        }

        var first = body.Split(' ', 2)[0];
        if (first is "if" or "else" or "end" or "range" or "with" or "define" or "template" or "block" || body.Contains(":=", StringComparison.Ordinal) || body.StartsWith('$'))
        {
            throw new NotSupportedException($"template action '{{{{{body}}}}}' uses {first}, which `pipelines events send` does not evaluate; use field chains, pipes and functions");
        }

        object? piped = null;
        var hasPiped = false;
        foreach (var command in SplitOutside(body, '|'))
        {
            var words = Words(command.Trim());
            if (words.Count == 0)
            {
                throw new GoTemplateException("template: param: missing command in pipeline");
            }

            object? result;
            if (IsFunction(words[0]))
            {
                var args = words.Skip(1).Select(w => Operand(w, data)).ToList();
                if (hasPiped)
                {
                    args.Add(piped);
                }

                result = Call(words[0], args);
            }
            else
            {
                if (words.Count > 1 || hasPiped)
                {
                    throw new GoTemplateException($"template: param: can't give argument to non-function {words[0]}");
                }

                result = Operand(words[0], data);
            }

            piped = result;
            hasPiped = true;
        }

        return piped;
    }

    private static bool IsFunction(string word) => word.Length > 0 && (char.IsLetter(word[0]) || word[0] == '_') && word is not ("true" or "false" or "nil");

    private static object? Operand(string word, object? data)
    {
        if (word.StartsWith('"') || word.StartsWith('`'))
        {
            return word.Length >= 2 ? Unquote(word) : throw new GoTemplateException("template: param: unterminated quoted string");
        }

        if (word is "true" or "false")
        {
            return word == "true";
        }

        if (word == "nil")
        {
            return null;
        }

        if (word.StartsWith('.'))
        {
            object? current = data;
            foreach (var field in word.Split('.', StringSplitOptions.RemoveEmptyEntries))
            {
                switch (current)
                {
                    case Dictionary<string, object?> map:
                        current = map.TryGetValue(field, out var v) ? v : NoValue;
                        break;
                    case null:
                        throw new GoTemplateException($"template: param: nil pointer evaluating interface {{}}.{field}");
                    default:
                        if (current == NoValue)
                        {
                            throw new GoTemplateException($"template: param: nil pointer evaluating interface {{}}.{field}");
                        }

                        throw new GoTemplateException($"template: param: can't evaluate field {field} in type {GoType(current)}");
                }
            }

            return current;
        }

        if (double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return word.Contains('.', StringComparison.Ordinal) || word.Contains('e', StringComparison.OrdinalIgnoreCase) ? number : (long)number;
        }

        throw new GoTemplateException($"template: param: function \"{word}\" not defined");
    }

    private static object? Call(string name, List<object?> args)
    {
        string S(int i) => i < args.Count ? Expr.ToGoText(args[i] == NoValue ? null : args[i]) : throw new GoTemplateException($"template: param: wrong number of args for {name}");
        string Last() => S(args.Count - 1);
        switch (name)
        {
            case "lower": return Last().ToLowerInvariant();
            case "upper": return Last().ToUpperInvariant();
            case "title": return CultureInfo.InvariantCulture.TextInfo.ToTitleCase(Last());
            case "trim": return Last().Trim();
            case "trimPrefix": return S(1).StartsWith(S(0), StringComparison.Ordinal) ? S(1)[S(0).Length..] : S(1);
            case "trimSuffix": return S(1).EndsWith(S(0), StringComparison.Ordinal) ? S(1)[..^S(0).Length] : S(1);
            case "replace": return S(2).Replace(S(0), S(1), StringComparison.Ordinal);
            case "contains": return S(1).Contains(S(0), StringComparison.Ordinal);
            case "hasPrefix": return S(1).StartsWith(S(0), StringComparison.Ordinal);
            case "hasSuffix": return S(1).EndsWith(S(0), StringComparison.Ordinal);
            case "quote": return "\"" + Last().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
            case "squote": return "'" + Last() + "'";
            case "toString": return Last();
            case "toJson": return args.Count > 0 && args[^1] != NoValue ? Expr.ToJson(args[^1]) : "null";
            case "b64enc": return Convert.ToBase64String(Encoding.UTF8.GetBytes(Last()));
            case "b64dec":
                try
                {
                    return Encoding.UTF8.GetString(Convert.FromBase64String(Last()));
                }
                catch (FormatException e)
                {
                    // sprig returns the error text as the value.
                    return e.Message;
                }

            case "default":
                {
                    var value = args.Count > 1 ? args[^1] : null;
                    var empty = value is null || value == NoValue || (value is string s && s.Length == 0) || value is false || value is 0L || value is 0d;
                    return empty ? args[0] : value;
                }

            case "len":
                return args.Count > 0 ? args[^1] switch
                {
                    string s => (long)s.Length,
                    List<object?> list => (long)list.Count,
                    Dictionary<string, object?> m => (long)m.Count,
                    _ => throw new GoTemplateException("template: param: error calling len: len of type " + GoType(args[^1])),
                } : throw new GoTemplateException("template: param: wrong number of args for len");
            case "int":
            case "int64":
                return args.Count > 0 && args[^1] is double d ? (long)d : long.TryParse(Last(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : 0L;
            case "join":
                return args.Count == 2 && args[1] is List<object?> items ? string.Join(S(0), items.Select(x => Expr.ToGoText(x))) : S(1);
            case "printf":
                return Printf(S(0), args.Skip(1).ToList());
            case "cat":
                return string.Join(" ", args.Where(a => a is not null && a != NoValue).Select(a => Expr.ToGoText(a)));
            case "nospace":
                return new string(Last().Where(c => !char.IsWhiteSpace(c)).ToArray());
            case "trunc":
                {
                    var n = (int)(args[0] is double dd ? dd : args[0] is long ll ? ll : 0);
                    var s = S(1);
                    return n >= 0 ? s[..Math.Min(n, s.Length)] : s[Math.Max(0, s.Length + n)..];
                }

            default:
                throw new NotSupportedException($"template function '{name}' is not one `pipelines events send` evaluates (it knows lower, upper, title, trim, trimPrefix, trimSuffix, replace, contains, hasPrefix, hasSuffix, quote, squote, toString, toJson, b64enc, b64dec, default, len, int, join, printf, cat, nospace, trunc)");
        }
    }

    private static string Printf(string format, List<object?> args)
    {
        var sb = new StringBuilder();
        var next = 0;
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 >= format.Length)
            {
                sb.Append(format[i]);
                continue;
            }

            var verb = format[++i];
            if (verb == '%')
            {
                sb.Append('%');
                continue;
            }

            var arg = next < args.Count ? args[next++] : null;
            sb.Append(verb switch
            {
                'd' when arg is double d => ((long)d).ToString(CultureInfo.InvariantCulture),
                'q' => "\"" + Expr.ToGoText(arg) + "\"",
                _ => Expr.ToGoText(arg),
            });
        }

        return sb.ToString();
    }

    private static string GoType(object? value) => value switch
    {
        string => "string",
        double => "float64",
        long => "int",
        bool => "bool",
        List<object?> => "[]interface {}",
        _ => "interface {}",
    };

    private static string Unquote(string word)
    {
        if (word[0] == '`')
        {
            return word[1..^1];
        }

        var sb = new StringBuilder();
        for (var i = 1; i < word.Length - 1; i++)
        {
            if (word[i] == '\\' && i + 1 < word.Length - 1)
            {
                i++;
                sb.Append(word[i] switch { 'n' => '\n', 't' => '\t', _ => word[i] });
            }
            else
            {
                sb.Append(word[i]);
            }
        }

        return sb.ToString();
    }

    private static List<string> SplitOutside(string text, char separator)
    {
        var parts = new List<string>();
        var start = 0;
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is { } q)
            {
                if (c == '\\' && q == '"')
                {
                    i++;
                }
                else if (c == q)
                {
                    quote = null;
                }
            }
            else if (c is '"' or '`')
            {
                quote = c;
            }
            else if (c == separator)
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }

        parts.Add(text[start..]);
        return parts;
    }

    private static List<string> Words(string command)
    {
        var words = new List<string>();
        var i = 0;
        while (i < command.Length)
        {
            if (char.IsWhiteSpace(command[i]))
            {
                i++;
                continue;
            }

            var start = i;
            if (command[i] is '"' or '`')
            {
                var q = command[i++];
                while (i < command.Length && command[i] != q)
                {
                    i += command[i] == '\\' && q == '"' ? 2 : 1;
                }

                i = Math.Min(i + 1, command.Length);
            }
            else if (command[i] == '(')
            {
                throw new NotSupportedException("parenthesised template calls are not evaluated by `pipelines events send`; use a pipe instead");
            }
            else
            {
                while (i < command.Length && !char.IsWhiteSpace(command[i]))
                {
                    i++;
                }
            }

            words.Add(command[start..i]);
        }

        return words;
    }
}

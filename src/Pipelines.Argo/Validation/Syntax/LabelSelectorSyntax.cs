using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using Pipelines.Argo.Model;

namespace Pipelines.Argo.Validation.Syntax;

/// <summary>
/// Kubernetes label selectors: the checks the API machinery applies to a structured <see cref="LabelSelector"/>
/// (matchLabels, matchExpressions) and a parser for the string form (<c>app=web,tier in (a,b),!legacy</c>).
/// </summary>
internal static class LabelSelectorSyntax
{
    private static readonly Regex NamePart = new("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$", RegexOptions.CultureInvariant);
    private static readonly Regex DnsSubdomain = new(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant);

    /// <summary>Checks a structured selector; returns the problems found, each with the field (relative to the selector) it concerns.</summary>
    public static List<(string Field, string Message)> Validate(LabelSelector selector)
    {
        var problems = new List<(string, string)>();
        if (selector.MatchLabels is { } labels)
        {
            foreach (var pair in labels)
            {
                if (KeyError(pair.Key) is { } keyError)
                {
                    problems.Add(("matchLabels." + pair.Key, keyError));
                }

                if (ValueError(pair.Value) is { } valueError)
                {
                    problems.Add(("matchLabels." + pair.Key, valueError));
                }
            }
        }

        if (selector.MatchExpressions is { } expressions)
        {
            for (var i = 0; i < expressions.Count; i++)
            {
                var field = "matchExpressions[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
                var e = expressions[i];
                if (KeyError(e.Key ?? string.Empty) is { } keyError)
                {
                    problems.Add((field + ".key", keyError));
                }

                var count = e.Values?.Count ?? 0;
                switch (e.Operator)
                {
                    case "In":
                    case "NotIn":
                        if (count == 0)
                        {
                            problems.Add((field + ".values", "for 'In' and 'NotIn' operators, values can't be empty"));
                        }

                        break;
                    case "Exists":
                    case "DoesNotExist":
                        if (count != 0)
                        {
                            problems.Add((field + ".values", "values must be empty for 'Exists' and 'DoesNotExist' operators"));
                        }

                        break;
                    default:
                        problems.Add((field + ".operator", "\"" + e.Operator + "\" is not a valid label selector operator (use In, NotIn, Exists or DoesNotExist)"));
                        break;
                }

                foreach (var v in e.Values ?? [])
                {
                    if (ValueError(v) is { } valueError)
                    {
                        problems.Add((field + ".values", valueError));
                    }
                }
            }
        }

        return problems;
    }

    /// <summary>
    /// Parses a selector string: comma-separated requirements <c>key</c>, <c>!key</c>, <c>key=v</c>, <c>key==v</c>,
    /// <c>key!=v</c>, <c>key in (a,b)</c>, <c>key notin (a,b)</c>, <c>key&gt;1</c>, <c>key&lt;1</c>. An empty string selects everything.
    /// </summary>
    public static bool TryParse(string text, out string error)
    {
        error = string.Empty;
        var p = new Cursor(text ?? string.Empty);
        p.SkipSpaces();
        if (p.AtEnd)
        {
            return true;
        }

        while (true)
        {
            if (!ParseRequirement(ref p, out error))
            {
                return false;
            }

            p.SkipSpaces();
            if (p.AtEnd)
            {
                return true;
            }

            if (p.Current != ',')
            {
                error = "expected ',' at position " + p.Position.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return false;
            }

            p.Position++;
        }
    }

    /// <summary>Why a label key is invalid, or null.</summary>
    public static string? KeyError(string key)
    {
        var slash = key.IndexOf('/');
        var name = key;
        if (slash >= 0)
        {
            var prefix = key.Substring(0, slash);
            name = key.Substring(slash + 1);
            if (prefix.Length == 0 || prefix.Length > 253 || !DnsSubdomain.IsMatch(prefix))
            {
                return "label key '" + key + "' has an invalid prefix: it must be a lowercase DNS subdomain";
            }
        }

        if (name.Length == 0 || name.Length > 63 || !NamePart.IsMatch(name))
        {
            return "label key '" + key + "' is invalid: a name of at most 63 alphanumeric characters, '-', '_' or '.', starting and ending with an alphanumeric character, optionally after a DNS prefix and '/'";
        }

        return null;
    }

    /// <summary>Why a label value is invalid, or null.</summary>
    public static string? ValueError(string value) =>
        value.Length == 0 || (value.Length <= 63 && NamePart.IsMatch(value))
            ? null
            : "label value '" + value + "' is invalid: at most 63 alphanumeric characters, '-', '_' or '.', starting and ending with an alphanumeric character";

    private static bool ParseRequirement(ref Cursor p, out string error)
    {
        error = string.Empty;
        p.SkipSpaces();
        var negated = false;
        if (!p.AtEnd && p.Current == '!')
        {
            negated = true;
            p.Position++;
            p.SkipSpaces();
        }

        var key = p.ReadWord();
        if (key.Length == 0)
        {
            error = "expected a label key at position " + p.Position.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return false;
        }

        if (KeyError(key) is { } keyError)
        {
            error = keyError;
            return false;
        }

        p.SkipSpaces();
        if (negated || p.AtEnd || p.Current == ',')
        {
            return true;
        }

        if (p.TryRead("==") || p.TryRead("!=") || p.TryRead("="))
        {
            p.SkipSpaces();
            return ValueOk(p.ReadWord(), out error);
        }

        if (p.TryRead(">") || p.TryRead("<"))
        {
            p.SkipSpaces();
            var number = p.ReadWord();
            if (!long.TryParse(number, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                error = "'" + number + "' is not an integer for a '>' or '<' requirement";
                return false;
            }

            return true;
        }

        var op = p.ReadWord();
        if (op != "in" && op != "notin")
        {
            error = "unknown operator '" + op + "' after key '" + key + "' (use =, ==, !=, in, notin, >, <)";
            return false;
        }

        p.SkipSpaces();
        if (!p.TryRead("("))
        {
            error = "expected '(' after '" + op + "'";
            return false;
        }

        var values = 0;
        while (true)
        {
            p.SkipSpaces();
            var v = p.ReadWord();
            if (!ValueOk(v, out error))
            {
                return false;
            }

            if (v.Length > 0)
            {
                values++;
            }

            p.SkipSpaces();
            if (p.TryRead(","))
            {
                continue;
            }

            if (p.TryRead(")"))
            {
                break;
            }

            error = "expected ',' or ')' in the value list of '" + key + "'";
            return false;
        }

        if (values == 0)
        {
            error = "for 'in' and 'notin' operators, values can't be empty";
            return false;
        }

        return true;
    }

    private static bool ValueOk(string value, out string error)
    {
        error = ValueError(value) ?? string.Empty;
        return error.Length == 0;
    }

    private struct Cursor(string text)
    {
        private readonly string _text = text;

        public int Position { get; set; }

        public readonly bool AtEnd => Position >= _text.Length;

        public readonly char Current => _text[Position];

        public void SkipSpaces()
        {
            while (!AtEnd && char.IsWhiteSpace(Current))
            {
                Position++;
            }
        }

        public bool TryRead(string token)
        {
            if (string.CompareOrdinal(_text, Position, token, 0, token.Length) == 0 && Position + token.Length <= _text.Length)
            {
                Position += token.Length;
                return true;
            }

            return false;
        }

        public string ReadWord()
        {
            var start = Position;
            while (!AtEnd && !char.IsWhiteSpace(Current) && Array.IndexOf(Specials, Current) < 0)
            {
                Position++;
            }

            return _text.Substring(start, Position - start);
        }

        private static readonly char[] Specials = ['=', '!', ',', '(', ')', '<', '>'];
    }
}

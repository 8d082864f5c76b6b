using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using Pipelines.Argo.Yaml;

namespace Pipelines.Argo.Events.Validation;

/// <summary>Go's <c>strconv</c> and <c>regexp</c> acceptance, as far as filter values need it.</summary>
internal static class GoValues
{
    /// <summary>Go's <c>strconv.ParseBool</c>.</summary>
    public static bool TryParseBool(string text, out bool value)
    {
        switch (text)
        {
            case "1" or "t" or "T" or "TRUE" or "true" or "True":
                value = true;
                return true;
            case "0" or "f" or "F" or "FALSE" or "false" or "False":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>Go's <c>strconv.ParseFloat(s, 64)</c> for decimal numbers, infinities and NaN.</summary>
    public static bool TryParseFloat(string text, out double value)
    {
        var t = text.ToLowerInvariant();
        switch (t)
        {
            case "inf" or "+inf" or "infinity" or "+infinity":
                value = double.PositiveInfinity;
                return true;
            case "-inf" or "-infinity":
                value = double.NegativeInfinity;
                return true;
            case "nan":
                value = double.NaN;
                return true;
        }

        return double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>True when <paramref name="pattern"/> compiles as a Go (RE2) regular expression, as far as .NET can tell.</summary>
    public static bool TryRegex(string pattern, out string error)
    {
        error = string.Empty;
        if (pattern.Contains("(?=") || pattern.Contains("(?!") || pattern.Contains("(?<=") || pattern.Contains("(?<!"))
        {
            error = "Go regular expressions (RE2) have no lookaround";
            return false;
        }

        if (Regex.IsMatch(pattern, @"(^|[^\\])\\[1-9]"))
        {
            error = "Go regular expressions (RE2) have no backreferences";
            return false;
        }

        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            return true;
        }
        catch (ArgumentException e)
        {
            error = e.Message;
            return false;
        }
    }
}

/// <summary>The variables of a govaluate expression (expr filters), found by a tokenizer, without evaluating it.</summary>
internal static class GovaluateScan
{
    private const string Operators = "+-*/%&|^!~=<>?:,";

    public static bool TryVariables(string expr, out List<string> variables, out string error)
    {
        variables = [];
        error = string.Empty;
        var depth = 0;
        var i = 0;
        while (i < expr.Length)
        {
            var c = expr[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '\'' or '"')
            {
                var end = i + 1;
                while (end < expr.Length && expr[end] != c)
                {
                    end += expr[end] == '\\' ? 2 : 1;
                }

                if (end >= expr.Length)
                {
                    error = "unclosed string literal";
                    return false;
                }

                i = end + 1;
            }
            else if (char.IsDigit(c))
            {
                while (i < expr.Length && (char.IsLetterOrDigit(expr[i]) || expr[i] == '.'))
                {
                    i++;
                }
            }
            else if (c == '[')
            {
                var end = expr.IndexOf(']', i);
                if (end < 0)
                {
                    error = "unclosed [ in a variable name";
                    return false;
                }

                Add(variables, expr.Substring(i + 1, end - i - 1));
                i = end + 1;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < expr.Length && (char.IsLetterOrDigit(expr[i]) || expr[i] is '_' or '.'))
                {
                    i++;
                }

                var word = expr.Substring(start, i - start);
                var next = i;
                while (next < expr.Length && char.IsWhiteSpace(expr[next]))
                {
                    next++;
                }

                if (next < expr.Length && expr[next] == '(' && word is not ("in" or "IN"))
                {
                    error = $"undefined function {word}";
                    return false;
                }

                if (word is not ("true" or "false" or "in" or "IN"))
                {
                    Add(variables, word);
                }
            }
            else if (c == '(')
            {
                depth++;
                i++;
            }
            else if (c == ')')
            {
                if (--depth < 0)
                {
                    error = "unbalanced parenthesis";
                    return false;
                }

                i++;
            }
            else if (Operators.IndexOf(c) >= 0)
            {
                i++;
            }
            else
            {
                error = $"invalid character '{c}'";
                return false;
            }
        }

        if (depth != 0)
        {
            error = "unbalanced parenthesis";
            return false;
        }

        return true;
    }

    private static void Add(List<string> list, string name)
    {
        if (!list.Contains(name))
        {
            list.Add(name);
        }
    }
}

/// <summary>The dependency names of a trigger's <c>conditions</c> (names joined by <c>&amp;&amp;</c>, <c>||</c>, <c>!</c> and parentheses).</summary>
internal static class ConditionsScan
{
    public static bool TryNames(string text, out List<string> names, out string error)
    {
        var found = new List<string>();
        names = found;
        error = string.Empty;
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')' or '!')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if ((c == '&' || c == '|') && i + 1 < text.Length && text[i + 1] == c)
            {
                tokens.Add(new string(c, 2));
                i += 2;
            }
            else if (char.IsLetterOrDigit(c) || c is '_' or '-' or '.')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '-' or '.'))
                {
                    i++;
                }

                tokens.Add(text.Substring(start, i - start));
            }
            else
            {
                error = $"unexpected '{c}'";
                return false;
            }
        }

        var pos = 0;
        bool Expr()
        {
            if (!Term())
            {
                return false;
            }

            while (pos < tokens.Count && tokens[pos] is "&&" or "||")
            {
                pos++;
                if (!Term())
                {
                    return false;
                }
            }

            return true;
        }

        bool Term()
        {
            while (pos < tokens.Count && tokens[pos] == "!")
            {
                pos++;
            }

            if (pos >= tokens.Count)
            {
                return false;
            }

            if (tokens[pos] == "(")
            {
                pos++;
                if (!Expr() || pos >= tokens.Count || tokens[pos] != ")")
                {
                    return false;
                }

                pos++;
                return true;
            }

            if (tokens[pos] is ")" or "&&" or "||")
            {
                return false;
            }

            if (!found.Contains(tokens[pos]))
            {
                found.Add(tokens[pos]);
            }

            pos++;
            return true;
        }

        if (!Expr() || pos != tokens.Count)
        {
            error = "expected dependency names joined by &&, || and parentheses";
            return false;
        }

        return true;
    }
}

/// <summary>Checks an sjson <c>dest</c> path against the resource it writes into (RT-06).</summary>
internal static class DestPath
{
    /// <summary>Splits an sjson path at unescaped dots.</summary>
    public static List<string> Split(string path)
    {
        var parts = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] == '\\' && i + 1 < path.Length)
            {
                current.Append(path[++i]);
            }
            else if (path[i] == '.')
            {
                parts.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(path[i]);
            }
        }

        parts.Add(current.ToString());
        return parts;
    }

    /// <summary>A description of the problem when <paramref name="dest"/> indexes past the end of a list; null otherwise.</summary>
    public static string? FindOverrun(YamlValue resource, string dest)
    {
        YamlValue? node = resource;
        var walked = new List<string>();
        foreach (var part in Split(dest))
        {
            switch (node)
            {
                case YamlSequence seq when int.TryParse(part, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index):
                    if (index == -1)
                    {
                        return null;
                    }

                    if (index == seq.Items.Count)
                    {
                        // sjson appends at the end.
                        return null;
                    }

                    if (index < 0 || index > seq.Items.Count)
                    {
                        return $"position {part} is past the end of {string.Join(".", walked)} ({seq.Items.Count.ToString(CultureInfo.InvariantCulture)} items); Argo Events pads the list with nulls, which breaks the object. Add the item to the resource, or use -1 to append";
                    }

                    node = seq.Items[index];
                    break;
                case YamlMapping map:
                    node = map.Get(part);
                    if (node is null)
                    {
                        return null;
                    }

                    break;
                default:
                    return null;
            }

            walked.Add(part);
        }

        return null;
    }
}

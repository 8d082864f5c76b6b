using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Pipelines.Runner.Expressions;

/// <summary>
/// A small JSONPath subset for the <c>jsonpath(json, path)</c> expression function: <c>$</c>, <c>.name</c>,
/// <c>['name']</c>, <c>[n]</c>, <c>[*]</c>, <c>.*</c> and filters <c>[?(@.field OP literal)]</c>. A definite path
/// returns the value; a path with a wildcard or filter returns a list.
/// </summary>
internal static class JsonPath
{
    public static object? Query(string json, string path)
    {
        object? root;
        try
        {
            root = Expr.FromJson(json);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new ExprException("jsonpath: the first argument is not JSON: " + e.Message);
        }

        path = path.Trim();
        if (!path.StartsWith('$'))
        {
            throw new ExprException("jsonpath: a path starts with $");
        }

        var current = new List<object?> { root };
        var definite = true;
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                i++;
                if (i < path.Length && path[i] == '*')
                {
                    i++;
                    definite = false;
                    current = current.SelectMany(Children).ToList();
                    continue;
                }

                var start = i;
                while (i < path.Length && path[i] != '.' && path[i] != '[')
                {
                    i++;
                }

                var name = path[start..i];
                current = current.Select(c => c is Dictionary<string, object?> m && m.TryGetValue(name, out var v) ? v : Missing).Where(v => !ReferenceEquals(v, Missing)).ToList();
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0)
                {
                    throw new ExprException("jsonpath: unclosed [");
                }

                var inner = path[(i + 1)..end].Trim();
                if (inner.StartsWith("?(", StringComparison.Ordinal))
                {
                    // The filter may contain ']' inside literals; find the closing ")]".
                    var close = path.IndexOf(")]", i, StringComparison.Ordinal);
                    inner = path[(i + 1)..(close + 1)].Trim();
                    end = close + 1;
                    definite = false;
                    var filter = inner[2..^1];
                    current = current.SelectMany(Children).Where(c => Filter(c, filter)).ToList();
                }
                else if (inner == "*")
                {
                    definite = false;
                    current = current.SelectMany(Children).ToList();
                }
                else if (inner.StartsWith('\'') || inner.StartsWith('"'))
                {
                    var name = inner[1..^1];
                    current = current.Select(c => c is Dictionary<string, object?> m && m.TryGetValue(name, out var v) ? v : Missing).Where(v => !ReferenceEquals(v, Missing)).ToList();
                }
                else if (int.TryParse(inner, NumberStyles.Integer, CultureInfo.InvariantCulture, out var index))
                {
                    current = current.Select(c => c is List<object?> l && (index < 0 ? l.Count + index : index) is var k && k >= 0 && k < l.Count ? l[k] : Missing).Where(v => !ReferenceEquals(v, Missing)).ToList();
                }
                else
                {
                    throw new ExprException("jsonpath: unsupported selector [" + inner + "] (see docs/runner.md)");
                }

                i = end + 1;
            }
            else
            {
                throw new ExprException("jsonpath: unexpected '" + path[i] + "'");
            }
        }

        if (definite)
        {
            return current.Count == 1 ? current[0] : throw new ExprException("jsonpath: no match for " + path);
        }

        return current;
    }

    private static readonly object Missing = new();

    private static IEnumerable<object?> Children(object? c) => c switch
    {
        List<object?> l => l,
        Dictionary<string, object?> m => m.Values,
        _ => [],
    };

    private static bool Filter(object? item, string filter)
    {
        if (filter.Contains("&&", StringComparison.Ordinal))
        {
            return filter.Split("&&").All(f => Filter(item, f.Trim()));
        }

        if (filter.Contains("||", StringComparison.Ordinal))
        {
            return filter.Split("||").Any(f => Filter(item, f.Trim()));
        }

        // @.field OP literal, with OP one of == != > < >= <=
        string[] ops = ["==", "!=", ">=", "<=", ">", "<"];
        foreach (var op in ops)
        {
            var at = filter.IndexOf(op, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var left = filter[..at].Trim();
            var right = filter[(at + op.Length)..].Trim();
            if (!left.StartsWith("@.", StringComparison.Ordinal))
            {
                throw new ExprException("jsonpath: unsupported filter " + filter);
            }

            if (item is not Dictionary<string, object?> m || !m.TryGetValue(left[2..], out var value))
            {
                return false;
            }

            object? literal = right.StartsWith('\'') || right.StartsWith('"') ? right[1..^1] : double.TryParse(right, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : throw new ExprException("jsonpath: unsupported filter value " + right);
            if (op is "==" or "!=")
            {
                var eq = Evaluator.ValueEquals(value, literal);
                return op == "==" ? eq : !eq;
            }

            if (!Evaluator.IsNumber(value) || !Evaluator.IsNumber(literal))
            {
                return false;
            }

            var cmp = Evaluator.ToDouble(value).CompareTo(Evaluator.ToDouble(literal));
            return op switch { ">" => cmp > 0, "<" => cmp < 0, ">=" => cmp >= 0, _ => cmp <= 0 };
        }

        throw new ExprException("jsonpath: unsupported filter " + filter);
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Pipelines.Argo.Yaml;
using Pipelines.Runner.Expressions;

namespace Pipelines.Runner.Engine;

/// <summary>A substitution failed in a strict context.</summary>
internal sealed class SubstitutionException(string message) : Exception(message);

/// <summary>
/// A flat variable scope (SUB-01..SUB-10): keys such as <c>inputs.parameters.x</c> map to text; a
/// <see langword="null"/> value is an absent optional (output of a Skipped/Omitted node without default).
/// </summary>
internal sealed class Scope
{
    private readonly Dictionary<string, string?> _values;
    private Dictionary<string, object?>? _env;

    public Scope()
        : this(new Dictionary<string, string?>(StringComparer.Ordinal))
    {
    }

    /// <summary>A scope layered over <paramref name="parent"/>: own keys win, the parent's stay live.</summary>
    public Scope(Scope parent)
        : this(new Dictionary<string, string?>(StringComparer.Ordinal)) => Parent = parent;

    private Scope(Dictionary<string, string?> values) => _values = values;

    public Scope? Parent { get; }

    // Keys whose expression value is a map or list parsed from JSON (loop aggregates in expressions, SUB-07). Most
    // scopes have none, so the map is made by the first SetObject; until then Objects is a shared empty map, only read.
    private Dictionary<string, object?>? _objects;

    private static readonly Dictionary<string, object?> NoObjects = new(StringComparer.Ordinal);

    private Dictionary<string, object?> Objects => _objects ?? NoObjects;

    public Scope Clone()
    {
        var s = Parent is null ? new Scope(new Dictionary<string, string?>(_values, StringComparer.Ordinal)) : new Scope(Parent);
        if (Parent is not null)
        {
            foreach (var p in _values)
            {
                s._values[p.Key] = p.Value;
            }
        }

        foreach (var p in Objects)
        {
            s.SetObject(p.Key, p.Value);
        }

        return s;
    }

    public void Set(string key, string? value)
    {
        _values[key] = value;
        _env = null;
    }

    public void SetObject(string key, object? value)
    {
        (_objects ??= new Dictionary<string, object?>(StringComparer.Ordinal))[key] = value;
        _env = null;
    }

    public void Remove(string key)
    {
        _values.Remove(key);
        _env = null;
    }

    public bool TryGet(string key, out string? value) => _values.TryGetValue(key, out value) || (Parent is not null && Parent.TryGet(key, out value));

    public bool Contains(string key) => _values.ContainsKey(key) || (Parent?.Contains(key) ?? false);

    private IEnumerable<KeyValuePair<string, string?>> All() => Parent is null ? _values : Parent.All().Where(p => !_values.ContainsKey(p.Key)).Concat(_values);

    private IEnumerable<KeyValuePair<string, object?>> AllObjects() => Parent is null ? Objects : Parent.AllObjects().Where(p => !Objects.ContainsKey(p.Key)).Concat(Objects);

    /// <summary>The nested-map environment for expressions (SUB-07).</summary>
    public Dictionary<string, object?> Env()
    {
        if (_env is not null && Parent is null)
        {
            return _env;
        }

        var root = new Dictionary<string, object?>(StringComparer.Ordinal);
        var objects = AllObjects().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var values = All().ToList();

        // Shorter keys first so that a longer key (a.b) replaces a shorter one (a) that is a prefix.
        foreach (var p in values.OrderBy(p => p.Key.Length))
        {
            object? value = objects.TryGetValue(p.Key, out var o) ? o : p.Value;
            Put(root, p.Key, value);
        }

        foreach (var p in objects.Where(p => !values.Any(v => v.Key == p.Key)))
        {
            Put(root, p.Key, p.Value);
        }

        _env = root;
        return root;
    }

    private static void Put(Dictionary<string, object?> root, string key, object? value)
    {
        var parts = key.Split('.');
        var map = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (!map.TryGetValue(parts[i], out var next) || next is not Dictionary<string, object?> child)
            {
                child = new Dictionary<string, object?>(StringComparer.Ordinal);
                map[parts[i]] = child;
            }

            map = child;
        }

        var last = parts[^1];
        if (map.TryGetValue(last, out var existing) && existing is Dictionary<string, object?> && value is not Dictionary<string, object?>)
        {
            return;
        }

        map[last] = value;
    }
}

/// <summary>Replaces <c>{{...}}</c> and <c>{{=...}}</c> tags.</summary>
internal static class Substitution
{
    private static readonly string[] LateBound = ["item", "retries", "lastRetry", "workflow.status", "workflow.failures"];

    /// <summary>True when the text holds a tag.</summary>
    public static bool HasTags(string? text) => text is not null && text.Contains("{{", StringComparison.Ordinal);

    /// <summary>
    /// Substitutes the tags of <paramref name="text"/>. Lenient mode leaves unknown simple tags and failing expressions verbatim
    /// (SUB-02, SUB-06); strict mode throws <see cref="SubstitutionException"/> for them (LOOP-05).
    /// </summary>
    public static string Apply(string text, Scope scope, bool strict, Func<string, bool>? keepVerbatim = null)
    {
        if (!HasTags(text))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        var i = 0;
        var wholeTag = false;
        while (i < text.Length)
        {
            var open = text.IndexOf("{{", i, StringComparison.Ordinal);
            if (open < 0)
            {
                sb.Append(text, i, text.Length - i);
                break;
            }

            var close = text.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                sb.Append(text, i, text.Length - i);
                break;
            }

            sb.Append(text, i, open - i);
            var inner = text.Substring(open + 2, close - open - 2);
            var tag = text.Substring(open, close - open + 2);
            wholeTag = open == 0 && close + 2 == text.Length;
            i = close + 2;
            if (inner.StartsWith('='))
            {
                sb.Append(Expression(inner.Substring(1), tag, scope, strict));
                continue;
            }

            var key = inner.Trim();
            if (keepVerbatim is not null && keepVerbatim(key))
            {
                sb.Append(tag);
                continue;
            }

            if (scope.TryGet(key, out var value))
            {
                if (value is null)
                {
                    if (strict || !wholeTag)
                    {
                        throw new SubstitutionException($"{tag} is an absent optional (skipped/omitted node output with no default)");
                    }

                    // Whole-tag reference to an absent optional: callers check AbsentReference first (SUB-10).
                    sb.Append(tag);
                    continue;
                }

                sb.Append(value);
            }
            else if (NestedTag(inner, text, scope, ref i) is { } nested)
            {
                sb.Append(nested);
            }
            else if (strict)
            {
                throw new SubstitutionException("failed to resolve " + tag);
            }
            else
            {
                sb.Append(tag);
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// A tag with a tag inside (<c>{{steps.run-{{inputs.parameters.d}}.status}}</c>): the scan stops at the inner
    /// tag's end, so the text up to the last <c>{{</c> is a prefix and what follows it names the inner value, as in
    /// util/template simpleReplaceStrict. A known inner value (Go-quoted, without the quotes) is put in and the outer
    /// tag written back open, its rest following as text; here that outer tag is resolved at once when the scope has
    /// it. An absent optional inside is an error. Null when the tag has no known inner tag.
    /// </summary>
    private static string? NestedTag(string inner, string text, Scope scope, ref int i)
    {
        var index = inner.LastIndexOf("{{", StringComparison.Ordinal);
        if (index <= 0 || !scope.TryGet(inner[(index + 2)..], out var nestedValue))
        {
            return null;
        }

        var nestedTag = inner[(index + 2)..];
        if (nestedValue is null)
        {
            throw new SubstitutionException($"unable to substitute nested tag {{{{{inner}}}}}: \"{nestedTag}\" is an absent optional");
        }

        var quoted = System.Text.Json.JsonSerializer.Serialize(nestedValue, Expressions.JsonOptions.Relaxed);
        var opened = inner[..index] + quoted[1..^1];
        var close = text.IndexOf("}}", i, StringComparison.Ordinal);
        if (close >= 0 && scope.TryGet((opened + text[i..close]).Trim(), out var outer) && outer is not null)
        {
            i = close + 2;
            return outer;
        }

        return "{{" + opened;
    }

    /// <summary>True when <paramref name="text"/> is exactly one simple tag naming an absent optional (SUB-10).</summary>
    public static bool IsAbsentReference(string text, Scope scope)
    {
        var t = text.Trim();
        if (!t.StartsWith("{{", StringComparison.Ordinal) || !t.EndsWith("}}", StringComparison.Ordinal) || t.IndexOf("{{", 2, StringComparison.Ordinal) >= 0)
        {
            return false;
        }

        var key = t[2..^2].Trim();
        return !key.StartsWith('=') && scope.TryGet(key, out var v) && v is null;
    }

    private static string Expression(string expression, string tag, Scope scope, bool strict)
    {
        var env = scope.Env();
        if (!strict && LateBound.Any(v => Mentions(expression, v) && !Defined(env, v)))
        {
            return tag;
        }

        try
        {
            var value = Expr.Evaluate(expression, env);
            if (value is null)
            {
                if (strict)
                {
                    throw new SubstitutionException("expression " + tag + " evaluated to nil");
                }

                return tag;
            }

            return Expr.ToTemplateText(value);
        }
        catch (ExprException e)
        {
            if (strict)
            {
                throw new SubstitutionException("failed to evaluate " + tag + ": " + e.Message);
            }

            return tag;
        }
    }

    private static bool Mentions(string expression, string name)
    {
        var at = 0;
        while ((at = expression.IndexOf(name, at, StringComparison.Ordinal)) >= 0)
        {
            var before = at == 0 ? ' ' : expression[at - 1];
            var afterIndex = at + name.Length;
            var after = afterIndex < expression.Length ? expression[afterIndex] : ' ';
            if (!char.IsLetterOrDigit(before) && before != '_' && before != '.' && !char.IsLetterOrDigit(after) && after != '_' && after != '-')
            {
                return true;
            }

            at = afterIndex;
        }

        return false;
    }

    private static bool Defined(Dictionary<string, object?> env, string dotted)
    {
        object? current = env;
        foreach (var part in dotted.Split('.'))
        {
            if (current is not Dictionary<string, object?> map || !map.TryGetValue(part, out current))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Substitutes every string scalar of a YAML tree (the JSON-text substitution of SUB-02, per value).</summary>
    public static YamlValue ApplyTree(YamlValue node, Scope scope, bool strict, Func<string, bool>? keepVerbatim = null)
    {
        switch (node)
        {
            case YamlScalar s when HasTags(s.Value):
                var replaced = Apply(s.Value, scope, strict, keepVerbatim);
                return replaced == s.Value ? s : new YamlScalar(replaced, YamlScalarStyle.DoubleQuoted, null, s.Line, s.Column);
            case YamlSequence seq:
                {
                    var copy = new YamlSequence(seq.Line, seq.Column);
                    copy.Items.AddRange(seq.Items.Select(x => ApplyTree(x, scope, strict, keepVerbatim)));
                    return copy;
                }

            case YamlMapping map:
                {
                    var copy = new YamlMapping(map.Line, map.Column);
                    foreach (var e in map.Entries)
                    {
                        copy.Entries.Add(new YamlEntry(e.Key, ApplyTree(e.Value, scope, strict, keepVerbatim)));
                    }

                    return copy;
                }

            default:
                return node;
        }
    }

    /// <summary>True when any string scalar in the tree holds a tag.</summary>
    public static bool TreeHasTags(YamlValue node) => node switch
    {
        YamlScalar s => HasTags(s.Value),
        YamlSequence seq => seq.Items.Any(TreeHasTags),
        YamlMapping map => map.Entries.Any(e => TreeHasTags(e.Value)),
        _ => false,
    };

    /// <summary>Every string scalar of a tree, concatenated (for reference scans such as OUT-01).</summary>
    public static void CollectText(YamlValue node, StringBuilder sb)
    {
        switch (node)
        {
            case YamlScalar s: sb.Append(s.Value).Append('\n'); break;
            case YamlSequence seq: seq.Items.ForEach(x => CollectText(x, sb)); break;
            case YamlMapping map: map.Entries.ForEach(e => CollectText(e.Value, sb)); break;
        }
    }
}

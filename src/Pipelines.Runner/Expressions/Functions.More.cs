using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Pipelines.Runner.Expressions;

/// <summary>
/// The rest of the pure functions Argo's expression environment offers: expr-lang's built-ins (strings, lists, maps,
/// math, bits) and sprig's function map under <c>sprig.</c> (strings, regexes, lists, dicts, math, encodings, paths).
/// Argument orders follow each library (sprig puts the subject last). Functions that read the clock or randomness
/// are not here: a local run would not reproduce them.
/// </summary>
internal static partial class Functions
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    private static object? More(string name, List<object?> a)
    {
        var bare = name.StartsWith("sprig.must", StringComparison.Ordinal) && name.Length > 10
            ? "sprig." + char.ToLowerInvariant(name[10]) + name[11..]
            : name;
        switch (bare)
        {
            // ---- expr-lang built-ins ----
            case "trimPrefix": return S(a, 0).StartsWith(S(a, 1), StringComparison.Ordinal) ? S(a, 0)[S(a, 1).Length..] : S(a, 0);
            case "trimSuffix": return S(a, 0).EndsWith(S(a, 1), StringComparison.Ordinal) ? S(a, 0)[..^S(a, 1).Length] : S(a, 0);
            case "hasPrefix": return S(a, 0).StartsWith(S(a, 1), StringComparison.Ordinal);
            case "hasSuffix": return S(a, 0).EndsWith(S(a, 1), StringComparison.Ordinal);
            case "indexOf": return (long)S(a, 0).IndexOf(S(a, 1), StringComparison.Ordinal);
            case "lastIndexOf": return (long)S(a, 0).LastIndexOf(S(a, 1), StringComparison.Ordinal);
            case "repeat": return string.Concat(Enumerable.Repeat(S(a, 0), (int)ToInt(a[1], false)));
            case "splitAfter": return SplitAfter(S(a, 0), S(a, 1));
            case "ceil": return Math.Ceiling(Evaluator.ToDouble(a[0]));
            case "floor": return Math.Floor(Evaluator.ToDouble(a[0]));
            case "round": return Math.Round(Evaluator.ToDouble(a[0]), MidpointRounding.AwayFromZero);
            case "median":
                {
                    var xs = L(a, 0).Select(Evaluator.ToDouble).OrderBy(x => x).ToList();
                    return xs.Count == 0 ? 0d : xs.Count % 2 == 1 ? xs[xs.Count / 2] : (xs[(xs.Count / 2) - 1] + xs[xs.Count / 2]) / 2;
                }

            case "get":
                return a[0] switch
                {
                    Dictionary<string, object?> dm => dm.TryGetValue(Expr.ToTemplateText(a[1]), out var v) ? v : null,
                    List<object?> l when ToInt(a[1], false) is var i => i >= 0 && i < l.Count ? l[(int)i] : i < 0 && -i <= l.Count ? l[l.Count + (int)i] : null,
                    _ => null,
                };
            case "toPairs": return M(a, 0).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (object?)new List<object?> { p.Key, p.Value }).ToList();
            case "fromPairs": return L(a, 0).OfType<List<object?>>().Where(p => p.Count == 2).ToDictionary(p => Expr.ToTemplateText(p[0]), p => p[1], StringComparer.Ordinal);
            case "sort":
                {
                    var list = L(a, 0).ToList();
                    list.Sort(Evaluator.CompareValues);
                    if (a.Count > 1 && S(a, 1) == "desc")
                    {
                        list.Reverse();
                    }

                    return list;
                }

            case "reverse" or "sprig.reverse": return Enumerable.Reverse(L(a, 0)).ToList();
            case "uniq" or "sprig.uniq": return Uniq(L(a, 0));
            case "flatten": return Flatten(L(a, 0));
            case "concat": return a.SelectMany(x => x as List<object?> ?? throw new ExprException("concat needs arrays")).ToList();
            case "type": return TypeName(a[0]);
            case "bitand": return ToInt(a[0], false) & ToInt(a[1], false);
            case "bitor": return ToInt(a[0], false) | ToInt(a[1], false);
            case "bitxor": return ToInt(a[0], false) ^ ToInt(a[1], false);
            case "bitnand": return ToInt(a[0], false) & ~ToInt(a[1], false);
            case "bitnot": return ~ToInt(a[0], false);
            case "bitshl": return ToInt(a[0], false) << (int)ToInt(a[1], false);
            case "bitshr": return ToInt(a[0], false) >> (int)ToInt(a[1], false);
            case "bitushr": return (long)((ulong)ToInt(a[0], false) >> (int)ToInt(a[1], false));

            // ---- sprig: strings ----
            case "sprig.title": return string.Join(' ', S(a, 0).Split(' ').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]));
            case "sprig.untitle": return string.Join(' ', S(a, 0).Split(' ').Select(w => w.Length == 0 ? w : char.ToLowerInvariant(w[0]) + w[1..]));
            case "sprig.substr":
                {
                    var s = S(a, 2);
                    var start = (int)ToInt(a[0], true);
                    var end = (int)ToInt(a[1], true);
                    if (start < 0)
                    {
                        return s[..Math.Min(Math.Max(end, 0), s.Length)];
                    }

                    if (end < 0 || end > s.Length)
                    {
                        return start > s.Length ? string.Empty : s[start..];
                    }

                    return start > end ? string.Empty : s[start..end];
                }

            case "sprig.nospace": return string.Concat(S(a, 0).Where(c => !char.IsWhiteSpace(c)));
            case "sprig.trunc":
                {
                    var n = (int)ToInt(a[0], true);
                    var s = S(a, 1);
                    return n >= 0 ? s[..Math.Min(n, s.Length)] : s[Math.Max(0, s.Length + n)..];
                }

            case "sprig.abbrev":
                {
                    var width = (int)ToInt(a[0], true);
                    var s = S(a, 1);
                    return width < 4 || s.Length <= width ? s : s[..(width - 3)] + "...";
                }

            case "sprig.initials": return string.Concat(S(a, 0).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(w => w[0]));
            case "sprig.trimAll": return S(a, 1).Trim(S(a, 0).ToCharArray());
            case "sprig.squote": return string.Join(' ', a.Where(x => x is not null).Select(x => "'" + Expr.ToGoText(x) + "'"));
            case "sprig.cat": return string.Join(' ', a.Where(x => x is not null).Select(Expr.ToGoText));
            case "sprig.indent": return Indent((int)ToInt(a[0], true), S(a, 1));
            case "sprig.nindent": return "\n" + Indent((int)ToInt(a[0], true), S(a, 1));
            case "sprig.plural": return ToInt(a[2], true) == 1 ? S(a, 0) : S(a, 1);
            case "sprig.snakecase": return Words(S(a, 0), "_", lower: true);
            case "sprig.kebabcase": return Words(S(a, 0), "-", lower: true);
            case "sprig.camelcase": return string.Concat(Regex.Split(S(a, 0), "[_\\-\\s]+", RegexOptions.None, RegexTimeout).Where(w => w.Length > 0).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
            case "sprig.swapcase": return string.Concat(S(a, 0).Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)));
            case "sprig.toStrings": return L(a, 0).Select(x => (object?)Expr.ToGoText(x)).ToList();
            case "sprig.split":
                {
                    var parts = S(a, 1).Split(S(a, 0));
                    var d = new Dictionary<string, object?>(StringComparer.Ordinal);
                    for (var i = 0; i < parts.Length; i++)
                    {
                        d["_" + i.ToString(CultureInfo.InvariantCulture)] = parts[i];
                    }

                    return d;
                }

            case "sprig.splitn": return S(a, 2).Split(S(a, 0), (int)ToInt(a[1], true)).Cast<object?>().ToList();
            case "sprig.sortAlpha": return L(a, 0).Select(Expr.ToGoText).OrderBy(x => x, StringComparer.Ordinal).Cast<object?>().ToList();
            case "sprig.regexMatch": return Regex.IsMatch(S(a, 1), S(a, 0), RegexOptions.None, RegexTimeout);
            case "sprig.regexFind": return Regex.Match(S(a, 1), S(a, 0), RegexOptions.None, RegexTimeout) is { Success: true } found ? found.Value : string.Empty;
            case "sprig.regexFindAll":
                {
                    var n = (int)ToInt(a[2], true);
                    var all = Regex.Matches(S(a, 1), S(a, 0), RegexOptions.None, RegexTimeout).Select(m => (object?)m.Value);
                    return (n < 0 ? all : all.Take(n)).ToList();
                }

            case "sprig.regexReplaceAll": return Regex.Replace(S(a, 1), S(a, 0), GoReplacement(S(a, 2)), RegexOptions.None, RegexTimeout);
            case "sprig.regexReplaceAllLiteral": return Regex.Replace(S(a, 1), S(a, 0), S(a, 2).Replace("$", "$$", StringComparison.Ordinal), RegexOptions.None, RegexTimeout);
            case "sprig.regexSplit":
                {
                    var n = (int)ToInt(a[2], true);
                    var parts = new Regex(S(a, 0), RegexOptions.None, RegexTimeout).Split(S(a, 1), n < 0 ? int.MaxValue : n);
                    return parts.Cast<object?>().ToList();
                }

            case "sprig.regexQuoteMeta": return Regex.Escape(S(a, 0));
            case "sprig.b32enc": return Base32(Encoding.UTF8.GetBytes(S(a, 0)));
            case "sprig.sha1sum": return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(S(a, 0))));
            case "sprig.sha256sum": return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(S(a, 0))));
            case "sprig.sha512sum": return Convert.ToHexStringLower(SHA512.HashData(Encoding.UTF8.GetBytes(S(a, 0))));
            case "sprig.adler32sum": return Adler32(Encoding.UTF8.GetBytes(S(a, 0))).ToString(CultureInfo.InvariantCulture);
            case "sprig.toDecimal": return Convert.ToInt64(S(a, 0), 8);

            // ---- sprig: math ----
            case "sprig.add1": return ToInt(a[0], true) + 1;
            case "sprig.mod": return ToInt(a[0], true) % ToInt(a[1], true);
            case "sprig.floor": return Math.Floor(ToFloat(a[0], true));
            case "sprig.ceil": return Math.Ceiling(ToFloat(a[0], true));
            case "sprig.addf": return a.Sum(x => ToFloat(x, true));
            case "sprig.add1f": return ToFloat(a[0], true) + 1;
            case "sprig.subf": return a.Skip(1).Aggregate(ToFloat(a[0], true), (p, x) => p - ToFloat(x, true));
            case "sprig.mulf": return a.Aggregate(1d, (p, x) => p * ToFloat(x, true));
            case "sprig.divf": return a.Skip(1).Aggregate(ToFloat(a[0], true), (p, x) => p / ToFloat(x, true));
            case "sprig.maxf": return a.Max(x => ToFloat(x, true));
            case "sprig.minf": return a.Min(x => ToFloat(x, true));
            case "sprig.seq": return Seq(a);
            case "sprig.until": return Range(0, ToInt(a[0], true), ToInt(a[0], true) >= 0 ? 1 : -1);
            case "sprig.untilStep": return Range(ToInt(a[0], true), ToInt(a[1], true), ToInt(a[2], true));

            // ---- sprig: lists ----
            case "sprig.rest": return L(a, 0).Skip(1).ToList();
            case "sprig.initial": return L(a, 0).Take(Math.Max(0, L(a, 0).Count - 1)).ToList();
            case "sprig.append" or "sprig.push": return L(a, 0).Append(a[1]).ToList();
            case "sprig.prepend": return L(a, 0).Prepend(a[1]).ToList();
            case "sprig.concat": return a.SelectMany(x => x as List<object?> ?? []).ToList();
            case "sprig.without": return L(a, 0).Where(x => !a.Skip(1).Any(y => Evaluator.ValueEquals(x, y))).ToList();
            case "sprig.has": return L(a, 1).Any(x => Evaluator.ValueEquals(x, a[0]));
            case "sprig.compact": return L(a, 0).Where(x => !IsEmpty(x)).ToList();
            case "sprig.slice":
                {
                    var list = L(a, 0);
                    var start = a.Count > 1 ? (int)ToInt(a[1], true) : 0;
                    var end = a.Count > 2 ? (int)ToInt(a[2], true) : list.Count;
                    return list.Skip(start).Take(Math.Max(0, end - start)).ToList();
                }

            case "sprig.chunk":
                {
                    var size = (int)ToInt(a[0], true);
                    return L(a, 1).Chunk(Math.Max(1, size)).Select(c => (object?)c.ToList()).ToList();
                }

            // ---- sprig: dicts ----
            case "sprig.get": return M(a, 0).TryGetValue(S(a, 1), out var gv) ? gv : string.Empty;
            case "sprig.set": { var d = M(a, 0); d[S(a, 1)] = a[2]; return d; }
            case "sprig.unset": { var d = M(a, 0); d.Remove(S(a, 1)); return d; }
            case "sprig.hasKey": return M(a, 0).ContainsKey(S(a, 1));
            case "sprig.pluck": return a.Skip(1).OfType<Dictionary<string, object?>>().Where(m => m.ContainsKey(S(a, 0))).Select(m => m[S(a, 0)]).ToList();
            case "sprig.keys": return a.OfType<Dictionary<string, object?>>().SelectMany(m => m.Keys).OrderBy(k => k, StringComparer.Ordinal).Cast<object?>().ToList();
            case "sprig.values": return M(a, 0).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value).ToList();
            case "sprig.pick": return M(a, 0).Where(p => a.Skip(1).Any(k => Expr.ToTemplateText(k) == p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            case "sprig.omit": return M(a, 0).Where(p => !a.Skip(1).Any(k => Expr.ToTemplateText(k) == p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            case "sprig.dig":
                {
                    object? current = a[^1];
                    foreach (var key in a.Take(a.Count - 2))
                    {
                        if (current is not Dictionary<string, object?> m || !m.TryGetValue(Expr.ToTemplateText(key), out current))
                        {
                            return a[^2];
                        }
                    }

                    return current;
                }

            case "sprig.merge":
                {
                    var dst = M(a, 0);
                    foreach (var src in a.Skip(1).OfType<Dictionary<string, object?>>())
                    {
                        foreach (var p in src)
                        {
                            dst.TryAdd(p.Key, p.Value);
                        }
                    }

                    return dst;
                }

            // ---- sprig: defaults, flow, types, encodings, paths ----
            case "sprig.coalesce": return a.FirstOrDefault(x => !IsEmpty(x));
            case "sprig.ternary": return a[2] is true ? a[0] : a[1];
            case "sprig.all": return a.All(x => !IsEmpty(x));
            case "sprig.any": return a.Any(x => !IsEmpty(x));
            case "sprig.toPrettyJson": return PrettyJson(a[0]);
            case "sprig.toRawJson": return Expr.ToJson(a[0]);
            case "sprig.kindOf": return KindOf(a[0]);
            case "sprig.kindIs": return KindOf(a[1]) == S(a, 0);
            case "sprig.typeOf": return GoTypeOf(a[0]);
            case "sprig.typeIs": return GoTypeOf(a[1]) == S(a, 0);
            case "sprig.deepEqual": return Expr.ToJson(a[0]) == Expr.ToJson(a[1]);
            case "sprig.base": return System.IO.Path.GetFileName(S(a, 0).TrimEnd('/')) is { Length: > 0 } b ? b : "/";
            case "sprig.dir": { var s = S(a, 0); var i = s.LastIndexOf('/'); return i < 0 ? "." : i == 0 ? "/" : s[..i]; }
            case "sprig.ext": { var s = S(a, 0); var i = s.LastIndexOf('.'); return i < 0 || s.LastIndexOf('/') > i ? string.Empty : s[i..]; }
            case "sprig.clean": return Engine.PathClean(S(a, 0));
            case "sprig.isAbs": return S(a, 0).StartsWith('/');
            case "sprig.atoi": return ToInt(a[0], true);
            case "sprig.int" or "sprig.int64" or "sprig.float64" or "sprig.toString" or "sprig.toJson" or "sprig.fromJson" or "sprig.upper" or "sprig.lower" or "sprig.trim" or "sprig.join" or "sprig.splitList" or "sprig.replace" or "sprig.b64enc" or "sprig.b64dec" or "sprig.first" or "sprig.last" or "sprig.default" or "sprig.empty" or "sprig.quote" or "sprig.contains" or "sprig.hasPrefix" or "sprig.hasSuffix" or "sprig.repeat" or "sprig.trimPrefix" or "sprig.trimSuffix" or "sprig.round" or "sprig.list" or "sprig.dict" or "sprig.add" or "sprig.sub" or "sprig.mul" or "sprig.div" or "sprig.max" or "sprig.min":
                return bare == name ? throw Unknown(name) : Call(bare, a);
            default:
                return Sprig(bare, a);
        }
    }

    private static ExprException Unknown(string name) =>
        new("unknown function " + name + " (not in the local runner's expression functions: getHostByName and the certificate functions are missing, env and expandenv are removed by Argo; see docs/runner.md)");

    private static string S(List<object?> a, int i) => i < a.Count ? a[i] as string ?? Expr.ToTemplateText(a[i]) : throw new ExprException($"missing argument {i + 1}");

    private static List<object?> L(List<object?> a, int i) => i < a.Count && a[i] is List<object?> l ? l : throw new ExprException($"argument {i + 1} must be an array");

    private static Dictionary<string, object?> M(List<object?> a, int i) => i < a.Count && a[i] is Dictionary<string, object?> m ? m : throw new ExprException($"argument {i + 1} must be a map");

    private static bool IsEmpty(object? v) => v switch
    {
        null => true,
        string s => s.Length == 0,
        bool b => !b,
        long l => l == 0,
        double d => d == 0,
        List<object?> l => l.Count == 0,
        Dictionary<string, object?> m => m.Count == 0,
        _ => false,
    };

    private static List<object?> SplitAfter(string s, string sep)
    {
        var result = new List<object?>();
        var at = 0;
        while (sep.Length > 0)
        {
            var i = s.IndexOf(sep, at, StringComparison.Ordinal);
            if (i < 0)
            {
                break;
            }

            result.Add(s[at..(i + sep.Length)]);
            at = i + sep.Length;
        }

        result.Add(s[at..]);
        return result;
    }

    private static List<object?> Uniq(List<object?> list)
    {
        var result = new List<object?>();
        foreach (var x in list)
        {
            if (!result.Any(y => Evaluator.ValueEquals(x, y)))
            {
                result.Add(x);
            }
        }

        return result;
    }

    private static List<object?> Flatten(List<object?> list) => list.SelectMany(x => x is List<object?> inner ? Flatten(inner) : [x]).ToList();

    private static string TypeName(object? v) => v switch
    {
        null => "nil",
        bool => "bool",
        long or int => "int",
        double => "float",
        string => "string",
        List<object?> => "array",
        Dictionary<string, object?> => "map",
        _ => "unknown",
    };

    private static string KindOf(object? v) => v switch
    {
        null => "invalid",
        bool => "bool",
        long or int => "int64",
        double => "float64",
        string => "string",
        List<object?> => "slice",
        Dictionary<string, object?> => "map",
        _ => "struct",
    };

    private static string GoTypeOf(object? v) => v switch
    {
        null => "<nil>",
        bool => "bool",
        long or int => "int64",
        double => "float64",
        string => "string",
        List<object?> => "[]interface {}",
        Dictionary<string, object?> => "map[string]interface {}",
        _ => "unknown",
    };

    private static string Indent(int n, string s)
    {
        var pad = new string(' ', Math.Max(0, n));
        return pad + s.Replace("\n", "\n" + pad, StringComparison.Ordinal);
    }

    private static string Words(string s, string sep, bool lower)
    {
        var spaced = Regex.Replace(s, "([a-z0-9])([A-Z])", "$1 $2", RegexOptions.None, RegexTimeout);
        var words = Regex.Split(spaced, "[_\\-\\s]+", RegexOptions.None, RegexTimeout).Where(w => w.Length > 0);
        return string.Join(sep, words.Select(w => lower ? w.ToLowerInvariant() : w));
    }

    /// <summary>Go's <c>${1}</c>/<c>$1</c> replacement syntax as .NET's (they agree except for <c>$name</c> forms).</summary>
    private static string GoReplacement(string repl) => repl;

    private static List<object?> Range(long start, long stop, long step)
    {
        var result = new List<object?>();
        if (step == 0)
        {
            return result;
        }

        for (var i = start; step > 0 ? i < stop : i > stop; i += step)
        {
            result.Add(i);
            if (result.Count > 1_000_000)
            {
                throw new ExprException("range too large");
            }
        }

        return result;
    }

    private static string Seq(List<object?> a)
    {
        long start = 1, step = 1, end;
        switch (a.Count)
        {
            case 1: end = ToInt(a[0], true); step = end >= 1 ? 1 : -1; break;
            case 2: start = ToInt(a[0], true); end = ToInt(a[1], true); step = end >= start ? 1 : -1; break;
            case 3: start = ToInt(a[0], true); step = ToInt(a[1], true); end = ToInt(a[2], true); break;
            default: return string.Empty;
        }

        if (step == 0 || (step > 0 && start > end) || (step < 0 && start < end))
        {
            return string.Empty;
        }

        var list = new List<string>();
        for (var i = start; step > 0 ? i <= end : i >= end; i += step)
        {
            list.Add(i.ToString(CultureInfo.InvariantCulture));
        }

        return string.Join(' ', list);
    }

    private static string Base32(byte[] data)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var sb = new StringBuilder();
        for (var i = 0; i < data.Length; i += 5)
        {
            var chunk = new byte[5];
            var n = Math.Min(5, data.Length - i);
            Array.Copy(data, i, chunk, 0, n);
            var bits = ((ulong)chunk[0] << 32) | ((ulong)chunk[1] << 24) | ((ulong)chunk[2] << 16) | ((ulong)chunk[3] << 8) | chunk[4];
            var chars = (int)Math.Ceiling(n * 8 / 5.0);
            for (var j = 0; j < 8; j++)
            {
                sb.Append(j < chars ? alphabet[(int)((bits >> (35 - (j * 5))) & 31)] : '=');
            }
        }

        return sb.ToString();
    }

    private static uint Adler32(byte[] data)
    {
        uint a = 1, b = 0;
        foreach (var x in data)
        {
            a = (a + x) % 65521;
            b = (b + a) % 65521;
        }

        return (b << 16) | a;
    }

    private static string PrettyJson(object? value)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(Expr.ToJson(value));
        var text = System.Text.Json.JsonSerializer.Serialize(doc.RootElement, new System.Text.Json.JsonSerializerOptions { WriteIndented = true, IndentSize = 2, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        return text;
    }

    private static class Engine
    {
        /// <summary>Go's <c>path.Clean</c>.</summary>
        public static string PathClean(string p)
        {
            if (p.Length == 0)
            {
                return ".";
            }

            var rooted = p.StartsWith('/');
            var parts = new List<string>();
            foreach (var part in p.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                if (part == ".")
                {
                    continue;
                }

                if (part == "..")
                {
                    if (parts.Count > 0 && parts[^1] != "..")
                    {
                        parts.RemoveAt(parts.Count - 1);
                    }
                    else if (!rooted)
                    {
                        parts.Add("..");
                    }

                    continue;
                }

                parts.Add(part);
            }

            var joined = string.Join('/', parts);
            return rooted ? "/" + joined : joined.Length == 0 ? "." : joined;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Pipelines.Runner.Expressions;

/// <summary>
/// The remaining pure functions of sprig v3.3.0's GenericFuncMap (functions.go), as Argo v4.1.2 exposes them under
/// <c>sprig.</c> (util/expr/env GetFuncMap): abbreviation and wrapping (goutils), URLs, file paths, deep copy and
/// overwriting merge, semantic version constraints (Masterminds/semver v3.3.0). Time is in Functions.Time.cs, random
/// and crypto functions in Functions.Crypto.cs; left out: getHostByName (network), the certificate functions, env.
/// </summary>
internal static partial class Functions
{
    private static object? Sprig(string name, List<object?> a)
    {
        switch (name)
        {
            case "sprig.hello": return "Hello!";
            case "sprig.fail": throw new ExprException(S(a, 0));
            case "sprig.tuple": return a.ToList();
            case "sprig.biggest": return Call("sprig.max", a);
            case "sprig.trimall": return S(a, 1).Trim(S(a, 0).ToCharArray());
            case "sprig.typeIsLike": return GoTypeOf(a[1]) == S(a, 0) || "*" + GoTypeOf(a[1]) == S(a, 0);
            case "sprig.osBase": return Call("sprig.base", a);
            case "sprig.osClean": return Call("sprig.clean", a);
            case "sprig.osDir": return Call("sprig.dir", a);
            case "sprig.osExt": return Call("sprig.ext", a);
            case "sprig.osIsAbs": return Call("sprig.isAbs", a);
            case "sprig.abbrevboth":
                {
                    var left = (int)ToInt(a[0], true);
                    var right = (int)ToInt(a[1], true);
                    var s = S(a, 2);
                    return right < 4 || (left > 0 && right < 7) ? s : AbbreviateFull(s, left, right);
                }

            case "sprig.wrap": return WrapCustom(S(a, 1), (int)ToInt(a[0], true), "\n", wrapLongWords: false);
            case "sprig.wrapWith": return WrapCustom(S(a, 2), (int)ToInt(a[0], true), S(a, 1), wrapLongWords: true);
            case "sprig.b32dec":
                {
                    // base32decode: the decoded bytes, or the decoder's error text.
                    return Base32Decode(S(a, 0)) is { } bytes ? Encoding.UTF8.GetString(bytes) : "illegal base32 data at input byte " + Base32ErrorAt(S(a, 0)).ToString(CultureInfo.InvariantCulture);
                }

            case "sprig.deepCopy": return DeepCopy(a[0]);
            case "sprig.mergeOverwrite":
                {
                    var dst = M(a, 0);
                    foreach (var src in a.Skip(1).OfType<Dictionary<string, object?>>())
                    {
                        MergeOverwrite(dst, src);
                    }

                    return dst;
                }

            case "sprig.urlParse": return UrlParse(S(a, 0));
            case "sprig.urlJoin": return UrlJoin(M(a, 0));
            case "sprig.semverCompare": return Semver.Compare(S(a, 0), S(a, 1));
            default:
                throw Unknown(name);
        }
    }

    /// <summary>goutils AbbreviateFull (Apache Commons' abbreviate with an offset), on bytes as Go slices strings.</summary>
    private static string AbbreviateFull(string s, int offset, int maxWidth)
    {
        if (s.Length == 0 || maxWidth < 4)
        {
            return string.Empty;
        }

        if (s.Length <= maxWidth)
        {
            return s;
        }

        offset = Math.Min(offset, s.Length);
        if (s.Length - offset < maxWidth - 3)
        {
            offset = s.Length - (maxWidth - 3);
        }

        if (offset <= 4)
        {
            return s[..(maxWidth - 3)] + "...";
        }

        if (maxWidth < 7)
        {
            return string.Empty;
        }

        return offset + maxWidth - 3 < s.Length
            ? "..." + AbbreviateFull(s[offset..], 0, maxWidth - 3)
            : "..." + s[(s.Length - (maxWidth - 3))..];
    }

    /// <summary>goutils WrapCustom: breaks at the last space that fits; long words wrapped or left whole.</summary>
    private static string WrapCustom(string s, int width, string newline, bool wrapLongWords)
    {
        if (s.Length == 0)
        {
            return string.Empty;
        }

        if (newline.Length == 0)
        {
            newline = "\n";
        }

        width = Math.Max(width, 1);
        var offset = 0;
        var sb = new StringBuilder();
        while (s.Length - offset > width)
        {
            if (s[offset] == ' ')
            {
                offset++;
                continue;
            }

            var space = s.LastIndexOf(' ', offset + width, width + 1);
            if (space >= offset)
            {
                sb.Append(s, offset, space - offset).Append(newline);
                offset = space + 1;
            }
            else if (wrapLongWords)
            {
                sb.Append(s, offset, width).Append(newline);
                offset += width;
            }
            else
            {
                var next = s.IndexOf(' ', offset + width);
                if (next < 0)
                {
                    sb.Append(s, offset, s.Length - offset);
                    offset = s.Length;
                }
                else
                {
                    sb.Append(s, offset, next - offset).Append(newline);
                    offset = next + 1;
                }
            }
        }

        return sb.Append(s, offset, s.Length - offset).ToString();
    }

    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private static byte[]? Base32Decode(string text)
    {
        if (text.Length % 8 != 0)
        {
            return null;
        }

        var bytes = new List<byte>();
        var buffer = 0L;
        var bits = 0;
        var padding = false;
        foreach (var c in text)
        {
            if (c == '=')
            {
                padding = true;
                continue;
            }

            var v = Base32Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (v < 0 || padding)
            {
                return null;
            }

            buffer = (buffer << 5) | (long)v;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1L << bits) - 1;
            }
        }

        return bytes.ToArray();
    }

    private static int Base32ErrorAt(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '=' && Base32Alphabet.IndexOf(text[i], StringComparison.Ordinal) < 0)
            {
                return i;
            }
        }

        return text.Length - (text.Length % 8);
    }

    private static object? DeepCopy(object? v) => v switch
    {
        List<object?> l => l.Select(DeepCopy).ToList(),
        Dictionary<string, object?> m => m.ToDictionary(p => p.Key, p => DeepCopy(p.Value), StringComparer.Ordinal),
        _ => v,
    };

    /// <summary>mergo.Merge with WithOverride: maps merge recursively; a non-empty source value replaces the destination's.</summary>
    private static void MergeOverwrite(Dictionary<string, object?> dst, Dictionary<string, object?> src)
    {
        foreach (var p in src)
        {
            if (dst.TryGetValue(p.Key, out var existing) && existing is Dictionary<string, object?> dm && p.Value is Dictionary<string, object?> sm)
            {
                MergeOverwrite(dm, sm);
            }
            else if (!dst.ContainsKey(p.Key) || !IsEmpty(p.Value))
            {
                dst[p.Key] = p.Value;
            }
        }
    }

    /// <summary>Go's time.Duration.String for whole nanoseconds.</summary>
    internal static string GoDurationString(long nanos)
    {
        if (nanos == 0)
        {
            return "0s";
        }

        var negative = nanos < 0;
        var u = negative ? (ulong)(-(nanos + 1)) + 1 : (ulong)nanos;
        string text;
        if (u < 1_000_000_000UL)
        {
            (ulong unit, string suffix) = u < 1_000UL ? (1UL, "ns") : u < 1_000_000UL ? (1_000UL, "µs") : (1_000_000UL, "ms");
            text = Fraction(u, unit) + suffix;
        }
        else
        {
            var seconds = u / 1_000_000_000UL;
            var rest = u % 1_000_000_000UL;
            var sb = new StringBuilder();
            if (seconds >= 3600)
            {
                sb.Append((seconds / 3600).ToString(CultureInfo.InvariantCulture)).Append('h');
            }

            if (seconds >= 60)
            {
                sb.Append((seconds / 60 % 60).ToString(CultureInfo.InvariantCulture)).Append('m');
            }

            sb.Append(Fraction((seconds % 60 * 1_000_000_000UL) + rest, 1_000_000_000UL)).Append('s');
            text = sb.ToString();
        }

        return negative ? "-" + text : text;

        static string Fraction(ulong value, ulong unit)
        {
            var whole = (value / unit).ToString(CultureInfo.InvariantCulture);
            var frac = value % unit;
            if (frac == 0)
            {
                return whole;
            }

            var digits = unit.ToString(CultureInfo.InvariantCulture).Length - 1;
            return whole + "." + frac.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0');
        }
    }

    /// <summary>sprig durationRound: the largest whole unit (y, mo, d, h, m, s) the duration exceeds; no sign.</summary>
    /// <summary>sprig durationRound's rounding: the largest unit the magnitude exceeds, truncated, no sign.</summary>
    private static string DurationRound(long nanos)
    {
        var u = nanos < 0 ? (ulong)(-(nanos + 1)) + 1 : (ulong)nanos;
        const ulong Second = 1_000_000_000UL, Minute = 60 * Second, Hour = 60 * Minute, Day = 24 * Hour, Month = 30 * Day, Year = 365 * Day;
        foreach (var (unit, suffix) in new[] { (Year, "y"), (Month, "mo"), (Day, "d"), (Hour, "h"), (Minute, "m"), (Second, "s") })
        {
            if (u > unit)
            {
                return (u / unit).ToString(CultureInfo.InvariantCulture) + suffix;
            }
        }

        return "0s";
    }

    private static readonly Regex UrlPattern = new(
        @"^(?:(?<scheme>[A-Za-z][A-Za-z0-9+.\-]*):)?(?:(?<rest>//(?:(?<user>[^@/?#]*)@)?(?<host>[^/?#]*))?(?<path>[^?#]*)|(?<opaque>[^/?#][^?#]*))(?:\?(?<query>[^#]*))?(?:#(?<fragment>.*))?$",
        RegexOptions.CultureInvariant | RegexOptions.Singleline,
        TimeSpan.FromSeconds(1));

    /// <summary>sprig urlParse over Go's url.Parse: scheme, host, hostname, path, query, opaque, fragment, userinfo.</summary>
    private static Dictionary<string, object?> UrlParse(string text)
    {
        var m = UrlPattern.Match(text);
        if (!m.Success)
        {
            throw new ExprException($"unable to parse url: parse \"{text}\": invalid URL");
        }

        var scheme = m.Groups["scheme"].Value;
        var opaque = scheme.Length > 0 && m.Groups["opaque"].Success ? m.Groups["opaque"].Value : string.Empty;
        var host = m.Groups["host"].Value;
        var hostname = host.StartsWith('[') && host.IndexOf(']', StringComparison.Ordinal) is var close and > 0
            ? host[1..close]
            : host.LastIndexOf(':') is var colon and >= 0 ? host[..colon] : host;
        var path = opaque.Length > 0 ? string.Empty : m.Groups["path"].Success ? m.Groups["path"].Value : m.Groups["opaque"].Value;
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["scheme"] = scheme.ToLowerInvariant(),
            ["host"] = host,
            ["hostname"] = hostname,
            ["path"] = Uri.UnescapeDataString(path),
            ["query"] = m.Groups["query"].Value,
            ["opaque"] = opaque,
            ["fragment"] = Uri.UnescapeDataString(m.Groups["fragment"].Value),
            ["userinfo"] = m.Groups["user"].Success ? m.Groups["user"].Value : string.Empty,
        };
    }

    /// <summary>sprig urlJoin: Go's url.URL{...}.String() from the parts urlParse gives.</summary>
    private static string UrlJoin(Dictionary<string, object?> d)
    {
        string Part(string key) => d.TryGetValue(key, out var v) && v is not null ? Expr.ToTemplateText(v) : string.Empty;
        var sb = new StringBuilder();
        var scheme = Part("scheme");
        if (scheme.Length > 0)
        {
            sb.Append(scheme).Append(':');
        }

        var opaque = Part("opaque");
        if (opaque.Length > 0)
        {
            sb.Append(opaque);
        }
        else
        {
            var host = Part("host");
            var user = Part("userinfo");
            var path = Part("path");
            if (scheme.Length > 0 || host.Length > 0 || user.Length > 0)
            {
                if (host.Length > 0 || path.Length > 0 || user.Length > 0)
                {
                    sb.Append("//");
                }

                if (user.Length > 0)
                {
                    sb.Append(user).Append('@');
                }

                sb.Append(host);
            }

            if (path.Length > 0 && path[0] != '/' && host.Length > 0)
            {
                sb.Append('/');
            }

            sb.Append(EscapePath(path));
        }

        var query = Part("query");
        if (query.Length > 0)
        {
            sb.Append('?').Append(query);
        }

        var fragment = Part("fragment");
        if (fragment.Length > 0)
        {
            sb.Append('#').Append(EscapePath(fragment));
        }

        return sb.ToString();

        static string EscapePath(string p)
        {
            var o = new StringBuilder();
            foreach (var b in Encoding.UTF8.GetBytes(p))
            {
                var c = (char)b;
                if (char.IsAsciiLetterOrDigit(c) || "-_.~/:@!$&'()*+,;=".Contains(c, StringComparison.Ordinal))
                {
                    o.Append(c);
                }
                else
                {
                    o.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }
            }

            return o.ToString();
        }
    }

    /// <summary>Masterminds/semver v3.3.0 NewConstraint and Check, as sprig's semverCompare calls them.</summary>
    private static class Semver
    {
        private const string Cv = @"v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?";
        private const string Ops = @"=||!=|>|<|>=|=>|<=|=<|~|~>|\^";
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);
        private static readonly Regex VersionRegex = new(@"^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?$", RegexOptions.CultureInvariant, Timeout);
        private static readonly Regex One = new($@"^\s*({Ops})\s*({Cv})\s*$", RegexOptions.CultureInvariant, Timeout);
        private static readonly Regex Range = new($@"\s*({Cv})\s+-\s+({Cv})\s*", RegexOptions.CultureInvariant, Timeout);
        private static readonly Regex Find = new($@"({Ops})\s*({Cv})", RegexOptions.CultureInvariant, Timeout);
        private static readonly Regex Valid = new($@"^(\s*({Ops})\s*({Cv})\s*)((?:\s+|,\s*)({Ops})\s*({Cv})\s*)*$", RegexOptions.CultureInvariant, Timeout);

        private sealed record Version(ulong Major, ulong Minor, ulong Patch, string Pre);

        private sealed record Constraint(string Op, Version Con, bool Dirty, bool MinorDirty, bool PatchDirty);

        public static bool Compare(string constraint, string version)
        {
            var groups = ParseConstraints(constraint);
            var v = ParseVersion(version) ?? throw new ExprException("Invalid Semantic Version");
            return groups.Any(g => g.All(c => Check(v, c)));
        }

        private static Version? ParseVersion(string text)
        {
            var m = VersionRegex.Match(text);
            if (!m.Success)
            {
                return null;
            }

            static ulong Seg(Group g) => g.Success && g.Value.Length > 0 ? ulong.Parse(g.Value.TrimStart('.'), CultureInfo.InvariantCulture) : 0;
            return new Version(Seg(m.Groups[1]), Seg(m.Groups[2]), Seg(m.Groups[3]), m.Groups[5].Value);
        }

        private static List<List<Constraint>> ParseConstraints(string text)
        {
            // rewriteRange: "a - b" is ">= a, <= b".
            foreach (Match r in Range.Matches(text))
            {
                var at = text.IndexOf(r.Value, StringComparison.Ordinal);
                text = text[..at] + ">= " + r.Groups[1].Value + ", <= " + r.Groups[11].Value + " " + text[(at + r.Value.Length)..];
            }

            var result = new List<List<Constraint>>();
            foreach (var or in text.Split("||"))
            {
                if (!Valid.IsMatch(or))
                {
                    throw new ExprException("improper constraint: " + or);
                }

                var parts = Find.Matches(or).Select(x => x.Value).ToList();
                if (parts.Count == 0)
                {
                    parts.Add(or);
                }

                result.Add(parts.Select(ParseOne).ToList());
            }

            return result;
        }

        private static bool IsX(string s) => s is "x" or "X" or "*";

        private static Constraint ParseOne(string text)
        {
            if (text.Length == 0)
            {
                return new Constraint(string.Empty, new Version(0, 0, 0, string.Empty), true, false, false);
            }

            var m = One.Match(text);
            if (!m.Success)
            {
                throw new ExprException("improper constraint: " + text);
            }

            string major = m.Groups[3].Value, minor = m.Groups[4].Value.TrimStart('.'), patch = m.Groups[5].Value.TrimStart('.');
            string ver;
            bool dirty = false, minorDirty = false, patchDirty = false;
            if (IsX(major) || major.Length == 0)
            {
                ver = "0.0.0" + m.Groups[6].Value;
                dirty = true;
            }
            else if (IsX(minor) || minor.Length == 0)
            {
                ver = major + ".0.0" + m.Groups[6].Value;
                dirty = minorDirty = true;
            }
            else if (IsX(patch) || patch.Length == 0)
            {
                ver = major + "." + minor + ".0" + m.Groups[6].Value;
                dirty = patchDirty = true;
            }
            else
            {
                ver = m.Groups[2].Value;
            }

            var con = ParseVersion(ver) ?? throw new ExprException("constraint Parser Error");
            return new Constraint(m.Groups[1].Value, con, dirty, minorDirty, patchDirty);
        }

        private static int Cmp(Version v, Version o)
        {
            var d = v.Major.CompareTo(o.Major);
            d = d != 0 ? d : v.Minor.CompareTo(o.Minor);
            d = d != 0 ? d : v.Patch.CompareTo(o.Patch);
            if (d != 0)
            {
                return Math.Sign(d);
            }

            if (v.Pre.Length == 0 && o.Pre.Length == 0)
            {
                return 0;
            }

            return v.Pre.Length == 0 ? 1 : o.Pre.Length == 0 ? -1 : ComparePre(v.Pre, o.Pre);
        }

        private static int ComparePre(string v, string o)
        {
            var sp = v.Split('.');
            var op = o.Split('.');
            for (var i = 0; i < Math.Max(sp.Length, op.Length); i++)
            {
                var s = i < sp.Length ? sp[i] : string.Empty;
                var t = i < op.Length ? op[i] : string.Empty;
                var d = ComparePart(s, t);
                if (d != 0)
                {
                    return d;
                }
            }

            return 0;
        }

        private static int ComparePart(string s, string o)
        {
            if (s == o)
            {
                return 0;
            }

            if (s.Length == 0)
            {
                return -1;
            }

            if (o.Length == 0)
            {
                return 1;
            }

            var sn = ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var si);
            var on = ulong.TryParse(o, NumberStyles.None, CultureInfo.InvariantCulture, out var oi);
            if (!sn && !on)
            {
                return string.CompareOrdinal(s, o) > 0 ? 1 : -1;
            }

            if (!on)
            {
                return -1;
            }

            if (!sn)
            {
                return 1;
            }

            return si > oi ? 1 : -1;
        }

        private static bool Check(Version v, Constraint c)
        {
            var releaseOnly = v.Pre.Length > 0 && c.Con.Pre.Length == 0;
            switch (c.Op)
            {
                case "" or "=":
                    return !releaseOnly && (c.Dirty ? Tilde(v, c) : Cmp(v, c.Con) == 0);
                case "!=":
                    if (c.Dirty)
                    {
                        if (releaseOnly)
                        {
                            return false;
                        }

                        if (c.Con.Major != v.Major)
                        {
                            return true;
                        }

                        if (c.MinorDirty)
                        {
                            return false;
                        }

                        if (c.Con.Minor != v.Minor)
                        {
                            return true;
                        }

                        if (c.PatchDirty)
                        {
                            return (v.Pre.Length > 0 || c.Con.Pre.Length > 0) && ComparePre(v.Pre, c.Con.Pre) != 0;
                        }
                    }

                    return Cmp(v, c.Con) != 0;
                case ">":
                    if (releaseOnly)
                    {
                        return false;
                    }

                    if (!c.Dirty)
                    {
                        return Cmp(v, c.Con) == 1;
                    }

                    if (v.Major != c.Con.Major)
                    {
                        return v.Major > c.Con.Major;
                    }

                    return !c.MinorDirty && (c.PatchDirty ? v.Minor > c.Con.Minor : Cmp(v, c.Con) == 1);
                case "<":
                    return !releaseOnly && Cmp(v, c.Con) < 0;
                case ">=" or "=>":
                    return !releaseOnly && Cmp(v, c.Con) >= 0;
                case "<=" or "=<":
                    if (releaseOnly)
                    {
                        return false;
                    }

                    if (!c.Dirty)
                    {
                        return Cmp(v, c.Con) <= 0;
                    }

                    return v.Major <= c.Con.Major && !(v.Major == c.Con.Major && v.Minor > c.Con.Minor && !c.MinorDirty);
                case "~" or "~>":
                    return !releaseOnly && Tilde(v, c);
                default: // "^"
                    if (releaseOnly || Cmp(v, c.Con) < 0)
                    {
                        return false;
                    }

                    if (c.Con.Major > 0 || c.MinorDirty)
                    {
                        return v.Major == c.Con.Major;
                    }

                    if (v.Major > 0)
                    {
                        return false;
                    }

                    if (c.Con.Minor > 0 || c.PatchDirty)
                    {
                        return v.Minor == c.Con.Minor;
                    }

                    return v.Minor <= 0 && c.Con.Patch == v.Patch;
            }
        }

        private static bool Tilde(Version v, Constraint c)
        {
            if (v.Pre.Length > 0 && c.Con.Pre.Length == 0)
            {
                return false;
            }

            if (Cmp(v, c.Con) < 0)
            {
                return false;
            }

            if (c.Con is { Major: 0, Minor: 0, Patch: 0 } && !c.MinorDirty && !c.PatchDirty)
            {
                return true;
            }

            return v.Major == c.Con.Major && (v.Minor == c.Con.Minor || c.MinorDirty);
        }
    }
}

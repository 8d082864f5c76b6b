using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Formats.Asn1;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Pipelines.Runner.Expressions;

/// <summary>
/// sprig v3.3.0's random and crypto functions (strings.go, crypto.go, semver.go), as Argo v4.1.2 exposes them under
/// <c>sprig.</c>: <c>randAlpha</c>, <c>randNumeric</c>, <c>randAlphaNum</c>, <c>randAscii</c> (goutils' crypto
/// random alphabets), <c>randInt</c>, <c>randBytes</c>, <c>shuffle</c>, <c>uuidv4</c>, <c>bcrypt</c>/<c>htpasswd</c>
/// (cost 10, <c>$2a$</c>), <c>derivePassword</c> (Master Password: scrypt N=32768 r=8 p=2, HMAC-SHA256 seed),
/// <c>encryptAES</c>/<c>decryptAES</c> (AES-256-CBC, the password's bytes zero-padded or cut to 32 as the key, a random
/// IV before the ciphertext, PKCS#7 padding, base64), <c>genPrivateKey</c> (rsa 4096, dsa L2048N256, ecdsa P-256,
/// ed25519, PEM as Go's x509 writes them) and <c>semver</c> (a version object with its methods).
/// </summary>
internal static partial class Functions
{
    private const string Letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string Numbers = "0123456789";

    private static bool TryCrypto(string name, List<object?> a, out object? result)
    {
        result = null;
        switch (name)
        {
            case "sprig.randAlphaNum": result = RandomFrom(Letters + Numbers, Arg(a, 0, name)); return true;
            case "sprig.randAlpha": result = RandomFrom(Letters, Arg(a, 0, name)); return true;
            case "sprig.randNumeric": result = RandomFrom(Numbers, Arg(a, 0, name)); return true;
            case "sprig.randAscii":
                {
                    // goutils CryptoRandomAscii: code points 32..126 (printable ASCII and the space).
                    var printable = new StringBuilder();
                    for (var c = ' '; c <= '~'; c++)
                    {
                        printable.Append(c);
                    }

                    result = RandomFrom(printable.ToString(), Arg(a, 0, name));
                    return true;
                }

            case "sprig.randInt":
                {
                    // func(min, max int) int { return rand.Intn(max-min) + min }: Intn panics unless max > min.
                    var min = ToInt(Arg(a, 0, name), false);
                    var max = ToInt(Arg(a, 1, name), false);
                    if (max - min <= 0)
                    {
                        throw new ExprException("invalid argument to Intn");
                    }

                    result = min + RandomNumberGenerator.GetInt32(0, (int)Math.Min(max - min, int.MaxValue));
                    return true;
                }

            case "sprig.randBytes":
                {
                    var count = (int)ToInt(Arg(a, 0, name), false);
                    if (count < 0)
                    {
                        throw new ExprException("runtime error: makeslice: len out of range");
                    }

                    result = Convert.ToBase64String(RandomNumberGenerator.GetBytes(count));
                    return true;
                }

            case "sprig.shuffle":
                {
                    // xstrings.Shuffle: the runes in a random order.
                    var runes = new List<string>();
                    foreach (var r in Str(name, Arg(a, 0, name)).EnumerateRunes())
                    {
                        runes.Add(r.ToString());
                    }

                    var arr = runes.ToArray();
                    RandomNumberGenerator.Shuffle<string>(arr);
                    result = string.Concat(arr);
                    return true;
                }

            case "sprig.uuidv4":
                result = Guid.NewGuid().ToString("D"); // a random (version 4) UUID, lower-case with hyphens
                return true;
            case "sprig.bcrypt":
                result = BCrypt.Net.BCrypt.HashPassword(Str(name, Arg(a, 0, name)), BCrypt.Net.BCrypt.GenerateSalt(10, 'a'));
                return true;
            case "sprig.htpasswd":
                {
                    var user = Str(name, Arg(a, 0, name));
                    result = user.Contains(':', StringComparison.Ordinal)
                        ? "invalid username: " + user
                        : user + ":" + BCrypt.Net.BCrypt.HashPassword(Str(name, Arg(a, 1, name)), BCrypt.Net.BCrypt.GenerateSalt(10, 'a'));
                    return true;
                }

            case "sprig.derivePassword":
                result = DerivePassword((uint)ToInt(Arg(a, 0, name), false), Str(name, Arg(a, 1, name)), Str(name, Arg(a, 2, name)), Str(name, Arg(a, 3, name)), Str(name, Arg(a, 4, name)));
                return true;
            case "sprig.encryptAES":
                result = EncryptAes(Str(name, Arg(a, 0, name)), Str(name, Arg(a, 1, name)));
                return true;
            case "sprig.decryptAES":
                result = DecryptAes(Str(name, Arg(a, 0, name)), Str(name, Arg(a, 1, name)));
                return true;
            case "sprig.genPrivateKey":
                result = GenPrivateKey(Str(name, Arg(a, 0, name)));
                return true;
            case "sprig.semver":
                result = SemverVersion.Parse(Str(name, Arg(a, 0, name)));
                return true;
            default:
                return false;
        }
    }

    /// <summary>goutils CryptoRandom over one alphabet; a negative count is an error sprig ignores (empty text).</summary>
    private static string RandomFrom(string alphabet, object? count)
    {
        var n = ToInt(count, false);
        return n <= 0 ? string.Empty : RandomNumberGenerator.GetString(alphabet, (int)n);
    }

    // ---- derivePassword (Master Password algorithm) ----
    private static readonly Dictionary<string, string[]> PasswordTemplates = new(StringComparer.Ordinal)
    {
        ["maximum"] = ["anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno"],
        ["long"] =
        [
            "CvcvnoCvcvCvcv", "CvcvCvcvnoCvcv", "CvcvCvcvCvcvno", "CvccnoCvcvCvcv", "CvccCvcvnoCvcv", "CvccCvcvCvcvno",
            "CvcvnoCvccCvcv", "CvcvCvccnoCvcv", "CvcvCvccCvcvno", "CvcvnoCvcvCvcc", "CvcvCvcvnoCvcc", "CvcvCvcvCvccno",
            "CvccnoCvccCvcv", "CvccCvccnoCvcv", "CvccCvccCvcvno", "CvcvnoCvccCvcc", "CvcvCvccnoCvcc", "CvcvCvccCvccno",
            "CvccnoCvcvCvcc", "CvccCvcvnoCvcc", "CvccCvcvCvccno",
        ],
        ["medium"] = ["CvcnoCvc", "CvcCvcno"],
        ["short"] = ["Cvcn"],
        ["basic"] = ["aaanaaan", "aannaaan", "aaannaaa"],
        ["pin"] = ["nnnn"],
    };

    private static string TemplateChars(char c) => c switch
    {
        'V' => "AEIOU",
        'C' => "BCDFGHJKLMNPQRSTVWXYZ",
        'v' => "aeiou",
        'c' => "bcdfghjklmnpqrstvwxyz",
        'A' => "AEIOUBCDFGHJKLMNPQRSTVWXYZ",
        'a' => "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz",
        'n' => "0123456789",
        'o' => "@&%?,=[]_:-+*$#!'^~;()/.",
        _ => "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()",
    };

    private static string DerivePassword(uint counter, string passwordType, string password, string user, string site)
    {
        if (!PasswordTemplates.TryGetValue(passwordType, out var templates))
        {
            return "cannot find password template " + passwordType;
        }

        const string Seed = "com.lyndir.masterpassword";
        byte[] Scope(string text, uint? count)
        {
            var t = Encoding.UTF8.GetBytes(text);
            var buf = new byte[Seed.Length + 4 + t.Length + (count is null ? 0 : 4)];
            Encoding.ASCII.GetBytes(Seed, buf);
            BinaryPrimitives.WriteUInt32BigEndian(buf.AsSpan(Seed.Length), (uint)t.Length);
            t.CopyTo(buf, Seed.Length + 4);
            if (count is { } c)
            {
                BinaryPrimitives.WriteUInt32BigEndian(buf.AsSpan(Seed.Length + 4 + t.Length), c);
            }

            return buf;
        }

        var key = Scrypt.Derive(Encoding.UTF8.GetBytes(password), Scope(user, null), 32768, 8, 2, 64);
        var seed = HMACSHA256.HashData(key, Scope(site, counter));
        var template = templates[seed[0] % templates.Length];
        var sb = new StringBuilder();
        for (var i = 0; i < template.Length; i++)
        {
            var chars = TemplateChars(template[i]);
            sb.Append(chars[seed[i + 1] % chars.Length]);
        }

        return sb.ToString();
    }

    // ---- encryptAES / decryptAES ----
    private static byte[] AesKey(string password)
    {
        var key = new byte[32];
        var bytes = Encoding.UTF8.GetBytes(password);
        Array.Copy(bytes, key, Math.Min(32, bytes.Length));
        return key;
    }

    private static string EncryptAes(string password, string plaintext)
    {
        if (plaintext.Length == 0)
        {
            return string.Empty;
        }

        using var aes = Aes.Create();
        aes.Key = AesKey(password);
        var iv = RandomNumberGenerator.GetBytes(16);
        var cipher = aes.EncryptCbc(Encoding.UTF8.GetBytes(plaintext), iv, PaddingMode.PKCS7);
        var all = new byte[16 + cipher.Length];
        iv.CopyTo(all, 0);
        cipher.CopyTo(all, 16);
        return Convert.ToBase64String(all);
    }

    private static string DecryptAes(string password, string crypt64)
    {
        if (crypt64.Length == 0)
        {
            return string.Empty;
        }

        byte[] crypt;
        try
        {
            crypt = Convert.FromBase64String(crypt64);
        }
        catch (FormatException)
        {
            throw new ExprException("illegal base64 data at input byte " + Base64ErrorAt(crypt64).ToString(CultureInfo.InvariantCulture));
        }

        // Go slices the IV off and decrypts whole blocks; anything shorter or ragged panics in crypto/cipher.
        if (crypt.Length < 16)
        {
            throw new ExprException("runtime error: slice bounds out of range [:16] with capacity " + crypt.Length.ToString(CultureInfo.InvariantCulture));
        }

        if ((crypt.Length - 16) % 16 != 0)
        {
            throw new ExprException("crypto/cipher: input not full blocks");
        }

        if (crypt.Length == 16)
        {
            throw new ExprException("runtime error: index out of range [-1]");
        }

        using var aes = Aes.Create();
        aes.Key = AesKey(password);
        var plain = aes.DecryptCbc(crypt.AsSpan(16), crypt.AsSpan(0, 16), PaddingMode.None);

        // No padding check: the last byte says how many bytes to drop.
        var drop = plain[^1];
        if (drop > plain.Length)
        {
            throw new ExprException($"runtime error: slice bounds out of range [:{plain.Length - drop}]");
        }

        return Encoding.UTF8.GetString(plain, 0, plain.Length - drop);
    }

    private static int Base64ErrorAt(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (var i = 0; i < text.Length; i++)
        {
            if (Alphabet.IndexOf(text[i], StringComparison.Ordinal) < 0 && text[i] != '=')
            {
                return i;
            }
        }

        return text.Length - (text.Length % 4);
    }

    // ---- genPrivateKey ----
    private static string GenPrivateKey(string type)
    {
        switch (type)
        {
            case "" or "rsa":
                {
                    using var rsa = RSA.Create(4096);
                    return PemEncoding.WriteString("RSA PRIVATE KEY", rsa.ExportRSAPrivateKey()) + "\n";
                }

            case "ecdsa":
                {
                    using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                    return PemEncoding.WriteString("EC PRIVATE KEY", ec.ExportECPrivateKey()) + "\n";
                }

            case "ed25519":
                {
                    // x509.MarshalPKCS8PrivateKey for an ed25519 key: the 32-byte seed in a CurvePrivateKey octet string.
                    var w = new AsnWriter(AsnEncodingRules.DER);
                    using (w.PushSequence())
                    {
                        w.WriteInteger(0);
                        using (w.PushSequence())
                        {
                            w.WriteObjectIdentifier("1.3.101.112");
                        }

                        var inner = new AsnWriter(AsnEncodingRules.DER);
                        inner.WriteOctetString(RandomNumberGenerator.GetBytes(32));
                        w.WriteOctetString(inner.Encode());
                    }

                    return PemEncoding.WriteString("PRIVATE KEY", w.Encode()) + "\n";
                }

            case "dsa":
                {
                    // sprig's DSAKeyFormat: SEQUENCE { version 0, P, Q, G, Y, X }.
                    using var dsa = DSA.Create(2048);
                    var p = dsa.ExportParameters(includePrivateParameters: true);
                    var w = new AsnWriter(AsnEncodingRules.DER);
                    using (w.PushSequence())
                    {
                        w.WriteInteger(0);
                        foreach (var part in new[] { p.P!, p.Q!, p.G!, p.Y!, p.X! })
                        {
                            w.WriteIntegerUnsigned(part);
                        }
                    }

                    return PemEncoding.WriteString("DSA PRIVATE KEY", w.Encode()) + "\n";
                }

            default:
                return "Unknown type " + type;
        }
    }
}

/// <summary>scrypt (RFC 7914) over PBKDF2-HMAC-SHA256 and Salsa20/8, for sprig's derivePassword.</summary>
internal static class Scrypt
{
    public static byte[] Derive(byte[] password, byte[] salt, int n, int r, int p, int length)
    {
        var blockWords = 32 * r;
        var b = Rfc2898DeriveBytes.Pbkdf2(password, salt, 1, HashAlgorithmName.SHA256, p * 128 * r);
        var x = new uint[blockWords];
        var v = new uint[blockWords * n];
        var scratch = new uint[blockWords];
        for (var i = 0; i < p; i++)
        {
            var chunk = b.AsSpan(i * 128 * r, 128 * r);
            for (var k = 0; k < blockWords; k++)
            {
                x[k] = BinaryPrimitives.ReadUInt32LittleEndian(chunk[(k * 4)..]);
            }

            RoMix(x, v, scratch, n, r);
            for (var k = 0; k < blockWords; k++)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(chunk[(k * 4)..], x[k]);
            }
        }

        return Rfc2898DeriveBytes.Pbkdf2(password, b, 1, HashAlgorithmName.SHA256, length);
    }

    private static void RoMix(uint[] x, uint[] v, uint[] scratch, int n, int r)
    {
        var words = 32 * r;
        for (var i = 0; i < n; i++)
        {
            Array.Copy(x, 0, v, i * words, words);
            BlockMix(x, scratch, r);
        }

        for (var i = 0; i < n; i++)
        {
            var j = (int)(x[((2 * r) - 1) * 16] & (uint)(n - 1));
            for (var k = 0; k < words; k++)
            {
                x[k] ^= v[(j * words) + k];
            }

            BlockMix(x, scratch, r);
        }
    }

    private static void BlockMix(uint[] b, uint[] y, int r)
    {
        Span<uint> t = stackalloc uint[16];
        b.AsSpan(((2 * r) - 1) * 16, 16).CopyTo(t);
        for (var i = 0; i < 2 * r; i++)
        {
            for (var k = 0; k < 16; k++)
            {
                t[k] ^= b[(i * 16) + k];
            }

            Salsa208(t);

            // Even blocks go to the first half, odd ones to the second.
            var dest = ((i % 2) * r * 16) + ((i / 2) * 16);
            t.CopyTo(y.AsSpan(dest, 16));
        }

        y.AsSpan(0, 32 * r).CopyTo(b);
    }

    private static uint R(uint a, int s) => (a << s) | (a >> (32 - s));

    private static void Salsa208(Span<uint> b)
    {
        Span<uint> x = stackalloc uint[16];
        b.CopyTo(x);
        for (var i = 0; i < 8; i += 2)
        {
            x[4] ^= R(x[0] + x[12], 7); x[8] ^= R(x[4] + x[0], 9); x[12] ^= R(x[8] + x[4], 13); x[0] ^= R(x[12] + x[8], 18);
            x[9] ^= R(x[5] + x[1], 7); x[13] ^= R(x[9] + x[5], 9); x[1] ^= R(x[13] + x[9], 13); x[5] ^= R(x[1] + x[13], 18);
            x[14] ^= R(x[10] + x[6], 7); x[2] ^= R(x[14] + x[10], 9); x[6] ^= R(x[2] + x[14], 13); x[10] ^= R(x[6] + x[2], 18);
            x[3] ^= R(x[15] + x[11], 7); x[7] ^= R(x[3] + x[15], 9); x[11] ^= R(x[7] + x[3], 13); x[15] ^= R(x[11] + x[7], 18);
            x[1] ^= R(x[0] + x[3], 7); x[2] ^= R(x[1] + x[0], 9); x[3] ^= R(x[2] + x[1], 13); x[0] ^= R(x[3] + x[2], 18);
            x[6] ^= R(x[5] + x[4], 7); x[7] ^= R(x[6] + x[5], 9); x[4] ^= R(x[7] + x[6], 13); x[5] ^= R(x[4] + x[7], 18);
            x[11] ^= R(x[10] + x[9], 7); x[8] ^= R(x[11] + x[10], 9); x[9] ^= R(x[8] + x[11], 13); x[10] ^= R(x[9] + x[8], 18);
            x[12] ^= R(x[15] + x[14], 7); x[13] ^= R(x[12] + x[15], 9); x[14] ^= R(x[13] + x[12], 13); x[15] ^= R(x[14] + x[13], 18);
        }

        for (var i = 0; i < 16; i++)
        {
            b[i] += x[i];
        }
    }
}

/// <summary>
/// A Masterminds/semver v3 <c>*Version</c> as <c>sprig.semver</c> returns it: JSON and template text are
/// <c>String()</c> (normalized, no <c>v</c>); methods Major, Minor, Patch, Prerelease, Metadata, Original, String,
/// Compare, LessThan, GreaterThan, Equal, IncMajor, IncMinor, IncPatch.
/// </summary>
internal sealed record SemverVersion(ulong Major, ulong Minor, ulong Patch, string Pre, string Metadata, string Original)
{
    private static readonly Regex Pattern = new(
        @"^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?$",
        RegexOptions.CultureInvariant,
        TimeSpan.FromSeconds(1));

    public static SemverVersion Parse(string text)
    {
        var m = Pattern.Match(text);
        if (!m.Success)
        {
            throw new ExprException("Invalid Semantic Version");
        }

        static ulong Seg(Group g) => g.Success && g.Value.Length > 1
            ? (ulong.TryParse(g.Value[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : throw new ExprException("Error parsing version segment"))
            : 0;

        if (!ulong.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var major))
        {
            throw new ExprException("Error parsing version segment");
        }

        var pre = m.Groups[5].Value;
        foreach (var part in pre.Length == 0 ? [] : pre.Split('.'))
        {
            if (part.Length > 1 && part[0] == '0' && ulong.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                throw new ExprException("Version segment starts with 0");
            }
        }

        return new SemverVersion(major, Seg(m.Groups[2]), Seg(m.Groups[3]), pre, m.Groups[8].Value, text);
    }

    public override string ToString() =>
        $"{Major}.{Minor}.{Patch}" + (Pre.Length > 0 ? "-" + Pre : string.Empty) + (Metadata.Length > 0 ? "+" + Metadata : string.Empty);

    /// <summary>Version.Compare: numbers, then a release above any prerelease, then prerelease parts (numbers below words).</summary>
    public int CompareTo(SemverVersion o)
    {
        var c = Major.CompareTo(o.Major);
        c = c != 0 ? c : Minor.CompareTo(o.Minor);
        c = c != 0 ? c : Patch.CompareTo(o.Patch);
        if (c != 0)
        {
            return Math.Sign(c);
        }

        if (Pre == o.Pre)
        {
            return 0;
        }

        if (Pre.Length == 0)
        {
            return 1;
        }

        if (o.Pre.Length == 0)
        {
            return -1;
        }

        var a = Pre.Split('.');
        var b = o.Pre.Split('.');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            if (i >= a.Length)
            {
                return -1;
            }

            if (i >= b.Length)
            {
                return 1;
            }

            var an = ulong.TryParse(a[i], NumberStyles.None, CultureInfo.InvariantCulture, out var ai);
            var bn = ulong.TryParse(b[i], NumberStyles.None, CultureInfo.InvariantCulture, out var bi);
            var r = an && bn ? ai.CompareTo(bi) : an ? -1 : bn ? 1 : string.CompareOrdinal(a[i], b[i]);
            if (r != 0)
            {
                return Math.Sign(r);
            }
        }

        return 0;
    }

    private SemverVersion Next(ulong major, ulong minor, ulong patch)
    {
        var next = new SemverVersion(major, minor, patch, string.Empty, string.Empty, string.Empty);
        return next with { Original = (Original.StartsWith('v') ? "v" : string.Empty) + next };
    }

    public object? Call(string method, List<object?> a)
    {
        SemverVersion Other() => a.Count == 1 && a[0] is SemverVersion v ? v : throw new ExprException(method + ": argument must be a *semver.Version");
        return method switch
        {
            "Major" => (long)Major,
            "Minor" => (long)Minor,
            "Patch" => (long)Patch,
            "Prerelease" => Pre,
            "Metadata" => Metadata,
            "Original" => Original,
            "String" => ToString(),
            "Compare" => (long)CompareTo(Other()),
            "LessThan" => CompareTo(Other()) < 0,
            "GreaterThan" => CompareTo(Other()) > 0,
            "Equal" => CompareTo(Other()) == 0,

            // IncX drop the prerelease and metadata (IncPatch of a prerelease only drops them); Original keeps a "v".
            "IncMajor" => Next(Major + 1, 0, 0),
            "IncMinor" => Next(Major, Minor + 1, 0),
            "IncPatch" => Pre.Length > 0 ? Next(Major, Minor, Patch) : Next(Major, Minor, Patch + 1),
            _ => throw new ExprException("type *semver.Version has no method " + method),
        };
    }
}

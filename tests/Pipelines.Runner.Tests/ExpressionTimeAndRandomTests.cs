using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Pipelines.Runner.Executors;
using Pipelines.Runner.Expressions;
using static Pipelines.Runner.Tests.Harness;

namespace Pipelines.Runner.Tests;

/// <summary>
/// Issue 15, runner item 2 (the rest): the time and random families of Argo v4.1.2's expression environment
/// (util/expr/env GetFuncMap: expr-lang v1.17.8 builtin/builtin.go now/date/duration/timezone and its vm/runtime
/// time operators; Go's time.Time/Duration methods and time/format.go layouts; sprig v3.3.0 date.go, strings.go,
/// crypto.go, semver.go). Clock functions read a fixed clock; random ones are checked by shape.
/// </summary>
public class ExpressionTimeAndRandomTests
{
    // 2026-12-05 13:05:50.1234567 UTC, a Saturday.
    private static readonly DateTimeOffset Fixed = new DateTimeOffset(2026, 12, 5, 13, 5, 50, TimeSpan.Zero).AddTicks(1_234_567);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static string Eval(string expression)
    {
        using var scope = ExprClock.Use(new FixedClock(Fixed));
        var value = Expr.Evaluate(expression, new Dictionary<string, object?>());
        return value is bool b ? (b ? "true" : "false") : Expr.ToTemplateText(value);
    }

    private static string Error(string expression) => Assert.Throws<ExprException>(() => Eval(expression)).Message;

    // Expected values follow the Go sources: Time.MarshalJSON (RFC 3339, nanoseconds trimmed) is what Argo writes
    // for a time result (util/template expressionReplaceCore json.Marshal, quotes trimmed); a Duration marshals as
    // its nanoseconds; Format/Parse per time/format.go; expr's date() tries its seven layouts in order.
    [Theory]
    [InlineData("now()", "2026-12-05T13:05:50.1234567Z")]
    [InlineData("now().Format('2006-01-02 15:04:05.000 MST Mon Jan _2 3PM')", "2026-12-05 13:05:50.123 UTC Sat Dec  5 1PM")]
    [InlineData("now().Format('Monday, January 2, 2006 03:04:05.999999999 pm -07:00 Z07:00 002')", "Saturday, December 5, 2026 01:05:50.1234567 pm +00:00 Z 339")]
    [InlineData("now().Format('06/1/2 15h04m05,00s')", "26/12/5 13h05m50,12s")]
    [InlineData("now(timezone('Asia/Kolkata')).Format('15:04 -0700 Z07:00')", "18:35 +0530 +05:30")]
    [InlineData("now().In(timezone('America/New_York')).Format('2006-01-02T15:04:05Z07:00')", "2026-12-05T08:05:50-05:00")]
    [InlineData("now().In(timezone('America/New_York'))", "2026-12-05T08:05:50.1234567-05:00")]
    [InlineData("date('2024-07-01 12:00:00').In(timezone('Europe/Paris')).Format('15:04 Z07')", "14:00 +02")]
    [InlineData("now().Year() * 100 + now().Month()", "202612")]
    [InlineData("now().Weekday() + now().YearDay() + now().Hour()", "358")]
    [InlineData("now().Unix()", "1796475950")]
    [InlineData("now().UnixMilli()", "1796475950123")]
    [InlineData("date('2024-02-29').Format('Monday January 2 2006')", "Thursday February 29 2024")]
    [InlineData("date('13:45:10')", "0000-01-01T13:45:10Z")]
    [InlineData("date('2024-01-15 10:20:30') + duration('1h30m')", "2024-01-15T11:50:30Z")]
    [InlineData("date('2024-01-15T10:00:00+02:00').UTC()", "2024-01-15T08:00:00Z")]
    [InlineData("date('2024-01-15T10:00:00+02:00')", "2024-01-15T10:00:00+02:00")]
    [InlineData("date('Mon, 15 Jan 2024 10:00:00 MST')", "2024-01-15T10:00:00Z")]
    [InlineData("date('15 Jan 24 10:00 UTC')", "2024-01-15T10:00:00Z")]
    [InlineData("date('01/15/2024 9:05 PM', '01/02/2006 3:04 PM')", "2024-01-15T21:05:00Z")]
    [InlineData("date('2024-01-15 09:00', '2006-01-02 15:04', 'Asia/Tokyo')", "2024-01-15T09:00:00+09:00")]
    [InlineData("date(timezone('Asia/Tokyo'), '2024-01-15')", "2024-01-15T00:00:00+09:00")]
    [InlineData("date('2024-01-15T10:00:00.5Z').Nanosecond()", "500000000")]
    [InlineData("(date('2024-03-01') - date('2024-02-01')).Hours()", "696")]
    [InlineData("date('2024-03-01') - date('2024-02-29')", "86400000000000")]
    [InlineData("date('2024-01-31').AddDate(0, 1, 0)", "2024-03-02T00:00:00Z")]
    [InlineData("date('2024-01-15 10:47:00').Truncate(duration('1h'))", "2024-01-15T10:00:00Z")]
    [InlineData("date('2024-01-15 10:30:00').Round(duration('1h'))", "2024-01-15T11:00:00Z")]
    [InlineData("now() > date('2020-01-01') && date('2020-01-01').Before(now())", "true")]
    [InlineData("date('2024-01-01T00:00:00Z') == date('2024-01-01T01:00:00+01:00')", "true")]
    [InlineData("duration('1h15m30.5s')", "4530500000000")]
    [InlineData("duration('90m').String()", "1h30m0s")]
    [InlineData("duration('1.5h') > duration('89m')", "true")]
    [InlineData("(duration('1m') * 3).Seconds()", "180")]
    [InlineData("duration('-1µs').String() + ' ' + duration('1us').String() + ' ' + duration('2ms').String()", "-1µs 1µs 2ms")]
    [InlineData("duration('1h') + duration('1s')", "3601000000000")]
    [InlineData("duration('1h59m').Round(duration('1h')).String()", "2h0m0s")]
    [InlineData("timezone('Europe/Paris').String()", "Europe/Paris")]
    public void Expr_time_builtins_and_methods_behave_as_in_Go(string expression, string expected) =>
        Assert.Equal(expected, Eval(expression));

    // sprig v3.3.0 date.go. Go's Local is UTC in Argo's controller image; an expr integer is a Go int, which
    // dateInZone and ago take as Unix seconds and duration/durationRound (int64 only) read as 0.
    [Theory]
    [InlineData("sprig.date('2006-01-02', now())", "2026-12-05")]
    [InlineData("sprig.date('2006-01-02 15:04', 'not a time')", "2026-12-05 13:05")]
    [InlineData("sprig.dateInZone('2006-01-02 15:04', 0, 'America/New_York')", "1969-12-31 19:00")]
    [InlineData("sprig.date_in_zone('2006', now(), 'No/Such_Zone')", "2026")]
    [InlineData("sprig.htmlDate(86400)", "1970-01-02")]
    [InlineData("sprig.htmlDateInZone(now(), 'Pacific/Kiritimati')", "2026-12-06")]
    [InlineData("sprig.now()", "2026-12-05T13:05:50.1234567Z")]
    [InlineData("sprig.unixEpoch(date('2024-01-01'))", "1704067200")]
    [InlineData("sprig.dateModify('-1.5h', date('2024-01-01'))", "2023-12-31T22:30:00Z")]
    [InlineData("sprig.date_modify('nonsense', date('2024-01-01'))", "2024-01-01T00:00:00Z")]
    [InlineData("sprig.toDate('2006-01-02', '2024-05-06')", "2024-05-06T00:00:00Z")]
    [InlineData("sprig.toDate('2006-01-02', 'x')", "0001-01-01T00:00:00Z")]
    [InlineData("sprig.mustToDate('02/01/2006', '31/12/2023')", "2023-12-31T00:00:00Z")]
    [InlineData("sprig.ago(now() - duration('90m'))", "1h30m0s")]
    [InlineData("sprig.ago(now().Unix() - 61)", "1m1s")]
    [InlineData("sprig.durationRound(date('2026-11-01'))", "1mo")]
    [InlineData("sprig.duration(60)", "0s")]
    [InlineData("sprig.duration('60')", "1m0s")]
    [InlineData("sprig.durationRound(3600)", "0s")]
    public void Sprig_date_functions_behave_as_sprig(string expression, string expected) =>
        Assert.Equal(expected, Eval(expression));

    // Errors as Go words them: time.ParseDuration, time.Parse (parseError, range errors), time.LoadLocation,
    // expr's date() without a layout, sprig's must* variants returning the error.
    [Theory]
    [InlineData("duration('5x')", "time: unknown unit \"x\" in duration \"5x\"")]
    [InlineData("duration('5')", "time: missing unit in duration \"5\"")]
    [InlineData("duration('')", "time: invalid duration \"\"")]
    [InlineData("date('2024-02-30')", "invalid date 2024-02-30")]
    [InlineData("date('2024-02-30', '2006-01-02')", "parsing time \"2024-02-30\": day out of range")]
    [InlineData("date('2024-13-01', '2006-01-02')", "parsing time \"2024-13-01\": month out of range")]
    [InlineData("date('24-01-01', '2006-01-02')", "parsing time \"24-01-01\" as \"2006-01-02\": cannot parse \"24-01-01\" as \"2006\"")]
    [InlineData("date('2024-01-01 extra', '2006-01-02')", "parsing time \"2024-01-01 extra\": extra text: \" extra\"")]
    [InlineData("timezone('No/Such_Zone')", "unknown time zone No/Such_Zone")]
    [InlineData("sprig.mustDateModify('nonsense', now())", "time: invalid duration \"nonsense\"")]
    [InlineData("sprig.mustToDate('2006-01-02', 'x')", "parsing time \"x\" as \"2006-01-02\": cannot parse \"x\" as \"2006\"")]
    [InlineData("now() + 1", "invalid operation: + (mismatched types time.Time and int)")]
    public void Time_errors_carry_Gos_messages(string expression, string message) =>
        Assert.Contains(message, Error(expression), StringComparison.Ordinal);

    // sprig strings.go rand* over goutils' crypto random alphabets; randInt = rand.Intn(max-min)+min; randBytes =
    // base64 of crypto/rand bytes; shuffle = xstrings.Shuffle; uuidv4 = google/uuid New (version 4, variant 10).
    [Fact]
    public void Random_functions_have_sprigs_shapes()
    {
        Assert.Matches("^[A-Za-z]{40}$", Eval("sprig.randAlpha(40)"));
        Assert.Matches("^[0-9]{40}$", Eval("sprig.randNumeric(40)"));
        Assert.Matches("^[A-Za-z0-9]{40}$", Eval("sprig.randAlphaNum(40)"));
        Assert.Matches("^[ -~]{200}$", Eval("sprig.randAscii(200)"));
        Assert.Equal(string.Empty, Eval("sprig.randAlpha(-1)"));
        Assert.Equal(string.Empty, Eval("sprig.randNumeric(0)"));
        Assert.NotEqual(Eval("sprig.randAlphaNum(32)"), Eval("sprig.randAlphaNum(32)"));

        var ints = Enumerable.Range(0, 60).Select(_ => int.Parse(Eval("sprig.randInt(5, 8)"), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.All(ints, i => Assert.InRange(i, 5, 7));
        Assert.Contains("invalid argument to Intn", Error("sprig.randInt(3, 3)"), StringComparison.Ordinal);

        Assert.Equal(16, Convert.FromBase64String(Eval("sprig.randBytes(16)")).Length);
        var shuffled = Eval("sprig.shuffle('abcdefghij')");
        Assert.Equal("abcdefghij", string.Concat(shuffled.Order()));

        var uuid = Eval("sprig.uuidv4()");
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", uuid);
        Assert.NotEqual(uuid, Eval("sprig.uuidv4()"));
    }

    // crypto.go bcrypt/htpasswd: golang.org/x/crypto/bcrypt GenerateFromPassword at DefaultCost (10), "$2a$".
    [Fact]
    public void Bcrypt_and_htpasswd_hash_at_cost_10()
    {
        var hash = Eval("sprig.bcrypt('secret')");
        Assert.Matches(@"^\$2a\$10\$[./A-Za-z0-9]{53}$", hash);
        Assert.True(BCrypt.Net.BCrypt.Verify("secret", hash));
        var line = Eval("sprig.htpasswd('admin', 'pw')");
        Assert.StartsWith("admin:$2a$10$", line, StringComparison.Ordinal);
        Assert.True(BCrypt.Net.BCrypt.Verify("pw", line["admin:".Length..]));
        Assert.Equal("invalid username: a:b", Eval("sprig.htpasswd('a:b', 'pw')"));
    }

    // crypto.go derivePassword (Master Password: scrypt N=32768 r=8 p=2 over the user scope, HMAC-SHA256 over the
    // site scope and counter, template chars); expected values are sprig's own TestDerivePassword cases.
    [Theory]
    [InlineData("sprig.derivePassword(1, 'long', 'password', 'user', 'example.com')", "ZedaFaxcZaso9*")]
    [InlineData("sprig.derivePassword(2, 'long', 'password', 'user', 'example.com')", "Fovi2@JifpTupx")]
    [InlineData("sprig.derivePassword(1, 'maximum', 'password', 'user', 'example.com')", "pf4zS1LjCg&LjhsZ7T2~")]
    [InlineData("sprig.derivePassword(1, 'pin', 'password', 'user', 'example.com')", "6685")]
    [InlineData("sprig.derivePassword(1, 'nope', 'password', 'user', 'example.com')", "cannot find password template nope")]
    public void DerivePassword_gives_sprigs_values(string expression, string expected) => Assert.Equal(expected, Eval(expression));

    // scrypt itself against RFC 7914 section 12's vector.
    [Fact]
    public void Scrypt_matches_RFC_7914()
    {
        var key = Scrypt.Derive("password"u8.ToArray(), "NaCl"u8.ToArray(), 1024, 8, 16, 64);
        Assert.Equal("fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640", Convert.ToHexStringLower(key));
    }

    // crypto.go encryptAES/decryptAES: the key is the password's bytes copied into 32 zero bytes (cut at 32), AES-CBC,
    // the IV first, PKCS#7 padding on encryption, the last byte's count dropped on decryption. The two ciphertexts
    // were made independently (Python's cryptography, IV 00..0f) under that rule.
    [Theory]
    [InlineData("secretkey", "AAECAwQFBgcICQoLDA0OD4aChIkqfhLglmmHSXlA6r0=", "plaintext")]
    [InlineData("0123456789abcdef0123456789abcdefEXTRA", "AAECAwQFBgcICQoLDA0ODxh4IFFpjxi+SunC+WjGoKeW2x6DO7whreb4vxe7kAEq", "exactly sixteen!")]
    public void DecryptAES_reads_sprigs_format(string password, string crypt, string plain) =>
        Assert.Equal(plain, Eval($"sprig.decryptAES('{password}', '{crypt}')"));

    [Fact]
    public void EncryptAES_round_trips_with_a_random_IV()
    {
        var a = Eval("sprig.encryptAES('secretkey', 'plaintext')");
        var b = Eval("sprig.encryptAES('secretkey', 'plaintext')");
        Assert.NotEqual(a, b);
        Assert.Equal(32, Convert.FromBase64String(a).Length); // 16-byte IV + one block
        Assert.Equal("plaintext", Eval($"sprig.decryptAES('secretkey', sprig.encryptAES('secretkey', 'plaintext'))"));
        Assert.Equal(string.Empty, Eval("sprig.encryptAES('k', '')"));
        Assert.Equal(string.Empty, Eval("sprig.decryptAES('k', '')"));
    }

    // crypto.go generatePrivateKey / pemBlockForKey: PKCS#1 "RSA PRIVATE KEY", SEC 1 "EC PRIVATE KEY", PKCS#8
    // "PRIVATE KEY" (ed25519), sprig's DSAKeyFormat "DSA PRIVATE KEY"; an unknown type is a text, not an error.
    [Fact]
    public void GenPrivateKey_writes_Gos_PEM_blocks()
    {
        var ec = Eval("sprig.genPrivateKey('ecdsa')");
        Assert.StartsWith("-----BEGIN EC PRIVATE KEY-----\n", ec, StringComparison.Ordinal);
        Assert.EndsWith("-----END EC PRIVATE KEY-----\n", ec, StringComparison.Ordinal);
        using (var key = System.Security.Cryptography.ECDsa.Create())
        {
            key.ImportFromPem(ec);
            Assert.Equal(256, key.KeySize);
        }

        var ed = Eval("sprig.genPrivateKey('ed25519')");
        var der = Convert.FromBase64String(string.Concat(ed.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal))));
        Assert.Equal(48, der.Length); // PKCS#8 with the OID 1.3.101.112 and a 32-byte seed
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----\n", ed, StringComparison.Ordinal);
        Assert.Equal("Unknown type x", Eval("sprig.genPrivateKey('x')"));
    }

    // semver.go semver: Masterminds/semver NewVersion; MarshalJSON is String() (no "v"); its methods.
    [Theory]
    [InlineData("sprig.semver('v1.2.3-beta.1+build')", "1.2.3-beta.1+build")]
    [InlineData("sprig.semver('1.2').Minor() * 10 + sprig.semver('1.2').Patch()", "20")]
    [InlineData("sprig.semver('v1.2.3').Original()", "v1.2.3")]
    [InlineData("sprig.semver('1.2.3-alpha').Prerelease()", "alpha")]
    [InlineData("sprig.semver('1.2.3').Compare(sprig.semver('1.2.3-rc.1'))", "1")]
    [InlineData("sprig.semver('1.2.3-rc.2').LessThan(sprig.semver('1.2.3-rc.10'))", "true")]
    [InlineData("sprig.semver('v1.9.9-x').IncMinor().Original()", "v1.10.0")]
    [InlineData("sprig.semver('1.2.3-x').IncPatch()", "1.2.3")]
    public void Semver_objects_behave_as_Masterminds_semver(string expression, string expected) => Assert.Equal(expected, Eval(expression));

    [Fact]
    public void Semver_rejects_what_NewVersion_rejects() =>
        Assert.Equal("Invalid Semantic Version", Error("sprig.semver('1.2.3.4')"));

    // A run: expressions read the run's clock (RunOptions.Clock), so a virtual clock fixes now() in a workflow.
    [Fact]
    public async Task A_run_evaluates_now_with_its_clock()
    {
        const string yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: wf}
            spec:
              entrypoint: main
              templates:
              - name: main
                steps:
                - - name: leaf
                    template: leaf
                    arguments:
                      parameters:
                      - {name: day, value: "{{=sprig.date('2006-01-02 Mon', now())}}"}
                      - {name: later, value: "{{=now() + duration('36h')}}"}
              - name: leaf
                inputs: {parameters: [{name: day}, {name: later}]}
                container: {image: alpine, command: [sh, -c, "true"]}
            """;
        var seen = new List<string>();
        var r = await Text(yaml, o =>
        {
            o.Clock = new VirtualClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
            o.Executors.Add(new DelegateExecutor(req =>
            {
                lock (seen)
                {
                    seen.Add(req.Template.Inputs!.Parameters!.First(p => p.Name == "day").Value + "|" + req.Template.Inputs!.Parameters!.First(p => p.Name == "later").Value);
                }

                return LeafResult.FromExitCode(0);
            }));
        }, host: false);
        Assert.Equal("Succeeded", r.Phase);
        Assert.Equal(["2026-01-01 Thu|2026-01-02T12:00:00Z"], seen);
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using Pipelines.Argo;
using Pipelines.Argo.Validation;
using Pipelines.Runner.Expressions;
using SharpFuzz;

namespace Pipelines.Fuzz;

/// <summary>
/// Fuzz targets. <c>Pipelines.Fuzz TARGET</c> runs under afl-fuzz (persistent mode); <c>Pipelines.Fuzz TARGET FILE...</c>
/// runs the target once on each file and prints what it throws (to reproduce a crash, or to check the seeds).
/// A target "crashes" when it throws: bad input must end as findings, never as an exception.
/// </summary>
public static class Program
{
    private const int MaxInput = 1 << 20;

    private static readonly Dictionary<string, Action<byte[]>> Targets = new(StringComparer.Ordinal)
    {
        ["yaml"] = YamlTarget.Run,
        ["fmt"] = FmtTarget.Run,
        ["expr"] = ExprTarget.Run,
        ["journal"] = JournalTarget.Run,
    };

    public static int Main(string[] args)
    {
        if (args.Length == 0 || !Targets.TryGetValue(args[0], out var target))
        {
            Console.Error.WriteLine("usage: Pipelines.Fuzz yaml|fmt|expr|journal [FILE...]");
            return 2;
        }

        if (args.Length == 1)
        {
            Fuzzer.Run(stream => target(ReadAll(stream)));
            return 0;
        }

        var failed = 0;
        foreach (var path in args.Skip(1))
        {
            try
            {
                target(File.ReadAllBytes(path));
            }
            catch (Exception e)
            {
                failed++;
                Console.Error.WriteLine(path + ": " + e);
            }
        }

        Console.Error.WriteLine($"{args[0]}: {args.Length - 1} inputs, {failed} failed");
        return failed == 0 ? 0 : 1;
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int n;
        while (buffer.Length < MaxInput && (n = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, n);
        }

        return buffer.ToArray();
    }
}

/// <summary>The YAML reader and the validator: every input ends as findings, and every finding prints.</summary>
internal static class YamlTarget
{
    public static void Run(byte[] input)
    {
        var file = ArgoYaml.ReadBytes("fuzz.yaml", input);
        ArgoValidator.Validate([file]);
        foreach (var finding in file.AllFindings)
        {
            _ = finding.ToString();
        }
    }
}

/// <summary>
/// fmt's round trip: when a file formats, the output reads back without errors to the same data, formats to itself,
/// and lints no worse than the original (no error code appears more often).
/// </summary>
internal static class FmtTarget
{
    public static void Run(byte[] input)
    {
        var original = ArgoYaml.ReadBytes("fuzz.yaml", input);
        var formatted = ArgoYaml.Format(original);
        if (formatted is null)
        {
            return;
        }

        var again = ArgoYaml.ReadText(formatted, "fuzz.yaml");
        if (again.HasFileErrors || again.Documents.Any(d => d.ArgoKind is not null && d.HasErrors))
        {
            throw new InvalidOperationException("fmt output does not read back cleanly: " + string.Join("; ", again.AllFindings) + "\n" + formatted);
        }

        if (again.Documents.Count != original.Documents.Count)
        {
            throw new InvalidOperationException($"fmt output has {again.Documents.Count} documents, the input {original.Documents.Count}\n" + formatted);
        }

        for (var i = 0; i < original.Documents.Count; i++)
        {
            var before = DataText.Of(original.Documents[i].Root);
            var after = DataText.Of(again.Documents[i].Root);
            if (!string.Equals(before, after, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"document {i} changed data:\n{before}\n{after}\n" + formatted);
            }
        }

        var twice = ArgoYaml.Format(again);
        if (!string.Equals(twice, formatted, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("fmt is not idempotent:\n" + formatted + "\n----\n" + twice);
        }

        ArgoValidator.Validate([original]);
        ArgoValidator.Validate([again]);
        var errorsBefore = ErrorCodes(original);
        foreach (var (code, count) in ErrorCodes(again))
        {
            if (count > errorsBefore.GetValueOrDefault(code))
            {
                throw new InvalidOperationException($"fmt made lint worse: {code} {errorsBefore.GetValueOrDefault(code)} -> {count}\n" + string.Join("\n", again.AllFindings) + "\n" + formatted);
            }
        }
    }

    private static Dictionary<string, int> ErrorCodes(ManifestFile file) =>
        file.AllFindings.Where(f => f.Severity == Severity.Error).GroupBy(f => f.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}

/// <summary>The runner's expression evaluator (expr-lang and govaluate dialects): results or ExprException.</summary>
internal static class ExprTarget
{
    private static readonly Dictionary<string, object?> Env = new(StringComparer.Ordinal)
    {
        ["workflow.name"] = "fuzz-abc12",
        ["workflow.parameters.n"] = "3",
        ["inputs.parameters.message"] = "hello",
        ["item"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["a"] = 1L, ["b"] = "x", ["c"] = new List<object?> { 1L, 2.5, "s", null, true } },
        ["items"] = new List<object?> { 1L, 2L, 3L },
        ["retries"] = 2L,
        ["status"] = "Succeeded",
        ["outputs"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["result"] = "{\"a\": [1, 2]}" },
    };

    public static void Run(byte[] input)
    {
        if (input.Length == 0)
        {
            return;
        }

        var dialect = (input[0] & 1) == 0 ? ExprDialect.ExprLang : ExprDialect.Govaluate;
        var text = Encoding.UTF8.GetString(input, 1, input.Length - 1);
        try
        {
            var value = Expr.Evaluate(text, Env, dialect);
            _ = Expr.ToJson(value);
            _ = Expr.ToTemplateText(value);
        }
        catch (ExprException)
        {
            // A rejected expression: the expected outcome for most inputs.
        }
    }
}

/// <summary>The runner's journal reader (called as it is, through reflection: it is internal to the runner).</summary>
internal static class JournalTarget
{
    private static readonly string Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pipelines-fuzz-journal-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".jsonl");

    private static readonly MethodInfo Read =
        typeof(Expr).Assembly.GetType("Pipelines.Runner.Engine.Journal")?.GetMethod("Read", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, [typeof(string)])
        ?? throw new InvalidOperationException("Pipelines.Runner.Engine.Journal.Read(string) not found; update the journal target");

    public static void Run(byte[] input)
    {
        File.WriteAllBytes(Path, input);
        try
        {
            _ = Read.Invoke(null, [Path]);
        }
        catch (TargetInvocationException e) when (e.InnerException is { } inner)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(inner).Throw();
        }
    }
}

/// <summary>The data of a YAML tree as text: types resolved, mapping keys sorted (comments and layout ignored).</summary>
internal static class DataText
{
    public static string Of(Pipelines.Argo.Yaml.YamlValue node)
    {
        var sb = new StringBuilder();
        Append(sb, node);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, Pipelines.Argo.Yaml.YamlValue node)
    {
        switch (node)
        {
            case Pipelines.Argo.Yaml.YamlScalar s:
                sb.Append(s.Type switch
                {
                    Pipelines.Argo.Yaml.YamlScalarType.Null => "null",
                    Pipelines.Argo.Yaml.YamlScalarType.Bool => s.Value.ToUpperInvariant() is "Y" or "YES" or "ON" or "TRUE" ? "true" : "false",
                    Pipelines.Argo.Yaml.YamlScalarType.Int => "int:" + Int(s.Value),
                    Pipelines.Argo.Yaml.YamlScalarType.Float => "float:" + Float(s.Value),
                    _ => "str:" + Quote(s.Value),
                });
                if (s.Tag is { } tag)
                {
                    sb.Append('!').Append(tag);
                }

                break;
            case Pipelines.Argo.Yaml.YamlSequence seq:
                sb.Append('[');
                foreach (var item in seq.Items)
                {
                    Append(sb, item);
                    sb.Append(',');
                }

                sb.Append(']');
                break;
            case Pipelines.Argo.Yaml.YamlMapping map:
                sb.Append('{');
                foreach (var entry in map.Entries.OrderBy(e => e.Key.Value, StringComparer.Ordinal))
                {
                    sb.Append(Quote(entry.Key.Value)).Append(':');
                    Append(sb, entry.Value);
                    sb.Append(',');
                }

                sb.Append('}');
                break;
        }
    }

    // Go's YAML 1.1 integers: sign, then 0b, 0o or 0x digits, a leading-zero octal, or decimal; '_' ignored.
    private static string Int(string text)
    {
        var t = text.Replace("_", string.Empty, StringComparison.Ordinal);
        var negative = t.StartsWith('-');
        t = t.TrimStart('-', '+');
        var (radix, digits) = t.Length > 1 && t[0] == '0'
            ? char.ToLowerInvariant(t[1]) switch
            {
                'x' => (16, t.Substring(2)),
                'o' => (8, t.Substring(2)),
                'b' => (2, t.Substring(2)),
                _ => (8, t.Substring(1)),
            }
            : (10, t);
        var value = System.Numerics.BigInteger.Zero;
        foreach (var c in digits)
        {
            value = value * radix + Convert.ToInt32(c.ToString(), 16);
        }

        return (negative ? -value : value).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Float(string text) =>
        double.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d)
            ? d.ToString("R", System.Globalization.CultureInfo.InvariantCulture)
            : text.ToLowerInvariant();

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}

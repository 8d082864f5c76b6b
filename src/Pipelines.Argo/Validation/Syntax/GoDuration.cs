using System.Globalization;

namespace Pipelines.Argo.Validation.Syntax;

/// <summary>
/// Parses durations in Go's <c>time.ParseDuration</c> syntax: an optional sign, then one or more decimal numbers each
/// followed by a unit (<c>ns</c>, <c>us</c>, <c>µs</c>, <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c>), such as <c>1h30m</c>,
/// <c>300ms</c> or <c>-1.5h</c>. A bare <c>0</c> is the only number allowed without a unit.
/// </summary>
internal static class GoDuration
{
    private const decimal MaxNanoseconds = long.MaxValue;

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says why, in Go's words.</summary>
    public static bool TryParse(string? text, out long nanoseconds, out string error)
    {
        nanoseconds = 0;
        error = string.Empty;
        var s = text ?? string.Empty;
        var quoted = "\"" + s + "\"";
        var i = 0;
        var negative = false;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            negative = s[0] == '-';
            i = 1;
        }

        if (s.Length - i == 1 && s[i] == '0')
        {
            return true;
        }

        if (i == s.Length)
        {
            error = "time: invalid duration " + quoted;
            return false;
        }

        decimal total = 0;
        while (i < s.Length)
        {
            if (!(s[i] == '.' || IsDigit(s[i])))
            {
                error = "time: invalid duration " + quoted;
                return false;
            }

            decimal whole = 0;
            var start = i;
            while (i < s.Length && IsDigit(s[i]))
            {
                whole = (whole * 10) + (s[i] - '0');
                if (whole > MaxNanoseconds)
                {
                    error = "time: invalid duration " + quoted;
                    return false;
                }

                i++;
            }

            var hasWhole = i > start;
            decimal fraction = 0;
            var hasFraction = false;
            if (i < s.Length && s[i] == '.')
            {
                i++;
                decimal scale = 1;
                var fracStart = i;
                while (i < s.Length && IsDigit(s[i]))
                {
                    if (scale < 1e18m)
                    {
                        fraction = (fraction * 10) + (s[i] - '0');
                        scale *= 10;
                    }

                    i++;
                }

                hasFraction = i > fracStart;
                fraction /= scale;
            }

            if (!hasWhole && !hasFraction)
            {
                error = "time: invalid duration " + quoted;
                return false;
            }

            var unitStart = i;
            while (i < s.Length && s[i] != '.' && !IsDigit(s[i]))
            {
                i++;
            }

            if (i == unitStart)
            {
                error = "time: missing unit in duration " + quoted;
                return false;
            }

            var unit = s.Substring(unitStart, i - unitStart);
            var factor = UnitNanoseconds(unit);
            if (factor == 0)
            {
                error = "time: unknown unit \"" + unit + "\" in duration " + quoted;
                return false;
            }

            total += (whole * factor) + decimal.Truncate(fraction * factor);
            if (total > MaxNanoseconds + (negative ? 1 : 0))
            {
                error = "time: invalid duration " + quoted;
                return false;
            }
        }

        nanoseconds = negative ? (total > MaxNanoseconds ? long.MinValue : -(long)total) : (long)total;
        return true;
    }

    /// <summary>True when <paramref name="text"/> is a valid Go duration.</summary>
    public static bool IsValid(string? text) => TryParse(text, out _, out _);

    /// <summary>Formats nanoseconds as seconds, for messages.</summary>
    public static string Describe(long nanoseconds) => (nanoseconds / 1e9).ToString("0.###", CultureInfo.InvariantCulture) + "s";

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private static long UnitNanoseconds(string unit) => unit switch
    {
        "ns" => 1L,
        "us" => 1_000L,
        "\u00B5s" => 1_000L, // micro sign
        "\u03BCs" => 1_000L, // Greek small letter mu
        "ms" => 1_000_000L,
        "s" => 1_000_000_000L,
        "m" => 60_000_000_000L,
        "h" => 3_600_000_000_000L,
        _ => 0L,
    };
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Pipelines.Argo.Validation.Syntax;

/// <summary>
/// Checks cron schedules the way Argo's cron controller reads them (the robfig/cron "standard" syntax): five fields
/// (minute, hour, day of month, month, day of week) made of <c>*</c>, <c>?</c>, numbers, names (<c>JAN</c>, <c>MON</c>),
/// ranges, steps and lists; or a descriptor (<c>@daily</c>...); or <c>@every &lt;Go duration&gt;</c>; with an optional
/// <c>TZ=</c>/<c>CRON_TZ=</c> prefix. <see cref="MatchesCrd"/> adds the CronWorkflow CRD's stricter pattern.
/// </summary>
internal static class CronSchedule
{
    private static readonly Regex CrdPattern = new(
        @"^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)|@every\s+([0-9]+(ns|us|µs|ms|s|m|h))+|([A-Za-z0-9*,/?-]+\s+){4}[A-Za-z0-9*,/?-]+)$",
        RegexOptions.CultureInvariant);

    private static readonly Dictionary<string, int> Months = new(StringComparer.Ordinal)
    {
        ["jan"] = 1, ["feb"] = 2, ["mar"] = 3, ["apr"] = 4, ["may"] = 5, ["jun"] = 6,
        ["jul"] = 7, ["aug"] = 8, ["sep"] = 9, ["oct"] = 10, ["nov"] = 11, ["dec"] = 12,
    };

    private static readonly Dictionary<string, int> Days = new(StringComparer.Ordinal)
    {
        ["sun"] = 0, ["mon"] = 1, ["tue"] = 2, ["wed"] = 3, ["thu"] = 4, ["fri"] = 5, ["sat"] = 6,
    };

    private static readonly (string Name, int Min, int Max, Dictionary<string, int>? Names)[] Fields =
    [
        ("minute", 0, 59, null),
        ("hour", 0, 23, null),
        ("day of month", 1, 31, null),
        ("month", 1, 12, Months),
        ("day of week", 0, 6, Days),
    ];

    private static readonly string[] Descriptors = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];

    /// <summary>Parses a schedule; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? schedule, out string error)
    {
        error = string.Empty;
        var spec = schedule ?? string.Empty;
        if (spec.Length == 0)
        {
            error = "empty spec string";
            return false;
        }

        if (spec.StartsWith("TZ=", StringComparison.Ordinal) || spec.StartsWith("CRON_TZ=", StringComparison.Ordinal))
        {
            var space = spec.IndexOf(' ');
            var eq = spec.IndexOf('=');
            if (space < 0)
            {
                error = "missing schedule after the time zone: " + spec;
                return false;
            }

            var zone = spec.Substring(eq + 1, space - eq - 1);
            if (!TimeZones.IsValid(zone))
            {
                error = "provided bad location " + zone + ": unknown time zone " + zone;
                return false;
            }

            spec = spec.Substring(space).Trim();
        }

        if (spec.StartsWith("@", StringComparison.Ordinal))
        {
            return TryParseDescriptor(spec, out error);
        }

        var fields = spec.Split([' ', '\t', '\n', '\r', '\v', '\f'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != Fields.Length)
        {
            error = string.Format(CultureInfo.InvariantCulture, "expected exactly 5 fields, found {0}: [{1}]", fields.Length, string.Join(" ", fields));
            return false;
        }

        for (var f = 0; f < fields.Length; f++)
        {
            foreach (var part in fields[f].Split(','))
            {
                if (!TryParseRange(part, Fields[f].Min, Fields[f].Max, Fields[f].Names, out error))
                {
                    error = Fields[f].Name + ": " + error;
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>True when the schedule also matches the pattern of the CronWorkflow CRD (no time-zone prefix, plain durations).</summary>
    public static bool MatchesCrd(string schedule) => CrdPattern.IsMatch(schedule);

    private static bool TryParseDescriptor(string spec, out string error)
    {
        error = string.Empty;
        if (Array.IndexOf(Descriptors, spec) >= 0)
        {
            return true;
        }

        const string every = "@every ";
        if (spec.StartsWith(every, StringComparison.Ordinal))
        {
            if (!GoDuration.TryParse(spec.Substring(every.Length), out _, out var durationError))
            {
                error = "failed to parse duration " + spec + ": " + durationError;
                return false;
            }

            return true;
        }

        error = "unrecognized descriptor: " + spec;
        return false;
    }

    private static bool TryParseRange(string expr, int min, int max, Dictionary<string, int>? names, out string error)
    {
        error = string.Empty;
        var rangeAndStep = expr.Split('/');
        var lowAndHigh = rangeAndStep[0].Split('-');
        var single = lowAndHigh.Length == 1;
        long start;
        long end;
        if (lowAndHigh[0] == "*" || lowAndHigh[0] == "?")
        {
            start = min;
            end = max;
        }
        else
        {
            if (!TryParseValue(lowAndHigh[0], names, out start, out error))
            {
                return false;
            }

            switch (lowAndHigh.Length)
            {
                case 1:
                    end = start;
                    break;
                case 2:
                    if (!TryParseValue(lowAndHigh[1], names, out end, out error))
                    {
                        return false;
                    }

                    break;
                default:
                    error = "too many hyphens: " + expr;
                    return false;
            }
        }

        long step = 1;
        switch (rangeAndStep.Length)
        {
            case 1:
                break;
            case 2:
                if (!TryParseValue(rangeAndStep[1], null, out step, out error))
                {
                    return false;
                }

                if (single)
                {
                    end = max;
                }

                break;
            default:
                error = "too many slashes: " + expr;
                return false;
        }

        if (start < min)
        {
            error = string.Format(CultureInfo.InvariantCulture, "beginning of range ({0}) below minimum ({1}): {2}", start, min, expr);
            return false;
        }

        if (end > max)
        {
            error = string.Format(CultureInfo.InvariantCulture, "end of range ({0}) above maximum ({1}): {2}", end, max, expr);
            return false;
        }

        if (start > end)
        {
            error = string.Format(CultureInfo.InvariantCulture, "beginning of range ({0}) beyond end of range ({1}): {2}", start, end, expr);
            return false;
        }

        if (step == 0)
        {
            error = "step of range should be a positive number: " + expr;
            return false;
        }

        return true;
    }

    private static bool TryParseValue(string text, Dictionary<string, int>? names, out long value, out string error)
    {
        error = string.Empty;
        if (names is not null && names.TryGetValue(text.ToLowerInvariant(), out var named))
        {
            value = named;
            return true;
        }

        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) || value > int.MaxValue || value < int.MinValue)
        {
            error = "failed to parse int from " + text;
            return false;
        }

        if (value < 0)
        {
            error = string.Format(CultureInfo.InvariantCulture, "negative number ({0}) not allowed: {1}", value, text);
            return false;
        }

        return true;
    }
}

/// <summary>IANA time zone names, as Go's <c>time.LoadLocation</c> accepts them.</summary>
internal static class TimeZones
{
    /// <summary>True when <paramref name="name"/> is a known time zone (<c>UTC</c>, <c>Local</c>, or an IANA name).</summary>
    public static bool IsValid(string? name)
    {
        if (name is null)
        {
            return false;
        }

        if (name.Length == 0 || name == "UTC" || name == "Local")
        {
            return true;
        }

        // Go rejects names that could escape the zoneinfo directory.
        if (name.IndexOf("..", StringComparison.Ordinal) >= 0 || name[0] == '/' || name.IndexOf('\\') >= 0)
        {
            return false;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(name) is not null;
        }
        catch (TimeZoneNotFoundException)
        {
            return false;
        }
        catch (InvalidTimeZoneException)
        {
            return false;
        }
        catch (System.Security.SecurityException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (OutOfMemoryException)
        {
            throw;
        }
        catch (Exception)
        {
            return false;
        }
    }
}

using System;
using System.Globalization;

namespace Pipelines.Analyzers;

/// <summary>
/// Cron schedules as Argo parses them (robfig/cron standard syntax): five fields (minute, hour, day of month, month,
/// day of week) with <c>*</c>, <c>?</c>, lists, ranges, steps and month/day names; or a descriptor (<c>@hourly</c> ...);
/// or <c>@every &lt;duration&gt;</c>.
/// </summary>
internal static class Cron
{
    private static readonly string[] Descriptors = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];
    private static readonly string[] Months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] Days = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private static readonly (string Name, int Min, int Max, string[]? Names)[] Fields =
    [
        ("minute", 0, 59, null),
        ("hour", 0, 23, null),
        ("day of month", 1, 31, null),
        ("month", 1, 12, Months),
        ("day of week", 0, 6, Days),
    ];

    /// <summary>Null when the schedule is valid; otherwise what is wrong with it.</summary>
    public static string? Validate(string schedule)
    {
        var text = schedule.Trim();
        if (text.Length == 0)
        {
            return "it is empty";
        }

        if (text.StartsWith("@", StringComparison.Ordinal))
        {
            if (text.StartsWith("@every ", StringComparison.Ordinal))
            {
                return Durations.IsGoDuration(text.Substring(7).Trim()) ? null : "'" + text.Substring(7).Trim() + "' is not a duration such as 1h30m";
            }

            return Array.IndexOf(Descriptors, text) >= 0 ? null : "unknown descriptor '" + text + "'; use " + string.Join(", ", Descriptors) + " or @every <duration>";
        }

        var fields = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5)
        {
            return "it has " + fields.Length + " fields; a schedule has 5 (minute hour day-of-month month day-of-week)";
        }

        for (var i = 0; i < 5; i++)
        {
            if (ValidateField(fields[i], Fields[i], i is 2 or 4) is { } error)
            {
                return "the " + Fields[i].Name + " field '" + fields[i] + "' " + error;
            }
        }

        return null;
    }

    private static string? ValidateField(string field, (string Name, int Min, int Max, string[]? Names) spec, bool questionMark)
    {
        foreach (var part in field.Split(','))
        {
            var range = part;
            var slash = part.IndexOf('/');
            if (slash >= 0)
            {
                range = part.Substring(0, slash);
                if (!int.TryParse(part.Substring(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var step) || step <= 0)
                {
                    return "has an invalid step '" + part.Substring(slash + 1) + "'";
                }
            }

            if (range == "*" || (questionMark && range == "?"))
            {
                continue;
            }

            var dash = range.IndexOf('-');
            var low = dash >= 0 ? range.Substring(0, dash) : range;
            var high = dash >= 0 ? range.Substring(dash + 1) : null;
            if (Value(low, spec) is not { } from)
            {
                return "has '" + low + "', which is not a value from " + spec.Min + " to " + spec.Max;
            }

            if (high is not null && (Value(high, spec) is not { } to || to < from))
            {
                return "has an invalid range '" + range + "'";
            }
        }

        return null;
    }

    private static int? Value(string text, (string Name, int Min, int Max, string[]? Names) spec)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number >= spec.Min && number <= spec.Max ? number : null;
        }

        if (spec.Names is { } names)
        {
            var index = Array.FindIndex(names, n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
            return index < 0 ? null : index + spec.Min;
        }

        return null;
    }
}

/// <summary>Durations: Go's syntax (<c>1h30m</c>, <c>500ms</c>) and, where Argo allows it, a plain number of seconds.</summary>
internal static class Durations
{
    private static readonly System.Text.RegularExpressions.Regex Go = new(
        "^[-+]?(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|\u00b5s|ms|s|m|h))+$",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    public static bool IsGoDuration(string text) => text == "0" || Go.IsMatch(text);

    /// <summary>A Go duration or a plain non-negative number (seconds).</summary>
    public static bool IsValid(string text) =>
        IsGoDuration(text) || (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0);
}

/// <summary>IANA time zones, through the platform's database (<see cref="TimeZoneInfo"/>).</summary>
internal static class TimeZones
{
    private static readonly Lazy<bool> KnowsIana = new(() => Find("America/New_York") && Find("Europe/Paris"));

    /// <summary>Null when the zone is known (or the platform cannot tell); otherwise a hint for the message.</summary>
    public static string? Check(string zone)
    {
        if (Find(zone) || !KnowsIana.Value)
        {
            return null;
        }

        string? suggestion = null;
        try
        {
            suggestion = ReferenceChecks.Suggest(zone, System.Linq.Enumerable.Select(TimeZoneInfo.GetSystemTimeZones(), z => z.Id));
        }
        catch (Exception e) when (e is InvalidTimeZoneException or System.Security.SecurityException)
        {
        }

        return suggestion is null ? string.Empty : " (did you mean '" + suggestion + "'?)";
    }

    private static bool Find(string zone)
    {
        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(zone);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or System.Security.SecurityException)
        {
            return false;
        }
    }
}

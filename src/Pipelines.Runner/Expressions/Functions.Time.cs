using System;
using System.Collections.Generic;
using System.Globalization;

namespace Pipelines.Runner.Expressions;

/// <summary>
/// Time in expressions, as Argo v4.1.2 evaluates them (util/expr/env GetFuncMap): expr-lang v1.17.8's <c>now</c>,
/// <c>date</c>, <c>duration</c>, <c>timezone</c> (builtin/builtin.go), the methods of Go's <c>time.Time</c>,
/// <c>time.Duration</c> and <c>*time.Location</c> that expressions call (<c>now().Format("2006")</c>), and sprig
/// v3.3.0's date.go (<c>date</c>, <c>dateInZone</c>, <c>htmlDate</c>, <c>toDate</c>, <c>dateModify</c>, <c>ago</c>,
/// <c>unixEpoch</c>, <c>duration</c>, <c>durationRound</c>). The clock is <see cref="ExprClock"/>; Go's <c>Local</c>
/// is UTC, as in Argo's controller image. The runner's integers are Go <c>int</c>s (expr literals, <c>asInt</c>), so
/// sprig branches that accept only <c>int64</c> treat them as Go does an <c>int</c>.
/// </summary>
internal static partial class Functions
{
    private static GoTime Now() => GoTime.FromClock(ExprClock.Provider, GoZone.Local);

    private static bool TryTime(string name, List<object?> a, out object? result)
    {
        result = null;
        switch (name)
        {
            // ---- expr-lang built-ins ----
            case "now":
                if (a.Count == 0)
                {
                    result = Now();
                }
                else if (a.Count == 1 && a[0] is GoZone tz)
                {
                    result = Now().In(tz);
                }
                else
                {
                    throw new ExprException($"invalid number of arguments (expected 0, got {a.Count})");
                }

                return true;
            case "duration":
                result = new GoDuration(GoDurationParser.Parse(Str(name, One(name, a))));
                return true;
            case "timezone":
                result = GoZone.Load(Str(name, One(name, a)));
                return true;
            case "date":
                result = ExprDate(a);
                return true;

            // ---- sprig date.go ----
            case "sprig.now":
                result = Now();
                return true;
            case "sprig.date":
                result = DateInZone(Str(name, Arg(a, 0, name)), Arg(a, 1, name), "Local");
                return true;
            case "sprig.dateInZone" or "sprig.date_in_zone":
                result = DateInZone(Str(name, Arg(a, 0, name)), Arg(a, 1, name), Str(name, Arg(a, 2, name)));
                return true;
            case "sprig.htmlDate":
                result = DateInZone("2006-01-02", Arg(a, 0, name), "Local");
                return true;
            case "sprig.htmlDateInZone":
                result = DateInZone("2006-01-02", Arg(a, 0, name), Str(name, Arg(a, 1, name)));
                return true;
            case "sprig.dateModify" or "sprig.date_modify":
                {
                    var t = TimeArg(name, a, 1);
                    try
                    {
                        result = t.Add(GoDurationParser.Parse(Str(name, Arg(a, 0, name))));
                    }
                    catch (ExprException)
                    {
                        result = t; // dateModify: an unparsable duration leaves the date as it is.
                    }

                    return true;
                }

            case "sprig.mustDateModify" or "sprig.must_date_modify":
                result = TimeArg(name, a, 1).Add(GoDurationParser.Parse(Str(name, Arg(a, 0, name))));
                return true;
            case "sprig.toDate":
                try
                {
                    result = GoTimeFormat.Parse(Str(name, Arg(a, 0, name)), Str(name, Arg(a, 1, name)), GoZone.Local);
                }
                catch (ExprException)
                {
                    result = GoTime.Zero; // toDate ignores the parse error and returns the zero time.
                }

                return true;
            case "sprig.mustToDate":
                result = GoTimeFormat.Parse(Str(name, Arg(a, 0, name)), Str(name, Arg(a, 1, name)), GoZone.Local);
                return true;
            case "sprig.unixEpoch":
                result = TimeArg(name, a, 0).Sec.ToString(CultureInfo.InvariantCulture);
                return true;
            case "sprig.ago":
                {
                    // dateAgo: time.Time or int (Unix seconds); anything else is now. Since, rounded to seconds.
                    var t = Arg(a, 0, name) switch
                    {
                        GoTime gt => gt,
                        long l => GoTime.Unix(l, 0, GoZone.Local),
                        _ => Now(),
                    };
                    result = Functions.GoDurationString(RoundDuration(Now().Sub(t), 1_000_000_000L));
                    return true;
                }

            case "sprig.duration":
                {
                    // duration(sec): a string through ParseInt (0 on failure), an int64 as is, anything else (an expr
                    // int too) 0; times a second.
                    var n = Arg(a, 0, name) switch
                    {
                        string s => long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : 0,
                        _ => 0,
                    };
                    result = Functions.GoDurationString(unchecked(n * 1_000_000_000L));
                    return true;
                }

            case "sprig.durationRound":
                {
                    // durationRound: a string through ParseDuration (0 on failure), an int64, a time.Time (time since
                    // it); anything else, an expr int too, 0.
                    long d = Arg(a, 0, name) switch
                    {
                        string s => TryParseDuration(s),
                        GoTime gt => Now().Sub(gt),
                        _ => 0,
                    };
                    result = DurationRound(d);
                    return true;
                }

            default:
                return false;
        }
    }

    private static object? Arg(List<object?> a, int i, string name) =>
        i < a.Count ? a[i] : throw new ExprException($"{name}: missing argument {i + 1}");

    private static GoTime TimeArg(string name, List<object?> a, int i) => Arg(a, i, name) is GoTime t
        ? t
        : throw new ExprException($"{name}: argument {i + 1} must be a time.Time, got {Expr.Describe(a[i])}");

    private static long TryParseDuration(string s)
    {
        try
        {
            return GoDurationParser.Parse(s);
        }
        catch (ExprException)
        {
            return 0;
        }
    }

    /// <summary>sprig dateInZone: a time.Time, or an int as Unix seconds; anything else is now. An unknown zone is UTC.</summary>
    private static string DateInZone(string layout, object? date, string zone)
    {
        var t = date switch
        {
            GoTime gt => gt,
            long l => GoTime.Unix(l, 0, GoZone.Local),
            _ => Now(),
        };
        GoZone loc;
        try
        {
            loc = GoZone.Load(zone);
        }
        catch (ExprException)
        {
            loc = GoZone.Utc;
        }

        return GoTimeFormat.Format(t.In(loc), layout);
    }

    /// <summary>expr's date(): [location,] text [, layout [, zone name]]; without a layout a fixed list of layouts is tried.</summary>
    private static GoTime ExprDate(List<object?> a)
    {
        var args = new List<object?>(a);
        GoZone? tz = null;
        if (args.Count > 0 && args[0] is GoZone z)
        {
            tz = z;
            args.RemoveAt(0);
        }

        if (args.Count is < 1 or > 3)
        {
            throw new ExprException($"invalid number of arguments (expected at least 1, got {a.Count})");
        }

        var text = Str("date", args[0]);
        if (args.Count == 2)
        {
            return GoTimeFormat.Parse(Str("date", args[1]), text, tz);
        }

        if (args.Count == 3)
        {
            return GoTimeFormat.Parse(Str("date", args[1]), text, GoZone.Load(Str("date", args[2])));
        }

        foreach (var layout in DateLayouts)
        {
            try
            {
                return GoTimeFormat.Parse(layout, text, tz);
            }
            catch (ExprException)
            {
                // next layout
            }
        }

        throw new ExprException("invalid date " + text);
    }

    private static readonly string[] DateLayouts =
    [
        "2006-01-02",
        "15:04:05",
        "2006-01-02 15:04:05",
        "2006-01-02T15:04:05Z07:00", // RFC3339
        "02 Jan 06 15:04 MST", // RFC822
        "Monday, 02-Jan-06 15:04:05 MST", // RFC850
        "Mon, 02 Jan 2006 15:04:05 MST", // RFC1123
    ];

    /// <summary>Duration.Round.</summary>
    private static long RoundDuration(long d, long m)
    {
        if (m <= 0)
        {
            return d;
        }

        var r = d % m;
        if (d < 0)
        {
            r = -r;
            if (r + r < m)
            {
                return d + r;
            }

            var d1 = d - m + r;
            return d1 < d ? d1 : long.MinValue;
        }

        if (r + r < m)
        {
            return d - r;
        }

        var d2 = d + m - r;
        return d2 > d ? d2 : long.MaxValue;
    }

    /// <summary>
    /// A method of a Go value that an expression calls (<c>now().Format("2006")</c>, <c>duration("1h").Minutes()</c>):
    /// the exported methods of time.Time, time.Duration and *time.Location that take and return plain values.
    /// </summary>
    public static object? CallMethod(object? target, string method, List<object?> a)
    {
        switch (target)
        {
            case GoTime t:
                return method switch
                {
                    "Format" => GoTimeFormat.Format(t, Str(method, One(method, a))),
                    "String" => t.ToString(),
                    "Year" => t.Date().Year,
                    "Month" => (long)t.Date().Month,
                    "Day" => (long)t.Date().Day,
                    "Hour" => (long)t.Hour,
                    "Minute" => (long)t.Minute,
                    "Second" => (long)t.Second,
                    "Nanosecond" => (long)t.Nsec,
                    "YearDay" => (long)t.YearDay,
                    "Weekday" => (long)t.Weekday,
                    "Unix" => t.Sec,
                    "UnixMilli" => (t.Sec * 1000) + (t.Nsec / 1_000_000),
                    "UnixMicro" => (t.Sec * 1_000_000) + (t.Nsec / 1000),
                    "UnixNano" => (t.Sec * 1_000_000_000) + t.Nsec,
                    "IsZero" => t.IsZero,
                    "UTC" => t.In(GoZone.Utc),
                    "Local" => t.In(GoZone.Local),
                    "In" => t.In(One(method, a) as GoZone ?? throw new ExprException("In: argument must be a *time.Location")),
                    "Location" => t.Zone,
                    "Add" => t.Add(DurationArg(method, a)),
                    "Sub" => new GoDuration(t.Sub(TimeArg(method, a, 0))),
                    "AddDate" when a.Count == 3 => t.AddDate(ToInt(a[0], false), ToInt(a[1], false), ToInt(a[2], false)),
                    "Before" => t.CompareTo(TimeArg(method, a, 0)) < 0,
                    "After" => t.CompareTo(TimeArg(method, a, 0)) > 0,
                    "Equal" => t.SameInstant(TimeArg(method, a, 0)),
                    "Compare" => (long)Math.Sign(t.CompareTo(TimeArg(method, a, 0))),
                    "Truncate" => t.Truncate(DurationArg(method, a)),
                    "Round" => t.Round(DurationArg(method, a)),
                    _ => throw NoMethod("time.Time", method),
                };
            case GoDuration d:
                return method switch
                {
                    "String" => d.ToString(),
                    "Hours" => (d.Nanos / 3_600_000_000_000L) + ((double)(d.Nanos % 3_600_000_000_000L) / 3.6e12),
                    "Minutes" => (d.Nanos / 60_000_000_000L) + ((double)(d.Nanos % 60_000_000_000L) / 6e10),
                    "Seconds" => (d.Nanos / 1_000_000_000L) + ((double)(d.Nanos % 1_000_000_000L) / 1e9),
                    "Milliseconds" => d.Nanos / 1_000_000L,
                    "Microseconds" => d.Nanos / 1000L,
                    "Nanoseconds" => d.Nanos,
                    "Abs" => new GoDuration(d.Nanos >= 0 ? d.Nanos : d.Nanos == long.MinValue ? long.MaxValue : -d.Nanos),
                    "Round" => new GoDuration(RoundDuration(d.Nanos, DurationArg(method, a))),
                    "Truncate" => new GoDuration(DurationArg(method, a) is var m && m > 0 ? d.Nanos - (d.Nanos % m) : d.Nanos),
                    _ => throw NoMethod("time.Duration", method),
                };
            case SemverVersion v:
                return v.Call(method, a);
            case GoZone z:
                return method == "String" ? z.Name : throw NoMethod("*time.Location", method);
            default:
                throw new ExprException($"type {Expr.GoTypeName(target)} has no method {method}");
        }
    }

    private static long DurationArg(string method, List<object?> a) => One(method, a) switch
    {
        GoDuration d => d.Nanos,
        long l => l, // an untyped constant converts to time.Duration
        var v => throw new ExprException($"{method}: argument must be a time.Duration, got {Expr.Describe(v)}"),
    };

    private static ExprException NoMethod(string type, string method) => new($"type {type} has no method {method}");
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading;

namespace Pipelines.Runner.Expressions;

/// <summary>
/// A Go <c>*time.Location</c>: a named IANA zone (read with <see cref="TimeZoneInfo"/>), UTC, or a fixed offset
/// (what <c>time.Parse</c> makes from <c>-0700</c> when the offset is not the local zone's).
/// </summary>
internal sealed class GoZone
{
    private GoZone(string name, TimeZoneInfo? zone, int fixedOffset)
    {
        Name = name;
        Zone = zone;
        FixedOffset = fixedOffset;
    }

    /// <summary>UTC, which is also the runner's <c>Local</c>: Argo's controller image runs with no TZ and no zoneinfo, so Go's Local is UTC there.</summary>
    public static GoZone Utc { get; } = new("UTC", null, 0);

    /// <summary>Go's <c>time.Local</c> as the controller has it (see <see cref="Utc"/>).</summary>
    public static GoZone Local => Utc;

    public string Name { get; }

    public TimeZoneInfo? Zone { get; }

    public int FixedOffset { get; }

    public static GoZone Fixed(string name, int offsetSeconds) => new(name, null, offsetSeconds);

    /// <summary>time.LoadLocation: "" and "UTC" are UTC, "Local" is Local, anything else an IANA name.</summary>
    public static GoZone Load(string name)
    {
        switch (name)
        {
            case "" or "UTC": return Utc;
            case "Local": return Local;
        }

        // Go refuses names that climb out of the zoneinfo root or are absolute.
        if (name.StartsWith('/') || name.Contains("..", StringComparison.Ordinal) || name.Contains('\\'))
        {
            throw new ExprException("time: invalid location name");
        }

        try
        {
            return new GoZone(name, TimeZoneInfo.FindSystemTimeZoneById(name), 0);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ExprException("unknown time zone " + name);
        }
    }

    /// <summary>The zone's offset from UTC (seconds) at a Unix instant.</summary>
    public int OffsetAt(long unixSeconds)
    {
        if (Zone is null)
        {
            return FixedOffset;
        }

        var clamped = Math.Clamp(unixSeconds, -62135596800L, 253402300799L);
        return (int)Zone.GetUtcOffset(DateTimeOffset.FromUnixTimeSeconds(clamped)).TotalSeconds;
    }

    /// <summary>
    /// The abbreviation Go prints for <c>MST</c>. Go reads it from tzdata; .NET does not expose tzdata abbreviations,
    /// so named zones other than UTC print their numeric offset as tzdata does for zones without letters (<c>+0530</c>
    /// style is Go's fallback for a nameless zone; here <c>+05</c>/<c>+0530</c>).
    /// </summary>
    public string Abbreviation(long unixSeconds)
    {
        if (Zone is null)
        {
            return Name;
        }

        var off = OffsetAt(unixSeconds);
        if (off == 0 && Zone.BaseUtcOffset == TimeSpan.Zero && !Zone.SupportsDaylightSavingTime)
        {
            return "UTC";
        }

        var sign = off < 0 ? '-' : '+';
        off = Math.Abs(off);
        var text = sign + (off / 3600).ToString("00", CultureInfo.InvariantCulture);
        return off % 3600 == 0 ? text : text + (off / 60 % 60).ToString("00", CultureInfo.InvariantCulture);
    }

    public override string ToString() => Name;
}

/// <summary>A Go <c>time.Duration</c> (nanoseconds). JSON is the number of nanoseconds; <c>%v</c> is <c>1h2m3s</c>.</summary>
internal readonly record struct GoDuration(long Nanos)
{
    public override string ToString() => Functions.GoDurationString(Nanos);
}

/// <summary>
/// A Go <c>time.Time</c>: Unix seconds, nanoseconds and a location. JSON is RFC 3339 with nanoseconds trimmed
/// (<c>2026-12-05T13:05:50.5Z</c>), <c>%v</c> is <c>2026-12-05 13:05:50.5 +0000 UTC</c>.
/// </summary>
internal readonly record struct GoTime(long Sec, int Nsec, GoZone Zone)
{
    /// <summary>Go's zero time (January 1, year 1, 00:00:00 UTC).</summary>
    public static GoTime Zero { get; } = new(-62135596800L, 0, GoZone.Utc);

    public bool IsZero => Sec == Zero.Sec && Nsec == 0;

    public static GoTime FromClock(TimeProvider clock, GoZone zone)
    {
        var now = clock.GetUtcNow();
        var ticks = now.UtcTicks - DateTime.UnixEpoch.Ticks;
        var sec = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var rest);
        if (rest < 0)
        {
            sec--;
            rest += TimeSpan.TicksPerSecond;
        }

        return new GoTime(sec, (int)(rest * 100), zone);
    }

    public static GoTime Unix(long sec, long nsec, GoZone zone)
    {
        sec += Math.DivRem(nsec, 1_000_000_000L, out var r);
        if (r < 0)
        {
            sec--;
            r += 1_000_000_000L;
        }

        return new GoTime(sec, (int)r, zone);
    }

    public int Offset => Zone.OffsetAt(Sec);

    /// <summary>The local wall clock: days since 1970-01-01 and seconds in the day.</summary>
    public (long Days, long SecondOfDay) Wall()
    {
        var local = Sec + Offset;
        var days = Math.DivRem(local, 86400L, out var sod);
        if (sod < 0)
        {
            days--;
            sod += 86400;
        }

        return (days, sod);
    }

    public (long Year, int Month, int Day) Date() => Civil.FromDays(Wall().Days);

    public int Hour => (int)(Wall().SecondOfDay / 3600);

    public int Minute => (int)(Wall().SecondOfDay / 60 % 60);

    public int Second => (int)(Wall().SecondOfDay % 60);

    public int Weekday => (int)(((Wall().Days % 7) + 11) % 7);

    public int YearDay
    {
        get
        {
            var (y, _, _) = Date();
            return (int)(Wall().Days - Civil.ToDays(y, 1, 1)) + 1;
        }
    }

    public GoTime Add(long nanos)
    {
        var sec = Sec + (nanos / 1_000_000_000L);
        var ns = Nsec + (nanos % 1_000_000_000L);
        return Unix(sec, ns, Zone);
    }

    public long Sub(GoTime other)
    {
        // Saturates like Go's Time.Sub.
        var ds = (decimal)(Sec - other.Sec) * 1_000_000_000m + (Nsec - other.Nsec);
        return ds > long.MaxValue ? long.MaxValue : ds < long.MinValue ? long.MinValue : (long)ds;
    }

    public int CompareTo(GoTime other) => Sec != other.Sec ? Sec.CompareTo(other.Sec) : Nsec.CompareTo(other.Nsec);

    public bool SameInstant(GoTime other) => Sec == other.Sec && Nsec == other.Nsec;

    public GoTime In(GoZone zone) => this with { Zone = zone };

    /// <summary>time.Date: normalizes every field, then reads the wall time in <paramref name="zone"/>.</summary>
    public static GoTime Date(long year, long month, long day, long hour, long min, long sec, long nsec, GoZone zone)
    {
        var m0 = month - 1;
        year += Math.DivRem(m0, 12, out var mr);
        if (mr < 0)
        {
            year--;
            mr += 12;
        }

        var days = Civil.ToDays(year, (int)mr + 1, 1) + day - 1;
        var wall = (days * 86400) + (hour * 3600) + (min * 60) + sec;
        var unix = wall - zone.OffsetAt(wall);

        // Two tries settle a wall time next to a transition, as Go's Date does.
        var off = zone.OffsetAt(unix);
        unix = wall - off;
        return Unix(unix, nsec, zone);
    }

    public GoTime AddDate(long years, long months, long days)
    {
        var (y, m, d) = Date();
        var (_, sod) = Wall();
        return Date(y + years, m + months, d + days, sod / 3600, sod / 60 % 60, sod % 60, Nsec, Zone);
    }

    public GoTime Truncate(long d)
    {
        if (d <= 0)
        {
            return this;
        }

        var r = Mod(d);
        return Add(-r);
    }

    public GoTime Round(long d)
    {
        if (d <= 0)
        {
            return this;
        }

        var r = Mod(d);
        // Halfway values round up, as in Go.
        return r + r < d ? Add(-r) : Add(d - r);
    }

    /// <summary>The time since the zero time modulo d (Go's div), for Truncate/Round.</summary>
    private long Mod(long d)
    {
        var sinceZero = (System.Numerics.BigInteger)(Sec - Zero.Sec) * 1_000_000_000 + Nsec;
        var r = sinceZero % d;
        return (long)r;
    }

    /// <summary>RFC 3339 with trimmed nanoseconds, as Time.MarshalJSON writes it (without the quotes).</summary>
    public string ToJsonText() => GoTimeFormat.Format(this, "2006-01-02T15:04:05.999999999Z07:00");

    /// <summary>Time.String.</summary>
    public override string ToString() => GoTimeFormat.Format(this, "2006-01-02 15:04:05.999999999 -0700 MST");
}

/// <summary>Proleptic Gregorian day arithmetic on days since 1970-01-01 (any year).</summary>
internal static class Civil
{
    public static long ToDays(long y, int m, int d)
    {
        y -= m <= 2 ? 1 : 0;
        var era = (y >= 0 ? y : y - 399) / 400;
        var yoe = y - (era * 400);
        var doy = ((153 * (m + (m > 2 ? -3 : 9))) + 2) / 5 + d - 1;
        var doe = (yoe * 365) + (yoe / 4) - (yoe / 100) + doy;
        return (era * 146097) + doe - 719468;
    }

    public static (long Year, int Month, int Day) FromDays(long z)
    {
        z += 719468;
        var era = (z >= 0 ? z : z - 146096) / 146097;
        var doe = z - (era * 146097);
        var yoe = (doe - (doe / 1460) + (doe / 36524) - (doe / 146096)) / 365;
        var y = yoe + (era * 400);
        var doy = doe - ((365 * yoe) + (yoe / 4) - (yoe / 100));
        var mp = ((5 * doy) + 2) / 153;
        var d = (int)(doy - (((153 * mp) + 2) / 5) + 1);
        var m = (int)(mp < 10 ? mp + 3 : mp - 9);
        return (m <= 2 ? y + 1 : y, m, d);
    }

    public static int DaysIn(long year, int month) => month == 2
        ? (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28)
        : month is 4 or 6 or 9 or 11 ? 30 : 31;
}

/// <summary>The clock expressions read (<c>now()</c>, <c>sprig.now</c>, <c>sprig.ago</c>...): the system clock unless a test sets one.</summary>
public static class ExprClock
{
    private static readonly AsyncLocal<TimeProvider?> Current = new();

    /// <summary>The clock in effect for expressions evaluated on this flow of execution.</summary>
    public static TimeProvider Provider => Current.Value ?? TimeProvider.System;

    /// <summary>Makes expressions on this flow of execution read <paramref name="clock"/> until the result is disposed.</summary>
    /// <param name="clock">The clock (for example a <c>FakeTimeProvider</c>).</param>
    /// <returns>A scope that restores the previous clock.</returns>
    public static IDisposable Use(TimeProvider clock)
    {
        var previous = Current.Value;
        Current.Value = clock;
        return new Scope(previous);
    }

    /// <summary>Makes expressions read the run's clock (the runner's <c>IRunClock</c>) until the result is disposed.</summary>
    /// <param name="utcNow">Reads the clock.</param>
    /// <returns>A scope that restores the previous clock.</returns>
    public static IDisposable Use(Func<DateTimeOffset> utcNow) => Use(new FuncTimeProvider(utcNow));

    private sealed class FuncTimeProvider(Func<DateTimeOffset> utcNow) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => utcNow();
    }

    private sealed class Scope(TimeProvider? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}

/// <summary>Go's time.ParseDuration: <c>[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+</c>, units ns, us/µs, ms, s, m, h; Go's error texts.</summary>
internal static class GoDurationParser
{
    public static long Parse(string s)
    {
        var orig = s;
        var invalid = new ExprException("time: invalid duration \"" + orig + "\"");
        var neg = false;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            neg = s[0] == '-';
            s = s[1..];
        }

        if (s == "0")
        {
            return 0;
        }

        if (s.Length == 0)
        {
            throw invalid;
        }

        decimal total = 0;
        while (s.Length > 0)
        {
            if (!(s[0] == '.' || char.IsAsciiDigit(s[0])))
            {
                throw invalid;
            }

            var i = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }

            var intPart = s[..i];
            s = s[i..];
            var fracPart = string.Empty;
            var pre = intPart.Length > 0;
            var post = false;
            if (s.Length > 0 && s[0] == '.')
            {
                s = s[1..];
                i = 0;
                while (i < s.Length && char.IsAsciiDigit(s[i]))
                {
                    i++;
                }

                fracPart = s[..i];
                s = s[i..];
                post = fracPart.Length > 0;
            }

            if (!pre && !post)
            {
                throw invalid;
            }

            i = 0;
            while (i < s.Length && s[i] != '.' && !char.IsAsciiDigit(s[i]))
            {
                i++;
            }

            if (i == 0)
            {
                throw new ExprException("time: missing unit in duration \"" + orig + "\"");
            }

            var unitText = s[..i];
            s = s[i..];
            decimal unit = unitText switch
            {
                "ns" => 1m,
                "us" or "\u00b5s" or "\u03bcs" => 1_000m,
                "ms" => 1_000_000m,
                "s" => 1_000_000_000m,
                "m" => 60_000_000_000m,
                "h" => 3_600_000_000_000m,
                _ => throw new ExprException("time: unknown unit \"" + unitText + "\" in duration \"" + orig + "\""),
            };
            try
            {
                var whole = intPart.Length == 0 ? 0m : decimal.Parse(intPart, System.Globalization.CultureInfo.InvariantCulture);
                var value = whole * unit;
                if (fracPart.Length > 0)
                {
                    // Go truncates the fractional part's contribution toward zero.
                    var frac = decimal.Parse("0." + (fracPart.Length > 25 ? fracPart[..25] : fracPart), System.Globalization.CultureInfo.InvariantCulture);
                    value += decimal.Truncate(frac * unit);
                }

                total += value;
            }
            catch (OverflowException)
            {
                throw invalid;
            }

            if (total > 9223372036854775808m)
            {
                throw invalid;
            }
        }

        if (neg)
        {
            total = -total;
        }

        if (total > long.MaxValue || total < long.MinValue)
        {
            throw invalid;
        }

        return (long)total;
    }
}

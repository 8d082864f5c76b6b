using System;
using System.Globalization;
using System.Text;

namespace Pipelines.Runner.Expressions;

/// <summary>
/// Go's reference-time layouts (<c>Mon Jan 2 15:04:05 MST 2006</c>) for <c>Time.Format</c>, <c>time.Parse</c> and
/// <c>time.ParseInLocation</c>, read from Go's time/format.go behaviour: the same layout elements (names, zero-padded
/// and space-padded numbers, <c>PM</c>, zones <c>MST</c>/<c>-0700</c>/<c>Z07:00</c> and their variants, fractional
/// seconds <c>.000</c>/<c>.999</c> with <c>.</c> or <c>,</c>) and the same error texts.
/// </summary>
internal static class GoTimeFormat
{
    private enum Std
    {
        None, LongMonth, Month, NumMonth, ZeroMonth, LongWeekDay, WeekDay, Day, UnderDay, ZeroDay, UnderYearDay, ZeroYearDay,
        Hour, Hour12, ZeroHour12, Minute, ZeroMinute, Second, ZeroSecond, LongYear, Year, PM, Pm, TZ,
        ISO8601TZ, ISO8601SecondsTZ, ISO8601ShortTZ, ISO8601ColonTZ, ISO8601ColonSecondsTZ,
        NumTZ, NumSecondsTz, NumShortTZ, NumColonTZ, NumColonSecondsTZ, FracSecond0, FracSecond9,
    }

    private static readonly string[] LongMonths = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[..12];
    private static readonly string[] ShortMonths = CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedMonthNames[..12];
    private static readonly string[] LongDays = CultureInfo.InvariantCulture.DateTimeFormat.DayNames;
    private static readonly string[] ShortDays = CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedDayNames;

    /// <summary>The next layout element: the literal text before it, the element, its text, and the rest.</summary>
    private static (string Prefix, Std Std, string Element, int Digits, char Sep, string Suffix) Next(string layout)
    {
        for (var i = 0; i < layout.Length; i++)
        {
            var rest = layout[i..];
            Std std = Std.None;
            var len = 0;
            switch (layout[i])
            {
                case 'J':
                    if (rest.StartsWith("Jan", StringComparison.Ordinal))
                    {
                        (std, len) = rest.StartsWith("January", StringComparison.Ordinal) ? (Std.LongMonth, 7) : (Std.Month, 3);
                    }

                    break;
                case 'M':
                    if (rest.StartsWith("Mon", StringComparison.Ordinal))
                    {
                        (std, len) = rest.StartsWith("Monday", StringComparison.Ordinal) ? (Std.LongWeekDay, 6) : (Std.WeekDay, 3);
                    }
                    else if (rest.StartsWith("MST", StringComparison.Ordinal))
                    {
                        (std, len) = (Std.TZ, 3);
                    }

                    break;
                case '0':
                    if (rest.Length >= 2 && rest[1] >= '1' && rest[1] <= '6')
                    {
                        std = rest[1] switch { '1' => Std.ZeroMonth, '2' => Std.ZeroDay, '3' => Std.ZeroHour12, '4' => Std.ZeroMinute, '5' => Std.ZeroSecond, _ => Std.Year };
                        len = 2;
                    }
                    else if (rest.StartsWith("002", StringComparison.Ordinal))
                    {
                        (std, len) = (Std.ZeroYearDay, 3);
                    }

                    break;
                case '1':
                    (std, len) = rest.StartsWith("15", StringComparison.Ordinal) ? (Std.Hour, 2) : (Std.NumMonth, 1);
                    break;
                case '2':
                    (std, len) = rest.StartsWith("2006", StringComparison.Ordinal) ? (Std.LongYear, 4) : (Std.Day, 1);
                    break;
                case '_':
                    if (rest.StartsWith("_2", StringComparison.Ordinal))
                    {
                        // "_2006" is a literal underscore before a year.
                        if (rest.StartsWith("_2006", StringComparison.Ordinal))
                        {
                            return (layout[..(i + 1)], Std.LongYear, "2006", 0, '\0', layout[(i + 5)..]);
                        }

                        (std, len) = (Std.UnderDay, 2);
                    }
                    else if (rest.StartsWith("__2", StringComparison.Ordinal))
                    {
                        (std, len) = (Std.UnderYearDay, 3);
                    }

                    break;
                case '3': (std, len) = (Std.Hour12, 1); break;
                case '4': (std, len) = (Std.Minute, 1); break;
                case '5': (std, len) = (Std.Second, 1); break;
                case 'P':
                    if (rest.StartsWith("PM", StringComparison.Ordinal))
                    {
                        (std, len) = (Std.PM, 2);
                    }

                    break;
                case 'p':
                    if (rest.StartsWith("pm", StringComparison.Ordinal))
                    {
                        (std, len) = (Std.Pm, 2);
                    }

                    break;
                case '-':
                    (std, len) = rest.StartsWith("-070000", StringComparison.Ordinal) ? (Std.NumSecondsTz, 7)
                        : rest.StartsWith("-07:00:00", StringComparison.Ordinal) ? (Std.NumColonSecondsTZ, 9)
                        : rest.StartsWith("-0700", StringComparison.Ordinal) ? (Std.NumTZ, 5)
                        : rest.StartsWith("-07:00", StringComparison.Ordinal) ? (Std.NumColonTZ, 6)
                        : rest.StartsWith("-07", StringComparison.Ordinal) ? (Std.NumShortTZ, 3)
                        : (Std.None, 0);
                    break;
                case 'Z':
                    (std, len) = rest.StartsWith("Z070000", StringComparison.Ordinal) ? (Std.ISO8601SecondsTZ, 7)
                        : rest.StartsWith("Z07:00:00", StringComparison.Ordinal) ? (Std.ISO8601ColonSecondsTZ, 9)
                        : rest.StartsWith("Z0700", StringComparison.Ordinal) ? (Std.ISO8601TZ, 5)
                        : rest.StartsWith("Z07:00", StringComparison.Ordinal) ? (Std.ISO8601ColonTZ, 6)
                        : rest.StartsWith("Z07", StringComparison.Ordinal) ? (Std.ISO8601ShortTZ, 3)
                        : (Std.None, 0);
                    break;
                case '.' or ',':
                    if (rest.Length > 1 && (rest[1] == '0' || rest[1] == '9'))
                    {
                        var ch = rest[1];
                        var j = 1;
                        while (j < rest.Length && rest[j] == ch)
                        {
                            j++;
                        }

                        if (!(j < rest.Length && char.IsAsciiDigit(rest[j])))
                        {
                            return (layout[..i], ch == '0' ? Std.FracSecond0 : Std.FracSecond9, rest[..j], j - 1, rest[0], rest[j..]);
                        }
                    }

                    break;
            }

            if (std != Std.None)
            {
                return (layout[..i], std, rest[..len], 0, '\0', rest[len..]);
            }
        }

        return (layout, Std.None, string.Empty, 0, '\0', string.Empty);
    }

    /// <summary>Time.Format.</summary>
    public static string Format(GoTime t, string layout)
    {
        var sb = new StringBuilder();
        var (year, month, day) = t.Date();
        var (_, sod) = t.Wall();
        var hour = (int)(sod / 3600);
        var offset = t.Offset;
        while (layout.Length > 0)
        {
            var (prefix, std, _, digits, sep, suffix) = Next(layout);
            sb.Append(prefix);
            if (std == Std.None)
            {
                break;
            }

            layout = suffix;
            switch (std)
            {
                case Std.Year: sb.Append(Pad(Math.Abs(year % 100), 2)); break;
                case Std.LongYear: sb.Append(year < 0 ? "-" + Pad(-year, 4) : Pad(year, 4)); break;
                case Std.Month: sb.Append(ShortMonths[month - 1]); break;
                case Std.LongMonth: sb.Append(LongMonths[month - 1]); break;
                case Std.NumMonth: sb.Append(month); break;
                case Std.ZeroMonth: sb.Append(Pad(month, 2)); break;
                case Std.WeekDay: sb.Append(ShortDays[t.Weekday]); break;
                case Std.LongWeekDay: sb.Append(LongDays[t.Weekday]); break;
                case Std.Day: sb.Append(day); break;
                case Std.UnderDay: sb.Append(day < 10 ? " " : string.Empty).Append(day); break;
                case Std.ZeroDay: sb.Append(Pad(day, 2)); break;
                case Std.UnderYearDay: sb.Append(t.YearDay.ToString(CultureInfo.InvariantCulture).PadLeft(3, ' ')); break;
                case Std.ZeroYearDay: sb.Append(Pad(t.YearDay, 3)); break;
                case Std.Hour: sb.Append(Pad(hour, 2)); break;
                case Std.Hour12: sb.Append(hour % 12 == 0 ? 12 : hour % 12); break;
                case Std.ZeroHour12: sb.Append(Pad(hour % 12 == 0 ? 12 : hour % 12, 2)); break;
                case Std.Minute: sb.Append(sod / 60 % 60); break;
                case Std.ZeroMinute: sb.Append(Pad(sod / 60 % 60, 2)); break;
                case Std.Second: sb.Append(sod % 60); break;
                case Std.ZeroSecond: sb.Append(Pad(sod % 60, 2)); break;
                case Std.PM: sb.Append(hour >= 12 ? "PM" : "AM"); break;
                case Std.Pm: sb.Append(hour >= 12 ? "pm" : "am"); break;
                case Std.ISO8601TZ or Std.ISO8601ColonTZ or Std.ISO8601SecondsTZ or Std.ISO8601ShortTZ or Std.ISO8601ColonSecondsTZ
                    or Std.NumTZ or Std.NumColonTZ or Std.NumSecondsTz or Std.NumShortTZ or Std.NumColonSecondsTZ:
                    {
                        var iso = std is Std.ISO8601TZ or Std.ISO8601ColonTZ or Std.ISO8601SecondsTZ or Std.ISO8601ShortTZ or Std.ISO8601ColonSecondsTZ;
                        if (iso && offset == 0)
                        {
                            sb.Append('Z');
                            break;
                        }

                        var zone = offset / 60;
                        var absoff = offset;
                        if (zone < 0)
                        {
                            sb.Append('-');
                            zone = -zone;
                            absoff = -absoff;
                        }
                        else
                        {
                            sb.Append('+');
                        }

                        sb.Append(Pad(zone / 60, 2));
                        if (std is Std.ISO8601ColonTZ or Std.NumColonTZ or Std.ISO8601ColonSecondsTZ or Std.NumColonSecondsTZ)
                        {
                            sb.Append(':');
                        }

                        if (std is not (Std.NumShortTZ or Std.ISO8601ShortTZ))
                        {
                            sb.Append(Pad(zone % 60, 2));
                        }

                        if (std is Std.ISO8601SecondsTZ or Std.NumSecondsTz or Std.NumColonSecondsTZ or Std.ISO8601ColonSecondsTZ)
                        {
                            if (std is Std.NumColonSecondsTZ or Std.ISO8601ColonSecondsTZ)
                            {
                                sb.Append(':');
                            }

                            sb.Append(Pad(absoff % 60, 2));
                        }

                        break;
                    }

                case Std.TZ:
                    {
                        var name = t.Zone.Abbreviation(t.Sec);
                        if (name.Length > 0)
                        {
                            sb.Append(name);
                            break;
                        }

                        var zone = offset / 60;
                        if (zone < 0)
                        {
                            sb.Append('-');
                            zone = -zone;
                        }
                        else
                        {
                            sb.Append('+');
                        }

                        sb.Append(Pad(zone / 60, 2)).Append(Pad(zone % 60, 2));
                        break;
                    }

                case Std.FracSecond0:
                    sb.Append(sep).Append(t.Nsec.ToString("000000000", CultureInfo.InvariantCulture)[..Math.Min(digits, 9)]);
                    break;
                case Std.FracSecond9:
                    {
                        var frac = t.Nsec.ToString("000000000", CultureInfo.InvariantCulture)[..Math.Min(digits, 9)].TrimEnd('0');
                        if (frac.Length > 0)
                        {
                            sb.Append(sep).Append(frac);
                        }

                        break;
                    }
            }
        }

        return sb.ToString();
    }

    private static string Pad(long v, int width) => v.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');

    private static ExprException ParseError(string layout, string value, string layoutElem, string valueElem, string message = "") =>
        new(message.Length > 0
            ? "parsing time " + GoQuote(value) + message
            : "parsing time " + GoQuote(value) + " as " + GoQuote(layout) + ": cannot parse " + GoQuote(valueElem) + " as " + GoQuote(layoutElem));

    private static string GoQuote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>time.Parse (no zone in the text means UTC) and time.ParseInLocation (it means <paramref name="zone"/>).</summary>
    public static GoTime Parse(string layout, string value, GoZone? zone)
    {
        var alayout = layout;
        var avalue = value;
        var defaultZone = zone ?? GoZone.Utc;
        long year = 0;
        int month = -1, day = -1, yday = -1, hour = 0, min = 0, sec = 0, nsec = 0;
        var pmSet = false;
        var amSet = false;
        var z = (GoZone?)null;
        var zoneOffset = -1;
        var zoneName = string.Empty;
        var utcZ = false;

        while (true)
        {
            var (prefix, std, elem, digits, _, suffix) = Next(layout);
            var stdstr = elem;
            if (Skip(value, prefix) is { } afterPrefix)
            {
                value = afterPrefix;
            }
            else
            {
                throw ParseError(alayout, avalue, prefix, value);
            }

            if (std == Std.None)
            {
                if (value.Length != 0)
                {
                    throw ParseError(alayout, avalue, string.Empty, value, ": extra text: " + GoQuote(value));
                }

                break;
            }

            layout = suffix;
            var hold = value;
            var rangeErr = string.Empty;
            var ok = true;
            switch (std)
            {
                case Std.Year:
                    {
                        if (value.Length < 2 || !Digits(value, 2))
                        {
                            ok = false;
                            break;
                        }

                        var y = int.Parse(value[..2], CultureInfo.InvariantCulture);
                        value = value[2..];
                        year = y >= 69 ? y + 1900 : y + 2000;
                        break;
                    }

                case Std.LongYear:
                    if (value.Length < 4 || !Digits(value, 4))
                    {
                        ok = false;
                        break;
                    }

                    year = int.Parse(value[..4], CultureInfo.InvariantCulture);
                    value = value[4..];
                    break;
                case Std.Month or Std.LongMonth:
                    ok = Lookup(std == Std.Month ? ShortMonths : LongMonths, ref value, out month);
                    month++;
                    break;
                case Std.NumMonth or Std.ZeroMonth:
                    ok = GetNum(ref value, std == Std.ZeroMonth, out month);
                    if (ok && (month <= 0 || month > 12))
                    {
                        rangeErr = "month";
                    }

                    break;
                case Std.WeekDay or Std.LongWeekDay:
                    ok = Lookup(std == Std.WeekDay ? ShortDays : LongDays, ref value, out _);
                    break;
                case Std.Day or Std.UnderDay or Std.ZeroDay:
                    if (std == Std.UnderDay && value.Length > 0 && value[0] == ' ')
                    {
                        value = value[1..];
                    }

                    ok = GetNum(ref value, std == Std.ZeroDay, out day);
                    break;
                case Std.UnderYearDay or Std.ZeroYearDay:
                    for (var k = 0; k < 2 && std == Std.UnderYearDay && value.Length > 0 && value[0] == ' '; k++)
                    {
                        value = value[1..];
                    }

                    ok = GetNum3(ref value, std == Std.ZeroYearDay, out yday);
                    break;
                case Std.Hour:
                    ok = GetNum(ref value, false, out hour);
                    if (hour < 0 || hour >= 24)
                    {
                        rangeErr = "hour";
                    }

                    break;
                case Std.Hour12 or Std.ZeroHour12:
                    ok = GetNum(ref value, std == Std.ZeroHour12, out hour);
                    if (hour < 0 || hour > 12)
                    {
                        rangeErr = "hour";
                    }

                    break;
                case Std.Minute or Std.ZeroMinute:
                    ok = GetNum(ref value, std == Std.ZeroMinute, out min);
                    if (min < 0 || min >= 60)
                    {
                        rangeErr = "minute";
                    }

                    break;
                case Std.Second or Std.ZeroSecond:
                    ok = GetNum(ref value, std == Std.ZeroSecond, out sec);
                    if (!ok)
                    {
                        break;
                    }

                    if (sec < 0 || sec >= 60)
                    {
                        rangeErr = "second";
                        break;
                    }

                    // A fractional second in the value after a seconds element the layout does not spell out.
                    if (value.Length >= 2 && (value[0] == '.' || value[0] == ',') && char.IsAsciiDigit(value[1]))
                    {
                        var (_, nextStd, _, _, _, _) = Next(layout);
                        if (nextStd is Std.FracSecond0 or Std.FracSecond9)
                        {
                            break;
                        }

                        var n = 1;
                        while (n < value.Length && char.IsAsciiDigit(value[n]))
                        {
                            n++;
                        }

                        nsec = Nanos(value[1..n]);
                        value = value[n..];
                    }

                    break;
                case Std.PM or Std.Pm:
                    {
                        if (value.Length < 2)
                        {
                            ok = false;
                            break;
                        }

                        var p = value[..2];
                        if (std == Std.PM ? p == "PM" : p == "pm")
                        {
                            pmSet = true;
                        }
                        else if (std == Std.PM ? p == "AM" : p == "am")
                        {
                            amSet = true;
                        }
                        else
                        {
                            ok = false;
                        }

                        value = value[2..];
                        break;
                    }

                case Std.ISO8601TZ or Std.ISO8601ColonTZ or Std.ISO8601SecondsTZ or Std.ISO8601ShortTZ or Std.ISO8601ColonSecondsTZ
                    or Std.NumTZ or Std.NumShortTZ or Std.NumColonTZ or Std.NumSecondsTz or Std.NumColonSecondsTZ:
                    {
                        if (std is Std.ISO8601TZ or Std.ISO8601ColonTZ or Std.ISO8601SecondsTZ or Std.ISO8601ShortTZ or Std.ISO8601ColonSecondsTZ
                            && value.Length >= 1 && value[0] == 'Z')
                        {
                            value = value[1..];
                            utcZ = true;
                            break;
                        }

                        var colon = std is Std.ISO8601ColonTZ or Std.NumColonTZ or Std.ISO8601ColonSecondsTZ or Std.NumColonSecondsTZ;
                        var withSeconds = std is Std.ISO8601SecondsTZ or Std.NumSecondsTz or Std.ISO8601ColonSecondsTZ or Std.NumColonSecondsTZ;
                        var shortTz = std is Std.ISO8601ShortTZ or Std.NumShortTZ;
                        var need = 3 + (shortTz ? 0 : colon ? 3 : 2) + (withSeconds ? (colon ? 3 : 2) : 0);
                        if (value.Length < need || (value[0] != '+' && value[0] != '-'))
                        {
                            ok = false;
                            break;
                        }

                        var hh = value[1..3];
                        var mm = "00";
                        var ss = "00";
                        var pos = 3;
                        if (!shortTz)
                        {
                            if (colon)
                            {
                                if (value[pos] != ':')
                                {
                                    ok = false;
                                    break;
                                }

                                pos++;
                            }

                            mm = value.Substring(pos, 2);
                            pos += 2;
                        }

                        if (withSeconds)
                        {
                            if (colon)
                            {
                                if (value[pos] != ':')
                                {
                                    ok = false;
                                    break;
                                }

                                pos++;
                            }

                            ss = value.Substring(pos, 2);
                            pos += 2;
                        }

                        if (!Digits(hh, 2) || !Digits(mm, 2) || !Digits(ss, 2))
                        {
                            ok = false;
                            break;
                        }

                        var h = int.Parse(hh, CultureInfo.InvariantCulture);
                        var m = int.Parse(mm, CultureInfo.InvariantCulture);
                        var s = int.Parse(ss, CultureInfo.InvariantCulture);
                        if (h > 24)
                        {
                            rangeErr = "time zone offset hour";
                        }
                        else if (m > 60)
                        {
                            rangeErr = "time zone offset minute";
                        }
                        else if (s > 60)
                        {
                            rangeErr = "time zone offset second";
                        }

                        zoneOffset = (((h * 60) + m) * 60) + s;
                        if (value[0] == '-')
                        {
                            zoneOffset = -zoneOffset;
                        }

                        value = value[pos..];
                        break;
                    }

                case Std.TZ:
                    {
                        if (value.Length >= 3 && value.StartsWith("UTC", StringComparison.Ordinal))
                        {
                            z = GoZone.Utc;
                            value = value[3..];
                            break;
                        }

                        var n = 0;
                        while (n < value.Length && char.IsAsciiLetterUpper(value[n]))
                        {
                            n++;
                        }

                        if (n < 3)
                        {
                            ok = false;
                            break;
                        }

                        zoneName = value[..n];
                        value = value[n..];
                        break;
                    }

                case Std.FracSecond0:
                    {
                        var ndigit = 1 + digits;
                        if (value.Length < ndigit || (value[0] != '.' && value[0] != ','))
                        {
                            ok = false;
                            break;
                        }

                        if (!Digits(value[1..], digits))
                        {
                            ok = false;
                            break;
                        }

                        nsec = Nanos(value[1..ndigit]);
                        value = value[ndigit..];
                        break;
                    }

                case Std.FracSecond9:
                    {
                        if (value.Length < 2 || (value[0] != '.' && value[0] != ',') || value[1] < '0' || value[1] > '9')
                        {
                            break; // fractional second omitted
                        }

                        var n = 0;
                        while (n + 1 < value.Length && n < 9 && char.IsAsciiDigit(value[n + 1]))
                        {
                            n++;
                        }

                        nsec = Nanos(value[1..(1 + n)]);
                        value = value[(1 + n)..];
                        break;
                    }
            }

            if (rangeErr.Length > 0)
            {
                throw ParseError(alayout, avalue, stdstr, value, ": " + rangeErr + " out of range");
            }

            if (!ok)
            {
                throw ParseError(alayout, avalue, stdstr, hold);
            }
        }

        if (pmSet && hour < 12)
        {
            hour += 12;
        }
        else if (amSet && hour == 12)
        {
            hour = 0;
        }

        if (yday >= 0)
        {
            var leap = Civil.DaysIn(year, 2) == 29;
            if (yday < 1 || yday > (leap ? 366 : 365))
            {
                throw ParseError(alayout, avalue, string.Empty, value, ": day-of-year out of range");
            }

            var (_, m, d) = Civil.FromDays(Civil.ToDays(year, 1, 1) + yday - 1);
            if (month >= 0 && month != m)
            {
                throw ParseError(alayout, avalue, string.Empty, value, ": day-of-year does not match month");
            }

            month = m;
            if (day >= 0 && day != d)
            {
                throw ParseError(alayout, avalue, string.Empty, value, ": day-of-year does not match day");
            }

            day = d;
        }
        else
        {
            if (month < 0)
            {
                month = 1;
            }

            if (day < 0)
            {
                day = 1;
            }
        }

        if (day < 1 || day > Civil.DaysIn(year, month))
        {
            throw ParseError(alayout, avalue, string.Empty, value, ": day out of range");
        }

        if (z is not null)
        {
            return GoTime.Date(year, month, day, hour, min, sec, nsec, z);
        }

        if (utcZ)
        {
            return GoTime.Date(year, month, day, hour, min, sec, nsec, GoZone.Utc);
        }

        if (zoneOffset != -1)
        {
            var t = GoTime.Date(year, month, day, hour, min, sec, nsec, GoZone.Utc).Add(-(long)zoneOffset * 1_000_000_000L);

            // The local zone (or the given one) when it has that offset at that instant, else a nameless fixed zone.
            return defaultZone.OffsetAt(t.Sec) == zoneOffset ? t.In(defaultZone) : t.In(GoZone.Fixed(string.Empty, zoneOffset));
        }

        if (zoneName.Length > 0)
        {
            var t = GoTime.Date(year, month, day, hour, min, sec, nsec, GoZone.Utc);
            var offset = 0;
            if (zoneName.Length > 3 && zoneName.StartsWith("GMT", StringComparison.Ordinal)
                && int.TryParse(zoneName[3..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var gmt))
            {
                offset = gmt * 3600;
            }

            return t.Add(-(long)offset * 1_000_000_000L).In(GoZone.Fixed(zoneName, offset));
        }

        return GoTime.Date(year, month, day, hour, min, sec, nsec, defaultZone);
    }

    /// <summary>Go's skip: a space in the layout matches any run of spaces (at least one if the value has text); other text must match exactly.</summary>
    private static string? Skip(string value, string prefix)
    {
        while (prefix.Length > 0)
        {
            if (prefix[0] == ' ')
            {
                if (value.Length > 0 && value[0] != ' ')
                {
                    return null;
                }

                prefix = prefix.TrimStart(' ');
                value = value.TrimStart(' ');
                continue;
            }

            if (value.Length == 0 || value[0] != prefix[0])
            {
                return null;
            }

            prefix = prefix[1..];
            value = value[1..];
        }

        return value;
    }

    private static bool Digits(string s, int n)
    {
        if (s.Length < n)
        {
            return false;
        }

        for (var i = 0; i < n; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static int Nanos(string digits)
    {
        var d = digits.Length > 9 ? digits[..9] : digits;
        return int.Parse(d.PadRight(9, '0'), CultureInfo.InvariantCulture);
    }

    private static bool GetNum(ref string value, bool fixedWidth, out int n)
    {
        n = 0;
        if (value.Length == 0 || !char.IsAsciiDigit(value[0]))
        {
            return false;
        }

        if (value.Length == 1 || !char.IsAsciiDigit(value[1]))
        {
            if (fixedWidth)
            {
                return false;
            }

            n = value[0] - '0';
            value = value[1..];
            return true;
        }

        n = ((value[0] - '0') * 10) + (value[1] - '0');
        value = value[2..];
        return true;
    }

    private static bool GetNum3(ref string value, bool fixedWidth, out int n)
    {
        n = 0;
        var i = 0;
        while (i < 3 && i < value.Length && char.IsAsciiDigit(value[i]))
        {
            n = (n * 10) + (value[i] - '0');
            i++;
        }

        if (i == 0 || (fixedWidth && i != 3))
        {
            return false;
        }

        value = value[i..];
        return true;
    }

    private static bool Lookup(string[] names, ref string value, out int index)
    {
        for (var i = 0; i < names.Length; i++)
        {
            var name = names[i];
            if (value.Length >= name.Length && string.Compare(value, 0, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0)
            {
                index = i;
                value = value[name.Length..];
                return true;
            }
        }

        index = -1;
        return false;
    }
}

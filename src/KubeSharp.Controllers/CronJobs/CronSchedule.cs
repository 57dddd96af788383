using System.Globalization;

namespace KubeSharp.Controllers.CronJobs;

/// <summary>
/// A standard five-field cron schedule (minute hour day-of-month month day-of-week) with lists,
/// ranges, steps, month and weekday names, "?" and the @yearly/@monthly/@weekly/@daily/@hourly
/// macros, evaluated in one time zone. When both day fields are restricted, a day matches either.
/// </summary>
internal sealed class CronSchedule
{
    private readonly bool[] _minutes = new bool[60];
    private readonly bool[] _hours = new bool[24];
    private readonly bool[] _days = new bool[32];
    private readonly bool[] _months = new bool[13];
    private readonly bool[] _weekdays = new bool[7];
    private bool _dayRestricted;
    private bool _weekdayRestricted;

    private CronSchedule(TimeZoneInfo zone) => Zone = zone;

    public TimeZoneInfo Zone { get; }

    private static readonly string[] MonthNames = ["", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    /// <summary>Parses <paramref name="text"/> (optionally prefixed "CRON_TZ=zone " or "TZ=zone "); <paramref name="timeZone"/> is spec.timeZone.</summary>
    public static CronSchedule Parse(string text, string? timeZone = null)
    {
        var spec = text.Trim();
        var zoneName = timeZone;
        if (spec.StartsWith("CRON_TZ=", StringComparison.Ordinal) || spec.StartsWith("TZ=", StringComparison.Ordinal))
        {
            var space = spec.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0)
            {
                throw new FormatException("missing schedule after the time zone");
            }

            zoneName = spec[(spec.IndexOf('=', StringComparison.Ordinal) + 1)..space];
            spec = spec[(space + 1)..].Trim();
        }

        var zone = string.IsNullOrEmpty(zoneName) ? TimeZoneInfo.Local : TimeZoneInfo.FindSystemTimeZoneById(zoneName);
        spec = spec switch
        {
            "@yearly" or "@annually" => "0 0 1 1 *",
            "@monthly" => "0 0 1 * *",
            "@weekly" => "0 0 * * 0",
            "@daily" or "@midnight" => "0 0 * * *",
            "@hourly" => "0 * * * *",
            _ => spec,
        };
        var fields = spec.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5)
        {
            throw new FormatException($"expected exactly 5 fields, found {fields.Length}: {text}");
        }

        var schedule = new CronSchedule(zone);
        Fill(schedule._minutes, fields[0], 0, 59, null);
        Fill(schedule._hours, fields[1], 0, 23, null);
        schedule._dayRestricted = Fill(schedule._days, fields[2], 1, 31, null);
        Fill(schedule._months, fields[3], 1, 12, MonthNames);
        var weekdays = new bool[8];
        schedule._weekdayRestricted = Fill(weekdays, fields[4], 0, 7, DayNames);
        for (var d = 0; d < 7; d++)
        {
            schedule._weekdays[d] = weekdays[d] || (d == 0 && weekdays[7]);
        }

        return schedule;
    }

    /// <summary>Marks the values a field allows; true when the field restricts anything (not "*" or "?").</summary>
    private static bool Fill(bool[] allowed, string field, int min, int max, string[]? names)
    {
        var restricted = true;
        foreach (var part in field.Split(','))
        {
            var step = 1;
            var range = part;
            var slash = part.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0)
            {
                step = int.Parse(part[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture);
                range = part[..slash];
                if (step <= 0)
                {
                    throw new FormatException($"step must be positive: {part}");
                }
            }

            int low, high;
            if (range is "*" or "?")
            {
                (low, high) = (min, max);
                if (step == 1)
                {
                    restricted = false;
                }
            }
            else
            {
                var dash = range.IndexOf('-', StringComparison.Ordinal);
                low = Value(dash >= 0 ? range[..dash] : range, names);
                high = dash >= 0 ? Value(range[(dash + 1)..], names) : slash >= 0 ? max : low;
            }

            if (low < min || high > max || low > high)
            {
                throw new FormatException($"value out of range ({min}-{max}): {part}");
            }

            for (var v = low; v <= high; v += step)
            {
                allowed[v] = true;
            }
        }

        return restricted;
    }

    private static int Value(string text, string[]? names)
    {
        if (names is not null)
        {
            var index = Array.FindIndex(names, n => n.Length > 0 && string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                return index;
            }
        }

        return int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    private bool DayMatches(DateTime local)
    {
        var day = _days[local.Day];
        var weekday = _weekdays[(int)local.DayOfWeek];
        return _dayRestricted && _weekdayRestricted ? day || weekday : day && weekday;
    }

    /// <summary>The first scheduled time strictly after <paramref name="after"/>, or null within five years.</summary>
    public DateTimeOffset? Next(DateTimeOffset after)
    {
        var local = TimeZoneInfo.ConvertTime(after, Zone).DateTime;
        var t = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified).AddMinutes(1);
        var limit = t.AddYears(5);
        while (t < limit)
        {
            if (!_months[t.Month])
            {
                t = new DateTime(t.Year, t.Month, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMonths(1);
                continue;
            }

            if (!DayMatches(t))
            {
                t = t.Date.AddDays(1);
                continue;
            }

            if (!_hours[t.Hour])
            {
                t = t.Date.AddHours(t.Hour + 1);
                continue;
            }

            if (!_minutes[t.Minute])
            {
                t = t.AddMinutes(1);
                continue;
            }

            if (Zone.IsInvalidTime(t))
            {
                t = t.AddMinutes(1);
                continue;
            }

            return new DateTimeOffset(t, Zone.GetUtcOffset(t));
        }

        return null;
    }
}

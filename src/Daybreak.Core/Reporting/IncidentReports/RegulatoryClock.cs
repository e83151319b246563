using System.Globalization;
using System.Text.RegularExpressions;
using Daybreak.Reporting.IncidentReports.Clocks;

namespace Daybreak.Reporting.IncidentReports;

/// <summary>What a regulatory clock counts from.</summary>
public enum ClockAnchor
{
    /// <summary>When the organisation became aware: the incident's detection time unless the user gives another.</summary>
    Awareness,
    /// <summary>When the organisation determined the incident material (SEC Form 8-K Item 1.05): a date the user gives.</summary>
    Materiality,
}

/// <summary>
/// A notification deadline: a name, a duration (hours, days or business days) and the moment it runs from.
/// Given on the command line as <c>NAME=DURATION[@awareness|@materiality]</c>, e.g. <c>"NYDFS 500.17=72h"</c>,
/// <c>"SEC 8-K=4bd@materiality"</c>, <c>"UK=3bd;holidays=2025-12-25,2025-12-26"</c>. Business days skip Saturdays,
/// Sundays and the days of the clock's <see cref="Holidays"/> calendar.
/// </summary>
public sealed partial record RegulatoryClock(string Name, int Amount, ClockUnit Unit, ClockAnchor Anchor)
{
    /// <summary>Days a business-day clock skips besides weekends.</summary>
    public HolidayCalendar Holidays { get; init; } = HolidayCalendar.WeekendsOnly;

    /// <summary>True when the calendar was given with the clock, so replacing a default by name does not inherit the default's.</summary>
    public bool HolidaysGiven { get; init; }

    public static IReadOnlyList<RegulatoryClock> Defaults { get; } =
    [
        new("SEC Form 8-K (Item 1.05)", 4, ClockUnit.BusinessDays, ClockAnchor.Materiality) { Holidays = HolidayCalendar.UsFederal },
        new("GDPR Art. 33 (supervisory authority)", 72, ClockUnit.Hours, ClockAnchor.Awareness),
    ];

    [GeneratedRegex(@"^(?<name>[^=]+)=(?<n>\d{1,5})\s*(?<unit>h|d|bd)(?:@(?<anchor>awareness|materiality))?(?:\s*;\s*holidays\s*=(?<holidays>[^;]*))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Spec();

    public static bool TryParse(string text, out RegulatoryClock? clock, out string? error)
    {
        clock = null;
        error = null;
        var m = Spec().Match(text.Trim());
        if (!m.Success || m.Groups["name"].Value.Trim().Length == 0)
        {
            error = $"'{text}' is not NAME=DURATION[@awareness|@materiality][;holidays=LIST] with DURATION like 72h, 30d or 4bd";
            return false;
        }
        var unit = m.Groups["unit"].Value.ToLowerInvariant() switch { "h" => ClockUnit.Hours, "d" => ClockUnit.Days, _ => ClockUnit.BusinessDays };
        var anchor = m.Groups["anchor"].Value.Equals("materiality", StringComparison.OrdinalIgnoreCase) ? ClockAnchor.Materiality : ClockAnchor.Awareness;
        clock = new RegulatoryClock(m.Groups["name"].Value.Trim(), int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture), unit, anchor);
        if (!m.Groups["holidays"].Success) return true;
        if (unit != ClockUnit.BusinessDays)
        {
            error = $"'{text}': holidays apply to business-day clocks (bd) only";
            clock = null;
            return false;
        }
        if (!HolidayCalendar.TryParse(m.Groups["holidays"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries), out var calendar, out var holidayError))
        {
            error = $"'{text}': {holidayError}";
            clock = null;
            return false;
        }
        clock = clock with { Holidays = calendar, HolidaysGiven = true };
        return true;
    }

    /// <summary>What the clock does not count, for the report: "weekends and US federal holidays".</summary>
    public string SkipsText => Unit != ClockUnit.BusinessDays ? "" : ReferenceEquals(Holidays, HolidayCalendar.WeekendsOnly) ? "weekends" : "weekends and " + Holidays.Description;

    /// <summary>The holidays on weekdays that a clock started at <paramref name="start"/> passes over before it is due.</summary>
    public IReadOnlyList<Holiday> SkippedHolidays(DateTime start)
    {
        if (Unit != ClockUnit.BusinessDays) return [];
        var list = new List<Holiday>();
        var due = DateOnly.FromDateTime(Due(start));
        for (var d = DateOnly.FromDateTime(start).AddDays(1); d <= due; d = d.AddDays(1))
        {
            if (d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) continue;
            if (Holidays.Find(d) is { } h) list.Add(h);
        }
        return list;
    }

    public string DurationText => Unit switch
    {
        ClockUnit.Hours => $"{Amount} hours",
        ClockUnit.Days => $"{Amount} days",
        _ => $"{Amount} business days",
    };

    /// <summary>The deadline for a clock started at <paramref name="start"/> (UTC).</summary>
    public DateTime Due(DateTime start)
    {
        switch (Unit)
        {
            case ClockUnit.Hours: return start.AddHours(Amount);
            case ClockUnit.Days: return start.AddDays(Amount);
            default:
                var d = start;
                for (var left = Amount; left > 0;)
                {
                    d = d.AddDays(1);
                    if (Holidays.IsBusinessDay(DateOnly.FromDateTime(d))) left--;
                }
                return d;
        }
    }
}

/// <summary>Units of a regulatory clock.</summary>
public enum ClockUnit
{
    Hours,
    Days,
    BusinessDays,
}

namespace Daybreak.Reporting.IncidentReports.Clocks;

/// <summary>
/// The US federal holidays of 5 U.S.C. 6103(a), computed by rule for any year, on the days they are observed: a
/// holiday on a Saturday is observed the Friday before, one on a Sunday the Monday after (6103(b) and Executive Order
/// 11582). New Year's Day falling on a Saturday is therefore observed on 31 December of the year before. The rules are
/// today's: Juneteenth from 2021, Martin Luther King Jr.'s birthday from 1986. Days the government closes by one-off
/// order (a national day of mourning) are not rules; add them to the clock's calendar.
/// </summary>
public static class UsFederalHolidays
{
    /// <summary>The holidays observed in <paramref name="year"/>, in date order.</summary>
    public static IReadOnlyList<Holiday> In(int year)
    {
        var list = new List<Holiday>();
        foreach (var y in new[] { year, year + 1 })
        {
            // Only New Year's Day can move into the year before, so the next year contributes nothing else.
            if (Observed(new DateOnly(y, 1, 1), "New Year's Day") is { } newYear && newYear.Date.Year == year) list.Add(newYear);
        }
        if (year >= 1986) list.Add(new Holiday(Nth(year, 1, DayOfWeek.Monday, 3), "Birthday of Martin Luther King, Jr."));
        list.Add(new Holiday(Nth(year, 2, DayOfWeek.Monday, 3), "Washington's Birthday"));
        list.Add(new Holiday(Last(year, 5, DayOfWeek.Monday), "Memorial Day"));
        if (year >= 2021) list.Add(Observed(new DateOnly(year, 6, 19), "Juneteenth National Independence Day"));
        list.Add(Observed(new DateOnly(year, 7, 4), "Independence Day"));
        list.Add(new Holiday(Nth(year, 9, DayOfWeek.Monday, 1), "Labor Day"));
        list.Add(new Holiday(Nth(year, 10, DayOfWeek.Monday, 2), "Columbus Day"));
        list.Add(Observed(new DateOnly(year, 11, 11), "Veterans Day"));
        list.Add(new Holiday(Nth(year, 11, DayOfWeek.Thursday, 4), "Thanksgiving Day"));
        list.Add(Observed(new DateOnly(year, 12, 25), "Christmas Day"));
        list.Sort((a, b) => a.Date.CompareTo(b.Date));
        return list;
    }

    private static Holiday Observed(DateOnly day, string name) => day.DayOfWeek switch
    {
        DayOfWeek.Saturday => new Holiday(day.AddDays(-1), name + " (observed)"),
        DayOfWeek.Sunday => new Holiday(day.AddDays(1), name + " (observed)"),
        _ => new Holiday(day, name),
    };

    private static DateOnly Nth(int year, int month, DayOfWeek weekday, int n)
    {
        var first = new DateOnly(year, month, 1);
        return first.AddDays(((int)weekday - (int)first.DayOfWeek + 7) % 7 + 7 * (n - 1));
    }

    private static DateOnly Last(int year, int month, DayOfWeek weekday)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return last.AddDays(-(((int)last.DayOfWeek - (int)weekday + 7) % 7));
    }
}

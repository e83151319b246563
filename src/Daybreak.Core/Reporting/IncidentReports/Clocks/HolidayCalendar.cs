using System.Collections.Concurrent;

namespace Daybreak.Reporting.IncidentReports.Clocks;

/// <summary>
/// The days besides weekends that a business-day clock skips: holidays computed by rule per year (a built-in calendar
/// such as <see cref="UsFederal"/>) and dates the user lists. Calendars combine with <see cref="With"/>.
/// </summary>
public sealed class HolidayCalendar
{
    /// <summary>Name of the built-in US federal calendar in the clocks configuration.</summary>
    public const string UsFederalName = "us-federal";

    /// <summary>Name of the empty calendar (weekends only) in the clocks configuration.</summary>
    public const string NoneName = "none";

    private readonly IReadOnlyList<Func<int, IReadOnlyList<Holiday>>> _rules;
    private readonly IReadOnlyDictionary<DateOnly, string> _dates;
    private readonly ConcurrentDictionary<int, IReadOnlyDictionary<DateOnly, string>> _years = new();

    private HolidayCalendar(string description, IReadOnlyList<Func<int, IReadOnlyList<Holiday>>> rules, IReadOnlyDictionary<DateOnly, string> dates)
    {
        Description = description;
        _rules = rules;
        _dates = dates;
    }

    /// <summary>No holidays: only Saturdays and Sundays are skipped.</summary>
    public static HolidayCalendar WeekendsOnly { get; } = new("weekends only", [], new Dictionary<DateOnly, string>());

    /// <summary>US federal holidays as observed: the days besides weekends that the SEC does not count as business days.</summary>
    public static HolidayCalendar UsFederal { get; } = new("US federal holidays", [UsFederalHolidays.In], new Dictionary<DateOnly, string>());

    /// <summary>What the report says the clock skips besides weekends, e.g. "US federal holidays + 1 listed date".</summary>
    public string Description { get; }

    /// <summary>A calendar of the listed dates only.</summary>
    public static HolidayCalendar Of(IEnumerable<DateOnly> dates)
    {
        var map = dates.Distinct().ToDictionary(d => d, _ => "holiday (configured)");
        return new HolidayCalendar($"{map.Count} listed date{(map.Count == 1 ? "" : "s")}", [], map);
    }

    /// <summary>A built-in calendar by name (<c>us-federal</c>, <c>none</c>), or null when there is none of that name.</summary>
    public static HolidayCalendar? Named(string name) => name.Trim().ToLowerInvariant() switch
    {
        UsFederalName => UsFederal,
        NoneName => WeekendsOnly,
        _ => null,
    };

    /// <summary>
    /// A calendar from the items a user lists: built-in names (<c>us-federal</c>, <c>none</c>) and dates (<c>2025-01-09</c>).
    /// </summary>
    public static bool TryParse(IEnumerable<string> items, out HolidayCalendar calendar, out string? error)
    {
        calendar = WeekendsOnly;
        error = null;
        var dates = new List<DateOnly>();
        foreach (var raw in items)
        {
            var item = raw.Trim();
            if (Named(item) is { } named) calendar = calendar.With(named);
            else if (DateOnly.TryParseExact(item, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)) dates.Add(d);
            else
            {
                error = $"'{item}' is neither a holiday calendar ({UsFederalName}, {NoneName}) nor a date like 2025-01-09";
                return false;
            }
        }
        if (dates.Count > 0) calendar = calendar.With(Of(dates));
        return true;
    }

    /// <summary>The days of both calendars.</summary>
    public HolidayCalendar With(HolidayCalendar other)
    {
        if (ReferenceEquals(other, WeekendsOnly) || ReferenceEquals(other, this)) return this;
        if (ReferenceEquals(this, WeekendsOnly)) return other;
        var dates = new Dictionary<DateOnly, string>(_dates);
        foreach (var (d, name) in other._dates) dates.TryAdd(d, name);
        return new HolidayCalendar(Description + " + " + other.Description, _rules.Concat(other._rules).Distinct().ToList(), dates);
    }

    /// <summary>The holiday on <paramref name="day"/>, or null when it is none.</summary>
    public Holiday? Find(DateOnly day)
    {
        if (_dates.TryGetValue(day, out var listed)) return new Holiday(day, listed);
        if (_rules.Count == 0) return null;
        return _years.GetOrAdd(day.Year, Year).TryGetValue(day, out var name) ? new Holiday(day, name) : null;
    }

    /// <summary>True for Monday to Friday when the day is no holiday.</summary>
    public bool IsBusinessDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && Find(day) is null;

    private IReadOnlyDictionary<DateOnly, string> Year(int year)
    {
        var days = new Dictionary<DateOnly, string>();
        foreach (var rule in _rules)
            foreach (var h in rule(year)) days.TryAdd(h.Date, h.Name);
        return days;
    }
}

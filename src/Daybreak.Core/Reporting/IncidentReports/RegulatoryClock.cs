using System.Globalization;
using System.Text.RegularExpressions;

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
/// <c>"SEC 8-K=4bd@materiality"</c>. Business days skip Saturdays and Sundays only; public holidays are not known.
/// </summary>
public sealed partial record RegulatoryClock(string Name, int Amount, ClockUnit Unit, ClockAnchor Anchor)
{
    public static IReadOnlyList<RegulatoryClock> Defaults { get; } =
    [
        new("SEC Form 8-K (Item 1.05)", 4, ClockUnit.BusinessDays, ClockAnchor.Materiality),
        new("GDPR Art. 33 (supervisory authority)", 72, ClockUnit.Hours, ClockAnchor.Awareness),
    ];

    [GeneratedRegex(@"^(?<name>[^=]+)=(?<n>\d{1,5})\s*(?<unit>h|d|bd)(?:@(?<anchor>awareness|materiality))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Spec();

    public static bool TryParse(string text, out RegulatoryClock? clock, out string? error)
    {
        clock = null;
        error = null;
        var m = Spec().Match(text.Trim());
        if (!m.Success || m.Groups["name"].Value.Trim().Length == 0)
        {
            error = $"'{text}' is not NAME=DURATION[@awareness|@materiality] with DURATION like 72h, 30d or 4bd";
            return false;
        }
        var unit = m.Groups["unit"].Value.ToLowerInvariant() switch { "h" => ClockUnit.Hours, "d" => ClockUnit.Days, _ => ClockUnit.BusinessDays };
        var anchor = m.Groups["anchor"].Value.Equals("materiality", StringComparison.OrdinalIgnoreCase) ? ClockAnchor.Materiality : ClockAnchor.Awareness;
        clock = new RegulatoryClock(m.Groups["name"].Value.Trim(), int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture), unit, anchor);
        return true;
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
                    if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) left--;
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

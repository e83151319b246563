using System.Globalization;
using Daybreak.Reporting.IncidentReports;
using Daybreak.Reporting.IncidentReports.Clocks;

namespace Daybreak.Tests.Reporting;

public sealed class HolidayCalendarTests
{
    private static DateTime Utc(string text) => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private static RegulatoryClock Sec => RegulatoryClock.Defaults.Single(c => c.Name.StartsWith("SEC", StringComparison.Ordinal));

    [Fact]
    public void The_us_federal_calendar_for_2024_is_the_published_one()
    {
        // OPM's 2024 federal holidays.
        Assert.Equal(
        [
            "2024-01-01 New Year's Day", "2024-01-15 Birthday of Martin Luther King, Jr.", "2024-02-19 Washington's Birthday", "2024-05-27 Memorial Day",
            "2024-06-19 Juneteenth National Independence Day", "2024-07-04 Independence Day", "2024-09-02 Labor Day", "2024-10-14 Columbus Day",
            "2024-11-11 Veterans Day", "2024-11-28 Thanksgiving Day", "2024-12-25 Christmas Day",
        ], UsFederalHolidays.In(2024).Select(h => $"{h.Date:yyyy-MM-dd} {h.Name}"));
    }

    [Fact]
    public void Weekend_holidays_are_observed_on_the_friday_before_or_the_monday_after_even_across_new_year()
    {
        // 2027: Juneteenth and Christmas fall on Saturdays, Independence Day on a Sunday, and 1 January 2028 on a Saturday.
        var y2027 = UsFederalHolidays.In(2027).ToDictionary(h => h.Date.ToString("MM-dd", CultureInfo.InvariantCulture), h => h.Name);
        Assert.Equal("Juneteenth National Independence Day (observed)", y2027["06-18"]);
        Assert.Equal("Independence Day (observed)", y2027["07-05"]);
        Assert.Equal("Christmas Day (observed)", y2027["12-24"]);
        Assert.Equal("New Year's Day (observed)", y2027["12-31"]);
        Assert.Equal(12, y2027.Count);
        Assert.DoesNotContain(UsFederalHolidays.In(2028), h => h.Name.StartsWith("New Year", StringComparison.Ordinal));
        Assert.Equal("2022-12-26", UsFederalHolidays.In(2022).Single(h => h.Name.StartsWith("Christmas", StringComparison.Ordinal)).Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.DoesNotContain(UsFederalHolidays.In(2020), h => h.Name.StartsWith("Juneteenth", StringComparison.Ordinal)); // a holiday from 2021
        Assert.False(HolidayCalendar.UsFederal.IsBusinessDay(new DateOnly(2021, 12, 31)));
        Assert.True(HolidayCalendar.UsFederal.IsBusinessDay(new DateOnly(2021, 12, 30)));
    }

    [Theory]
    // Wednesday before Thanksgiving (Thu 28 Nov): Fri 29, Mon 2, Tue 3, Wed 4. Weekends only would say Tue 3.
    [InlineData("2024-11-27T16:00:00Z", "2024-12-04T16:00:00Z", "2024-12-03T16:00:00Z", "Thanksgiving Day (2024-11-28)")]
    // Christmas Eve: Christmas (Wed) is skipped: Thu 26, Fri 27, Mon 30, Tue 31.
    [InlineData("2024-12-24T09:00:00Z", "2024-12-31T09:00:00Z", "2024-12-30T09:00:00Z", "Christmas Day (2024-12-25)")]
    // Friday after Christmas, over New Year's Day (Wed 1 Jan): Mon 30, Tue 31, Thu 2, Fri 3.
    [InlineData("2024-12-27T09:00:00Z", "2025-01-03T09:00:00Z", "2025-01-02T09:00:00Z", "New Year's Day (2025-01-01)")]
    // Thursday 2 July 2026: Independence Day is a Saturday, observed Friday 3 July: Mon 6, Tue 7, Wed 8, Thu 9.
    [InlineData("2026-07-02T12:00:00Z", "2026-07-09T12:00:00Z", "2026-07-08T12:00:00Z", "Independence Day (observed) (2026-07-03)")]
    // New Year 2023 is a Sunday, observed Monday 2 January: Fri 30, Tue 3, Wed 4, Thu 5.
    [InlineData("2022-12-29T10:00:00Z", "2023-01-05T10:00:00Z", "2023-01-04T10:00:00Z", "New Year's Day (observed) (2023-01-02)")]
    public void The_sec_clock_skips_weekends_and_us_federal_holidays(string materiality, string due, string weekendsOnlyDue, string skipped)
    {
        Assert.Equal(Utc(due), Sec.Due(Utc(materiality)));
        Assert.Equal(Utc(weekendsOnlyDue), (Sec with { Holidays = HolidayCalendar.WeekendsOnly }).Due(Utc(materiality)));
        Assert.Equal(skipped, string.Join(", ", Sec.SkippedHolidays(Utc(materiality)).Select(h => $"{h.Name} ({h.Date:yyyy-MM-dd})")));
    }

    [Fact]
    public void A_clock_on_the_command_line_names_its_calendar_and_one_that_replaces_the_sec_clock_keeps_us_federal()
    {
        Assert.True(RegulatoryClock.TryParse("UK ICO=3bd;holidays=2024-12-25,2024-12-26", out var uk, out var error), error);
        Assert.Equal(Utc("2024-12-31T09:00:00Z"), uk!.Due(Utc("2024-12-24T09:00:00Z"))); // Tue 24: (25, 26 skipped) Fri 27, Mon 30, Tue 31
        Assert.Equal(Utc("2024-11-29T09:00:00Z"), uk.Due(Utc("2024-11-26T09:00:00Z"))); // its own calendar: Thanksgiving counts

        Assert.True(RegulatoryClock.TryParse("SEC Form 8-K (Item 1.05)=5bd@materiality", out var longer, out _));
        var merged = ClockConfiguration.Apply(RegulatoryClock.Defaults, [longer!]).Single(c => c.Name.StartsWith("SEC", StringComparison.Ordinal));
        Assert.Equal(5, merged.Amount);
        Assert.Same(HolidayCalendar.UsFederal, merged.Holidays);

        Assert.True(RegulatoryClock.TryParse("SEC Form 8-K (Item 1.05)=4bd@materiality;holidays=none", out var plain, out _));
        Assert.Same(HolidayCalendar.WeekendsOnly, ClockConfiguration.Apply(RegulatoryClock.Defaults, [plain!]).Single(c => c.Name.StartsWith("SEC", StringComparison.Ordinal)).Holidays);

        Assert.False(RegulatoryClock.TryParse("X=72h;holidays=us-federal", out _, out error));
        Assert.Contains("business-day clocks", error);
        Assert.False(RegulatoryClock.TryParse("X=4bd;holidays=christmas", out _, out error));
        Assert.Contains("'christmas' is neither a holiday calendar", error);
    }

    [Fact]
    public void A_clocks_file_adds_dates_to_a_default_and_defines_clocks_with_their_own_calendar()
    {
        const string yaml = """
            clocks:
              - name: sec form 8-k (item 1.05)
                add_holidays: [2025-01-09]        # national day of mourning: federal offices closed
              - name: UK ICO
                deadline: 3bd
                holidays: [2024-12-25, 2024-12-26]
              - name: GDPR Art. 33 (supervisory authority)
                deadline: 96h
                from: materiality
            """;
        var clocks = ClockConfiguration.ApplyFile(RegulatoryClock.Defaults, yaml, "clocks.yml");
        Assert.Equal(["SEC Form 8-K (Item 1.05)", "GDPR Art. 33 (supervisory authority)", "UK ICO"], clocks.Select(c => c.Name));
        // Tue 7 Jan 2025: Wed 8, (Thu 9 closed), Fri 10, Mon 13, Tue 14.
        Assert.Equal(Utc("2025-01-14T09:00:00Z"), clocks[0].Due(Utc("2025-01-07T09:00:00Z")));
        Assert.True(clocks[0].Holidays.Find(new DateOnly(2025, 1, 20)) is not null); // still US federal (MLK day)
        Assert.Equal("weekends and US federal holidays + 1 listed date", clocks[0].SkipsText);
        Assert.Equal((96, ClockUnit.Hours, ClockAnchor.Materiality), (clocks[1].Amount, clocks[1].Unit, clocks[1].Anchor));
        Assert.Equal(Utc("2024-12-31T09:00:00Z"), clocks[2].Due(Utc("2024-12-24T09:00:00Z")));
        Assert.Null(clocks[2].Holidays.Find(new DateOnly(2024, 11, 28))); // its own calendar: no Thanksgiving
    }

    [Theory]
    [InlineData("clocks:\n  - name: NIS2\n    deadline: 24h\n    holidays: us-federal\n", "clocks.yml:2:5: clock 'NIS2': holidays apply to business-day clocks (bd) only")]
    [InlineData("clocks:\n  - name: New\n    holidays: us-federal\n", "clocks.yml:2:5: clock 'New' has no deadline and there is no clock of that name to change")]
    [InlineData("clocks:\n  - name: X\n    deadline: 4bd\n    holidays: [us-federal, 2024-13-01]\n", "clocks.yml:4:15: '2024-13-01' is neither a holiday calendar")]
    [InlineData("clocks:\n  - name: X\n    deadline: 4bd\n    holiday: none\n", "clocks.yml:4:5: unknown field 'holiday'")]
    [InlineData("clocks: [\n", "clocks.yml:")]
    [InlineData("other: 1\n", "clocks.yml: expected a mapping with a 'clocks' list")]
    public void A_bad_clocks_file_says_where(string yaml, string message)
    {
        var ex = Assert.Throws<ClockConfigurationException>(() => ClockConfiguration.ApplyFile(RegulatoryClock.Defaults, yaml, "clocks.yml"));
        Assert.StartsWith(message, ex.Message);
    }
}

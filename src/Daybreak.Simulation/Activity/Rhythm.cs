namespace Daybreak.Simulation.Activity;

/// <summary>Daily and weekly rhythm: the share of a day's activity that falls in each local hour.</summary>
internal static class Rhythm
{
    /// <summary>Relative weight of each local hour on a working day: a morning peak, a lunch dip, a late tail.</summary>
    private static readonly double[] WorkHour =
    [
        0.05, 0.03, 0.02, 0.02, 0.03, 0.08, 0.25, 0.6, 1.0, 1.0, 0.95, 0.85,
        0.65, 0.85, 0.95, 0.9, 0.8, 0.6, 0.35, 0.25, 0.2, 0.15, 0.1, 0.07,
    ];

    private static readonly double WorkSum = WorkHour.Sum();

    /// <summary>Share of a working day's interactive activity in this local hour (sums to 1 over the day).</summary>
    public static double Interactive(int localHour) => WorkHour[localHour] / WorkSum;

    /// <summary>Token refreshes never stop while devices are on: a floor under the working-day curve.</summary>
    public static double Background(int localHour, double floor)
        => (floor + (1 - floor) * WorkHour[localHour]) / (24 * floor + (1 - floor) * WorkSum);

    public static bool IsWeekend(DateTime localDay) => localDay.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}

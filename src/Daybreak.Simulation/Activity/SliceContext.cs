using Daybreak.Simulation.Organisation;
using Daybreak.Simulation.Records;

namespace Daybreak.Simulation.Activity;

/// <summary>Everything a generator needs to fill one 15-minute slice of one day.</summary>
internal sealed class SliceContext
{
    public const int SlicesPerDay = 96;
    public static readonly TimeSpan SliceLength = TimeSpan.FromMinutes(15);

    public required Organisation.Organisation Org { get; init; }
    public required ulong Seed { get; init; }
    public required int Day { get; init; }
    public required int Slice { get; init; }
    public required DateTime SliceStart { get; init; }
    public required DateTime SimulationStart { get; init; }
    public required ActivityRates Rates { get; init; }
    public required ThrottleCalendar Throttles { get; init; }
    public required List<SimRecord> Output { get; init; }

    public double DayOffset => (SliceStart - SimulationStart).TotalDays;

    public int LocalHour(GeoPlace place) => ((SliceStart.Hour + place.UtcOffsetHours) % 24 + 24) % 24;

    public bool LocalWeekend(GeoPlace place) => Rhythm.IsWeekend(SliceStart.AddHours(place.UtcOffsetHours));
}

using Daybreak.Simulation.Activity;
using Daybreak.Simulation.Organisation;
using Daybreak.Simulation.Randomness;
using Daybreak.Simulation.Records;
using Daybreak.Simulation.Truth;

namespace Daybreak.Simulation.Scenarios;

/// <summary>What a scenario plans into: the organisation, the time window, and the labelled records.</summary>
internal sealed class ScenarioContext
{
    public required Organisation.Organisation Org { get; init; }
    public required ulong Seed { get; init; }
    public required DateTime Start { get; init; }
    public required int Days { get; init; }
    public required ThrottleCalendar Throttles { get; init; }
    public List<SimRecord> Records { get; } = [];
    public List<ThrottledWindow> ThrottledWindows { get; } = [];
    public List<ExpectedIncident> Incidents { get; } = [];

    public DateTime End => Start.AddDays(Days);

    /// <summary>A point in the simulated window: 0 is the start, 1 the end.</summary>
    public DateTime At(double fraction) => Start.AddTicks((long)((End - Start).Ticks * Math.Clamp(fraction, 0, 0.999)));

    public SimRandom Random(string scenario) => SimRandom.For(Seed, "scenario:" + scenario);

    public T Add<T>(T record, string scenario, int step, string stepName, string technique, ExpectedIncident? incident = null)
        where T : SimRecord
    {
        record.Label = new AttackLabel(scenario, step, stepName, technique);
        Records.Add(record);
        incident?.Techniques.Add(technique);
        return record;
    }
}

namespace Daybreak.Simulation;

/// <summary>Reported after each simulated day.</summary>
public readonly record struct SimulationProgress(int DaysDone, int Days, long Records);

namespace Daybreak.Simulation.Records;

/// <summary>Marks a record as malicious: which scenario, which step, which ATT&amp;CK technique.</summary>
internal sealed record AttackLabel(string Scenario, int Step, string StepName, string Technique);

namespace Daybreak.Simulation.Records;

/// <summary>A directory audit modified property; old and new values are JSON-encoded strings as Entra writes them.</summary>
internal sealed record ModifiedProperty(string DisplayName, string? OldValue, string? NewValue);

namespace Daybreak.Simulation.Truth;

/// <summary>An incident a correct hunt should report for one scenario.</summary>
internal sealed class ExpectedIncident
{
    public required string Scenario { get; init; }
    public required string Title { get; init; }
    public SortedSet<string> Techniques { get; } = new(StringComparer.Ordinal);
    public SortedSet<string> Users { get; } = new(StringComparer.Ordinal);
    public SortedSet<string> Apps { get; } = new(StringComparer.Ordinal);
    public SortedSet<string> ServicePrincipals { get; } = new(StringComparer.Ordinal);
    public SortedSet<string> Ips { get; } = new(StringComparer.Ordinal);
}

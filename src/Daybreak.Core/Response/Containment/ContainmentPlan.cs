namespace Daybreak.Response.Containment;

/// <summary>The ordered Graph requests and Exchange Online steps that shut an incident's doors, with notes on what was left out and why.</summary>
public sealed class ContainmentPlan
{
    public required string IncidentId { get; init; }

    public List<ContainmentStep> Steps { get; } = [];

    public List<ExchangeStep> Exchange { get; } = [];

    /// <summary>What the plan deliberately does not do (first-party apps, users who were only sprayed...), and gaps.</summary>
    public List<string> Notes { get; } = [];
}

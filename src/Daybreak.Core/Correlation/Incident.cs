using Daybreak.Detection;
using Daybreak.Scoping;

namespace Daybreak.Correlation;

/// <summary>One campaign: alerts joined through shared identities, apps, credentials and sessions (hunt report "incidents").</summary>
public sealed class Incident
{
    public required string Id { get; init; }

    public required string Title { get; set; }

    public Severity Severity { get; set; }

    /// <summary>Event time of the first malicious event.</summary>
    public DateTime FirstSeen { get; set; }

    public DateTime LastSeen { get; set; }

    /// <summary>Event time of the alert that raised the incident to its final severity.</summary>
    public DateTime DetectedAt { get; set; }

    /// <summary>From first malicious event to detection.</summary>
    public TimeSpan Dwell => DetectedAt - FirstSeen;

    public List<string> Techniques { get; } = [];

    /// <summary>Ordered steps: one per alert, in event time.</summary>
    public List<IncidentStep> Steps { get; } = [];

    public List<Alert> Alerts { get; } = [];

    public AlertEntities Entities { get; } = new();

    public BlastRadius BlastRadius { get; set; } = new();
}

/// <summary>One step of an incident's timeline.</summary>
public sealed record IncidentStep(string? Technique, DateTime Time, string Alert, string Title);

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

    private string? _headline;
    private int _mailboxesReached;
    private bool _vip;

    /// <summary>
    /// Sets <see cref="Title"/>: the headline (chain and subject), then how many mailboxes were reached, as far as
    /// the alerts name them, and whether one is a VIP's.
    /// </summary>
    public void SetTitle(string headline, int mailboxesReached, bool vip)
    {
        _headline = headline;
        _mailboxesReached = mailboxesReached;
        _vip = vip;
        Title = headline + (mailboxesReached > 0
            ? $" ({mailboxesReached} mailbox{(mailboxesReached == 1 ? "" : "es")} reached{(vip ? ", VIP" : "")})"
            : "");
    }

    /// <summary>
    /// Once scoped, the title counts the mailboxes of the blast radius when it found more than the alerts named
    /// (an app's reads of other mailboxes), so the title and the report's summary agree.
    /// </summary>
    public void CountBlastRadiusInTitle()
    {
        if (_headline is null || BlastRadius.Mailboxes.Count <= _mailboxesReached) return;
        SetTitle(_headline, BlastRadius.Mailboxes.Count, _vip);
    }
}

/// <summary>One step of an incident's timeline.</summary>
public sealed record IncidentStep(string? Technique, DateTime Time, string Alert, string Title);

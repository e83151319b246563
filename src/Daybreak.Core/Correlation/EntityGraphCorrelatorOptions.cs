namespace Daybreak.Correlation;

/// <summary>Settings of <see cref="EntityGraphCorrelator"/>. Plain defaults; <see cref="Validate"/> runs when the correlator is built.</summary>
public sealed class EntityGraphCorrelatorOptions
{
    /// <summary>Two alerts sharing a strong key (object id, UPN, app, service principal, credential, session) join when
    /// no more than this apart in event time. Campaigns run for weeks.</summary>
    public TimeSpan StrongLinkWindow { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Two alerts sharing only an IP join when no more than this apart: IPs are the weakest link.</summary>
    public TimeSpan IpLinkWindow { get; set; } = TimeSpan.FromHours(12);

    /// <summary>An IP seen with more distinct users than this (in the alerts, or in the whole stream when an
    /// <see cref="IpPopularity"/> is given) is NAT or a proxy and joins nothing.</summary>
    public int MaxUsersPerIp { get; set; } = 3;

    /// <summary>App ids that never join, on top of <see cref="MicrosoftApps.Known"/> (lower-case).</summary>
    public ISet<string> CommonAppIds { get; set; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Mailbox owners (UPNs) whose exposure raises an incident's severity: leaders, legal, security.</summary>
    public ISet<string> VipMailboxes { get; set; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Reaching at least this many mailboxes raises severity like a VIP mailbox does.</summary>
    public int ManyMailboxes { get; set; } = 5;

    /// <summary>A community Sigma rule whose alerts name more than this share of the tenant's users describes the
    /// tenant's normal, not an attack: its alerts are reported and join no incident (<see cref="TenantWideRules"/>).</summary>
    public double TenantWideShare { get; set; } = 0.05;

    /// <summary>...and more than this many users, whatever the share (a small tenant's few users).</summary>
    public int TenantWideMinUsers { get; set; } = 10;

    /// <summary>How many of the earliest alerts' ids make the incident id.</summary>
    public int IdAlerts { get; set; } = 3;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (StrongLinkWindow <= TimeSpan.Zero) errors.Add("strong link window must be positive");
        if (IpLinkWindow < TimeSpan.Zero) errors.Add("IP link window must not be negative");
        if (IpLinkWindow > StrongLinkWindow) errors.Add("IP link window must not exceed the strong link window: IPs are the weakest link");
        if (MaxUsersPerIp < 1) errors.Add("max users per IP must be at least 1");
        if (ManyMailboxes < 1) errors.Add("many mailboxes must be at least 1");
        if (IdAlerts < 1) errors.Add("id alerts must be at least 1");
        if (!(TenantWideShare > 0 && TenantWideShare <= 1)) errors.Add("tenant-wide share must be above 0 and at most 1");
        if (TenantWideMinUsers < 1) errors.Add("tenant-wide minimum of users must be at least 1");
        if (CommonAppIds is null) errors.Add("common app ids must not be null");
        if (VipMailboxes is null) errors.Add("VIP mailboxes must not be null");
        return errors;
    }
}

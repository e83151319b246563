namespace Daybreak.Scoping;

/// <summary>Settings of <see cref="MailAccessScoper"/>. Plain defaults; <see cref="Validate"/> runs when the scoper is built.</summary>
public sealed class MailAccessScoperOptions
{
    /// <summary>How long Exchange stops logging Bind items once a mailbox is throttled (more than 1,000 records in 24 h).</summary>
    public TimeSpan ThrottleDuration { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Reads by an incident's apps, principals, delegates or sessions count this long after its last alert:
    /// an app keeps its grant until someone removes it.</summary>
    public TimeSpan AccessAfterLastSeen { get; set; } = TimeSpan.FromDays(30);

    /// <summary>An owner's own reads count only when they come through the incident's session, or from one of its
    /// unshared IPs within this long after its last alert (a stolen session read as the owner).</summary>
    public TimeSpan WeakLinkAfterLastSeen { get; set; } = TimeSpan.FromDays(1);

    /// <summary>An owner's own reads are kept only from an IP not yet familiar for that user: seen on this many
    /// distinct days and first seen at least <see cref="FamiliarAfter"/> ago. Routine reads from home, office and phone
    /// are stored only for their first day or two.</summary>
    public int FamiliarAfterDays { get; set; } = 2;

    public TimeSpan FamiliarAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>An IP with more distinct identities than this is shared and never links an owner's read (when the
    /// scoper keeps its own <see cref="Correlation.IpPopularity"/>).</summary>
    public int MaxUsersPerIp { get; set; } = 3;

    /// <summary>App ids whose reads are routine (on top of the first-party ones), lower-case.</summary>
    public ISet<string> CommonAppIds { get; set; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Clip unknown windows at the last event time seen: past the data there is no data, not "items unknown".</summary>
    public bool ClipUnknownWindowsToData { get; set; } = true;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (ThrottleDuration <= TimeSpan.Zero) errors.Add("throttle duration must be positive");
        if (AccessAfterLastSeen < TimeSpan.Zero) errors.Add("access after last seen must not be negative");
        if (WeakLinkAfterLastSeen < TimeSpan.Zero) errors.Add("weak link after last seen must not be negative");
        if (FamiliarAfterDays < 1) errors.Add("familiar after days must be at least 1");
        if (FamiliarAfter < TimeSpan.Zero) errors.Add("familiar after must not be negative");
        if (MaxUsersPerIp < 1) errors.Add("max users per IP must be at least 1");
        if (CommonAppIds is null) errors.Add("common app ids must not be null");
        return errors;
    }
}

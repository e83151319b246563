namespace Daybreak.Detection;

/// <summary>
/// The identities and things an alert is about. Incidents join alerts through these: object ids, app ids,
/// service-principal ids, credential key ids, token and session ids first; IPs last, as the weakest link.
/// </summary>
public sealed class AlertEntities
{
    /// <summary>User principal names, lower-cased.</summary>
    public SortedSet<string> Users { get; } = new(StringComparer.Ordinal);

    /// <summary>Directory object ids of users.</summary>
    public SortedSet<string> UserIds { get; } = new(StringComparer.Ordinal);

    /// <summary>Application (client) ids.</summary>
    public SortedSet<string> Apps { get; } = new(StringComparer.Ordinal);

    /// <summary>Service principal object ids.</summary>
    public SortedSet<string> ServicePrincipals { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> Ips { get; } = new(StringComparer.Ordinal);

    /// <summary>Mailbox owner UPNs whose mail was accessed.</summary>
    public SortedSet<string> Mailboxes { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> CredentialKeyIds { get; } = new(StringComparer.Ordinal);

    /// <summary>Session ids and unique token ids.</summary>
    public SortedSet<string> Sessions { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> Tenants { get; } = new(StringComparer.Ordinal);

    /// <summary>Ids a stateful detection gives one campaign it follows across many alerts (a password spray's target and
    /// success alerts carry the id of the spray campaign they belong to), so they join as one incident.</summary>
    public SortedSet<string> Campaigns { get; } = new(StringComparer.Ordinal);

    /// <summary>Adds a value when it is present; ids are lower-cased so different logs' spellings join.</summary>
    public static void Add(SortedSet<string> set, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value)) set.Add(value.Trim().ToLowerInvariant());
    }

    public void UnionWith(AlertEntities other)
    {
        Union(Users, other.Users);
        Union(UserIds, other.UserIds);
        Union(Apps, other.Apps);
        Union(ServicePrincipals, other.ServicePrincipals);
        Union(Ips, other.Ips);
        Union(Mailboxes, other.Mailboxes);
        Union(CredentialKeyIds, other.CredentialKeyIds);
        Union(Sessions, other.Sessions);
        Union(Tenants, other.Tenants);
        Union(Campaigns, other.Campaigns);
    }

    /// <summary>Most of an alert's ten sets are empty or hold one value, and a sorted set allocates to enumerate or merge
    /// any set, even an empty one (correlating 173,000 alerts spent a third of its allocation so): an empty set is
    /// passed over, and a single value is read as the set's minimum, which walks without allocating.</summary>
    private static void Union(SortedSet<string> into, SortedSet<string> from)
    {
        if (from.Count == 1) into.Add(from.Min!);
        else if (from.Count > 1) into.UnionWith(from);
    }
}

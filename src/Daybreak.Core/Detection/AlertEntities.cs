using System.Runtime.CompilerServices;

namespace Daybreak.Detection;

/// <summary>
/// The identities and things an alert is about. Incidents join alerts through these: object ids, app ids,
/// service-principal ids, credential key ids, token and session ids first; IPs last, as the weakest link.
/// </summary>
/// <remarks>
/// A hunt keeps every alert it raises until the end (173,000 of them for SigmaHQ's cloud rules over the 10x bench
/// sign-ins), and most of an alert's ten sets are empty or hold one value. Ten sorted sets per alert were 2.5 million
/// objects, a third of the live heap, which every full collection traced again. So each kind is one slot of this
/// object: empty, the single value itself, or a sorted set once it holds two; <see cref="EntitySet"/> is a view of a
/// slot with the set's operations.
/// </remarks>
public sealed class AlertEntities
{
    internal const int Kinds = 10;
    private Slots _slots;

    [InlineArray(Kinds)]
    private struct Slots
    {
        private object? _first;
    }

    /// <summary>User principal names, lower-cased.</summary>
    public EntitySet Users => new(this, 0);

    /// <summary>Directory object ids of users.</summary>
    public EntitySet UserIds => new(this, 1);

    /// <summary>Application (client) ids.</summary>
    public EntitySet Apps => new(this, 2);

    /// <summary>Service principal object ids.</summary>
    public EntitySet ServicePrincipals => new(this, 3);

    public EntitySet Ips => new(this, 4);

    /// <summary>Mailbox owner UPNs whose mail was accessed.</summary>
    public EntitySet Mailboxes => new(this, 5);

    public EntitySet CredentialKeyIds => new(this, 6);

    /// <summary>Session ids and unique token ids.</summary>
    public EntitySet Sessions => new(this, 7);

    public EntitySet Tenants => new(this, 8);

    /// <summary>Ids a stateful detection gives one campaign it follows across many alerts (a password spray's target and
    /// success alerts carry the id of the spray campaign they belong to), so they join as one incident.</summary>
    public EntitySet Campaigns => new(this, 9);

    internal ref object? Slot(int kind) => ref _slots[kind];

    /// <summary>Adds a value when it is present; ids are lower-cased so different logs' spellings join.</summary>
    public static void Add(EntitySet set, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value)) set.Add(value.Trim().ToLowerInvariant());
    }

    public void UnionWith(AlertEntities other)
    {
        for (var k = 0; k < Kinds; k++) new EntitySet(this, k).UnionWithSet(new EntitySet(other, k));
    }
}

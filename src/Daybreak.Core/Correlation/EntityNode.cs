using Daybreak.Detection;

namespace Daybreak.Correlation;

/// <summary>The kinds of node in the entity graph, strongest first. User and service-principal object ids share one
/// kind: both are directory object ids, unique in the directory, and logs do not always say which one they hold.</summary>
public enum EntityKind
{
    Campaign,
    CredentialKey,
    Session,
    ObjectId,
    App,
    User,
    Ip,
}

/// <summary>One typed node of the entity graph: an alert has an edge to each node it names.</summary>
public readonly record struct EntityNode(EntityKind Kind, string Value)
{
    public bool IsWeak => Kind == EntityKind.Ip;

    public override string ToString() => Kind + ":" + Value;

    /// <summary>
    /// The nodes an alert joins through. Left out: mailboxes (many campaigns read the same leaders), first-party and
    /// other common app ids, and the mailbox owner that UAL names as the "user" of an app-only read.
    /// </summary>
    public static List<EntityNode> Of(Alert alert, Func<string, bool> isCommonApp)
    {
        var nodes = new List<EntityNode>();
        AddTo(nodes, alert, isCommonApp);
        return nodes;
    }

    /// <summary>Appends the nodes of <see cref="Of"/> to <paramref name="nodes"/>: one list for many alerts, where a list
    /// per alert (three times over at a hunt's end) was the largest part of what correlating and scoping allocated.</summary>
    public static void AddTo(List<EntityNode> nodes, Alert alert, Func<string, bool> isCommonApp)
    {
        var e = alert.Entities;
        // Apps and users are enumerated: an app filter and the mailbox rule apply to each.
        Add(nodes, EntityKind.Campaign, e.Campaigns);
        Add(nodes, EntityKind.CredentialKey, e.CredentialKeyIds);
        Add(nodes, EntityKind.Session, e.Sessions);
        Add(nodes, EntityKind.ObjectId, e.UserIds);
        Add(nodes, EntityKind.ObjectId, e.ServicePrincipals);
        var appOnly = false;
        foreach (var a in e.Apps)
        {
            if (isCommonApp(a)) continue;
            nodes.Add(new(EntityKind.App, a));
            appOnly = true;
        }
        foreach (var u in e.Users)
        {
            if (appOnly && e.Mailboxes.Contains(u)) continue;
            nodes.Add(new(EntityKind.User, u));
        }
        Add(nodes, EntityKind.Ip, e.Ips);
    }

    /// <summary>At least as many nodes as <see cref="AddTo"/> gives the alert (to size one list for many alerts).</summary>
    public static int MostOf(Alert alert)
    {
        var e = alert.Entities;
        return e.Campaigns.Count + e.CredentialKeyIds.Count + e.Sessions.Count + e.UserIds.Count + e.ServicePrincipals.Count
               + e.Apps.Count + e.Users.Count + e.Ips.Count;
    }

    /// <summary>An entity set's own enumerator allocates nothing for the empty and single-valued sets most alerts have.</summary>
    private static void Add(List<EntityNode> nodes, EntityKind kind, EntitySet values)
    {
        foreach (var v in values) nodes.Add(new(kind, v));
    }
}

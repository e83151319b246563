namespace Daybreak.Events;

/// <summary>The identity that performed the action (OCSF <c>actor</c>).</summary>
public sealed class Actor
{
    public ActorKind Kind { get; set; }

    /// <summary>Directory object id of the user or service principal (OCSF <c>actor.user.uid</c>).</summary>
    public string? ObjectId { get; set; }

    /// <summary>User principal name, lower-cased (OCSF <c>actor.user.email_addr</c>/<c>name</c>).</summary>
    public string? Upn { get; set; }

    /// <summary>Application (client) id the actor used or is (OCSF <c>actor.app_uid</c>).</summary>
    public string? AppId { get; set; }

    /// <summary>Display name of the user, app or service principal.</summary>
    public string? DisplayName { get; set; }
}

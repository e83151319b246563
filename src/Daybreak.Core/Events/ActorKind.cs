namespace Daybreak.Events;

/// <summary>Who performed an action. Service principals and apps matter as much as users: most of a
/// Midnight Blizzard chain is done by an app, where user-centred controls do not apply.</summary>
public enum ActorKind
{
    Unknown,
    User,
    ServicePrincipal,
    App,
    ManagedIdentity,
    System,
}

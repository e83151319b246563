namespace Daybreak.Events;

/// <summary>One object the action was done to: a user, app, service principal, mailbox, role, policy...</summary>
public sealed class Target
{
    /// <summary>The source's type name: User, Application, ServicePrincipal, Group, Role, Mailbox, Other.</summary>
    public string? Kind { get; set; }

    public string? Id { get; set; }

    /// <summary>Display name or UPN.</summary>
    public string? Name { get; set; }

    /// <summary>
    /// Application (client) id of an application or service principal target, where the source names it beside the
    /// object id (a directory audit's <c>additionalDetails</c> AppId), lower-cased. Stored in the case file's
    /// <c>targets</c> JSON as <c>app_id</c>.
    /// </summary>
    public string? AppId { get; set; }

    public List<ModifiedProperty> ModifiedProperties { get; } = [];
}

/// <summary>A property changed on a target, with old and new value as the source wrote them.</summary>
public sealed record ModifiedProperty(string Name, string? OldValue, string? NewValue);

namespace Daybreak.Events;

/// <summary>One object the action was done to: a user, app, service principal, mailbox, role, policy...</summary>
public sealed class Target
{
    /// <summary>The source's type name: User, Application, ServicePrincipal, Group, Role, Mailbox, Other.</summary>
    public string? Kind { get; set; }

    public string? Id { get; set; }

    /// <summary>Display name or UPN.</summary>
    public string? Name { get; set; }

    /// <summary>Name of the entry in <see cref="ModifiedProperties"/> that holds <see cref="AppId"/>.</summary>
    public const string AppIdDetail = "AdditionalDetails.AppId";

    /// <summary>
    /// Application (client) id of an application or service principal target, where the source names it beside the
    /// object id (a directory audit's <c>additionalDetails</c> AppId), lower-cased. It is kept as the name/value
    /// <see cref="AppIdDetail"/> among the target's properties (as UAL cmdlet parameters are), so the case file's
    /// <c>targets</c> column carries it without a schema change and a hunt over a case file sees what a live one sees.
    /// </summary>
    public string? AppId
    {
        get
        {
            foreach (var p in ModifiedProperties)
            {
                if (string.Equals(p.Name, AppIdDetail, StringComparison.Ordinal)) return p.NewValue;
            }
            return null;
        }
        set
        {
            ModifiedProperties.RemoveAll(p => string.Equals(p.Name, AppIdDetail, StringComparison.Ordinal));
            if (value is not null) ModifiedProperties.Add(new ModifiedProperty(AppIdDetail, null, value));
        }
    }

    public List<ModifiedProperty> ModifiedProperties { get; } = [];
}

/// <summary>A property changed on a target, with old and new value as the source wrote them.</summary>
public sealed record ModifiedProperty(string Name, string? OldValue, string? NewValue);

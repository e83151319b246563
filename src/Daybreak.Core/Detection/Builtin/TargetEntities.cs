using Daybreak.Events;

namespace Daybreak.Detection.Builtin;

/// <summary>
/// The ids of what an event was done to, as alert entities: the service principal a role or credential was added to,
/// the application (client) id behind it, the user created, the mailbox read. Incidents join on these, so the app an
/// attacker created links the alert of its creation to the alerts of its mail reads.
/// </summary>
public static class TargetEntities
{
    private static readonly string[] AppIdProperties =
        ["AppId", "AppPrincipalId", "ServicePrincipal.AppId", "Application.AppId", "TargetId.ServicePrincipalNames"];

    private static readonly string[] ServicePrincipalIdProperties = ["ServicePrincipal.ObjectID", "DelegatedPermissionGrant.ClientId"];

    public static void AddTo(AlertEntities entities, AuditEvent evt)
    {
        foreach (var target in evt.Targets)
        {
            switch (target.Kind?.ToLowerInvariant())
            {
                case "serviceprincipal":
                    AlertEntities.Add(entities.ServicePrincipals, target.Id);
                    break;
                case "user":
                    AlertEntities.Add(entities.UserIds, target.Id);
                    if (target.Name?.Contains('@') == true) AlertEntities.Add(entities.Users, target.Name);
                    break;
                case "mailbox":
                    AlertEntities.Add(entities.Mailboxes, target.Name);
                    break;
            }
            foreach (var p in target.ModifiedProperties)
            {
                if (AppIdProperties.Contains(p.Name, StringComparer.OrdinalIgnoreCase))
                {
                    // TargetId.ServicePrincipalNames is "appId;uri;..."; only the leading GUID is an app id.
                    var value = Json.Unquote(p.NewValue)?.Split(';')[0];
                    if (Guid.TryParse(value, out _)) AlertEntities.Add(entities.Apps, value);
                }
                else if (ServicePrincipalIdProperties.Contains(p.Name, StringComparer.OrdinalIgnoreCase))
                {
                    var value = Json.Unquote(p.NewValue);
                    if (Guid.TryParse(value, out _)) AlertEntities.Add(entities.ServicePrincipals, value);
                }
            }
        }
        if (evt.Mail is { } mail)
        {
            AlertEntities.Add(entities.Mailboxes, mail.MailboxOwnerUpn);
            if (mail.ClientAppId is { } client) AlertEntities.Add(entities.Apps, client);
        }
    }
}

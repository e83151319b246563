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
            // The resource side of a grant (Exchange Online, Graph, or the tenant's own API that an app role or delegated
            // permission is on) is shared by every app ever granted anything: it names what was granted, not who.
            var resource = IsGrantResource(target) || IsFirstPartyServicePrincipal(target) || Daybreak.Correlation.MicrosoftApps.IsCommon(target.AppId);
            if (!resource) AlertEntities.Add(entities.Apps, target.AppId);
            var delegatedGrant = target.ModifiedProperties.Any(p => p.Name.StartsWith("DelegatedPermissionGrant.", StringComparison.OrdinalIgnoreCase));
            switch (target.Kind?.ToLowerInvariant())
            {
                case "serviceprincipal":
                    if (!resource) AlertEntities.Add(entities.ServicePrincipals, target.Id);
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
                    // On a grant's resource target, TargetId.ServicePrincipalNames is the resource's own names.
                    if (resource && p.Name.Equals("TargetId.ServicePrincipalNames", StringComparison.OrdinalIgnoreCase)) continue;
                    // TargetId.ServicePrincipalNames is "appId;uri;..."; only the leading GUID is an app id.
                    var value = Json.Unquote(p.NewValue)?.Split(';')[0];
                    if (Guid.TryParse(value, out _)) AlertEntities.Add(entities.Apps, value);
                }
                else if (ServicePrincipalIdProperties.Contains(p.Name, StringComparer.OrdinalIgnoreCase))
                {
                    // In a delegated permission grant, ServicePrincipal.ObjectID is the resource; ClientId is the app.
                    if (delegatedGrant && p.Name.Equals("ServicePrincipal.ObjectID", StringComparison.OrdinalIgnoreCase)) continue;
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

    /// <summary>The target of "Add app role assignment to service principal" / "Add delegated permission grant" that
    /// carries the role or grant is the resource service principal; the client appears in its ServicePrincipal.* (app
    /// roles) or DelegatedPermissionGrant.ClientId properties and as a second target.</summary>
    public static bool IsGrantResource(Target target) => string.Equals(target.Kind, "ServicePrincipal", StringComparison.OrdinalIgnoreCase)
        && target.ModifiedProperties.Any(p => p.Name.StartsWith("AppRole.", StringComparison.OrdinalIgnoreCase) || p.Name.StartsWith("DelegatedPermissionGrant.", StringComparison.OrdinalIgnoreCase));

    /// <summary>A service principal target whose own app id (TargetId.ServicePrincipalNames, AppPrincipalId) is a Microsoft
    /// first-party app: its object id is tenant-specific, so no app-id list catches it, but it is just as common.</summary>
    public static bool IsFirstPartyServicePrincipal(Target target)
    {
        if (!string.Equals(target.Kind, "ServicePrincipal", StringComparison.OrdinalIgnoreCase)) return false;
        foreach (var p in target.ModifiedProperties)
        {
            if (!p.Name.Equals("TargetId.ServicePrincipalNames", StringComparison.OrdinalIgnoreCase) && !p.Name.Equals("AppPrincipalId", StringComparison.OrdinalIgnoreCase)) continue;
            var value = Json.Unquote(p.NewValue)?.Split(';')[0];
            if (Daybreak.Correlation.MicrosoftApps.IsCommon(value)) return true;
        }
        return false;
    }
}

using Daybreak.Simulation.Organisation;
using Daybreak.Simulation.Randomness;

namespace Daybreak.Simulation.Records;

/// <summary>Directory audits shaped as Entra writes them, named exactly as Entra names the activity.</summary>
internal static class AuditActivities
{
    public const string UpdateAppCertsAndSecrets = "Update application – Certificates and secrets management ";

    private static KeyValuePair<string, string> Kv(string k, string v) => new(k, v);

    private static IReadOnlyList<KeyValuePair<string, string>> Details(AuditInitiator by, SimApp? target = null)
    {
        var list = new List<KeyValuePair<string, string>>
        {
            Kv("User-Agent", by.App?.UserAgent ?? by.User?.UserAgent ?? "Mozilla/5.0"),
        };
        if (target is not null) list.Add(Kv("AppId", target.AppId.ToString()));
        return list;
    }

    public static AuditRecord AddApplication(SimRandom rng, DateTime t, SimTenant tenant, AuditInitiator by, SimApp app, bool multiTenant = false)
        => RecordFactory.Audit(rng, t, tenant, "ApplicationManagement", "Add application", "Add", by,
            [new AuditTarget((app.ObjectId ?? app.AppId).ToString(), app.DisplayName, "Application", null,
            [
                new("AppAddress", "[]", "[{\"AddressType\":0,\"Address\":\"https://localhost\",\"ReplyAddressClientType\":1,\"ReplyAddressIndex\":null,\"IsReplyAddressDefault\":false}]"),
                new("AppId", "[]", Js.List(app.AppId.ToString())),
                new("AvailableToOtherTenants", "[]", Js.Bool(multiTenant)),
                new("DisplayName", "[]", Js.List(app.DisplayName)),
                new("Included Updated Properties", null, Js.Str("AppAddress, AppId, AvailableToOtherTenants, DisplayName")),
            ])], Details(by, app));

    public static AuditRecord AddServicePrincipal(SimRandom rng, DateTime t, SimTenant tenant, AuditInitiator by, SimApp app)
        => RecordFactory.Audit(rng, t, tenant, "ApplicationManagement", "Add service principal", "Add", by,
            [new AuditTarget(app.ServicePrincipalId.ToString(), app.DisplayName, "ServicePrincipal", null,
            [
                new("AccountEnabled", "[]", Js.Bool(true)),
                new("AppPrincipalId", "[]", Js.List(app.AppId.ToString())),
                new("DisplayName", "[]", Js.List(app.DisplayName)),
                new("ServicePrincipalName", "[]", Js.List(app.AppId.ToString())),
                new("Included Updated Properties", null, Js.Str("AccountEnabled, AppPrincipalId, DisplayName, ServicePrincipalName")),
            ])], Details(by, app));

    public static AuditRecord AddOwnerToApplication(SimRandom rng, DateTime t, SimTenant tenant, AuditInitiator by, SimApp app, string ownerId, string? ownerUpn, string ownerType)
        => RecordFactory.Audit(rng, t, tenant, "ApplicationManagement", "Add owner to application", "Assign", by,
        [
            new AuditTarget(ownerId, null, ownerType, ownerUpn,
            [
                new("Application.ObjectID", null, Js.Str((app.ObjectId ?? app.AppId).ToString())),
                new("Application.DisplayName", null, Js.Str(app.DisplayName)),
                new("Application.AppId", null, Js.Str(app.AppId.ToString())),
            ]),
            new AuditTarget((app.ObjectId ?? app.AppId).ToString(), app.DisplayName, "Application", null, []),
        ], Details(by, app));

    private static string KeyDescription(AppCredential c)
        => $"[KeyIdentifier={c.KeyId},KeyType={(c.Type == "Password" ? "Password" : "AsymmetricX509Cert")},KeyUsage=Verify,DisplayName={c.DisplayName}]";

    private static string KeyList(IEnumerable<AppCredential> creds) => Js.List(creds.Select(KeyDescription).ToArray());

    /// <summary>Credential added to the application object (routine rotation or takeover).</summary>
    public static AuditRecord UpdateAppCredentials(SimRandom rng, DateTime t, SimTenant tenant, AuditInitiator by, SimApp app, IReadOnlyList<AppCredential> before, AppCredential added)
        => RecordFactory.Audit(rng, t, tenant, "ApplicationManagement", UpdateAppCertsAndSecrets, "Update", by,
            [new AuditTarget((app.ObjectId ?? app.AppId).ToString(), app.DisplayName, "Application", null,
            [
                new("KeyDescription", KeyList(before), KeyList(before.Append(added))),
                new("Included Updated Properties", null, Js.Str("KeyDescription")),
            ])], Details(by, app));

    public static AuditRecord AddServicePrincipalCredentials(SimRandom rng, DateTime t, SimTenant tenant, AuditInitiator by, SimApp app, IReadOnlyList<AppCredential> before, AppCredential added)
        => RecordFactory.Audit(rng, t, tenant, "ApplicationManagement", "Add service principal credentials", "Update", by,
            [new AuditTarget(app.ServicePrincipalId.ToString(), app.DisplayName, "ServicePrincipal", null,
            [
                new("KeyDescription", KeyList(before), KeyList(before.Append(added))),
                new("Included Updated Properties", null, Js.Str("KeyDescription")),
            ])], Details(by, app));

    public static AuditRecord AddUser(SimRandom rng, DateTime t, SimTenant tenant, AuditInitiator by, SimUser user)
        => RecordFactory.Audit(rng, t, tenant, "UserManagement", "Add user", "Add", by,
            [new AuditTarget(user.Id.ToString(), null, "User", user.UserPrincipalName,
            [
                new("AccountEnabled", "[]", Js.Bool(true)),
                new("DisplayName", "[]", Js.List(user.DisplayName)),
                new("UserPrincipalName", "[]", Js.List(user.UserPrincipalName)),
                new("UserType", "[]", Js.List("Member")),
                new("Included Updated Properties", null, Js.Str("AccountEnabled, DisplayName, UserPrincipalName, UserType")),
            ])], Details(by));

    public static AuditRecord ConsentToApplication(SimRandom rng, DateTime t, SimTenant tenant, AuditInitiator by, SimApp app, Guid resourceSp,
        string scope, bool adminConsent, bool appOnly = false)
    {
        var permissions = $"[[Id: {rng.NextAlnum(43)}, ClientId: {app.ServicePrincipalId}, PrincipalId: {(adminConsent ? "" : by.User?.Id.ToString())}, ResourceId: {resourceSp}, ConsentType: {(adminConsent ? "AllPrincipals" : "Principal")}, Scope:  {scope}, CreatedDateTime: , LastModifiedDateTime ]]; ";
        return RecordFactory.Audit(rng, t, tenant, "ApplicationManagement", "Consent to application", "Assign", by,
            [new AuditTarget(app.ServicePrincipalId.ToString(), app.DisplayName, "ServicePrincipal", null,
            [
                new("ConsentContext.IsAdminConsent", null, Js.Str(adminConsent ? "True" : "False")),
                new("ConsentContext.IsAppOnly", null, Js.Str(appOnly ? "True" : "False")),
                new("ConsentContext.OnBehalfOfAll", null, Js.Str(adminConsent ? "True" : "False")),
                new("ConsentContext.Tags", null, Js.Str("WindowsAzureActiveDirectoryIntegratedApp")),
                new("ConsentAction.Permissions", null, Js.Str(permissions)),
                new("TargetId.ServicePrincipalNames", null, Js.Str(app.AppId.ToString())),
            ])], Details(by, app));
    }

    public static AuditRecord AddAppRoleAssignment(SimRandom rng, DateTime t, SimTenant tenant, AuditInitiator by, SimApp client,
        SimApp resource, Guid roleId, string roleValue, string roleDisplay)
        => RecordFactory.Audit(rng, t, tenant, "ApplicationManagement", "Add app role assignment to service principal", "Assign", by,
        [
            new AuditTarget(resource.ServicePrincipalId.ToString(), resource.DisplayName, "ServicePrincipal", null,
            [
                new("AppRole.Id", null, Js.Str(roleId.ToString())),
                new("AppRole.Value", null, Js.Str(roleValue)),
                new("AppRole.DisplayName", null, Js.Str(roleDisplay)),
                new("AppRoleAssignment.CreatedDateTime", null, Js.Str(t.ToString("M/d/yyyy h:mm:ss tt", System.Globalization.CultureInfo.InvariantCulture))),
                new("AppRoleAssignment.LastModifiedDateTime", null, Js.Str(t.ToString("M/d/yyyy h:mm:ss tt", System.Globalization.CultureInfo.InvariantCulture))),
                new("ServicePrincipal.ObjectID", null, Js.Str(client.ServicePrincipalId.ToString())),
                new("ServicePrincipal.DisplayName", null, Js.Str(client.DisplayName)),
                new("ServicePrincipal.AppId", null, Js.Str(client.AppId.ToString())),
                new("ServicePrincipal.Name", null, Js.Str(client.AppId.ToString())),
                new("TargetId.ServicePrincipalNames", null, Js.Str($"{resource.AppId};https://outlook.office365.com")),
            ]),
            new AuditTarget(client.ServicePrincipalId.ToString(), client.DisplayName, "ServicePrincipal", null, []),
        ], Details(by, client));

    public static AuditRecord AddDelegatedPermissionGrant(SimRandom rng, DateTime t, SimTenant tenant, AuditInitiator by, SimApp client, SimApp resource, string scope)
        => RecordFactory.Audit(rng, t, tenant, "ApplicationManagement", "Add delegated permission grant", "Assign", by,
        [
            new AuditTarget(resource.ServicePrincipalId.ToString(), resource.DisplayName, "ServicePrincipal", null,
            [
                new("DelegatedPermissionGrant.Scope", null, Js.Str($" {scope}")),
                new("DelegatedPermissionGrant.ClientId", null, Js.Str(client.ServicePrincipalId.ToString())),
                new("DelegatedPermissionGrant.ConsentType", null, Js.Str("Principal")),
                new("ServicePrincipal.ObjectID", null, Js.Str(resource.ServicePrincipalId.ToString())),
            ]),
            new AuditTarget(client.ServicePrincipalId.ToString(), client.DisplayName, "ServicePrincipal", null, []),
        ], Details(by, client));

    public static AuditRecord AddMemberToRole(SimRandom rng, DateTime t, SimTenant tenant, AuditInitiator by, SimUser member, Guid roleTemplate, string roleName)
        => RecordFactory.Audit(rng, t, tenant, "RoleManagement", "Add member to role", "Assign", by,
            [new AuditTarget(member.Id.ToString(), null, "User", member.UserPrincipalName,
            [
                new("Role.ObjectID", null, Js.Str(roleTemplate.ToString())),
                new("Role.DisplayName", null, Js.Str(roleName)),
                new("Role.TemplateId", null, Js.Str(roleTemplate.ToString())),
                new("Role.WellKnownObjectName", null, Js.Str(roleName.Replace(" ", "", StringComparison.Ordinal))),
            ])], Details(by));
}

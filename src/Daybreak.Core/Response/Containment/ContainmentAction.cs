namespace Daybreak.Response.Containment;

/// <summary>What a containment step does; the executor has one handler per action.</summary>
public enum ContainmentAction
{
    DisableUser,
    RevokeUserSessions,
    DisableServicePrincipal,
    RemovePassword,
    RemoveKey,
    RemoveCredential,
    DeleteAppRoleAssignment,
    DeletePermissionGrants,
}

/// <summary>Names used in the plan, the ledger and JSON.</summary>
public static class ContainmentActions
{
    public static string Name(this ContainmentAction a) => a switch
    {
        ContainmentAction.DisableUser => "disable-user",
        ContainmentAction.RevokeUserSessions => "revoke-sessions",
        ContainmentAction.DisableServicePrincipal => "disable-service-principal",
        ContainmentAction.RemovePassword => "remove-password",
        ContainmentAction.RemoveKey => "remove-key",
        ContainmentAction.RemoveCredential => "remove-credential",
        ContainmentAction.DeleteAppRoleAssignment => "delete-app-role-assignment",
        ContainmentAction.DeletePermissionGrants => "delete-permission-grants",
        _ => a.ToString(),
    };
}

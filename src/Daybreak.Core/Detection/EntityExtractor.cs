using Daybreak.Events;

namespace Daybreak.Detection;

/// <summary>The entities of one event, as incidents join them: who acted, with which app, from where, on what mailbox.</summary>
public static class EntityExtractor
{
    public static AlertEntities From(AuditEvent evt)
    {
        var e = new AlertEntities();
        AddTo(e, evt);
        return e;
    }

    /// <summary>Adds the entities of <paramref name="evt"/> to <paramref name="e"/>: an alert over hundreds of evidence
    /// events gathers them into one set of entities, not one per event merged afterwards.</summary>
    public static void AddTo(AlertEntities e, AuditEvent evt)
    {
        AlertEntities.Add(e.Users, evt.Actor.Upn);
        AlertEntities.Add(e.Ips, evt.Network.Ip);
        AlertEntities.Add(e.Apps, evt.Actor.AppId);
        AlertEntities.Add(evt.Actor.Kind is ActorKind.ServicePrincipal or ActorKind.ManagedIdentity or ActorKind.App ? e.ServicePrincipals : e.UserIds, evt.Actor.ObjectId);
        AlertEntities.Add(e.CredentialKeyIds, evt.Auth.CredentialKeyId);
        AlertEntities.Add(e.Sessions, evt.Auth.SessionId);
        AlertEntities.Add(e.Sessions, evt.Auth.UniqueTokenId);
        AlertEntities.Add(e.Tenants, evt.TenantId);
        if (evt.Mail is { } mail)
        {
            AlertEntities.Add(e.Mailboxes, mail.MailboxOwnerUpn);
            AlertEntities.Add(e.Apps, mail.ClientAppId);
        }
    }
}

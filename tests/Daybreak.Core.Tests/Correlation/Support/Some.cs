using Daybreak.Detection;
using Daybreak.Events;

namespace Daybreak.Tests.Correlation.Support;

/// <summary>Inline alerts and mail events for correlator and scoper tests.</summary>
public static class Some
{
    public static readonly DateTime T0 = new(2024, 1, 8, 0, 0, 0, DateTimeKind.Utc);

    public static Alert Alert(string rule, DateTime time, string technique = "T1078.004", Severity severity = Severity.Medium,
        string[]? users = null, string[]? userIds = null, string[]? apps = null, string[]? sps = null, string[]? ips = null,
        string[]? creds = null, string[]? sessions = null, string[]? mailboxes = null, string[]? tenants = null, DateTime? firstSeen = null,
        bool community = false)
    {
        var e = new AlertEntities();
        foreach (var v in users ?? []) AlertEntities.Add(e.Users, v);
        foreach (var v in userIds ?? []) AlertEntities.Add(e.UserIds, v);
        foreach (var v in apps ?? []) AlertEntities.Add(e.Apps, v);
        foreach (var v in sps ?? []) AlertEntities.Add(e.ServicePrincipals, v);
        foreach (var v in ips ?? []) AlertEntities.Add(e.Ips, v);
        foreach (var v in creds ?? []) AlertEntities.Add(e.CredentialKeyIds, v);
        foreach (var v in sessions ?? []) AlertEntities.Add(e.Sessions, v);
        foreach (var v in mailboxes ?? []) AlertEntities.Add(e.Mailboxes, v);
        foreach (var v in tenants ?? []) AlertEntities.Add(e.Tenants, v);
        return new Alert
        {
            Rule = rule, Title = rule, Time = time, FirstSeen = firstSeen, Severity = severity, Techniques = [technique], Entities = e,
            Evidence = [rule + "@" + time.Ticks], Community = community, Engine = community ? "sigma" : "builtin",
        };
    }

    public static AuditEvent MailRead(DateTime time, string owner, string access = "Bind", string? actor = null, string? clientAppId = null,
        string? appId = null, string? ip = "198.51.100.7", string? session = null, string? token = null, bool throttled = false,
        string? actorObjectId = null, params (string Folder, string[] Ids)[] folders)
    {
        var evt = new AuditEvent
        {
            RecordId = "ual:" + Guid.NewGuid().ToString("N"), Time = time, Source = SourceKind.Ual, Format = "test", Raw = "{}",
            Operation = "MailItemsAccessed",
            Mail = new MailAccess
            {
                MailboxOwnerUpn = owner, AccessType = access, IsThrottled = throttled, ClientAppId = clientAppId,
                AppId = appId ?? clientAppId ?? "9199bf20-a13f-4107-85dc-02114787ef48",
                OperationCount = Math.Max(1, folders.Sum(f => f.Ids.Length)),
            },
        };
        evt.Actor.Upn = actor ?? owner;
        evt.Actor.ObjectId = actorObjectId;
        evt.Actor.Kind = ActorKind.User;
        evt.Network.Ip = ip;
        evt.Auth.SessionId = session;
        evt.Auth.UniqueTokenId = token;
        foreach (var (path, ids) in folders)
        {
            var f = new Daybreak.Events.MailFolder { Path = path };
            foreach (var id in ids) f.Items.Add(new MailItem(id, 1000));
            evt.Mail.Folders.Add(f);
        }
        return evt;
    }

    public static AuditEvent SignIn(DateTime time, string upn, string ip)
    {
        var evt = new AuditEvent { RecordId = "signin:" + Guid.NewGuid().ToString("N"), Time = time, Source = SourceKind.SignIn, Format = "test", Raw = "{}", Operation = "Sign-in" };
        evt.Actor.Upn = upn;
        evt.Actor.Kind = ActorKind.User;
        evt.Network.Ip = ip;
        evt.Outcome.Status = OutcomeStatus.Success;
        return evt;
    }
}

using Daybreak.Tests.Correlation.Support;
using Xunit.Abstractions;

namespace Daybreak.Tests.Correlation;

public sealed class DumpTests(ITestOutputHelper output)
{
    [Fact]
    public void Dump()
    {
        var c = SimulatedCase.Get(60, 10, 7, "midnight-blizzard", "graph-mail-read", "aitm-token-theft", "mfa-fatigue", "consent-phishing", "bec-forwarding");
        foreach (var a in c.StepAlerts())
        {
            var e = a.Entities;
            output.WriteLine($"{a.Rule} {a.FirstSeen:o}..{a.Time:o} n={a.Evidence.Count} users=[{string.Join(",", e.Users.Take(6))}] uids=[{string.Join(",", e.UserIds.Take(4))}] apps=[{string.Join(",", e.Apps)}] sps=[{string.Join(",", e.ServicePrincipals)}] creds=[{string.Join(",", e.CredentialKeyIds)}] sess={e.Sessions.Count}:{string.Join(",", e.Sessions.Take(2))} ips={e.Ips.Count} mbx=[{string.Join(",", e.Mailboxes.Take(3))}] ten=[{string.Join(",", e.Tenants)}]");
            foreach (var id in a.Evidence.Take(2))
            {
                var ev = c.ById[id];
                output.WriteLine($"   {ev.Operation} actor={ev.Actor.Kind}/{ev.Actor.Upn}/{ev.Actor.ObjectId}/{ev.Actor.AppId} targets={string.Join(";", ev.Targets.Select(t => t.Kind + ":" + t.Id + ":" + t.Name))} mail={ev.Mail?.MailboxOwnerUpn}/{ev.Mail?.AppId}/{ev.Mail?.ClientAppId}/{ev.Mail?.AccessType} sess={ev.Auth.SessionId} tok={ev.Auth.UniqueTokenId}");
            }
        }
        foreach (var m in c.Mailboxes) output.WriteLine($"{m.Scenario} {m.Owner} ids={m.MessageIds.Count} sync=[{string.Join(",", m.FoldersSynced)}] unk={m.UnknownWindows.Count} via=[{string.Join(",", m.Via)}]");
    }
}

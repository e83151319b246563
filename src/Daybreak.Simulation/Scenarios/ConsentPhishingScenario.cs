using Daybreak.Simulation.Organisation;
using Daybreak.Simulation.Records;
using Daybreak.Simulation.Truth;

namespace Daybreak.Simulation.Scenarios;

/// <summary>Illicit consent grant: a user consents to a malicious multi-tenant app that then reads mail with the delegated token.</summary>
internal sealed class ConsentPhishingScenario : IScenario
{
    public string Name => "consent-phishing";

    public void Plan(ScenarioContext ctx)
    {
        var org = ctx.Org;
        var rng = ctx.Random(Name);
        var victim = Victims.Pick(org, rng, "Marketing", "Human Resources", "Finance");
        var app = new SimApp
        {
            AppId = rng.NextGuid(), ServicePrincipalId = rng.NextGuid(), DisplayName = "Secure Document Viewer", FirstParty = false,
            UserAgent = "python-requests/2.31.0",
        };
        var incident = new ExpectedIncident { Scenario = Name, Title = $"Illicit consent grant to {app.DisplayName} by {victim.UserPrincipalName}" };
        ctx.Incidents.Add(incident);
        incident.Users.Add(victim.UserPrincipalName);
        incident.Apps.Add(app.AppId.ToString());
        incident.ServicePrincipals.Add(app.ServicePrincipalId.ToString());
        var host = IpFactory.From(Places.HostingNetworks[0], rng);
        incident.Ips.Add(host.Address);
        var t = ctx.At(0.5).Date.AddHours(15 - victim.Office.UtcOffsetHours).AddMinutes(rng.Next(50));
        if (t < ctx.Start || t >= ctx.End) t = ctx.At(0.5);
        const string scope = "Mail.Read offline_access User.Read";
        var by = AuditInitiator.ByUser(victim, victim.OfficeIp.Address);

        ctx.Add(RecordFactory.UserSignIn(rng, t, victim, SignInKind.Interactive, (app.AppId, app.DisplayName), FirstPartyApps.Graph, victim.OfficeIp,
            mfa: true, mfaMethod: "Previously satisfied", additionalDetails: "MFA requirement satisfied by claim in the token"),
            Name, 1, "user signs in to the malicious app", "T1528", incident);
        ctx.Add(AuditActivities.AddServicePrincipal(rng, t.AddSeconds(14), org.Production, by, app), Name, 1, "service principal created by consent", "T1528", incident);
        ctx.Add(AuditActivities.AddDelegatedPermissionGrant(rng, t.AddSeconds(15), org.Production, by, app, org.FirstPartyApp(FirstPartyApps.Graph.AppId), scope),
            Name, 1, "delegated permission grant", "T1528", incident);
        ctx.Add(AuditActivities.ConsentToApplication(rng, t.AddSeconds(15), org.Production, by, app, org.FirstPartyApp(FirstPartyApps.Graph.AppId).ServicePrincipalId,
            scope, false), Name, 1, "user consents to Mail.Read and offline_access", "T1528", incident);

        var mb = victim.Mailbox!;
        var reads = Math.Max(6, ctx.Days * 3);
        for (var i = 0; i < reads; i++)
        {
            var at = t.AddMinutes(20 + i * Math.Max(5, (ctx.End - t).TotalMinutes * 0.9 / reads));
            if (at >= ctx.End) break;
            var token = RecordFactory.TokenId(rng);
            ctx.Add(RecordFactory.UserSignIn(rng, at, victim, SignInKind.NonInteractive, (app.AppId, app.DisplayName), FirstPartyApps.Graph, host,
                mfa: true, mfaMethod: "Previously satisfied", knownDevice: false, userAgent: app.UserAgent), Name, 2, "refresh token redeemed by the app", "T1528", incident);
            var items = Enumerable.Range(0, 2 + rng.Next(8)).Select(_ => mb.Message(mb.Inbox, mb.PickIndex(mb.Inbox, (at - ctx.Start).TotalDays, rng)))
                .DistinctBy(m => m.InternetMessageId).ToArray();
            ctx.Add(RecordFactory.GraphRequest(rng, at.AddSeconds(2), org.Production, app.AppId, null, victim.Id, host, app.UserAgent!, "GET",
                $"https://graph.microsoft.com/v1.0/me/mailFolders/inbox/messages?$top={items.Length}", 200, null, scope, token, 1),
                Name, 2, "mail listed through Graph", "T1114.002", incident);
            ctx.Add(RecordFactory.MailItemsAccessed(rng, at.AddSeconds(3), victim, null, app, FirstPartyApps.Graph.AppId, "Client=REST;Client=RESTSystem;;", host,
                "Bind", [new UalFolderAccess(mb.Inbox, items)], tokenId: token), Name, 2, "mail read by the consented app", "T1114.002", incident);
        }
    }
}

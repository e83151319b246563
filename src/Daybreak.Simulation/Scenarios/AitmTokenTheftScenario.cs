using Daybreak.Simulation.Organisation;
using Daybreak.Simulation.Records;
using Daybreak.Simulation.Truth;

namespace Daybreak.Simulation.Scenarios;

/// <summary>Adversary-in-the-middle phishing: the proxy relays the victim's MFA, the stolen session is replayed elsewhere.</summary>
internal sealed class AitmTokenTheftScenario : IScenario
{
    public string Name => "aitm-token-theft";

    public void Plan(ScenarioContext ctx)
    {
        var org = ctx.Org;
        var rng = ctx.Random(Name);
        var victim = Victims.Pick(org, rng, "Finance", "Sales");
        var incident = new ExpectedIncident { Scenario = Name, Title = $"AiTM session theft and inbox rule on {victim.UserPrincipalName}" };
        ctx.Incidents.Add(incident);
        incident.Users.Add(victim.UserPrincipalName);
        var proxy = IpFactory.From(Places.HostingNetworks[3], rng);
        var replay = IpFactory.From(Places.HostingNetworks[2], rng);
        incident.Ips.Add(proxy.Address);
        incident.Ips.Add(replay.Address);
        var session = rng.NextGuid();
        var t1 = ctx.At(0.3).Date.AddHours(14 - victim.Office.UtcOffsetHours).AddMinutes(rng.Next(60));
        if (t1 < ctx.Start) t1 = ctx.At(0.3);

        // The phishing proxy signs in as the victim; MFA is completed by the victim and relayed.
        ctx.Add(RecordFactory.UserSignIn(rng, t1, victim, SignInKind.Interactive, FirstPartyApps.OfficeHome, FirstPartyApps.OfficeHome, proxy,
            SignInErrors.StrongAuthRequired, additionalDetails: "MFA required in Azure AD", session: session, knownDevice: false),
            Name, 1, "sign-in through the AiTM proxy", "T1557", incident);
        ctx.Add(RecordFactory.UserSignIn(rng, t1.AddSeconds(21), victim, SignInKind.Interactive, FirstPartyApps.OfficeHome, FirstPartyApps.OfficeHome, proxy,
            mfa: true, mfaMethod: "Mobile app notification", additionalDetails: "MFA completed in Azure AD", session: session, knownDevice: false, risk: "medium"),
            Name, 1, "MFA relayed through the AiTM proxy", "T1557", incident);

        // The stolen session cookie is replayed from a different IP and ASN.
        var t2 = t1.AddMinutes(37);
        for (var i = 0; i < 6; i++)
        {
            ctx.Add(RecordFactory.UserSignIn(rng, t2.AddMinutes(i * 11), victim, SignInKind.NonInteractive, FirstPartyApps.OutlookWeb, FirstPartyApps.ExchangeOnline,
                replay, mfa: true, mfaMethod: "Previously satisfied", additionalDetails: "MFA requirement satisfied by claim in the token",
                session: session, knownDevice: false, incomingToken: "none", clientApp: "Browser",
                userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36"),
                Name, 2, "stolen session replayed", "T1539", incident);
        }

        // An inbox rule that hides replies about payments.
        var ruleName = "..";
        ctx.Add(RecordFactory.AdminCmdlet(rng, t2.AddMinutes(9), victim, "New-InboxRule",
            $"NAMPR04A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/{org.Production.InitialDomain}/{victim.UserPrincipalName.Split('@')[0]}\\{ruleName}",
            replay, [new("Name", ruleName), new("SubjectOrBodyContainsWords", "invoice;payment;wire;bank"), new("MoveToFolder", "RSS Subscriptions"),
                new("MarkAsRead", "True"), new("StopProcessingRules", "True")]), Name, 3, "inbox rule hides mail", "T1564.008", incident);

        // Mail read through OWA on the stolen session.
        var mb = victim.Mailbox!;
        for (var i = 0; i < 25; i++)
        {
            var t = t2.AddMinutes(12 + i * 2.2);
            var folder = i % 4 == 0 ? mb.Folders[1] : mb.Inbox;
            var items = Enumerable.Range(0, 1 + rng.Next(4)).Select(_ => mb.Message(folder, mb.PickIndex(folder, (t - ctx.Start).TotalDays, rng)))
                .DistinctBy(m => m.InternetMessageId).ToArray();
            ctx.Add(RecordFactory.MailItemsAccessed(rng, t, victim, null, null, FirstPartyApps.OutlookWeb.AppId, "Client=OWA;Action=ViaProxy", replay, "Bind",
                [new UalFolderAccess(folder, items)], session: session), Name, 4, "mail read on the stolen session", "T1114.002", incident);
        }
    }
}

using Daybreak.Simulation.Organisation;
using Daybreak.Simulation.Records;
using Daybreak.Simulation.Truth;

namespace Daybreak.Simulation.Scenarios;

/// <summary>MFA fatigue: with a known password, push prompts until the tired user approves one.</summary>
internal sealed class MfaFatigueScenario : IScenario
{
    public string Name => "mfa-fatigue";

    public void Plan(ScenarioContext ctx)
    {
        var org = ctx.Org;
        var rng = ctx.Random(Name);
        var victim = Victims.Pick(org, rng, "Sales", "Customer Support", "Operations");
        var incident = new ExpectedIncident { Scenario = Name, Title = $"MFA fatigue against {victim.UserPrincipalName}" };
        ctx.Incidents.Add(incident);
        incident.Users.Add(victim.UserPrincipalName);
        var ip = IpFactory.From(Places.HostingNetworks[1], rng);
        incident.Ips.Add(ip.Address);
        var t = ctx.At(0.45).Date.AddHours(23 - victim.Office.UtcOffsetHours + 24).AddMinutes(rng.Next(40));
        if (t >= ctx.End) t = ctx.At(0.45);
        var pushes = 12 + rng.Next(10);
        for (var i = 0; i < pushes; i++)
        {
            var at = t.AddMinutes(i * 2.5 + rng.NextDouble());
            ctx.Add(RecordFactory.UserSignIn(rng, at, victim, SignInKind.Interactive, FirstPartyApps.OfficeHome, FirstPartyApps.OfficeHome, ip,
                SignInErrors.StrongAuthRequired, additionalDetails: "MFA required in Azure AD", knownDevice: false),
                Name, 1, "MFA prompt sent", "T1621", incident);
            ctx.Add(RecordFactory.UserSignIn(rng, at.AddSeconds(30 + rng.Next(30)), victim, SignInKind.Interactive, FirstPartyApps.OfficeHome, FirstPartyApps.OfficeHome, ip,
                SignInErrors.MfaDenied, mfaMethod: "Mobile app notification", additionalDetails: "MFA denied; user declined the authentication", knownDevice: false),
                Name, 1, "MFA prompt denied", "T1621", incident);
        }
        var ok = t.AddMinutes(pushes * 2.5 + 3);
        ctx.Add(RecordFactory.UserSignIn(rng, ok, victim, SignInKind.Interactive, FirstPartyApps.OfficeHome, FirstPartyApps.OfficeHome, ip,
            SignInErrors.StrongAuthRequired, additionalDetails: "MFA required in Azure AD", knownDevice: false), Name, 2, "MFA prompt sent", "T1621", incident);
        ctx.Add(RecordFactory.UserSignIn(rng, ok.AddSeconds(40), victim, SignInKind.Interactive, FirstPartyApps.OfficeHome, FirstPartyApps.OfficeHome, ip,
            mfa: true, mfaMethod: "Mobile app notification", additionalDetails: "MFA completed in Azure AD", knownDevice: false),
            Name, 2, "MFA prompt approved", "T1078.004", incident);
        var mb = victim.Mailbox!;
        for (var i = 0; i < 8; i++)
        {
            var at = ok.AddMinutes(3 + i * 2.1);
            var items = new[] { mb.Message(mb.Inbox, mb.PickIndex(mb.Inbox, (at - ctx.Start).TotalDays, rng)) };
            ctx.Add(RecordFactory.MailItemsAccessed(rng, at, victim, null, null, FirstPartyApps.OutlookWeb.AppId, "Client=OWA;Action=ViaProxy", ip, "Bind",
                [new UalFolderAccess(mb.Inbox, items)]), Name, 3, "mail read after approval", "T1114.002", incident);
        }
    }
}

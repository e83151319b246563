using Daybreak.Simulation.Organisation;
using Daybreak.Simulation.Records;
using Daybreak.Simulation.Truth;

namespace Daybreak.Simulation.Scenarios;

/// <summary>Business email compromise: a compromised account forwards mail outside and hides the replies.</summary>
internal sealed class BecForwardingScenario : IScenario
{
    public string Name => "bec-forwarding";

    public void Plan(ScenarioContext ctx)
    {
        var org = ctx.Org;
        var rng = ctx.Random(Name);
        var victim = Victims.Pick(org, rng, "Finance");
        var incident = new ExpectedIncident { Scenario = Name, Title = $"Mail forwarding to an external address from {victim.UserPrincipalName}" };
        ctx.Incidents.Add(incident);
        incident.Users.Add(victim.UserPrincipalName);
        var ip = IpFactory.From(Places.HostingNetworks[2], rng);
        incident.Ips.Add(ip.Address);
        var t = ctx.At(0.55);
        const string external = "ap.remittance.northwind@proton.me";
        ctx.Add(RecordFactory.UserSignIn(rng, t, victim, SignInKind.Interactive, FirstPartyApps.OutlookWeb, FirstPartyApps.ExchangeOnline, ip,
            mfa: true, mfaMethod: "Previously satisfied", additionalDetails: "MFA requirement satisfied by claim in the token", knownDevice: false, risk: "medium"),
            Name, 1, "sign-in to the compromised account", "T1078.004", incident);
        var obj = $"NAMPR04A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/{org.Production.InitialDomain}/{victim.UserPrincipalName.Split('@')[0]}";
        ctx.Add(RecordFactory.AdminCmdlet(rng, t.AddMinutes(4), victim, "New-InboxRule", obj + "\\.", ip,
            [new("Name", "."), new("ForwardTo", external), new("SubjectOrBodyContainsWords", "invoice;remittance;payment"), new("StopProcessingRules", "False")]),
            Name, 2, "inbox rule forwards payment mail outside", "T1114.003", incident);
        ctx.Add(RecordFactory.AdminCmdlet(rng, t.AddMinutes(5), victim, "New-InboxRule", obj + "\\..", ip,
            [new("Name", ".."), new("From", external), new("DeleteMessage", "True"), new("MarkAsRead", "True")]),
            Name, 2, "inbox rule deletes the attacker's replies", "T1564.008", incident);
        ctx.Add(RecordFactory.AdminCmdlet(rng, t.AddMinutes(7), victim, "Set-Mailbox", victim.UserPrincipalName, ip,
            [new("Identity", victim.UserPrincipalName), new("ForwardingSmtpAddress", $"smtp:{external}"), new("DeliverToMailboxAndForward", "True")]),
            Name, 3, "mailbox forwarding to an external address", "T1114.003", incident);
    }
}

using Daybreak.Simulation.Organisation;
using Daybreak.Simulation.Randomness;
using Daybreak.Simulation.Records;
using Daybreak.Simulation.Truth;

namespace Daybreak.Simulation.Scenarios;

/// <summary>
/// The Midnight Blizzard chain (Microsoft/CISA, Jan 2024): spray the test tenant, take over the legacy test OAuth app,
/// use it to create apps and a user, grant consent and full_access_as_app, then read leaders' mail through EWS for weeks.
/// With <c>viaGraph</c> the same chain grants Graph Mail.Read and reads through Microsoft Graph instead.
/// </summary>
internal sealed class AppTakeoverScenario(bool viaGraph) : IScenario
{
    public string Name => viaGraph ? "graph-mail-read" : "midnight-blizzard";

    private const string Ews = "Client=WebServices;ExchangeWebServices";

    public void Plan(ScenarioContext ctx)
    {
        var name = Name;
        var org = ctx.Org;
        var rng = ctx.Random(name);
        var incident = new ExpectedIncident
        {
            Scenario = name,
            Title = viaGraph
                ? "OAuth app takeover with Graph Mail.Read grant and app-only mail reads"
                : "Legacy OAuth app takeover with full_access_as_app grant and EWS mailbox reads (Midnight Blizzard)",
        };
        ctx.Incidents.Add(incident);
        var prod = org.Production;
        var test = org.Test;
        var legacy = org.LegacyTestApp;
        var account = org.LegacyTestAccount;
        SimIp Proxy() => IpFactory.From(Places.ProxyNetworks, rng);
        void Ip(SimIp ip) => incident.Ips.Add(ip.Address);

        // Step 1: low-and-slow spray against the test tenant from rotating residential proxies, then one success.
        var attempts = Math.Clamp(ctx.Days * 14, 40, 400);
        var sprayEnd = 0.28;
        var powershell = (new Guid("1b730954-1685-4b74-9bfa-1c8e3c7be1aa"), "Azure Active Directory PowerShell");
        for (var i = 0; i < attempts; i++)
        {
            var target = org.TestUsers[i % org.TestUsers.Count];
            var t = ctx.At(0.02 + (sprayEnd - 0.02) * i / attempts).AddMinutes(rng.Next(0, 50));
            var code = target == account ? SignInErrors.BadPassword
                : target == org.TestUsers[3] ? SignInErrors.PasswordExpired
                : (i / org.TestUsers.Count) % 7 == 6 ? SignInErrors.Locked : SignInErrors.BadPassword;
            var ip = Proxy();
            Ip(ip);
            ctx.Add(RecordFactory.UserSignIn(rng, t, target, SignInKind.Interactive, powershell, FirstPartyApps.AzureAdGraph, ip, code,
                clientApp: "Mobile Apps and Desktop clients", userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64)", knownDevice: false),
                name, 1, "password spray against the test tenant", "T1110.003", incident);
        }
        var foothold = Proxy();
        Ip(foothold);
        var tSuccess = ctx.At(sprayEnd);
        ctx.Add(RecordFactory.UserSignIn(rng, tSuccess, account, SignInKind.Interactive, powershell, FirstPartyApps.AzureAdGraph, foothold,
            clientApp: "Mobile Apps and Desktop clients", userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64)", knownDevice: false),
            name, 1, "sign-in to the legacy test account without MFA", "T1078.004", incident);
        incident.Users.Add(account.UserPrincipalName);

        // Step 2: take over the legacy test OAuth app: a new secret on the app in the test tenant, then sign in to production with it.
        var stolen = new AppCredential(rng.NextGuid(), "Password", "", null);
        ctx.Add(AuditActivities.UpdateAppCredentials(rng, tSuccess.AddMinutes(9), test, AuditInitiator.ByUser(account, foothold.Address),
            org.LegacyTestAppInTestTenant, org.LegacyTestAppInTestTenant.Credentials, stolen),
            name, 2, "secret added to the legacy test app", "T1098.001", incident);
        incident.Apps.Add(legacy.AppId.ToString());
        incident.ServicePrincipals.Add(legacy.ServicePrincipalId.ToString());
        var t2 = ctx.At(0.31);
        for (var i = 0; i < 3; i++)
        {
            var ip = Proxy();
            Ip(ip);
            ctx.Add(RecordFactory.ServicePrincipalSignIn(rng, t2.AddMinutes(i * 17), prod, legacy, FirstPartyApps.Graph, ip, stolen),
                name, 2, "legacy app signs in to production with the new secret", "T1550.001", incident);
        }
        var spCred = new AppCredential(rng.NextGuid(), "Password", "", null);
        ctx.Add(AuditActivities.AddServicePrincipalCredentials(rng, t2.AddMinutes(40), prod, AuditInitiator.ByApp(legacy), legacy, [], spCred),
            name, 2, "credential added to the legacy app's production service principal", "T1098.001", incident);

        // Step 3: the app creates more apps, owns them, and gives them secrets. Initiated by an app, not a user.
        var t3 = ctx.At(0.35);
        var attackerApps = new List<SimApp>();
        foreach (var (appName, k) in new[] { (viaGraph ? "Mail Archive Connector" : "Outlook Sync Service", 0), (viaGraph ? "Graph Reporting Helper" : "Exchange Migration Utility", 1) })
        {
            var app = new SimApp
            {
                AppId = rng.NextGuid(), ObjectId = rng.NextGuid(), ServicePrincipalId = rng.NextGuid(), DisplayName = appName, FirstParty = false,
                UserAgent = viaGraph ? "python-requests/2.31.0" : "ExchangeServicesClient/15.00.0913.015",
            };
            var secret = new AppCredential(rng.NextGuid(), "Password", "", null);
            app.Credentials.Add(secret);
            attackerApps.Add(app);
            incident.Apps.Add(app.AppId.ToString());
            incident.ServicePrincipals.Add(app.ServicePrincipalId.ToString());
            var t = t3.AddMinutes(k * 23);
            var by = AuditInitiator.ByApp(legacy);
            ctx.Add(AuditActivities.AddApplication(rng, t, prod, by, app), name, 3, "app creates a new application", "T1098.001", incident);
            ctx.Add(AuditActivities.AddServicePrincipal(rng, t.AddSeconds(2), prod, by, app), name, 3, "app creates its service principal", "T1098.001", incident);
            ctx.Add(AuditActivities.AddOwnerToApplication(rng, t.AddSeconds(4), prod, by, app, legacy.ServicePrincipalId.ToString(), null, "ServicePrincipal"),
                name, 3, "legacy app made owner of the new application", "T1098.001", incident);
            ctx.Add(AuditActivities.UpdateAppCredentials(rng, t.AddSeconds(7), prod, by, app, [], secret),
                name, 3, "secret added to the new application", "T1098.001", incident);
        }
        var reader = attackerApps[0];

        // Step 4: create a user, make it an administrator, and consent to the new app as that user.
        var t4 = ctx.At(0.39);
        var newUser = new SimUser
        {
            Index = -2, Tenant = prod, Id = rng.NextGuid(), UserPrincipalName = viaGraph ? $"svc-archive@{prod.InitialDomain}" : $"svc-mailsync@{prod.InitialDomain}",
            DisplayName = viaGraph ? "svc-archive" : "svc-mailsync", Department = "IT", JobTitle = "", Kind = UserKind.Service, IsVip = false,
            MfaRegistered = false, Dormant = true, Office = Places.NewYork, OfficeIp = foothold, HomeIp = foothold, MobileIp = foothold,
            DeviceId = "", DeviceName = "", OperatingSystem = "", Browser = "", UserAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64)", Puid = "1003" + rng.NextHex(12), Activity = 0,
        };
        incident.Users.Add(newUser.UserPrincipalName);
        ctx.Add(AuditActivities.AddUser(rng, t4, prod, AuditInitiator.ByApp(legacy), newUser), name, 4, "app creates a user", "T1136.003", incident);
        ctx.Add(AuditActivities.AddMemberToRole(rng, t4.AddMinutes(1), prod, AuditInitiator.ByApp(legacy), newUser,
            FirstPartyApps.GlobalAdministratorRoleTemplateId, "Global Administrator"), name, 4, "new user made Global Administrator", "T1098.003", incident);
        var consentIp = Proxy();
        Ip(consentIp);
        ctx.Add(RecordFactory.UserSignIn(rng, t4.AddMinutes(12), newUser, SignInKind.Interactive, FirstPartyApps.AzurePortal, FirstPartyApps.AzurePortal,
            consentIp, knownDevice: false), name, 4, "new user signs in (single factor)", "T1078.004", incident);
        var scope = viaGraph ? "Mail.Read" : "full_access_as_app";
        var resource = viaGraph ? org.FirstPartyApp(FirstPartyApps.Graph.AppId) : org.FirstPartyApp(FirstPartyApps.ExchangeOnline.AppId);
        ctx.Add(AuditActivities.ConsentToApplication(rng, t4.AddMinutes(15), prod, AuditInitiator.ByUser(newUser, consentIp.Address), reader,
            resource.ServicePrincipalId, scope, true, appOnly: true), name, 4, "admin consent granted by the new user", "T1098.003", incident);

        // Step 5: the application role that reads every mailbox.
        var t5 = ctx.At(0.41);
        if (viaGraph)
            ctx.Add(AuditActivities.AddAppRoleAssignment(rng, t5, prod, AuditInitiator.ByApp(legacy), reader, resource,
                FirstPartyApps.GraphMailReadRoleId, "Mail.Read", "Read mail in all mailboxes"), name, 5, "Graph Mail.Read granted to the new app", "T1098.003", incident);
        else
            ctx.Add(AuditActivities.AddAppRoleAssignment(rng, t5, prod, AuditInitiator.ByApp(legacy), reader, resource,
                FirstPartyApps.FullAccessAsAppRoleId, "full_access_as_app", "Use Exchange Web Services with full access to all mailboxes"),
                name, 5, "full_access_as_app granted to the new app", "T1098.003", incident);

        // Step 6: weeks of low-volume reads of leaders', security staff's and lawyers' mail.
        var targets = org.HighValueMailboxes.Take(12).ToList();
        var readStart = ctx.At(0.44);
        var readEnd = ctx.At(0.995);
        var totalDays = Math.Max(1, (int)Math.Ceiling((readEnd - readStart).TotalDays));
        var execs = targets.Where(u => u.Department == "Executive Leadership").ToList();
        var throttledOwner = execs.Count > 1 && viaGraph ? execs[1] : execs[0];
        var syncOwner = targets.FirstOrDefault(u => u.Department == "Legal") ?? targets[^1];
        var throttleAt = ctx.At(viaGraph ? 0.72 : 0.62);
        var syncAt = ctx.At(0.5);
        var readerCred = reader.Credentials[0];
        var resourcePair = viaGraph ? FirstPartyApps.Graph : FirstPartyApps.ExchangeOnline;
        for (var d = 0; d < totalDays; d++)
        {
            foreach (var owner in targets)
            {
                var sessions = rng.Chance(0.55) ? 1 + rng.Next(2) : 0;
                for (var s = 0; s < sessions; s++)
                {
                    var t = readStart.AddDays(d).AddMinutes(rng.Next(0, 24 * 60));
                    if (t >= readEnd) continue;
                    var ip = Proxy();
                    Ip(ip);
                    ctx.Add(RecordFactory.ServicePrincipalSignIn(rng, t, prod, reader, resourcePair, ip, readerCred),
                        name, 6, "attacker app signs in", "T1550.001", incident);
                    var token = RecordFactory.TokenId(rng);
                    for (var w = 0; w < 1 + rng.Next(3); w++)
                        ReadWindow(ctx, rng, owner, reader, ip, t.AddMinutes(1 + w * 2.1), token, incident);
                }
            }
        }

        // One folder synced whole: every message in it is exposed.
        var syncFolder = syncOwner.Mailbox!.Folders[^1];
        var syncIp = Proxy();
        Ip(syncIp);
        ctx.Add(RecordFactory.MailItemsAccessed(rng, syncAt, syncOwner, null, reader, viaGraph ? FirstPartyApps.Graph.AppId : reader.AppId,
                viaGraph ? "Client=REST;Client=RESTSystem;;" : Ews, syncIp, "Sync", [new UalFolderAccess(syncFolder, [])]),
            name, 6, "folder synced", "T1114.002", incident);

        // One burst past 1,000 records in 24 hours: Exchange throttles Bind logging for that mailbox for a day.
        var burstIp = Proxy();
        Ip(burstIp);
        var mb = throttledOwner.Mailbox!;
        var burstToken = RecordFactory.TokenId(rng);
        for (var i = 0; i < 1000; i++)
        {
            var t = throttleAt.AddSeconds(i * 9.5);
            var folder = mb.Folders[i % 3 == 0 ? 2 : 0];
            var items = new[] { mb.Message(folder, mb.PickIndex(folder, (t - ctx.Start).TotalDays, rng)) };
            ctx.Add(RecordFactory.MailItemsAccessed(rng, t, throttledOwner, null, reader, viaGraph ? FirstPartyApps.Graph.AppId : reader.AppId,
                    viaGraph ? "Client=REST;Client=RESTSystem;;" : Ews, burstIp, "Bind", [new UalFolderAccess(folder, items)], tokenId: burstToken),
                name, 6, "bulk mailbox read", "T1114.002", incident);
        }
        var throttledFrom = throttleAt.AddSeconds(1000 * 9.5);
        ctx.Add(RecordFactory.MailItemsAccessed(rng, throttledFrom, throttledOwner, null, reader, viaGraph ? FirstPartyApps.Graph.AppId : reader.AppId,
                viaGraph ? "Client=REST;Client=RESTSystem;;" : Ews, burstIp, "Bind", [new UalFolderAccess(mb.Inbox, [])], throttled: true, tokenId: burstToken),
            name, 6, "Bind logging throttled", "T1114.002", incident);
        ctx.Throttles.Add(mb.Guid, throttledFrom, throttledFrom.AddHours(24));
        ctx.ThrottledWindows.Add(new ThrottledWindow(name, throttledOwner.UserPrincipalName, mb.Guid, throttledFrom, throttledFrom.AddHours(24)));

        // Reads in the throttled window are not logged item by item: drop any planned Bind there.
        ctx.Records.RemoveAll(r => r is UalRecord { MailAccessType: "Bind", IsThrottled: false } u && u.MailboxOwner == throttledOwner
                                   && u.Time >= throttledFrom && u.Time < throttledFrom.AddHours(24));
    }

    private void ReadWindow(ScenarioContext ctx, SimRandom rng, SimUser owner, SimApp reader, SimIp ip, DateTime t, string token, ExpectedIncident incident)
    {
        var mb = owner.Mailbox!;
        var folder = rng.Chance(0.7) ? mb.Inbox : mb.Folders[rng.Next(mb.Folders.Count)];
        var n = 1 + rng.Next(6);
        var items = Enumerable.Range(0, n).Select(_ => mb.Message(folder, mb.PickIndex(folder, (t - ctx.Start).TotalDays, rng))).DistinctBy(m => m.InternetMessageId).ToArray();
        if (viaGraph)
        {
            ctx.Add(RecordFactory.GraphRequest(rng, t.AddMilliseconds(-400), ctx.Org.Production, reader.AppId, reader.ServicePrincipalId, null, ip, reader.UserAgent!, "GET",
                    $"https://graph.microsoft.com/v1.0/users/{owner.Id}/mailFolders/{(folder == mb.Inbox ? "inbox" : folder.Id)}/messages?$top={n}",
                    200, "Mail.Read", null, token, 1),
                Name, 6, "mail read through Graph", "T1114.002", incident);
        }
        ctx.Add(RecordFactory.MailItemsAccessed(rng, t, owner, null, reader, viaGraph ? FirstPartyApps.Graph.AppId : reader.AppId,
                viaGraph ? "Client=REST;Client=RESTSystem;;" : Ews, ip, "Bind", [new UalFolderAccess(folder, items)], tokenId: token),
            Name, 6, "mailbox items read", "T1114.002", incident);
    }
}

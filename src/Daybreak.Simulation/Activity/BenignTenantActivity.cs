using Daybreak.Simulation.Organisation;
using Daybreak.Simulation.Randomness;
using Daybreak.Simulation.Records;

namespace Daybreak.Simulation.Activity;

/// <summary>
/// Tenant-wide benign work, including a look-alike for every attack step: admins registering apps, rotating
/// credentials, granting roles and full_access_as_app to the backup app; HR provisioning creating users from an app;
/// user consents; service principals signing in; a CRM reading mail through Graph; a phone retrying a stale password.
/// </summary>
internal static class BenignTenantActivity
{
    public static void Generate(SliceContext ctx)
    {
        var org = ctx.Org;
        var r = ctx.Rates;
        var rng = SimRandom.For(ctx.Seed, "tenant", ctx.Day, ctx.Slice);
        var hour = ctx.LocalHour(Places.NewYork);
        var weekend = ctx.LocalWeekend(Places.NewYork);
        var scale = org.Users.Count / 1000.0;
        var work = Rhythm.Interactive(hour) * (weekend ? 0.1 : 1);
        DateTime T() => RecordFactory.TimeIn(rng, ctx.SliceStart, SliceContext.SliceLength);
        var admin = org.Admins[rng.Next(org.Admins.Count)];
        var by = AuditInitiator.ByUser(admin, admin.OfficeIp.Address);

        if (ctx.Day == 0 && ctx.Slice == 15 * 4 + 2)
        {
            // The backup product is onboarded by an admin with MFA: the benign twin of the full_access_as_app grant.
            var t = T();
            ctx.Output.Add(RecordFactory.UserSignIn(rng, t.AddMinutes(-3), admin, SignInKind.Interactive, FirstPartyApps.AzurePortal,
                FirstPartyApps.AzurePortal, admin.OfficeIp, mfa: true, mfaMethod: "Mobile app notification", additionalDetails: "MFA completed in Azure AD"));
            ctx.Output.Add(AuditActivities.ConsentToApplication(rng, t, org.Production, by, org.BackupApp,
                org.FirstPartyApp(FirstPartyApps.ExchangeOnline.AppId).ServicePrincipalId, "full_access_as_app", true, appOnly: true));
            ctx.Output.Add(AuditActivities.AddAppRoleAssignment(rng, t.AddSeconds(2), org.Production, by, org.BackupApp,
                org.FirstPartyApp(FirstPartyApps.ExchangeOnline.AppId), FirstPartyApps.FullAccessAsAppRoleId, "full_access_as_app",
                "Use Exchange Web Services with full access to all mailboxes"));
        }

        for (var i = rng.Poisson(r.AppRegistrationsPer1000UsersPerDay * scale * work / 4); i > 0; i--)
        {
            var dev = rng.Pick(org.Developers);
            var devBy = AuditInitiator.ByUser(dev, dev.OfficeIp.Address);
            var app = new SimApp
            {
                AppId = rng.NextGuid(), ObjectId = rng.NextGuid(), ServicePrincipalId = rng.NextGuid(), FirstParty = false,
                DisplayName = $"{dev.DisplayName.Split(' ')[0]}-{rng.Pick(Names.AppWords).ToLowerInvariant()}-dev", UserAgent = dev.UserAgent,
            };
            var t = T();
            ctx.Output.Add(AuditActivities.AddApplication(rng, t, org.Production, devBy, app));
            ctx.Output.Add(AuditActivities.AddServicePrincipal(rng, t.AddSeconds(1), org.Production, devBy, app));
            ctx.Output.Add(AuditActivities.AddOwnerToApplication(rng, t.AddSeconds(1.5), org.Production, devBy, app, dev.Id.ToString(), dev.UserPrincipalName, "User"));
        }

        for (var i = rng.Poisson(r.CredentialRotationsPer1000UsersPerDay * scale * work / 4); i > 0; i--)
        {
            var app = rng.Pick(org.BusinessApps);
            var cred = new AppCredential(rng.NextGuid(), "Password", $"rotation-{ctx.SliceStart:yyyyMMdd}", null);
            ctx.Output.Add(rng.Chance(0.8)
                ? AuditActivities.UpdateAppCredentials(rng, T(), org.Production, by, app, app.Credentials, cred)
                : AuditActivities.AddServicePrincipalCredentials(rng, T(), org.Production, by, app, app.Credentials, cred));
        }

        for (var i = rng.Poisson(r.RoleAssignmentsPer1000UsersPerDay * scale * work / 4); i > 0; i--)
        {
            var member = rng.Pick(org.Users);
            ctx.Output.Add(AuditActivities.AddMemberToRole(rng, T(), org.Production, by, member,
                FirstPartyApps.ExchangeAdministratorRoleTemplateId, "Exchange Administrator"));
        }

        for (var i = rng.Poisson(r.UserConsentsPer1000UsersPerDay * scale * work / 4); i > 0; i--)
        {
            var user = rng.Pick(org.Users);
            var app = rng.Pick(org.ConsentableApps);
            ctx.Output.Add(AuditActivities.ConsentToApplication(rng, T(), org.Production, AuditInitiator.ByUser(user, user.OfficeIp.Address), app,
                org.FirstPartyApp(FirstPartyApps.Graph.AppId).ServicePrincipalId, "User.Read openid profile email", false));
        }

        for (var i = rng.Poisson(r.HrProvisioningPer1000UsersPerDay * scale * work / 4); i > 0; i--)
        {
            var hire = NewHire(rng, org);
            ctx.Output.Add(AuditActivities.AddUser(rng, T(), org.Production, AuditInitiator.ByApp(org.HrProvisioningApp), hire));
        }

        // Service principals of the company's own and third-party apps sign in around the clock.
        var spApps = org.BusinessApps.Concat([org.CrmApp, org.EDiscoveryApp, org.HrProvisioningApp]).ToList();
        for (var i = rng.Poisson(spApps.Count * 0.5); i > 0; i--)
        {
            var app = rng.Pick(spApps);
            ctx.Output.Add(RecordFactory.ServicePrincipalSignIn(rng, T(), org.Production, app, FirstPartyApps.Graph, app.HomeIp!, app.Credentials[0]));
        }
        if (ctx.Slice is >= 4 and < 20 && ctx.DayOffset >= 0.5 && rng.Chance(0.5))
        {
            var b = org.BackupApp;
            ctx.Output.Add(RecordFactory.ServicePrincipalSignIn(rng, T(), org.Production, b, FirstPartyApps.ExchangeOnline, b.HomeIp!, b.Credentials[0]));
        }

        // The CRM connector files customer mail by reading salespeople's mailboxes through Graph (app-only Mail.Read).
        for (var i = rng.Poisson(r.CrmReadsPerDay * work / 4); i > 0; i--)
        {
            var owner = rng.Pick(org.Users);
            if (owner.Mailbox is null || owner.Dormant) continue;
            var t = T();
            var crm = org.CrmApp;
            ctx.Output.Add(RecordFactory.GraphRequest(rng, t, org.Production, crm.AppId, crm.ServicePrincipalId, null, crm.HomeIp!, crm.UserAgent!, "GET",
                $"https://graph.microsoft.com/v1.0/users/{owner.Id}/mailFolders/inbox/messages?$top=25&$select=subject,from,receivedDateTime",
                200, "Mail.Read Contacts.Read", null, RecordFactory.TokenId(rng), 2));
            var mb = owner.Mailbox;
            var items = Enumerable.Range(0, 1 + rng.Next(5)).Select(_ => mb.Message(mb.Inbox, mb.PickIndex(mb.Inbox, ctx.DayOffset, rng))).ToArray();
            if (!ctx.Throttles.IsThrottled(mb.Guid, t))
                ctx.Output.Add(RecordFactory.MailItemsAccessed(rng, t.AddMilliseconds(300), owner, null, crm, FirstPartyApps.Graph.AppId,
                    "Client=REST;Client=RESTSystem;;", crm.HomeIp!, "Bind", [new UalFolderAccess(mb.Inbox, items)]));
        }

        // An old phone with a stale password: a single-IP burst of 50126/50053 that per-IP spray rules will see.
        var victim = org.MisconfiguredDeviceUser;
        for (var i = rng.Poisson(r.MisconfiguredDeviceAttemptsPerHour / 4); i > 0; i--)
        {
            var locked = rng.Chance(0.1);
            ctx.Output.Add(RecordFactory.UserSignIn(rng, T(), victim, SignInKind.Interactive, FirstPartyApps.ExchangeOnline, FirstPartyApps.ExchangeOnline,
                org.MisconfiguredDeviceIp, locked ? SignInErrors.Locked : SignInErrors.BadPassword, clientApp: "Exchange ActiveSync",
                userAgent: "Apple-iPhone13C2/1905.258", knownDevice: false));
        }

        // Inbox rules and the occasional forward to a colleague.
        for (var i = rng.Poisson(org.Users.Count * r.InboxRulesPerUserPerDay * work / 4); i > 0; i--)
        {
            var u = rng.Pick(org.Users);
            if (u.Mailbox is null) continue;
            var name = rng.Pick(new[] { "Newsletters", "Jira notifications", "Receipts", "Team updates" });
            ctx.Output.Add(RecordFactory.AdminCmdlet(rng, T(), u, "New-InboxRule", $"NAMPR04A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/{org.Production.InitialDomain}/{u.UserPrincipalName.Split('@')[0]}\\{name}",
                u.OfficeIp, [new("Name", name), new("From", "noreply@updates.example.com"), new("MoveToFolder", name), new("StopProcessingRules", "True")]));
        }
        for (var i = rng.Poisson(org.Users.Count * r.ForwardingPerUserPerDay * work / 4); i > 0; i--)
        {
            var u = rng.Pick(org.Users);
            var colleague = rng.Pick(org.Users);
            ctx.Output.Add(RecordFactory.AdminCmdlet(rng, T(), u, "Set-Mailbox", u.UserPrincipalName, u.OfficeIp,
                [new("Identity", u.UserPrincipalName), new("ForwardingSmtpAddress", $"smtp:{colleague.UserPrincipalName}"), new("DeliverToMailboxAndForward", "True")]));
        }

        // Test engineers use the test tenant now and then.
        foreach (var tu in org.TestUsers.Skip(1))
        {
            if (!rng.Chance(Rhythm.Interactive(hour) * (weekend ? 0.05 : 1) / 4)) continue;
            ctx.Output.Add(RecordFactory.UserSignIn(rng, T(), tu, SignInKind.Interactive, FirstPartyApps.AzurePortal, FirstPartyApps.AzurePortal, tu.OfficeIp));
        }
    }

    private static SimUser NewHire(SimRandom rng, Organisation.Organisation org)
    {
        var given = rng.Pick(Names.Given);
        var family = rng.Pick(Names.Family);
        var template = org.Users[0];
        return new SimUser
        {
            Index = -1, Tenant = org.Production, Id = rng.NextGuid(),
            UserPrincipalName = $"{given}.{family}{rng.Next(100, 999)}@{org.Production.Domain}".ToLowerInvariant().Replace("'", "", StringComparison.Ordinal),
            DisplayName = $"{given} {family}", Department = "Operations", JobTitle = "Analyst", Kind = UserKind.Member, IsVip = false,
            MfaRegistered = false, Dormant = true, Office = template.Office, OfficeIp = template.OfficeIp, HomeIp = template.HomeIp,
            MobileIp = template.MobileIp, DeviceId = "", DeviceName = "", OperatingSystem = "", Browser = "", UserAgent = "", Puid = "", Activity = 0,
        };
    }
}

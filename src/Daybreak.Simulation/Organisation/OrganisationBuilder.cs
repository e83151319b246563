using Daybreak.Simulation.Randomness;

namespace Daybreak.Simulation.Organisation;

/// <summary>Builds the simulated company from the options and seed alone.</summary>
internal static class OrganisationBuilder
{
    public static Organisation Build(int userCount, ulong seed)
    {
        var rng = SimRandom.For(seed, "organisation");
        var prod = new SimTenant(rng.NextGuid(), "prod", "Northwind Traders", "northwindtraders.com", "northwindtraders.onmicrosoft.com");
        var test = new SimTenant(rng.NextGuid(), "test", "Northwind Traders Test", "northwindtest.onmicrosoft.com", "northwindtest.onmicrosoft.com");
        var sidPrefix = $"S-1-5-21-{rng.Next(1_000_000_000, int.MaxValue)}-{rng.Next(1_000_000_000, int.MaxValue)}-{rng.Next(1_000_000_000, int.MaxValue)}";
        var officeIps = new[]
        {
            Enumerable.Range(0, 4).Select(_ => IpFactory.From(Places.OfficeNetworks[0], rng)).ToArray(),
            Enumerable.Range(0, 4).Select(_ => IpFactory.From(Places.OfficeNetworks[1], rng)).ToArray(),
        };

        var departments = DepartmentCounts(userCount);
        var users = new List<SimUser>(userCount);
        var upns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var (dept, count) in departments)
        {
            for (var i = 0; i < count; i++, index++)
            {
                var kind = dept.Name == "IT" && i < Math.Max(2, count / 4) ? UserKind.Admin : UserKind.Member;
                var vip = dept.Name == "Executive Leadership" || (dept.HighValue && i == 0);
                var title = dept.Name == "Executive Leadership" || i > 0 ? rng.Pick(dept.Titles) : dept.Titles[0];
                users.Add(NewUser(rng.Fork("user", index), seed, prod, index, dept, title, kind, vip, upns, sidPrefix, officeIps));
            }
        }

        // A few legacy and service accounts in production too: no MFA, some dormant, all look-alikes for the test account.
        for (var i = 0; i < Math.Max(2, userCount / 500); i++, index++)
        {
            var svc = NewUser(rng.Fork("user", index), seed, prod, index, DepartmentProfile.All[3], "Service Account",
                i % 2 == 0 ? UserKind.Service : UserKind.Legacy, false, upns, sidPrefix, officeIps, $"svc-{(i % 2 == 0 ? "scanner" : "legacy")}{i:00}");
            users.Add(svc);
        }

        var execs = users.Where(u => u.Department == "Executive Leadership").ToList();
        var assistants = users.Where(u => u.Department == "Executive Office").ToList();
        for (var i = 0; i < assistants.Count && execs.Count > 0; i++) assistants[i].AssistantOf = execs[i % execs.Count].Index;

        var testUsers = new List<SimUser>();
        var testUpns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < 8; i++)
        {
            var isLegacy = i == 0;
            testUsers.Add(NewUser(rng.Fork("testuser", i), seed, test, 100_000_000 + i, DepartmentProfile.All[3],
                isLegacy ? "Test Account" : "Test Engineer", isLegacy ? UserKind.Legacy : UserKind.Test, false, testUpns, sidPrefix, officeIps,
                isLegacy ? "legacytest" : null, withMailbox: false));
        }

        var apps = new Dictionary<Guid, SimApp>();
        var firstParty = new List<SimApp>();
        foreach (var (appId, name) in new[]
                 {
                     FirstPartyApps.ExchangeOnline, FirstPartyApps.Graph, FirstPartyApps.SharePoint, FirstPartyApps.Teams,
                     FirstPartyApps.Office, FirstPartyApps.OutlookMobile, FirstPartyApps.OfficeHome, FirstPartyApps.OutlookWeb,
                     FirstPartyApps.AzurePortal, FirstPartyApps.OneDriveSync, FirstPartyApps.AuthBroker, FirstPartyApps.WindowsSignIn,
                     FirstPartyApps.GraphPowerShell, FirstPartyApps.AzureCli, FirstPartyApps.DeviceRegistration, FirstPartyApps.Substrate,
                     FirstPartyApps.Intune, FirstPartyApps.AzureAdGraph,
                 })
        {
            var app = new SimApp { AppId = appId, ServicePrincipalId = rng.NextGuid(), DisplayName = name, FirstParty = true };
            apps[appId] = app;
            firstParty.Add(app);
        }

        var admins = users.Where(u => u.Kind == UserKind.Admin).ToList();
        var developers = users.Where(u => u.Department == "Engineering").Take(Math.Max(3, userCount / 50)).ToList();
        if (developers.Count == 0) developers = admins;

        SimApp ThirdParty(string name, IpNetwork net, string ua, params string[] permissions)
        {
            var app = new SimApp
            {
                AppId = rng.NextGuid(), ServicePrincipalId = rng.NextGuid(), DisplayName = name, FirstParty = false,
                HomeIp = IpFactory.From(net, rng), UserAgent = ua,
            };
            app.Credentials.Add(new AppCredential(rng.NextGuid(), "AsymmetricX509Cert", $"CN={name}", rng.NextHex(40)));
            app.Permissions.AddRange(permissions);
            apps[app.AppId] = app;
            return app;
        }

        var backup = ThirdParty("VaultKeeper Backup for Microsoft 365", Places.CloudNetworks[2], "VaultKeeper/12.1 EWSManagedApi/2.2", "full_access_as_app");
        var ediscovery = ThirdParty("Lexicon eDiscovery Collector", Places.CloudNetworks[0], "Lexicon-Collector/4.3 (Microsoft Graph .NET SDK 5.44)", "Mail.Read", "User.Read.All");
        var crm = ThirdParty("Northwind CRM Mail Connector", Places.CloudNetworks[1], "CrmMailSync/2.7 msgraph-sdk-java/6.4.0", "Mail.Read", "Contacts.Read");
        var hr = ThirdParty("PeopleHub Inbound Provisioning", Places.CloudNetworks[3], "PeopleHub-SCIM/1.9", "User.ReadWrite.All");

        var legacyAppId = rng.NextGuid();
        var legacyInTest = new SimApp
        {
            AppId = legacyAppId, ObjectId = rng.NextGuid(), ServicePrincipalId = rng.NextGuid(), DisplayName = "Legacy Test App", FirstParty = false,
            UserAgent = "python-requests/2.31.0",
        };
        legacyInTest.Credentials.Add(new AppCredential(rng.NextGuid(), "Password", "legacy-2019", null));
        var legacy = new SimApp
        {
            AppId = legacyAppId, ServicePrincipalId = rng.NextGuid(), DisplayName = "Legacy Test App", FirstParty = false,
            UserAgent = "python-requests/2.31.0",
        };
        legacy.Permissions.AddRange(["Application.ReadWrite.All", "AppRoleAssignment.ReadWrite.All", "User.ReadWrite.All"]);
        legacy.OwnerIds.Add(testUsers[0].Id);
        apps[legacyAppId] = legacy;

        var business = new List<SimApp>();
        for (var i = 0; i < Math.Max(4, userCount / 250); i++)
        {
            var name = $"Northwind {Names.AppWords[i % Names.AppWords.Length]}{(i >= Names.AppWords.Length ? $" {i / Names.AppWords.Length + 1}" : "")}";
            var app = new SimApp
            {
                AppId = rng.NextGuid(), ObjectId = rng.NextGuid(), ServicePrincipalId = rng.NextGuid(), DisplayName = name, FirstParty = false,
                HomeIp = IpFactory.From(Places.CloudNetworks[i % 2], rng), UserAgent = "Microsoft.Identity.Client/4.61.3",
            };
            app.Credentials.Add(new AppCredential(rng.NextGuid(), "Password", $"{name} secret", null));
            app.OwnerIds.Add(developers[i % developers.Count].Id);
            app.Permissions.Add("User.Read.All");
            apps[app.AppId] = app;
            business.Add(app);
        }

        var vips = users.Where(u => u.IsVip).ToList();
        var highValue = users.Where(u => u.Mailbox is not null &&
                                         (u.Department is "Executive Leadership" or "Security" or "Legal")).ToList();
        var misconfigured = users.First(u => u.Department == "Sales");

        var consentable = new[] { "MeetSync Scheduler", "DocuQuick Signatures", "Grammatik Writing Assistant" }
            .Select(n => new SimApp { AppId = rng.NextGuid(), ServicePrincipalId = rng.NextGuid(), DisplayName = n, FirstParty = false, UserAgent = "Mozilla/5.0" })
            .ToArray();

        return new Organisation
        {
            ConsentableApps = consentable,
            Production = prod,
            Test = test,
            Users = users,
            TestUsers = testUsers,
            Apps = apps,
            FirstParty = firstParty,
            BackupApp = backup,
            EDiscoveryApp = ediscovery,
            CrmApp = crm,
            HrProvisioningApp = hr,
            LegacyTestApp = legacy,
            LegacyTestAppInTestTenant = legacyInTest,
            BusinessApps = business,
            LegacyTestAccount = testUsers[0],
            Admins = admins,
            Developers = developers,
            Vips = vips,
            HighValueMailboxes = highValue,
            MisconfiguredDeviceUser = misconfigured,
            MisconfiguredDeviceIp = misconfigured.OfficeIp,
        };
    }

    private static List<(DepartmentProfile Dept, int Count)> DepartmentCounts(int users)
    {
        var minimum = new Dictionary<string, int>
        {
            ["Executive Leadership"] = 3, ["Security"] = 2, ["Legal"] = 2, ["IT"] = 3, ["Executive Office"] = 1, ["Sales"] = 1,
        };
        var counts = DepartmentProfile.All
            .Select(d => (d, Math.Max(minimum.GetValueOrDefault(d.Name), (int)Math.Round(d.Share * users))))
            .ToList();
        var total = counts.Sum(c => c.Item2);
        var engineering = counts.FindIndex(c => c.d.Name == "Engineering");
        counts[engineering] = (counts[engineering].d, Math.Max(0, counts[engineering].Item2 + users - total));
        return counts;
    }

    private static SimUser NewUser(SimRandom rng, ulong seed, SimTenant tenant, int index, DepartmentProfile dept, string title,
        UserKind kind, bool vip, HashSet<string> upns, string sidPrefix, SimIp[][] officeIps, string? alias = null, bool withMailbox = true)
    {
        var given = rng.Pick(Names.Given);
        var family = rng.Pick(Names.Family);
        var display = alias is null ? $"{given} {family}" : alias;
        var local = alias ?? $"{given}.{family}".Replace("'", "", StringComparison.Ordinal).ToLowerInvariant();
        var upn = $"{local}@{tenant.Domain}";
        for (var n = 2; !upns.Add(upn); n++) upn = $"{local}{n}@{tenant.Domain}";
        if (alias is null) display = $"{given} {family}";

        var london = rng.Chance(0.35);
        var office = london ? Places.London : Places.NewYork;
        var officeIp = rng.Pick(officeIps[london ? 1 : 0]);
        var homeIp = IpFactory.From(london ? Places.UkHomeNetworks : Places.UsHomeNetworks, rng);
        var mobileIp = IpFactory.From(Places.MobileNetworks[london ? 2 : rng.Next(2)], rng);
        var mac = rng.Chance(0.2);
        var os = mac ? "MacOs" : "Windows10";
        var chrome = rng.Chance(0.4);
        var browser = chrome ? "Chrome 120.0.0" : "Edge 120.0.0";
        var ua = (mac, chrome) switch
        {
            (true, _) => "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
            (false, true) => "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
            _ => "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0",
        };
        var noMfa = kind is UserKind.Legacy or UserKind.Service or UserKind.Test;
        var rid = 10_000_000 + index;
        Mailbox? mailbox = null;
        if (withMailbox && kind is not UserKind.Service)
        {
            var folders = new List<MailFolder>
            {
                new(0, "\\Inbox", FolderId(rng), 800 + rng.Next(6000), 25 + rng.Next(60)),
                new(1, "\\Sent Items", FolderId(rng), 300 + rng.Next(3000), 5 + rng.Next(25)),
                new(2, "\\Archive", FolderId(rng), 500 + rng.Next(9000), 2 + rng.Next(10)),
                new(3, "\\Deleted Items", FolderId(rng), 100 + rng.Next(2000), 5 + rng.Next(20)),
            };
            var special = dept.Name switch
            {
                "Executive Leadership" => new[] { "\\Inbox\\Board", "\\Inbox\\M&A" },
                "Security" => new[] { "\\Inbox\\Incidents", "\\Inbox\\Threat Intel" },
                "Legal" => new[] { "\\Inbox\\Litigation", "\\Inbox\\Legal Hold" },
                _ => new[] { "\\Inbox\\Projects" },
            };
            foreach (var path in special) folders.Add(new(folders.Count, path, FolderId(rng), 50 + rng.Next(600), 1 + rng.Next(5)));
            mailbox = new Mailbox(StableHash.Mix(seed, StableHash.Of("mailbox"), (ulong)index, 0, 0), rng.NextGuid(),
                $"{rng.Pick(new[] { "BY5PR04MB", "MN2PR11MB", "LO2P265MB", "AM6PR04MB" })}{rng.Next(1000, 9999)}",
                $"{sidPrefix}-{rid}", folders);
        }

        return new SimUser
        {
            Index = index,
            Tenant = tenant,
            Id = rng.NextGuid(),
            UserPrincipalName = upn,
            DisplayName = display,
            Department = dept.Name,
            JobTitle = title,
            Kind = kind,
            IsVip = vip,
            MfaRegistered = !noMfa,
            Dormant = kind is UserKind.Legacy || rng.Chance(0.02),
            Office = office,
            OfficeIp = officeIp,
            HomeIp = homeIp,
            MobileIp = mobileIp,
            DeviceId = rng.NextGuid().ToString(),
            DeviceName = mac ? $"MAC-{rng.NextHex(8)}" : $"NW-{rng.NextHex(7)}",
            OperatingSystem = os,
            Browser = browser,
            UserAgent = ua,
            Puid = "1003" + rng.NextHex(12),
            Mailbox = mailbox,
            Activity = Math.Exp(rng.Gaussian() * 0.35),
        };
    }

    private static string FolderId(SimRandom rng) => "LgAAAAA" + rng.NextAlnum(56) + "AAAB";
}

using Daybreak.Simulation.Organisation;
using Daybreak.Simulation.Randomness;
using Daybreak.Simulation.Records;

namespace Daybreak.Simulation.Activity;

/// <summary>One user's ordinary day, one 15-minute slice at a time: sign-ins, token refreshes, mail, Graph, directory noise.</summary>
internal static class BenignUserActivity
{
    private static readonly (Guid, string)[] InteractiveApps =
        [FirstPartyApps.Office, FirstPartyApps.OfficeHome, FirstPartyApps.OutlookWeb, FirstPartyApps.Teams, FirstPartyApps.WindowsSignIn];

    private static readonly (Guid, string)[] RefreshApps =
        [FirstPartyApps.Teams, FirstPartyApps.Office, FirstPartyApps.OutlookMobile, FirstPartyApps.OneDriveSync, FirstPartyApps.AuthBroker, FirstPartyApps.OutlookWeb];

    private static readonly (Guid, string)[] Resources =
        [FirstPartyApps.ExchangeOnline, FirstPartyApps.Graph, FirstPartyApps.SharePoint, FirstPartyApps.Graph, FirstPartyApps.ExchangeOnline];

    private static readonly string[] GraphUris =
    [
        "https://graph.microsoft.com/v1.0/me", "https://graph.microsoft.com/v1.0/me/photo/$value",
        "https://graph.microsoft.com/v1.0/me/events?$top=10", "https://graph.microsoft.com/beta/me/presence",
        "https://graph.microsoft.com/v1.0/me/drive/recent", "https://graph.microsoft.com/v1.0/me/joinedTeams",
    ];

    public static void Generate(SliceContext ctx, SimUser user)
    {
        if (user.Dormant) return;
        var r = ctx.Rates;
        var hour = ctx.LocalHour(user.Office);
        var weekend = ctx.LocalWeekend(user.Office);
        var a = user.Activity / 4.0; // a slice is a quarter of an hour
        var lInt = r.InteractiveSignInsPerDay * Rhythm.Interactive(hour) * a * (weekend ? r.WeekendInteractive : 1);
        var lNi = r.NonInteractiveSignInsPerDay * Rhythm.Background(hour, r.NightNonInteractiveFloor) * a * (weekend ? r.WeekendNonInteractive : 1);
        var lAud = r.DirectoryAuditsPerDay * Rhythm.Background(hour, 0.2) * a * (weekend ? r.WeekendAudits : 1);
        var lMail = user.Mailbox is null ? 0 : r.MailItemsAccessedPerDay * Rhythm.Interactive(hour) * a * (weekend ? r.WeekendMail : 1);
        var lGraph = r.GraphRequestsPerDay * Rhythm.Interactive(hour) * a * (weekend ? r.WeekendInteractive : 1);

        var rng = SimRandom.For(ctx.Seed, "u", user.Index, ctx.Day * SliceContext.SlicesPerDay + ctx.Slice);
        var nInt = rng.Poisson(lInt);
        var nNi = rng.Poisson(lNi);
        var nAud = rng.Poisson(lAud);
        var nMail = rng.Poisson(lMail);
        var nGraph = rng.Poisson(lGraph);
        var backup = user.Mailbox is not null && BackupSlice(user) == ctx.Slice;
        if (nInt + nNi + nAud + nMail + nGraph == 0 && !backup) return;

        var day = UserDay.For(user, ctx.Seed, ctx.Day, r, weekend);
        for (var i = 0; i < nInt; i++) Interactive(ctx, user, day, rng);
        for (var i = 0; i < nNi; i++) NonInteractive(ctx, user, day, rng);
        for (var i = 0; i < nAud; i++) DirectoryNoise.Emit(ctx, user, day, rng);
        for (var i = 0; i < nMail; i++) MailAccess(ctx, user, day, rng);
        for (var i = 0; i < nGraph; i++) Graph(ctx, user, day, rng);
        if (backup) BackupRead(ctx, user, rng);
    }

    private static DateTime T(SliceContext ctx, SimRandom rng) => RecordFactory.TimeIn(rng, ctx.SliceStart, SliceContext.SliceLength);

    private static void Interactive(SliceContext ctx, SimUser user, UserDay day, SimRandom rng)
    {
        var r = ctx.Rates;
        var t = T(ctx, rng);
        var app = user.Kind == UserKind.Admin && rng.Chance(0.3) ? FirstPartyApps.AzurePortal : rng.Pick(InteractiveApps);
        var resource = rng.Pick(Resources);
        var ip = day.Ip;
        var outp = ctx.Output;
        SignInRecord S(int error, bool mfa = false, string? method = null, string? details = null, int seconds = 0)
            => RecordFactory.UserSignIn(rng, t.AddSeconds(seconds), user, SignInKind.Interactive, app, resource, ip, error, mfa, method,
                session: day.Session, additionalDetails: details);

        var roll = rng.NextDouble();
        if (roll < r.LockoutRate)
        {
            for (var i = 0; i < 4; i++) outp.Add(S(SignInErrors.BadPassword, seconds: i * 9));
            outp.Add(S(SignInErrors.Locked, seconds: 40));
            return;
        }
        roll -= r.LockoutRate;
        if (roll < r.ExpiredRate)
        {
            outp.Add(S(SignInErrors.PasswordExpired));
            return;
        }
        roll -= r.ExpiredRate;
        var offset = 0;
        if (roll < r.TypoRate)
        {
            outp.Add(S(SignInErrors.BadPassword));
            offset = 6 + rng.Next(20);
        }
        if (user.MfaRegistered && rng.Chance(r.MfaPromptRate))
        {
            outp.Add(S(SignInErrors.StrongAuthRequired, details: "MFA required in Azure AD", seconds: offset));
            if (rng.Chance(r.MfaDeniedRate / r.MfaPromptRate))
            {
                outp.Add(S(SignInErrors.MfaDenied, method: "Mobile app notification", details: "MFA denied; user declined the authentication", seconds: offset + 20));
                return;
            }
            offset += 8 + rng.Next(25);
            if (rng.Chance(r.KmsiRate)) outp.Add(S(SignInErrors.KmsiInterrupt, true, "Mobile app notification", seconds: offset++));
            outp.Add(S(SignInErrors.Success, true, "Mobile app notification", "MFA completed in Azure AD", offset + 1));
            return;
        }
        if (rng.Chance(r.KmsiRate)) outp.Add(S(SignInErrors.KmsiInterrupt, user.MfaRegistered, seconds: offset++));
        outp.Add(S(SignInErrors.Success, user.MfaRegistered, user.MfaRegistered ? "Previously satisfied" : null,
            user.MfaRegistered ? "MFA requirement satisfied by claim in the token" : null, offset));
    }

    private static void NonInteractive(SliceContext ctx, SimUser user, UserDay day, SimRandom rng)
    {
        var app = rng.Pick(RefreshApps);
        var mobile = app.Item1 == FirstPartyApps.OutlookMobile.AppId;
        var ip = mobile && !day.Travelling ? user.MobileIp : day.Ip;
        var error = rng.Chance(0.006) ? SignInErrors.MfaRequired : SignInErrors.Success;
        ctx.Output.Add(RecordFactory.UserSignIn(rng, T(ctx, rng), user, SignInKind.NonInteractive, app, rng.Pick(Resources), ip, error,
            user.MfaRegistered && error == 0, user.MfaRegistered && error == 0 ? "Previously satisfied" : null,
            clientApp: mobile ? "Mobile Apps and Desktop clients" : "Mobile Apps and Desktop clients",
            userAgent: mobile ? "Outlook-iOS/2.0" : null, session: day.Session));
    }

    private static readonly string[] Clients = ["Client=MSExchangeRPC", "Client=OWA;Action=ViaProxy", "Client=REST;Client=RESTSystem;;"];

    private static void MailAccess(SliceContext ctx, SimUser user, UserDay day, SimRandom rng)
    {
        var owner = user;
        var logon = 0;
        if (user.AssistantOf is { } exec && rng.Chance(0.35))
        {
            owner = ctx.Org.Users[exec];
            logon = 2;
        }
        var mb = owner.Mailbox!;
        var t = T(ctx, rng);
        var client = rng.Next(10) switch { < 5 => 0, < 7 => 1, _ => 2 };
        var mobile = client == 2;
        var ip = mobile ? user.MobileIp : day.Ip;
        var appId = client switch { 0 => FirstPartyApps.Office.AppId, 1 => FirstPartyApps.OutlookWeb.AppId, _ => FirstPartyApps.OutlookMobile.AppId };
        if (rng.Chance(ctx.Rates.SyncShare))
        {
            var folder = mb.Folders[rng.Next(2)];
            ctx.Output.Add(RecordFactory.MailItemsAccessed(rng, t, owner, logon == 2 ? user : null, null, appId, Clients[client], ip, "Sync",
                [new UalFolderAccess(folder, [])], logon, session: day.Session));
            return;
        }
        if (ctx.Throttles.IsThrottled(mb.Guid, t)) return;
        var f = rng.Chance(0.75) ? mb.Inbox : mb.Folders[rng.Next(mb.Folders.Count)];
        var n = 1 + rng.Next(4);
        var items = new MailMessage[n];
        for (var i = 0; i < n; i++) items[i] = mb.Message(f, mb.PickIndex(f, ctx.DayOffset, rng));
        ctx.Output.Add(RecordFactory.MailItemsAccessed(rng, t, owner, logon == 2 ? user : null, null, appId, Clients[client], ip, "Bind",
            [new UalFolderAccess(f, items)], logon, session: day.Session));
    }

    private static void Graph(SliceContext ctx, SimUser user, UserDay day, SimRandom rng)
    {
        var app = rng.Chance(0.6) ? FirstPartyApps.Teams : FirstPartyApps.OutlookMobile;
        ctx.Output.Add(RecordFactory.GraphRequest(rng, T(ctx, rng), user.Tenant, app.AppId, null, user.Id, day.Ip,
            app == FirstPartyApps.Teams ? "Microsoft Teams/1.6.00" : "Outlook-iOS/2.0", "GET", rng.Pick(GraphUris), rng.Chance(0.03) ? 404 : 200,
            null, "Calendars.ReadWrite Files.ReadWrite.All Mail.ReadWrite User.Read Presence.Read.All", RecordFactory.TokenId(rng), 0));
    }

    /// <summary>The nightly backup job reaches each mailbox once, at a slice fixed by the user's index (01:00-05:00 UTC).</summary>
    public static int BackupSlice(SimUser user) => 4 + user.Index % 16;

    private static void BackupRead(SliceContext ctx, SimUser user, SimRandom rng)
    {
        if (ctx.DayOffset < 0.5) return; // the backup app is granted full_access_as_app on the first morning
        var app = ctx.Org.BackupApp;
        var mb = user.Mailbox!;
        foreach (var folder in mb.Folders.Take(2))
        {
            ctx.Output.Add(RecordFactory.MailItemsAccessed(rng, T(ctx, rng), user, null, app, app.AppId,
                "Client=WebServices;ExchangeWebServices", app.HomeIp!, "Sync", [new UalFolderAccess(folder, [])]));
        }
    }
}

using Daybreak.Detection;
using Daybreak.Detection.Builtin;
using static Daybreak.Tests.Detection.Builtin.Some;

namespace Daybreak.Tests.Detection.Builtin;

public sealed class IdentityDetectionTests
{
    private static IEnumerable<Daybreak.Events.AuditEvent> Office(int days) =>
        Enumerable.Range(0, days * 8).Select(i => SignIn(T0.AddHours(i * 3), "alice@contoso.com", "198.51.100.1", mfa: true));

    [Fact]
    public void Spray_from_rotating_ips_over_days_then_success_raises_on_the_success()
    {
        var failures = Enumerable.Range(0, 6).Select(i => SignIn(T0.AddHours(9 * i), "legacy@contoso.com", $"203.0.113.{i + 10}", "50126", asn: 100 + i));
        var success = SignIn(T0.AddDays(3), "legacy@contoso.com", "203.0.113.99");
        var alerts = CollectingSink.Run(new PasswordSprayDetection(), [.. Office(4), .. failures, success]);
        var hit = Assert.Single(alerts, a => a.Rule == "builtin.password-spray.success");
        Assert.Equal(success.Time, hit.Time);
        Assert.Equal(Severity.High, hit.Severity);
        Assert.Contains(success.RecordId, hit.Evidence);
        Assert.Equal(7, hit.Evidence.Count);
        Assert.Contains("T1110.003", hit.Techniques);
        Assert.Contains("legacy@contoso.com", hit.Entities.Users);
        Assert.Single(alerts, a => a.Rule == "builtin.password-spray.target");
    }

    [Fact]
    public void Typos_resolved_by_success_and_failures_from_a_known_ip_do_not_raise()
    {
        var typos = Enumerable.Range(0, 8).SelectMany(i => new[]
        {
            SignIn(T0.AddHours(10 * i + 1), "bob@contoso.com", $"192.0.2.{i}", "50126"),
            SignIn(T0.AddHours(10 * i + 1).AddSeconds(20), "bob@contoso.com", $"192.0.2.{i}"),
        });
        var phone = Enumerable.Range(0, 50).Select(i => SignIn(T0.AddHours(1).AddMinutes(5 * i), "carol@contoso.com", "198.51.100.1", "50126"));
        Assert.Empty(CollectingSink.Run(new PasswordSprayDetection(), [.. Office(4), .. typos, .. phone]));
    }

    [Fact]
    public void Single_factor_sign_in_to_a_legacy_test_account_raises()
    {
        var alerts = CollectingSink.Run(new RiskyAccountSignInDetection(), [SignIn(T0, "legacytest@contoso.onmicrosoft.com", "203.0.113.7")]);
        var a = Assert.Single(alerts);
        Assert.Equal("builtin.risky-account-signin", a.Rule);
        Assert.Contains("T1078.004", a.Techniques);
    }

    [Fact]
    public void Single_factor_sign_in_of_an_app_created_account_is_high()
    {
        var created = Audit(T0.AddDays(2), "Add user", byApp: "app-1", targets: Target("User", "oid-svc-sync@contoso.com", "svc-sync@contoso.com"));
        var alerts = CollectingSink.Run(new RiskyAccountSignInDetection(), [.. Office(3), created, SignIn(T0.AddDays(2).AddMinutes(12), "svc-sync@contoso.com", "203.0.113.8")]);
        var a = Assert.Single(alerts);
        Assert.Equal(Severity.High, a.Severity); // new account and a never-seen IP without MFA
        Assert.Contains(created.RecordId, a.Evidence);
    }

    [Fact]
    public void Ordinary_single_factor_and_mfa_sign_ins_do_not_raise()
    {
        var events = Office(3).Concat(Enumerable.Range(0, 10).Select(i => SignIn(T0.AddHours(2 * i), "dave@contoso.com", "198.51.100.1")));
        Assert.Empty(CollectingSink.Run(new RiskyAccountSignInDetection(), events));
    }

    [Fact]
    public void Mfa_denials_then_approval_raise_fatigue_and_approval_and_the_mail_read_after()
    {
        var denials = Enumerable.Range(0, 5).Select(i => SignIn(T0.AddMinutes(3 * i), "erin@contoso.com", "203.0.113.50", "500121"));
        var approval = SignIn(T0.AddMinutes(20), "erin@contoso.com", "203.0.113.50", mfa: true);
        var read = MailAccess(T0.AddMinutes(25), "erin@contoso.com", byUpn: "erin@contoso.com", ip: "203.0.113.50", client: "Client=OWA");
        var alerts = CollectingSink.Run(new MfaFatigueDetection(), [.. denials, approval, read]);
        Assert.Single(alerts, a => a.Rule == "builtin.mfa-fatigue");
        var approved = Assert.Single(alerts, a => a.Rule == "builtin.mfa-fatigue.approved");
        Assert.Equal(approval.Time, approved.Time);
        Assert.Contains("T1621", approved.Techniques);
        Assert.Single(alerts, a => a.Rule == "builtin.mfa-fatigue.follow-up" && a.Evidence.Contains(read.RecordId));
    }

    [Fact]
    public void A_single_denial_and_token_refreshes_do_not_raise_mfa_fatigue()
    {
        var events = new[]
        {
            SignIn(T0, "frank@contoso.com", "198.51.100.1", "500121"),
            SignIn(T0.AddMinutes(1), "frank@contoso.com", "198.51.100.1", mfa: true),
            SignIn(T0.AddMinutes(2), "frank@contoso.com", "198.51.100.9", "500121"),
            SignIn(T0.AddMinutes(3), "frank@contoso.com", "198.51.100.9", mfa: true, interactive: false),
        };
        Assert.Empty(CollectingSink.Run(new MfaFatigueDetection(), events));
    }

    [Fact]
    public void Session_used_from_a_new_asn_raises_replay()
    {
        var history = Enumerable.Range(0, 16).Select(i => SignIn(T0.AddHours(3 * i), "gina@contoso.com", "198.51.100.1", mfa: true, asn: 7922));
        var issue = SignIn(T0.AddDays(2), "gina@contoso.com", "203.0.113.70", mfa: true, asn: 64500, session: "S1");
        var replay = SignIn(T0.AddDays(2).AddMinutes(37), "gina@contoso.com", "192.0.2.80", mfa: true, interactive: false, asn: 64501, session: "S1");
        var alerts = CollectingSink.Run(new SessionReplayDetection(), [.. history, issue, replay]);
        var a = Assert.Single(alerts);
        Assert.Equal("builtin.session-replay", a.Rule);
        Assert.Equal([issue.RecordId, replay.RecordId], a.Evidence);
        Assert.Contains("s1", a.Entities.Sessions);
        Assert.Contains("T1539", a.Techniques);
    }

    [Fact]
    public void A_replay_from_a_network_the_tenant_signs_in_from_raises_only_when_asked_and_after_the_retention_again()
    {
        // Gina's session moves to AS 64501, new to her; a colleague signed in successfully from it the day before.
        var history = Enumerable.Range(0, 16).Select(i => SignIn(T0.AddHours(3 * i), "gina@contoso.com", "198.51.100.1", mfa: true, asn: 7922)).ToList();
        var colleague = SignIn(T0.AddDays(1), "joe@contoso.com", "192.0.2.10", mfa: true, asn: 64501);
        var issue = SignIn(T0.AddDays(2), "gina@contoso.com", "203.0.113.70", mfa: true, asn: 64500, session: "S1");
        var replay = SignIn(T0.AddDays(2).AddMinutes(37), "gina@contoso.com", "192.0.2.80", mfa: true, interactive: false, asn: 64501, session: "S1");
        Assert.Empty(CollectingSink.Run(new SessionReplayDetection(), [.. history, colleague, issue, replay]));

        var anyNetwork = new SessionReplayDetection(new SessionReplayDetectionOptions { RequireNewToTenant = false });
        var a = Assert.Single(CollectingSink.Run(anyNetwork, [.. history, colleague, issue, replay]));
        Assert.DoesNotContain("nor anyone in the tenant", a.Description);

        // A colleague's failure teaches the tenant nothing; a success older than the retention is forgotten.
        var failed = SignIn(T0.AddDays(1), "joe@contoso.com", "192.0.2.10", "50126", asn: 64501);
        Assert.Contains("nor anyone in the tenant", Assert.Single(CollectingSink.Run(new SessionReplayDetection(), [.. history, failed, issue, replay])).Description);
        // (Gina's own history runs to three hours before the issue, so she is remembered under the shorter retention.)
        var shortMemory = new SessionReplayDetection(new SessionReplayDetectionOptions { HistoryRetention = TimeSpan.FromHours(12) });
        Assert.Single(CollectingSink.Run(shortMemory, [.. history, colleague, issue, replay]));
    }

    [Fact]
    public void Session_moving_between_the_users_own_networks_does_not_raise()
    {
        var history = Enumerable.Range(0, 16).SelectMany(i => new[]
        {
            SignIn(T0.AddHours(3 * i), "hank@contoso.com", "198.51.100.1", mfa: true, asn: 7922),
            SignIn(T0.AddHours(3 * i + 1), "hank@contoso.com", "100.64.0.1", mfa: true, asn: 21928, interactive: false),
        });
        var day = new[]
        {
            SignIn(T0.AddDays(2), "hank@contoso.com", "198.51.100.1", mfa: true, asn: 7922, session: "S2"),
            SignIn(T0.AddDays(2).AddHours(1), "hank@contoso.com", "100.64.0.1", mfa: true, asn: 21928, interactive: false, session: "S2"),
        };
        Assert.Empty(CollectingSink.Run(new SessionReplayDetection(), [.. history, .. day]));
    }

    [Fact]
    public void A_session_and_a_token_each_raise_replay_once_and_the_issuing_sign_in_is_the_evidence()
    {
        // The session and the token of one sign-in share what they keep of it; each says for itself whether it was raised.
        var history = Enumerable.Range(0, 16).Select(i => SignIn(T0.AddHours(3 * i), "ivy@contoso.com", "198.51.100.1", mfa: true, asn: 7922));
        var issue = WithToken(SignIn(T0.AddDays(2), "ivy@contoso.com", "203.0.113.70", mfa: true, asn: 64500, session: "S1"), "T1");
        var bySession = SignIn(T0.AddDays(2).AddMinutes(10), "ivy@contoso.com", "192.0.2.80", interactive: false, asn: 64501, session: "S1");
        var bySessionAgain = SignIn(T0.AddDays(2).AddMinutes(20), "ivy@contoso.com", "192.0.2.81", interactive: false, asn: 64502, session: "S1");
        var byToken = WithToken(SignIn(T0.AddDays(2).AddMinutes(30), "ivy@contoso.com", "192.0.2.82", interactive: false, asn: 64503, session: "S9"), "T1");
        var byTokenAgain = WithToken(SignIn(T0.AddDays(2).AddMinutes(40), "ivy@contoso.com", "192.0.2.83", interactive: false, asn: 64504), "T1");

        var alerts = CollectingSink.Run(new SessionReplayDetection(), [.. history, issue, bySession, bySessionAgain, byToken, byTokenAgain]);

        Assert.Equal(2, alerts.Count);
        Assert.Equal([issue.RecordId, bySession.RecordId], alerts[0].Evidence);
        Assert.Equal([issue.RecordId, byToken.RecordId], alerts[1].Evidence);
        Assert.Contains("s1", alerts[0].Entities.Sessions);
        Assert.Contains("ivy@contoso.com", alerts[1].Description);
    }

    private static Daybreak.Events.AuditEvent WithToken(Daybreak.Events.AuditEvent e, string token)
    {
        e.Auth.UniqueTokenId = token;
        return e;
    }
}

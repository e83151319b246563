using Daybreak.Detection;
using Daybreak.Detection.Intel;
using Daybreak.Events;

namespace Daybreak.Tests.Response;

public sealed class IndicatorTests
{
    private const string App = "e8f1b2c3-4d5a-4e6f-8a7b-9c0d1e2f3a4b";
    private static readonly DateTime T0 = new(2023, 11, 29, 3, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("[ipv4-addr:value = '203.0.113.7']", "ip", "203.0.113.7")]
    [InlineData("[ipv6-addr:value = '2001:0db8:0000::BEEF']", "ip", "2001:db8::beef")]
    [InlineData("[domain-name:value = 'Evil.Example.']", "domain", "evil.example")]
    [InlineData("[user-account:account_type = 'azure-ad-application' AND user-account:user_id = 'E8F1B2C3-4D5A-4E6F-8A7B-9C0D1E2F3A4B']", "app", App)]
    [InlineData("[user-account:user_id = 'e8f1b2c3-4d5a-4e6f-8a7b-9c0d1e2f3a4b' AND user-account:account_type = 'azure-ad-application']", "app", App)]
    [InlineData("[email-addr:value = 'Mallory@Evil.Example']", "upn", "mallory@evil.example")]
    public void Simple_patterns_are_read(string pattern, string kind, string value)
    {
        Assert.True(StixPatternParser.TryParse(pattern, out var values, out var error), error);
        Assert.Equal((kind, value), (values.Single().Kind.Name(), values.Single().Value));
    }

    [Theory]
    [InlineData("[ipv4-addr:value = '10.0.0.0/8']")]
    [InlineData("[ipv4-addr:value MATCHES '^10\\.']")]
    [InlineData("[ipv4-addr:value = '1.2.3.4'] AND [domain-name:value = 'x.example']")]
    [InlineData("[file:hashes.'SHA-256' = 'aa']")]
    [InlineData("[ipv4-addr:value = '1.2.3.4'] WITHIN 300 SECONDS")]
    [InlineData("[user-account:user_id = 'e8f1b2c3-4d5a-4e6f-8a7b-9c0d1e2f3a4b' AND user-account:account_type = 'unix']")]
    public void Patterns_beyond_simple_equality_are_refused_with_a_reason(string pattern)
    {
        Assert.False(StixPatternParser.TryParse(pattern, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Or_joined_values_become_one_indicator_each()
    {
        Assert.True(StixPatternParser.TryParse("[ipv4-addr:value = '1.2.3.4' OR ipv4-addr:value = '5.6.7.8']", out var values, out _));
        Assert.Equal(["1.2.3.4", "5.6.7.8"], values.Select(v => v.Value));
    }

    [Fact]
    public void Csv_rows_are_read_and_bad_rows_listed()
    {
        var import = IndicatorFileReader.ReadCsv("type,value,description\nipv4,203.0.113.7,spray proxy\napp,E8F1B2C3-4D5A-4E6F-8A7B-9C0D1E2F3A4B,\nupn,Mallory@evil.example,\nip,not-an-ip,x\nhash,aa,x\n", "iocs.csv");
        Assert.Equal([(IndicatorKind.Ip, "203.0.113.7"), (IndicatorKind.App, App), (IndicatorKind.Upn, "mallory@evil.example")],
            import.Indicators.Select(i => (i.Kind, i.Value)));
        Assert.Equal("spray proxy", import.Indicators[0].Description);
        Assert.Equal(2, import.Skipped.Count);
        Assert.Equal(IndicatorFileReader.CsvId(IndicatorKind.Ip, "203.0.113.7"), import.Indicators[0].Id);
    }

    [Fact]
    public void Matches_on_ip_app_upn_and_domain_raise_one_alert_per_indicator_and_day()
    {
        var set = new IndicatorSet(
        [
            new Indicator("indicator--a", IndicatorKind.Ip, "203.0.113.7", "spray proxy", "feed.json"),
            new Indicator("csv:b", IndicatorKind.App, App, null, "iocs.csv"),
            new Indicator("csv:c", IndicatorKind.Upn, "mallory@evil.example", null, "iocs.csv"),
            new Indicator("csv:d", IndicatorKind.Domain, "attacker.example", null, "iocs.csv", ValidUntil: T0.AddDays(1)),
        ]);
        var detection = new IndicatorMatchDetection(set);
        var runner = new DetectionRunner([detection]);
        runner.Write(Event("1", T0, e => e.Network.Ip = "203.0.113.7"));
        runner.Write(Event("2", T0.AddHours(1), e => e.Network.Ip = "::ffff:203.0.113.7"));
        runner.Write(Event("3", T0.AddHours(2), e => e.Mail = new MailAccess { ClientAppId = App.ToUpperInvariant() }));
        runner.Write(Event("4", T0.AddHours(3), e => e.Actor.Upn = "mallory@evil.example"));
        runner.Write(Event("5", T0.AddHours(4), e => e.Actor.Upn = "bob@attacker.example"));
        runner.Write(Event("6", T0.AddHours(5), e => e.Network.Ip = "198.51.100.1"));
        runner.Write(Event("7", T0.AddDays(1), e => e.Network.Ip = "203.0.113.7"));
        runner.Write(Event("8", T0.AddDays(2), e => e.Actor.Upn = "eve@attacker.example")); // indicator no longer valid
        runner.Flush();

        Assert.Empty(runner.Errors);
        var alerts = runner.Alerts;
        Assert.Equal(5, alerts.Count);
        Assert.All(alerts, a => Assert.Equal(IndicatorMatchDetection.RuleId, a.Rule));
        var ip = alerts.Where(a => a.Title.EndsWith("203.0.113.7", StringComparison.Ordinal)).ToList();
        Assert.Equal([["ev:1", "ev:2"], ["ev:7"]], ip.Select(a => a.Evidence.ToArray()));
        Assert.Equal(T0, ip[0].FirstSeen);
        Assert.Contains("spray proxy", ip[0].Description);
        Assert.Equal(["ev:3"], alerts.Single(a => a.Title.Contains("application id")).Evidence);
        Assert.Equal(["ev:4"], alerts.Single(a => a.Title.Contains("user")).Evidence);
        Assert.Equal(["ev:5"], alerts.Single(a => a.Title.Contains("domain")).Evidence);
        Assert.Contains("203.0.113.7", ip[0].Entities.Ips);
    }

    [Fact]
    public void An_empty_set_matches_nothing()
    {
        var runner = new DetectionRunner([new IndicatorMatchDetection(IndicatorSet.Empty)]);
        runner.Write(Event("1", T0, e => e.Network.Ip = "203.0.113.7"));
        runner.Flush();
        Assert.Empty(runner.Alerts);
    }

    private static AuditEvent Event(string id, DateTime time, Action<AuditEvent> fill)
    {
        var e = new AuditEvent { RecordId = "ev:" + id, Time = time, Format = "test", Raw = "{}", Source = SourceKind.SignIn };
        fill(e);
        return e;
    }
}

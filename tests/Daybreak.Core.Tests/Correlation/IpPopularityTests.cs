using Daybreak.Correlation;

namespace Daybreak.Tests.Correlation;

/// <summary>An IP is shared when it served more distinct identities than the bar; one identity in other spellings is one.</summary>
public sealed class IpPopularityTests
{
    [Fact]
    public void One_identity_in_any_case_or_padding_is_one_however_often_seen()
    {
        var ips = new IpPopularity(sharedAbove: 1);
        foreach (var who in new[] { "alice@contoso.com", "Alice@Contoso.com", " alice@contoso.com " }) ips.Observe("203.0.113.7", who);
        Assert.False(ips.IsShared("203.0.113.7"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void An_ip_is_shared_once_it_served_more_identities_than_the_bar(int bar)
    {
        var ips = new IpPopularity(bar);
        for (var i = 0; i < bar; i++)
        {
            ips.Observe("2001:DB8::1", $"user{i}@contoso.com");
            ips.Observe("2001:db8::1", $"user{i}@contoso.com");
        }
        Assert.False(ips.IsShared("2001:db8::1"));
        ips.Observe(" 2001:db8::1", $"user{bar}@contoso.com");
        Assert.True(ips.IsShared("2001:db8::1"));
        for (var i = 0; i < 50; i++) ips.Observe("2001:db8::1", $"more{i}@contoso.com");
        Assert.True(ips.IsShared("2001:db8::1"));
        Assert.False(ips.IsShared("198.51.100.1"));
    }

    [Fact]
    public void Agrees_with_sets_of_identities_over_many_ips()
    {
        var ips = new IpPopularity(sharedAbove: 2);
        var model = new Dictionary<string, HashSet<string>>();
        var random = new Random(3);
        for (var i = 0; i < 30_000; i++)
        {
            // Most IPs serve one identity; a few hundred serve several.
            var ip = random.Next(4) == 0 ? $"192.0.2.{random.Next(200)}" : $"10.{random.Next(100)}.{random.Next(256)}.{random.Next(256)}";
            var who = $"user{random.Next(random.Next(4) == 0 ? 50 : 3)}@contoso.com";
            ips.Observe(ip, random.Next(2) == 0 ? who.ToUpperInvariant() : who);
            if (!model.TryGetValue(ip, out var set)) model[ip] = set = [];
            set.Add(who);
        }
        Assert.Contains(model.Values, s => s.Count > 2);
        Assert.Contains(model.Values, s => s.Count == 1);
        foreach (var (ip, set) in model) Assert.Equal(set.Count > 2, ips.IsShared(ip));
    }

    [Fact]
    public void An_event_without_an_identity_numbers_its_ip_but_serves_no_one()
    {
        var ips = new IpPopularity(sharedAbove: 1);
        var evt = new Daybreak.Events.AuditEvent { RecordId = "r", Time = DateTime.UnixEpoch, Source = Daybreak.Events.SourceKind.SignIn, Format = "f", Operation = "o", Raw = "" };
        evt.Network.Ip = " 203.0.113.9 ";
        var number = ips.ObserveIp(evt);
        Assert.Equal(number, ips.ObserveIp(evt));
        Assert.Equal("203.0.113.9", ips.Ips[number]);
        Assert.False(ips.IsShared("203.0.113.9"));
        Assert.Equal(0, ips.Users);
        evt.Network.Ip = null;
        Assert.Equal(-1, ips.ObserveIp(evt));
    }

    [Fact]
    public void Users_counts_distinct_upns_in_any_case_and_not_object_ids()
    {
        var ips = new IpPopularity(sharedAbove: 3);
        foreach (var (upn, oid) in new (string?, string?)[]
                 {
                     ("alice@contoso.com", "1"), ("Alice@Contoso.com ", "1"), ("bob@contoso.com", null), (null, "6a05f415-97dc-4635-23a8-29b30dec3c03"),
                     (null, "9b1f0c2e-1111-2222-3333-444455556666"), ("carol@contoso.com", null),
                 })
        {
            var evt = new Daybreak.Events.AuditEvent { RecordId = "r", Time = DateTime.UnixEpoch, Source = Daybreak.Events.SourceKind.SignIn, Format = "f", Operation = "o", Raw = "" };
            evt.Actor.Upn = upn;
            evt.Actor.ObjectId = oid;
            evt.Network.Ip = "198.51.100.4";
            ips.Observe(evt);
        }
        Assert.Equal(3, ips.Users);
        // Alice, Bob, Carol and the two object ids: five identities served by one IP.
        Assert.True(ips.IsShared("198.51.100.4"));
    }
}

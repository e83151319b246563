using Daybreak.Detection.Builtin;
using static Daybreak.Tests.Detection.Builtin.Some;

namespace Daybreak.Tests.Detection.Builtin;

/// <summary>
/// Which accounts and failures make a spray campaign (<see cref="SprayCampaignPattern.Find"/>): IPs and ASNs shared by
/// at least three accounts, members with two such IPs, narrowed together until nothing changes.
/// </summary>
public sealed class SprayCampaignPatternTests
{
    private readonly List<(string Account, KeptSignIn Failure)> _failures = [];

    private void Fail(string account, string ip, long asn) =>
        _failures.Add((account, Failure(T0.AddMinutes(_failures.Count), account + "@contoso.com", ip, "50126", asn: asn)));

    private static KeptSignIn Failure(DateTime time, string upn, string ip, string code, long asn) => new(SignIn(time, upn, ip, code, asn: asn));

    private SprayCampaignPattern Find(SprayFailureTable? table = null)
    {
        var (rows, keys) = SprayKeys.Of(_failures);
        return SprayCampaignPattern.Find(rows, keys, minSharedAccounts: 3, table ?? new SprayFailureTable());
    }

    [Fact]
    public void Accounts_sprayed_from_shared_asns_are_members_and_a_traveller_is_not()
    {
        // Five accounts, each failing from two proxies of the same two residential ASNs (every IP its own).
        for (var i = 0; i < 5; i++)
        {
            Fail($"v{i}", $"203.0.113.{i}", 100);
            Fail($"v{i}", $"198.51.100.{i}", 200);
        }
        Fail("traveller", "192.0.2.1", 900);
        Fail("traveller", "192.0.2.2", 901);

        var pattern = Find();

        Assert.Equal(["v0", "v1", "v2", "v3", "v4"], pattern.Members.Keys.Order());
        Assert.All(pattern.Members.Values, f => Assert.Equal(2, f.Count));
        Assert.True(pattern.Matches(Failure(T0, "x@contoso.com", "203.0.113.99", "50126", asn: 100)));
        Assert.False(pattern.Matches(_failures[^1].Failure));
        Assert.False(pattern.Covers(_failures.Where(f => f.Account == "traveller").Select(f => f.Failure)));
    }

    [Fact]
    public void Dropping_an_account_can_take_a_shared_asn_below_the_bar_and_drop_another()
    {
        // ASN 300 is shared by exactly three accounts: a, b and c. c has no second matching IP, so it leaves; then ASN
        // 300 has two accounts and stops matching, and b, whose second IP was only ASN 300, leaves too. a stays through
        // ASN 100, which four accounts share.
        Fail("a", "203.0.113.1", 100);
        Fail("a", "203.0.113.2", 300);
        Fail("a", "203.0.113.3", 100);
        Fail("b", "198.51.100.1", 100);
        Fail("b", "198.51.100.2", 300);
        Fail("c", "192.0.2.1", 300);
        Fail("c", "192.0.2.2", 555);
        for (var i = 0; i < 2; i++)
        {
            Fail($"d{i}", $"203.0.113.{10 + i}", 100);
            Fail($"d{i}", $"203.0.113.{20 + i}", 100);
        }

        var pattern = Find();

        Assert.Equal(["a", "d0", "d1"], pattern.Members.Keys.Order());
        Assert.Equal(["203.0.113.1", "203.0.113.3"], pattern.Members["a"].Select(f => f.Ip));
        Assert.False(pattern.Matches(Failure(T0, "x@contoso.com", "203.0.113.99", "50126", asn: 300)));
    }

    [Fact]
    public void A_shared_ip_matches_whatever_its_asn_and_a_missing_ip_counts_once_but_never_matches()
    {
        // One proxy IP fails for a, b and c with a different ASN each time (a lookup that moved); each has a second IP
        // in the shared ASN 100 too. e, f and g also fail from ASN 100, and each once without any IP: were "no IP" an
        // IP like the others, it would be shared by three accounts and make them members.
        foreach (var (account, asn) in new[] { ("a", 1L), ("b", 2L), ("c", 3L) })
        {
            Fail(account, "203.0.113.7", asn);
            Fail(account, $"198.51.100.{asn}", 100);
        }
        foreach (var (account, asn) in new[] { ("e", 501L), ("f", 502L), ("g", 503L) })
        {
            Fail(account, $"192.0.2.{asn - 500}", 100);
            _failures.Add((account, Failure(T0.AddMinutes(_failures.Count), account + "@contoso.com", ip: null!, "50126", asn: asn)));
        }

        var pattern = Find();

        Assert.Equal(["a", "b", "c"], pattern.Members.Keys.Order());
        Assert.True(pattern.Matches(Failure(T0, "x@contoso.com", "203.0.113.7", "50126", asn: 999)));
    }

    [Fact]
    public void A_table_kept_between_scans_gives_what_a_fresh_one_gives()
    {
        var table = new SprayFailureTable();
        for (var i = 0; i < 40; i++) Fail($"u{i % 9}", $"203.0.113.{i}", 100 + i % 3);
        var large = Find(table);
        Assert.Equal(9, large.Members.Count);

        _failures.RemoveRange(12, _failures.Count - 12);
        var small = Find(table);
        var fresh = Find();

        Assert.Equal(fresh.Members.Keys, small.Members.Keys);
        Assert.Equal(fresh.Members.Values.SelectMany(f => f), small.Members.Values.SelectMany(f => f));
    }
}

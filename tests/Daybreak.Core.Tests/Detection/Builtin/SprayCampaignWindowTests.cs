using Daybreak.Detection.Builtin;
using static Daybreak.Tests.Detection.Builtin.Some;

namespace Daybreak.Tests.Detection.Builtin;

/// <summary>The spray detection's incremental window: what it counts as failures are added, removed and expire.</summary>
public sealed class SprayCampaignWindowTests
{
    private static readonly TimeSpan Window = TimeSpan.FromDays(3);

    [Fact]
    public void Counts_accounts_ips_and_changes_as_failures_come_and_go()
    {
        var w = new SprayCampaignWindow(Window);
        var a1 = Failure(T0, "a@contoso.com", "203.0.113.1", "50126");
        var a2 = Failure(T0.AddHours(1), "a@contoso.com", "203.0.113.2", "50126");
        var b1 = Failure(T0.AddHours(2), "b@contoso.com", "203.0.113.1", "50126");
        w.Add("a", a1);
        w.Add("a", a2);
        w.Add("b", b1);
        Assert.Equal((3, 2, 1), (w.Failures, w.DistinctIps, w.SprayedAccounts));
        Assert.Equal([a1, a2, b1], Rows(w).Select(r => r.Failure));
        w.Remove(a2);
        w.Remove(a2);                                           // twice is once
        Assert.Equal((2, 1, 0), (w.Failures, w.DistinctIps, w.SprayedAccounts));
        Assert.Equal([a1, b1], Rows(w).Select(r => r.Failure));
        w.Expire(T0.AddDays(3).AddHours(1.5));                  // a1 leaves; a2 was removed already
        Assert.Equal((1, 1, 0), (w.Failures, w.DistinctIps, w.SprayedAccounts));
        Assert.Equal((3L, 5L), (w.Added, w.Changes));            // three added, one removed, one expired
    }

    [Fact]
    public void Removing_a_failure_the_window_already_let_go_of_changes_nothing()
    {
        // An account's failures go back further than the window (its spray ran for two weeks); when its success
        // clears them all, the ones that expired were uncounted already. Counting them off again took the IP of
        // another account's failure with it and kept their ids in the removed set for good.
        var w = new SprayCampaignWindow(Window);
        var old = Failure(T0, "a@contoso.com", "203.0.113.9", "50126");
        w.Add("a", old);
        w.Expire(T0.AddDays(4));
        var recent = Failure(T0.AddDays(4), "b@contoso.com", "203.0.113.9", "50126");
        w.Add("b", recent);
        var changes = w.Changes;

        w.Remove(old);

        Assert.Equal((1, 1), (w.Failures, w.DistinctIps));
        Assert.Equal(changes, w.Changes);
        w.Expire(T0.AddDays(8));
        Assert.Equal((0, 0), (w.Failures, w.DistinctIps));
    }

    [Fact]
    public void Ids_of_accounts_and_ips_that_left_the_window_are_reused_with_fresh_counts()
    {
        // Ids index the pattern scan's arrays: they must stay as few as the live keys, and a reused id must not carry the
        // counts of the key that had it before.
        var w = new SprayCampaignWindow(Window);
        w.Add("a", Failure(T0, "a@contoso.com", "203.0.113.1", "50126", asn: 1));
        w.Add("a", Failure(T0.AddHours(1), "a@contoso.com", "203.0.113.2", "50126", asn: 2));
        Assert.Equal(1, w.SprayedAccounts);
        w.Expire(T0.AddDays(4));
        Assert.Equal((0, 0, 0), (w.Failures, w.DistinctIps, w.SprayedAccounts));

        var b = Failure(T0.AddDays(4), "b@contoso.com", "198.51.100.7", "50126", asn: 3);
        w.Add("b", b);
        var row = Assert.Single(Rows(w));
        Assert.Equal((1, 1, 0), (w.Failures, w.DistinctIps, w.SprayedAccounts));
        Assert.Equal(("b", "198.51.100.7", 3L), (w.Keys.Accounts.KeyOf(row.Account), w.Keys.Ips.KeyOf(row.Ip), w.Keys.Asns.KeyOf(row.Asn)));
        Assert.Equal((1, 2, 2), (w.Keys.Accounts.Capacity, w.Keys.Ips.Capacity, w.Keys.Asns.Capacity));
        w.Add("b", Failure(T0.AddDays(4).AddHours(1), "b@contoso.com", "198.51.100.8", "50126"));
        Assert.Equal((2, 2, 1), (w.Failures, w.DistinctIps, w.SprayedAccounts));
    }

    [Fact]
    public void Rows_come_in_arrival_order_within_the_asked_times_when_the_ring_wraps_and_grows()
    {
        var w = new SprayCampaignWindow(TimeSpan.FromHours(1));
        var all = new List<KeptSignIn>();
        for (var i = 0; i < 1000; i++)
        {
            var f = Failure(T0.AddMinutes(i), $"u{i % 7}@contoso.com", $"203.0.113.{i % 200}", "50126");
            all.Add(f);
            w.Add($"u{i % 7}", f);
            w.Expire(f.Time);
        }
        // The last hour (61 failures: minutes 939 to 999) is in the window; ask for a part of it.
        Assert.Equal(61, w.Failures);
        var rows = new List<SprayFailureRow>();
        w.Between(T0.AddMinutes(950), T0.AddMinutes(960), rows);
        Assert.Equal(all[950..961], rows.Select(r => r.Failure));
    }

    private static KeptSignIn Failure(DateTime time, string upn, string ip, string code, long asn = 7922) => new(SignIn(time, upn, ip, code, asn: asn));

    private static List<SprayFailureRow> Rows(SprayCampaignWindow w)
    {
        var rows = new List<SprayFailureRow>();
        w.Between(DateTime.MinValue, DateTime.MaxValue, rows);
        return rows;
    }
}

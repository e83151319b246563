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
        var a1 = SignIn(T0, "a@contoso.com", "203.0.113.1", "50126");
        var a2 = SignIn(T0.AddHours(1), "a@contoso.com", "203.0.113.2", "50126");
        var b1 = SignIn(T0.AddHours(2), "b@contoso.com", "203.0.113.1", "50126");
        w.Add("a", a1);
        w.Add("a", a2);
        w.Add("b", b1);
        Assert.Equal((3, 2, 1), (w.Failures, w.DistinctIps, w.SprayedAccounts));
        Assert.Equal(["a"], w.AccountsWithTwoIps);
        w.Remove("a", a2);
        w.Remove("a", a2);                                      // twice is once
        Assert.Equal((2, 1, 0), (w.Failures, w.DistinctIps, w.SprayedAccounts));
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
        var old = SignIn(T0, "a@contoso.com", "203.0.113.9", "50126");
        w.Add("a", old);
        w.Expire(T0.AddDays(4));
        var recent = SignIn(T0.AddDays(4), "b@contoso.com", "203.0.113.9", "50126");
        w.Add("b", recent);
        var changes = w.Changes;

        w.Remove("a", old);

        Assert.Equal((1, 1), (w.Failures, w.DistinctIps));
        Assert.Equal(changes, w.Changes);
        w.Expire(T0.AddDays(8));
        Assert.Equal((0, 0), (w.Failures, w.DistinctIps));
    }
}

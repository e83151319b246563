using Daybreak.Detection.Builtin;
using Daybreak.Events;
using static Daybreak.Tests.Detection.Builtin.Some;

namespace Daybreak.Tests.Detection.Builtin;

/// <summary>
/// When a spray campaign's pattern is found again and when an earlier one is reused (<see cref="SprayPatternCache"/>):
/// finding one reads the whole window, and a tenant-wide spray asked for it on every target alert.
/// </summary>
public sealed class SprayPatternCacheTests
{
    private static readonly TimeSpan Window = TimeSpan.FromDays(3);
    private static readonly TimeSpan Slice = Window / 32;   // 2 h 15 min
    private static readonly TimeSpan Settle = TimeSpan.FromMinutes(30);
    private static readonly SprayCampaignPattern Empty = SprayCampaignPattern.Find([], new SprayKeys(), 3, new SprayFailureTable());

    private sealed class Counting
    {
        public List<DateTime> Finds { get; } = [];

        public SprayPatternCache Cache() => new(Window, Settle, to =>
        {
            Finds.Add(to);
            return Empty;
        });
    }

    // A time at the start of a slice, so that "later in the same slice" is unambiguous.
    private static readonly DateTime SliceStart = new(T0.Ticks - T0.Ticks % Slice.Ticks, DateTimeKind.Utc);

    [Fact]
    public void A_window_of_fewer_than_32_failures_is_read_afresh_every_time()
    {
        var c = new Counting();
        var cache = c.Cache();
        for (var i = 0; i < 5; i++) cache.At(SliceStart.AddMinutes(i), windowFailures: 31, changes: 0);
        Assert.Equal(5, c.Finds.Count);
    }

    [Fact]
    public void Within_a_slice_a_pattern_serves_until_a_32nd_of_the_window_changed()
    {
        var c = new Counting();
        var cache = c.Cache();
        long changes = 0;   // failures added, resolved or expired so far, as the window counts them
        var first = cache.At(SliceStart, windowFailures: 3200, changes);
        changes += 100;                                      // exactly the slack: still the same window, near enough
        Assert.Same(first, cache.At(SliceStart.AddHours(1), 3200, changes));
        Assert.Single(c.Finds);
        changes++;                                           // one more: found again
        cache.At(SliceStart.AddHours(2), 3200, changes);
        Assert.Equal([SliceStart, SliceStart.AddHours(2)], c.Finds);
    }

    [Fact]
    public void Another_slice_is_found_for_itself_and_an_earlier_one_is_kept()
    {
        var c = new Counting();
        var cache = c.Cache();
        cache.At(SliceStart, 3200, changes: 0);
        cache.At(SliceStart + Slice, 3200, changes: 0);        // the next slice
        cache.At(SliceStart.AddMinutes(5), 3200, changes: 0);  // back in the first: kept
        Assert.Equal([SliceStart, SliceStart + Slice], c.Finds);
    }

    [Fact]
    public void A_settled_slice_is_kept_whatever_changes_later()
    {
        var c = new Counting();
        var cache = c.Cache();
        long changes = 0;   // failures added, resolved or expired so far, as the window counts them
        // Found when events an hour past the slice's end had been seen: nothing still to come falls in it.
        cache.Saw(SliceStart + Slice + TimeSpan.FromHours(1));
        cache.At(SliceStart.AddMinutes(10), 3200, changes);
        changes += 10_000;
        cache.At(SliceStart.AddMinutes(20), 3200, changes);
        Assert.Single(c.Finds);
        // One found while its slice was still filling is found again after the changes.
        cache.At(SliceStart + Slice + TimeSpan.FromMinutes(10), 3200, changes);
        changes += 10_000;
        cache.At(SliceStart + Slice + TimeSpan.FromMinutes(20), 3200, changes);
        Assert.Equal(3, c.Finds.Count);
    }

    [Fact]
    public void At_most_eight_slices_are_kept_the_least_recently_used_goes()
    {
        var c = new Counting();
        var cache = c.Cache();
        cache.Saw(SliceStart.AddDays(10));                   // every slice below is settled
        for (var i = 0; i < 8; i++) cache.At(SliceStart + i * Slice, 3200, changes: 0);
        cache.At(SliceStart, 3200, changes: 0);                // slice 0 used again: slice 1 is now the oldest use
        cache.At(SliceStart + 8 * Slice, 3200, changes: 0);    // a ninth: evicts slice 1
        cache.At(SliceStart, 3200, changes: 0);
        Assert.Equal(9, c.Finds.Count);
        cache.At(SliceStart + Slice, 3200, changes: 0);
        Assert.Equal(10, c.Finds.Count);
    }

    [Fact]
    public void A_spray_among_thousands_of_unrelated_foreign_failures_is_still_one_campaign_of_its_accounts()
    {
        // 2,000 accounts fail twice each from IPs and ASNs of their own over six days: a window of thousands of
        // failures, so patterns are reused; none of these accounts shares anything with the spray or each other.
        var noise = Enumerable.Range(0, 2_000).SelectMany(i => new[]
        {
            SignIn(T0.AddMinutes(i * 4.3), $"noise{i}@contoso.com", $"10.{i / 250}.{i % 250}.1", "50126", asn: 100_000 + 2 * i),
            SignIn(T0.AddMinutes(i * 4.3 + 1), $"noise{i}@contoso.com", $"10.{i / 250}.{i % 250}.2", "50126", asn: 100_001 + 2 * i),
        });
        var sprayed = Enumerable.Range(0, 6).Select(i => $"target{i}@contoso.com").ToList();
        var spray = new List<AuditEvent>();
        var n = 0;
        for (var round = 0; round < 30; round++)
        {
            // Every four hours each target is tried once, from a fresh IP; a round's proxies exit from one of three ASNs.
            foreach (var upn in sprayed) spray.Add(SignIn(T0.AddHours(4 * round).AddMinutes(++n % 60), upn, $"203.0.{n / 250}.{n % 250}", "50126", asn: 7922 + round % 3));
        }
        spray.Add(SignIn(T0.AddDays(5).AddHours(3), sprayed[0], "203.9.9.9", asn: 7922));
        var events = noise.Concat(spray).OrderBy(e => e.Time).ToList();

        var alerts = CollectingSink.Run(new PasswordSprayDetection(), events);

        var (id, _) = SprayCampaignBreadthTests.OneCampaignOf(alerts, sprayed);
        Assert.All(alerts.Where(a => a.Rule == "builtin.password-spray.target"), t => Assert.Contains(id, t.Entities.Campaigns));
        Assert.DoesNotContain(alerts, a => a.Entities.Users.Any(u => u.StartsWith("noise", StringComparison.Ordinal)));
    }
}

using Daybreak.Scoping;

namespace Daybreak.Tests.Scoping;

/// <summary>A (user, IP) pair is familiar once seen on enough distinct days and long enough ago, for that user alone: the
/// first user of an IP and the others (kept apart in the table) follow the same rule.</summary>
public sealed class FamiliarPairsTests
{
    private static readonly DateTime T0 = new(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_pair_is_familiar_after_two_distinct_days_and_a_day_since_first_seen()
    {
        var pairs = new FamiliarPairs(familiarAfterDays: 2, familiarAfter: TimeSpan.FromDays(1));
        Assert.False(pairs.See("alice@x.com", 0, T0));
        Assert.False(pairs.See("alice@x.com", 0, T0.AddHours(14)));   // the next day, but not a day after the first sight
        Assert.True(pairs.See("alice@x.com", 0, T0.AddHours(24)));
        Assert.Equal(1, pairs.Count);
    }

    [Fact]
    public void An_evening_past_midnight_is_two_days_but_not_yet_familiar()
    {
        var pairs = new FamiliarPairs(2, TimeSpan.FromDays(1));
        var evening = new DateTime(2026, 1, 5, 22, 0, 0, DateTimeKind.Utc);
        Assert.False(pairs.See("victim@x.com", 3, evening));
        Assert.False(pairs.See("victim@x.com", 3, evening.AddHours(3)));
    }

    [Fact]
    public void Every_user_of_a_shared_ip_has_a_pair_of_its_own()
    {
        var pairs = new FamiliarPairs(2, TimeSpan.FromDays(1));
        for (var d = 0; d < 3; d++) pairs.See("owner@x.com", 5, T0.AddDays(d));
        Assert.True(pairs.See("owner@x.com", 5, T0.AddDays(3)));
        // Others at the same IP: the first sighting of each is new, whatever the IP's first user did there.
        Assert.False(pairs.See("other@x.com", 5, T0.AddDays(3)));
        Assert.False(pairs.See("third@x.com", 5, T0.AddDays(3)));
        Assert.True(pairs.See("other@x.com", 5, T0.AddDays(5)));
        Assert.False(pairs.See("third@x.com", 5, T0.AddDays(3).AddHours(1)));
        // And the owner's pair at another IP is new too.
        Assert.False(pairs.See("owner@x.com", 6, T0.AddDays(3)));
        Assert.Equal(4, pairs.Count);
    }

    [Fact]
    public void Agrees_with_a_dictionary_of_pairs_over_random_sightings()
    {
        var pairs = new FamiliarPairs(2, TimeSpan.FromDays(1));
        var model = new Dictionary<(string, int), (DateTime First, DateOnly Last, int Days)>();
        var random = new Random(11);
        var time = T0;
        for (var i = 0; i < 20_000; i++)
        {
            time = time.AddMinutes(random.Next(30));
            var user = $"user{random.Next(40)}@x.com";
            var ip = random.Next(3) == 0 ? random.Next(5) : random.Next(5_000); // a few shared IPs, many of one user
            var day = DateOnly.FromDateTime(time);
            bool expected;
            if (!model.TryGetValue((user, ip), out var seen))
            {
                model[(user, ip)] = (time, day, 1);
                expected = false;
            }
            else
            {
                if (day > seen.Last) seen = (seen.First, day, Math.Min(seen.Days + 1, 2));
                model[(user, ip)] = seen;
                expected = seen.Days >= 2 && time - seen.First >= TimeSpan.FromDays(1);
            }
            Assert.Equal(expected, pairs.See(user, ip, time));
        }
        Assert.Equal(model.Count, pairs.Count);
    }
}

using Daybreak.Detection.Builtin;

namespace Daybreak.Tests.Detection.Builtin;

/// <summary>Texts seen lately answer as an entity table of keys does, through growth, sweeps, late events and reuse of
/// the slots and arena chunks that expired texts free.</summary>
public sealed class SeenTextsTests
{
    private static readonly DateTime T0 = new(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_text_is_live_for_its_time_to_live_after_its_latest_sighting()
    {
        var seen = new SeenTexts(TimeSpan.FromHours(2));
        Assert.False(seen.TouchWasLive("203.0.113.7", T0));
        Assert.True(seen.IsLive("203.0.113.7", T0.AddHours(2)));
        Assert.False(seen.IsLive("203.0.113.7", T0.AddHours(2).AddTicks(1)));
        Assert.False(seen.IsLive("203.0.113.8", T0));
        // An earlier sighting (a late event) does not move it back; a later one keeps it longer.
        seen.Touch("203.0.113.7", T0.AddHours(-1));
        Assert.Equal(T0, seen.LastSeen("203.0.113.7"));
        Assert.True(seen.TouchWasLive("203.0.113.7", T0.AddHours(1)));
        Assert.True(seen.IsLive("203.0.113.7", T0.AddHours(3)));
        // Texts compare ordinally: case and an accent make other texts.
        Assert.False(seen.IsLive("2001:DB8::1", T0));
        seen.Touch("2001:db8::1", T0);
        Assert.False(seen.IsLive("2001:DB8::1", T0));
        seen.Touch("caf\u00e9", T0);
        Assert.True(seen.IsLive("caf\u00e9", T0));
        Assert.False(seen.IsLive("cafe", T0));
        Assert.Equal(3, seen.Count);
    }

    [Fact]
    public void Expired_texts_are_swept_and_their_memory_reused()
    {
        var seen = new SeenTexts(TimeSpan.FromHours(1));
        var now = T0;
        // Ten hours of 20,000 new IPs an hour: only about the last hour's stay.
        for (var hour = 0; hour < 10; hour++)
        {
            for (var i = 0; i < 20_000; i++)
            {
                now = now.AddMilliseconds(180);
                seen.Touch($"10.{hour}.{i / 256}.{i % 256}", now);
            }
        }
        Assert.InRange(seen.Count, 20_000, 45_000);
        Assert.True(seen.IsLive("10.9.0.0", now));
        Assert.False(seen.IsLive("10.0.0.0", now));
        Assert.Null(seen.LastSeen("10.0.0.0"));
    }

    [Fact]
    public void Agrees_with_an_entity_table_of_keys_through_sweeps_and_late_events()
    {
        var rng = new Random(5);
        var seen = new SeenTexts(TimeSpan.FromHours(2));
        var model = new EntityTable<object>(TimeSpan.FromHours(2), () => "seen");
        var now = T0;
        var live = 0;
        for (var i = 0; i < 50_000; i++)
        {
            // Mostly forward in time, some late events (up to an hour back), keys that recur and keys that lapse.
            now = now.AddSeconds(rng.Next(0, 30));
            var at = rng.Next(10) == 0 ? now.AddMinutes(-rng.Next(60)) : now;
            var key = rng.Next(20) == 0 ? $"host-\u00e9{rng.Next(300)}" : "ip" + rng.Next(rng.Next(2) == 0 ? 50 : 5_000);
            var expected = model.IsLive(key, at);
            Assert.Equal(expected, seen.IsLive(key, at));
            model.Touch(key, at);
            var actual = seen.TouchWasLive(key, at);
            Assert.Equal(expected, actual);
            Assert.Equal(model.LastSeen(key), seen.LastSeen(key));
            if (actual) live++;
        }
        Assert.Equal(model.Count, seen.Count);
        Assert.InRange(live, 10_000, 45_000); // both answers occur often
    }
}

using Daybreak.Detection.Builtin;

namespace Daybreak.Tests.Detection.Builtin;

/// <summary>Per-entity state that expires by event time; a slot is added, found and kept alive in one lookup.</summary>
public sealed class EntityTableTests
{
    private static readonly DateTime T0 = new(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_slot_is_added_once_then_found_and_each_use_keeps_it_alive()
    {
        var table = EntityTable.SetOnly<string>(TimeSpan.FromHours(2));

        ref var slot = ref table.Slot("s1", T0, out var exists);
        Assert.False(exists);
        slot = "first";
        Assert.Equal("first", table.Slot("s1", T0.AddMinutes(90), out exists));
        Assert.True(exists);
        Assert.Equal(T0.AddMinutes(90), table.LastSeen("s1"));
        // Touched at 1:30, so still live at 3:00 (past two hours after it was added), and then gone after 3:30.
        Assert.True(table.IsLive("s1", T0.AddHours(3)));
        table.Slot("other", T0.AddHours(4), out _) = "x";
        Assert.Null(table.Peek("s1"));
        Assert.Equal(1, table.Count);
        // An earlier time does not move last-seen back.
        table.Slot("other", T0.AddHours(3), out exists);
        Assert.True(exists);
        Assert.Equal(T0.AddHours(4), table.LastSeen("other"));
    }

    [Fact]
    public void An_entry_added_with_an_earlier_time_than_the_rest_still_expires_at_the_next_sweep()
    {
        // Sweeps that could remove nothing are skipped by a lower bound on last-seen times; an out-of-order event must
        // lower it, or the old entry would outlive its time-to-live.
        var table = EntityTable.SetOnly<string>(TimeSpan.FromHours(2));
        table.Set("a", "a", T0.AddHours(10));
        table.Set("late", "late", T0.AddHours(1));

        table.Set("b", "b", T0.AddHours(11));

        Assert.Null(table.Peek("late"));
        Assert.Equal("a", table.Peek("a"));
        Assert.Equal(2, table.Count);
        // And entries keep expiring once the oldest reaches its time-to-live, sweep after sweep.
        table.Set("c", "c", T0.AddHours(12.5));
        Assert.Null(table.Peek("a"));
        table.Set("d", "d", T0.AddHours(14));
        Assert.Null(table.Peek("b"));
        Assert.Equal(["c", "d"], table.Entries.Select(e => e.Key).Order());
    }
}

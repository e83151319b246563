using Daybreak.Events;

namespace Daybreak.Tests.Events;

/// <summary>
/// Raw records pooled in an arena: a slab is used again only once every event in it has been released, so an event
/// still held always reads its own bytes; released events read as empty; and a stream that releases what it is done
/// with needs few slabs, however long it is.
/// </summary>
public sealed class RawArenaTests
{
    [Fact]
    public void Held_events_keep_their_bytes_while_released_ones_are_overwritten()
    {
        var arena = new RawArena();
        var random = new Random(5);
        var held = new List<(AuditEvent Event, byte[] Bytes)>();
        for (var i = 0; i < 20_000; i++)
        {
            // Mostly sign-in sized, some larger than a slab takes.
            var bytes = new byte[random.Next(10) == 0 ? random.Next(RawArena.MaxPooledBytes, 3 * RawArena.MaxPooledBytes) : random.Next(1, 6_000)];
            random.NextBytes(bytes);
            held.Add((new AuditEvent($"r{i}", "test", bytes, arena), bytes));
            // Release in a scrambled order, keeping up to a few hundred events in flight.
            while (held.Count > random.Next(50, 400))
            {
                var at = random.Next(held.Count);
                var (evt, original) = held[at];
                Assert.True(evt.RawUtf8().Span.SequenceEqual(original), $"event {evt.RecordId} lost its bytes before it was released");
                evt.ReleaseRaw();
                held.RemoveAt(at);
            }
        }
        foreach (var (evt, original) in held) Assert.True(evt.RawUtf8().Span.SequenceEqual(original));
        // 20,000 records of about 3 KB are about 900 slabs' worth; in flight were at most 400 of them.
        Assert.InRange(arena.SlabsMade, 1, 60);
    }

    [Fact]
    public void A_released_event_reads_as_having_no_raw_record_and_releasing_twice_is_harmless()
    {
        var arena = new RawArena();
        var evt = new AuditEvent("r1", "test", """{"a":1}"""u8, arena);
        Assert.Equal("""{"a":1}""", evt.Raw);
        evt.ReleaseRaw();
        evt.ReleaseRaw();
        Assert.Equal("", evt.Raw);
        Assert.True(evt.RawUtf8().IsEmpty);
        Assert.Same(evt, evt.WithoutRaw());
        // Replacing the raw record also gives the slab back: the next slab-sized run of records reuses it.
        var other = new AuditEvent("r2", "test", new byte[100], arena);
        other.Raw = "{}";
        for (var i = 0; i < 20; i++) new AuditEvent($"x{i}", "test", new byte[RawArena.MaxPooledBytes], arena).ReleaseRaw();
        Assert.Equal(1, arena.SlabsMade);
    }

    [Fact]
    public void Pieces_held_before_their_events_exist_go_to_one_event_each_or_back_to_the_arena()
    {
        // A case reader copies a window's raw records in first, then gives each to the event built for it.
        var arena = new RawArena();
        var pieces = Enumerable.Range(0, 40).Select(i => arena.Hold(System.Text.Encoding.UTF8.GetBytes($"{{\"n\":{i}}}" + new string('x', 3_000)))).ToList();
        var events = new List<AuditEvent>();
        for (var i = 0; i < 30; i++)
        {
            var evt = new AuditEvent { RecordId = $"r{i}", Format = "test", Raw = "" };
            evt.UseRaw(pieces[i]);
            events.Add(evt);
        }
        Assert.All(events.Select((e, i) => (e, i)), x => Assert.StartsWith($"{{\"n\":{x.i}}}", x.e.Raw));
        // Events released and the pieces no event took released: every slab is free again and is what comes next.
        foreach (var evt in events) evt.ReleaseRaw();
        foreach (var piece in pieces.Skip(30)) piece.Release();
        var made = arena.SlabsMade;
        for (var i = 0; i < 40; i++) arena.Hold(new byte[3_000]).Release();
        Assert.Equal(made, arena.SlabsMade);
    }

    [Fact]
    public void Without_an_arena_each_event_owns_its_bytes()
    {
        var bytes = "{\"b\":2}"u8.ToArray();
        var evt = new AuditEvent("r1", "test", bytes, arena: null);
        bytes[2] = (byte)'c';
        Assert.Equal("{\"b\":2}", evt.Raw);
    }
}

using Daybreak.Events;
using Daybreak.Storage;

namespace Daybreak.Tests;

/// <summary>The hunt reads the case window by window; the windows must add up to one total event-time order.</summary>
public sealed class OrderedReadTests
{
    private static AuditEvent Event(int n, DateTime time, bool mail)
    {
        var evt = new AuditEvent
        {
            RecordId = $"ual:{n:D4}",
            Format = "test",
            Raw = "{\"n\":" + n + "}",
            Time = time,
            Source = SourceKind.Ual,
            Operation = mail ? "MailItemsAccessed" : "UserLoggedIn",
        };
        if (mail)
        {
            evt.Mail = new MailAccess { MailboxOwnerUpn = "ceo@contoso.com", AccessType = "Bind" };
            var folder = new MailFolder { Path = "\\Inbox" };
            folder.Items.Add(new MailItem($"<m{n}@x>", n, null));
            evt.Mail.Folders.Add(folder);
        }
        return evt;
    }

    /// <summary>Events over 30 hours, written in a shuffled order, several per instant, every third with a mail item.</summary>
    private static List<AuditEvent> WriteShuffled(CaseStore store)
    {
        var start = new DateTime(2024, 1, 10, 0, 0, 0, DateTimeKind.Utc);
        var events = Enumerable.Range(0, 600)
            .Select(n => Event(n, start.AddMinutes(n % 7 == 0 ? (n / 7) * 7 : n * 3), mail: n % 3 == 0))
            .ToList();
        using var writer = new EventWriter(store, batchSize: 97);
        foreach (var evt in events.OrderBy(e => (e.RecordId.GetHashCode() & 0xff, e.RecordId), Comparer<(int, string)>.Default))
            writer.Write(evt);
        writer.Flush();
        return events;
    }

    [Fact]
    public void Raw_records_come_back_as_the_bytes_written_and_the_same_text()
    {
        using var dir = new TempDir();
        using var store = CaseStore.Open(dir.File("case.duckdb"));
        string[] raws = ["{\"name\":\"Zo\u00eb \ud83e\udd86 \u4e2d\"}", "", "{\"n\":1}", new string('x', 70_000)];
        using (var writer = new EventWriter(store))
        {
            for (var n = 0; n < raws.Length; n++)
            {
                var evt = Event(n, new DateTime(2024, 1, 10, 0, n, 0, DateTimeKind.Utc), mail: false);
                evt.Raw = raws[n];
                writer.Write(evt);
            }
            writer.Flush();
        }
        var read = EventReader.ReadOrdered(store).ToList();
        Assert.Equal(raws, read.Select(e => e.Raw));
        // Read back as UTF-8, so a Sigma view parses the bytes and no UTF-16 copy is made unless asked for.
        Assert.Equal(raws.Select(System.Text.Encoding.UTF8.GetBytes), read.Select(e => e.RawUtf8().ToArray()));
        // Into an arena: the same bytes, each event holding its part of a slab.
        var arena = new RawArena();
        var pooled = EventReader.ReadOrdered(store, arena: arena).ToList();
        Assert.Equal(raws, pooled.Select(e => e.Raw));
        Assert.Equal(1, arena.SlabsMade);
        // When nothing reads them, raw records are not read at all; every other field still is.
        var bare = EventReader.ReadOrdered(store, withRaw: false).ToList();
        Assert.All(bare, e => Assert.Equal("", e.Raw));
        Assert.Equal(read.Select(e => (e.RecordId, e.Time, e.Actor.Upn)), bare.Select(e => (e.RecordId, e.Time, e.Actor.Upn)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(25)]
    [InlineData(1_000_000)]
    public void Windowed_reads_give_one_total_order_with_every_mail_item(int windowRows)
    {
        using var dir = new TempDir();
        using var store = CaseStore.Open(dir.File("case.duckdb"));
        var written = WriteShuffled(store);

        var read = EventReader.ReadOrdered(store, windowRows).ToList();

        var expected = written.OrderBy(e => e.Time).ThenBy(e => e.RecordId, StringComparer.Ordinal).Select(e => e.RecordId);
        Assert.Equal(expected, read.Select(e => e.RecordId));
        Assert.All(read.Where(e => e.Operation == "MailItemsAccessed"), e =>
            Assert.Equal($"<m{int.Parse(e.RecordId[4..])}@x>", e.Mail!.Folders.Single().Items.Single().InternetMessageId));
        Assert.All(read.Where(e => e.Operation != "MailItemsAccessed"), e => Assert.Null(e.Mail));
    }

    [Fact]
    public void Windows_are_whole_hours_holding_at_most_the_asked_rows_unless_one_hour_holds_more()
    {
        using var dir = new TempDir();
        using var store = CaseStore.Open(dir.File("case.duckdb"));
        var written = WriteShuffled(store);
        var perHour = written.GroupBy(e => new DateTime(e.Time.Ticks - e.Time.Ticks % TimeSpan.TicksPerHour)).ToDictionary(g => g.Key, g => g.Count());

        var windows = EventReader.TimeWindows(store, 40);

        Assert.Equal(perHour.Keys.Min(), windows[0].From);
        Assert.Equal(perHour.Keys.Max().AddHours(1), windows[^1].To);
        for (var i = 1; i < windows.Count; i++) Assert.Equal(windows[i - 1].To, windows[i].From);
        foreach (var (from, to) in windows)
        {
            Assert.Equal(0, from.Minute + from.Second);
            var hours = perHour.Where(h => h.Key >= from && h.Key < to).ToList();
            Assert.True(hours.Count == 1 || hours.Sum(h => h.Value) <= 40, $"window {from:HH}-{to:HH} holds {hours.Sum(h => h.Value)} rows");
        }
    }

    [Fact]
    public void An_empty_case_reads_as_no_events()
    {
        using var dir = new TempDir();
        using var store = CaseStore.Open(dir.File("case.duckdb"));
        Assert.Empty(EventReader.ReadOrdered(store));
    }

    [Theory]
    [InlineData("3GB", "3GB")]
    [InlineData(" 750 MiB ", "750 MiB")]
    [InlineData("1.5GB", "1.5GB")]
    [InlineData("2GB'; DROP TABLE events; --", CaseStore.DefaultMemoryLimit)]
    [InlineData("lots", CaseStore.DefaultMemoryLimit)]
    public void The_memory_cap_takes_a_valid_size_from_the_environment_and_nothing_else(string value, string expected)
    {
        var before = Environment.GetEnvironmentVariable(CaseStore.MemoryLimitVariable);
        try
        {
            Environment.SetEnvironmentVariable(CaseStore.MemoryLimitVariable, value);
            Assert.Equal(expected, CaseStore.MemoryLimit);
            using var dir = new TempDir();
            using var store = CaseStore.Open(dir.File("case.duckdb"));
            var applied = (string)store.Query("SELECT current_setting('memory_limit')").Rows[0][0]!;
            Assert.True(GiB(applied) < 3.5, applied); // DuckDB's own default is 80% of the machine
            using (new EventWriter(store)) { }
            Assert.Equal(applied, (string)store.Query("SELECT current_setting('memory_limit')").Rows[0][0]!);
        }
        finally
        {
            Environment.SetEnvironmentVariable(CaseStore.MemoryLimitVariable, before);
        }
    }

    private static double GiB(string size)
    {
        var parts = size.Split(' ');
        var n = double.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        return parts[1] switch { "GiB" => n, "MiB" => n / 1024, "KiB" => n / 1024 / 1024, _ => n * 1024 };
    }
}

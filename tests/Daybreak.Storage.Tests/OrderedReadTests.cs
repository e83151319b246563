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

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Targets_come_back_as_written_when_lists_repeat_and_when_thousands_differ(bool withRaw)
    {
        // Repeated lists are parsed once and shared; more distinct lists than are kept parsed start the table again.
        using var dir = new TempDir();
        using var store = CaseStore.Open(dir.File("case.duckdb"));
        var start = new DateTime(2024, 1, 10, 0, 0, 0, DateTimeKind.Utc);
        var written = new List<AuditEvent>();
        using (var writer = new EventWriter(store))
        {
            for (var n = 0; n < 9000; n++)
            {
                var evt = Event(n, start.AddSeconds(n), mail: false);
                var id = n % 2 == 0 ? "app-" + (n % 5) : "user-" + n;
                var target = new Target { Kind = n % 2 == 0 ? "Application" : "User", Id = id, Name = "name of " + id };
                if (n % 3 == 0) target.ModifiedProperties.Add(new ModifiedProperty("Prop", "old " + (n % 4), "new"));
                evt.Targets.Add(target);
                if (n % 7 == 0) evt.Targets.Add(new Target { Kind = "Mailbox", Name = "ceo@contoso.com" });
                writer.Write(evt);
                written.Add(evt);
            }
            writer.Flush();
        }
        var read = EventReader.ReadOrdered(store, withRaw: withRaw).ToList();
        Assert.Equal(written.Count, read.Count);
        static string Describe(AuditEvent e) => string.Join(" | ", e.Targets.Select(t =>
            $"{t.Kind} {t.Id} {t.Name} {t.AppId} [{string.Join(", ", t.ModifiedProperties.Select(p => $"{p.Name}={p.OldValue}->{p.NewValue}"))}]"));
        for (var i = 0; i < read.Count; i++) Assert.Equal(Describe(written[i]), Describe(read[i]));
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
    [InlineData(1, true)]
    [InlineData(25, true)]
    [InlineData(1_000_000, true)]
    [InlineData(1, false)]
    [InlineData(25, false)]
    [InlineData(1_000_000, false)]
    public void Windowed_reads_give_one_total_order_with_every_mail_item(int windowRows, bool withRaw)
    {
        using var dir = new TempDir();
        using var store = CaseStore.Open(dir.File("case.duckdb"));
        var written = WriteShuffled(store);

        var read = EventReader.ReadOrdered(store, windowRows, withRaw: withRaw).ToList();

        var expected = written.OrderBy(e => e.Time).ThenBy(e => e.RecordId, StringComparer.Ordinal).Select(e => e.RecordId);
        Assert.Equal(expected, read.Select(e => e.RecordId));
        Assert.All(read.Where(e => e.Operation == "MailItemsAccessed"), e =>
            Assert.Equal($"<m{int.Parse(e.RecordId[4..])}@x>", e.Mail!.Folders.Single().Items.Single().InternetMessageId));
        Assert.All(read.Where(e => e.Operation != "MailItemsAccessed"), e => Assert.Null(e.Mail));
        // Each event meets its own raw record, read apart from the sorted rows (and, from the second window, ahead).
        Assert.All(read, e => Assert.Equal(withRaw ? "{\"n\":" + int.Parse(e.RecordId[4..]) + "}" : "", e.Raw));
    }

    [Fact]
    public void A_case_opened_read_only_reads_the_same_events_and_raw_records()
    {
        // A read-only case has one connection and no second one to read the next window's raw records ahead on.
        using var dir = new TempDir();
        var path = dir.File("case.duckdb");
        List<(string, string, int)> written;
        using (var store = CaseStore.Open(path))
        {
            WriteShuffled(store);
            written = [.. EventReader.ReadOrdered(store, windowRows: 25).Select(e => (e.RecordId, e.Raw, e.Mail?.Folders.Count ?? 0))];
        }
        using var readOnly = CaseStore.OpenReadOnly(path);

        var read = EventReader.ReadOrdered(readOnly, windowRows: 25).Select(e => (e.RecordId, e.Raw, e.Mail?.Folders.Count ?? 0)).ToList();

        Assert.Equal(600, read.Count);
        Assert.Equal(written, read);
        Assert.All(read, e => Assert.StartsWith("{\"n\":", e.Item2));
    }

    [Fact]
    public void A_window_read_that_gives_fewer_rows_than_planned_is_an_error_not_a_shorter_hunt()
    {
        // DuckDB.NET takes a streamed fetch that failed for the end of the rows: the count planned is what tells.
        using var dir = new TempDir();
        using var store = CaseStore.Open(dir.File("case.duckdb"));
        WriteShuffled(store);
        var window = EventReader.TimeWindows(store, 1_000_000).Single();
        Assert.Equal(600, EventReader.WindowRows(store, "SELECT * FROM events e WHERE {1}", window, r => r.GetString(0)).Count());
        var planned = window with { Rows = window.Rows + 1 };
        var ex = Assert.Throws<StoreException>(() => EventReader.WindowRows(store, "SELECT * FROM events e WHERE {1}", planned, r => r.GetString(0)).Count());
        Assert.Contains("600 of its 601 rows", ex.Message);
        Assert.Equal(600, EventReader.ReadOrdered(store).Count()); // the case still reads
    }

    [Fact]
    public void A_raw_record_read_that_gives_fewer_rows_than_planned_or_lacks_a_row_is_an_error()
    {
        // The raw records are read apart from the sorted rows: the two reads must agree, or the hunt stops and says so.
        using var dir = new TempDir();
        using var store = CaseStore.Open(dir.File("case.duckdb"));
        WriteShuffled(store);
        var window = EventReader.TimeWindows(store, 1_000_000).Single();
        using var second = store.OpenSecondReader()!;
        var raws = new RawRecordWindow(new RawArena()).Load(second, window);
        Assert.StartsWith("{\"n\":", System.Text.Encoding.UTF8.GetString(raws.Take(0).Bytes.Span));

        var ex = Assert.Throws<StoreException>(() => raws.Load(second, window with { Rows = window.Rows + 1 }));
        Assert.Contains("600 of its 601 rows", ex.Message);
        Assert.Contains("not among its window's raw records", Assert.Throws<StoreException>(() => raws.Take(10_000)).Message);
    }

    [Fact]
    public void Windows_are_whole_minutes_holding_at_most_the_asked_rows_unless_one_minute_holds_more()
    {
        using var dir = new TempDir();
        using var store = CaseStore.Open(dir.File("case.duckdb"));
        var written = WriteShuffled(store);
        var perMinute = written.GroupBy(e => new DateTime(e.Time.Ticks - e.Time.Ticks % TimeSpan.TicksPerMinute)).ToDictionary(g => g.Key, g => g.Count());

        var windows = EventReader.TimeWindows(store, 40);

        Assert.Equal(perMinute.Keys.Min(), windows[0].From);
        Assert.Equal(perMinute.Keys.Max().AddMinutes(1), windows[^1].To);
        for (var i = 1; i < windows.Count; i++) Assert.Equal(windows[i - 1].To, windows[i].From);
        Assert.Equal(written.Count, windows.Sum(w => w.Rows));
        foreach (var (from, to, rows) in windows)
        {
            Assert.Equal(0, from.Second + from.Millisecond);
            var minutes = perMinute.Where(m => m.Key >= from && m.Key < to).ToList();
            Assert.Equal(minutes.Sum(m => m.Value), rows);
            Assert.True(minutes.Count == 1 || minutes.Sum(m => m.Value) <= 40, $"window {from:HH:mm}-{to:HH:mm} holds {minutes.Sum(m => m.Value)} rows");
        }
    }

    /// <summary>Record ids come from logs: where UTF-16 and UTF-8 order differ, the case's order is DuckDB's (UTF-8 bytes).</summary>
    private static readonly string[] OddIds =
    [
        "ual:a", "ual:b", "ual:\uffff", "ual:\ue000", "ual:\ud83e\udd86", "ual:\U0001F600x", "ual:\u00e9", "ual:", "ual:a\u0000",
        "ual:\ud800\udc00", "ual:\udbff\udfff", "ual:\uFB01", "ual:Z", "ual:zz",
    ];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Events_of_one_instant_come_in_the_order_DuckDB_sorts_their_record_ids(bool withRaw)
    {
        using var dir = new TempDir();
        using var store = CaseStore.Open(dir.File("case.duckdb"));
        var at = new DateTime(2024, 1, 10, 8, 0, 0, DateTimeKind.Utc);
        using (var writer = new EventWriter(store))
        {
            foreach (var id in OddIds.Reverse())
            {
                var evt = Event(0, at, mail: false);
                evt.RecordId = System.Text.RegularExpressions.Regex.Unescape(id);
                writer.Write(evt);
            }
            writer.Flush();
        }
        var sorted = store.Query("SELECT record_id FROM events ORDER BY time, record_id").Rows.Select(r => (string)r[0]!).ToList();

        Assert.Equal(sorted, EventReader.ReadOrdered(store, withRaw: withRaw).Select(e => e.RecordId));
        // The fixture must reach the case where the orders differ, or this test proves nothing.
        Assert.NotEqual(sorted, sorted.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_reader_left_midway_leaves_the_store_free_for_the_next_query()
    {
        using var dir = new TempDir();
        using var store = CaseStore.Open(dir.File("case.duckdb"));
        WriteShuffled(store);

        // Ten events into a read of many windows: the next window is being read ahead when the consumer stops.
        var first = EventReader.ReadOrdered(store, windowRows: 5).Take(10).ToList();

        Assert.Equal(10, first.Count);
        Assert.Equal(600L, Convert.ToInt64(store.Query("SELECT count(*) FROM events").Rows[0][0]));
        Assert.Equal(600, EventReader.ReadOrdered(store, windowRows: 5).Count());
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

using Daybreak.Events;
using Daybreak.Storage;
using DuckDB.NET.Data;

namespace Daybreak.Tests;

/// <summary>Background append lanes, the case file's row groups and its storage format.</summary>
public sealed class IngestLaneTests
{
    private static AuditEvent Event(int i, int rawBytes = 0)
    {
        var evt = new AuditEvent
        {
            RecordId = "ual:" + i,
            Format = "test",
            Raw = "{\"Id\":" + i + Padding(i, rawBytes) + "}",
            Time = new DateTime(2024, 1, 10, 12, 0, 0, DateTimeKind.Utc).AddSeconds(i),
            Source = SourceKind.Ual,
            Operation = "MailItemsAccessed",
            TenantId = "t1",
        };
        if (i % 3 == 0)
        {
            evt.Mail = new MailAccess { MailboxOwnerUpn = $"user{i % 7}@contoso.com", AccessType = "Bind" };
            var folder = new MailFolder { Path = "\\Inbox" };
            folder.Items.AddRange(Enumerable.Range(0, i % 4).Select(m => new MailItem($"<m{i}.{m}@x>", 100 + m, null)));
            evt.Mail.Folders.Add(folder);
        }
        return evt;
    }

    /// <summary>
    /// About <paramref name="bytes"/> of record-like JSON: long stretches every record repeats (names, tenant, client
    /// strings) around an id that does not repeat, as in real exports.
    /// </summary>
    private static string Padding(int seed, int bytes)
    {
        var text = new System.Text.StringBuilder();
        for (var j = 0; text.Length < bytes; j++)
            text.Append(",\"OperationProperties").Append(j).Append("\":[{\"Name\":\"MailAccessType\",\"Value\":\"Bind\"},")
                .Append("{\"Name\":\"IsThrottled\",\"Value\":\"False\"}],\"ClientInfoString\":\"Client=REST;Client=RESTSystem;;\",")
                .Append("\"Id").Append(j).Append("\":\"").Append(new Guid(seed, (short)j, 7, 1, 2, 3, 4, 5, 6, 7, 8)).Append('"');
        return text.ToString();
    }

    private static List<string> Dump(CaseStore store) =>
        [
            .. store.Query("SELECT record_id || '|' || time || '|' || raw FROM events ORDER BY record_id").Rows.Select(r => (string)r[0]!),
            .. store.Query("SELECT record_id || '|' || mailbox_owner_upn || '|' || coalesce(internet_message_id, '-') FROM mail_items ORDER BY ALL").Rows.Select(r => (string)r[0]!),
        ];

    private static List<string> Ingest(string db, int lanes, int count, int batchSize, int rawBytes = 0)
    {
        using var store = CaseStore.Open(db);
        using (var writer = new EventWriter(store, batchSize, lanes))
        {
            for (var i = 0; i < count; i++)
            {
                writer.Write(Event(i, rawBytes));
                if (i % 50 == 0) writer.Write(Event(i, rawBytes)); // the same record again in the same run
            }
            writer.Flush();
            Assert.Equal(count, writer.Inserted);
            writer.Dispose(); // and again at the end of the block: disposing twice is allowed
        }
        return Dump(store);
    }

    [Fact]
    public void Lanes_store_exactly_what_the_caller_thread_stores()
    {
        using var dir = new TempDir();
        // 7 rows per batch, 3 lanes: batches go round the lanes many times, the last one partial.
        var inline = Ingest(dir.File("inline.duckdb"), lanes: 0, count: 1_000, batchSize: 7);
        var laned = Ingest(dir.File("laned.duckdb"), lanes: 3, count: 1_000, batchSize: 7);
        Assert.Equal(1_000 + Enumerable.Range(0, 1_000).Where(i => i % 3 == 0).Sum(i => Math.Max(1, i % 4)), inline.Count);
        Assert.Equal(inline, laned);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Raw_records_in_an_arena_are_stored_the_same_and_released_once_appended(int lanes)
    {
        using var dir = new TempDir();
        // About 3 KB a record: 1.8 MB in all, 28 slabs' worth.
        var plain = Ingest(dir.File("plain.duckdb"), lanes: 0, count: 600, batchSize: 7, rawBytes: 3_000);
        var arena = new RawArena();
        var written = new List<AuditEvent>();
        using (var store = CaseStore.Open(dir.File("pooled.duckdb")))
        {
            using (var writer = new EventWriter(store, batchSize: 7, lanes: lanes, releaseRaw: true))
            {
                for (var i = 0; i < 600; i++)
                {
                    for (var copy = 0; copy < (i % 50 == 0 ? 2 : 1); copy++)
                    {
                        // As a decoder reading into an arena gives them: the raw record as bytes in a slab.
                        var evt = Event(i, 3_000);
                        evt.UseRawUtf8(System.Text.Encoding.UTF8.GetBytes(evt.Raw), arena);
                        written.Add(evt);
                        writer.Write(evt);
                    }
                }
                writer.Flush();
            }
            Assert.Equal(plain, Dump(store));
        }
        // Every event gave its raw record back, repeats included, so the arena's slabs were used again: only those
        // of the events in flight to the lanes were ever made.
        Assert.All(written, e => Assert.Equal("", e.Raw));
        Assert.InRange(arena.SlabsMade, 1, lanes == 0 ? 2 : 10);
    }

    [Fact]
    public void Reingesting_through_lanes_adds_nothing()
    {
        using var dir = new TempDir();
        var db = dir.File("case.duckdb");
        var first = Ingest(db, lanes: 2, count: 300, batchSize: 16);
        using var store = CaseStore.Open(db);
        using var writer = new EventWriter(store, batchSize: 16, lanes: 2); // a case with events stages, on the caller's thread
        for (var i = 0; i < 300; i++) writer.Write(Event(i));
        writer.Flush();
        Assert.Equal(0, writer.Inserted);
        Assert.Equal(first, Dump(store));
    }

    [Fact]
    public void A_failing_lane_surfaces_at_the_next_call_and_committed_batches_stay()
    {
        using var dir = new TempDir();
        var db = dir.File("case.duckdb");
        using (var store = CaseStore.Open(db))
        using (var writer = new EventWriter(store, batchSize: 10, lanes: 2))
        {
            for (var i = 0; i < 10; i++) writer.Write(Event(i)); // batch 1: lane 0
            var bad = Event(10);
            bad.Format = null!; // violates NOT NULL when lane 1 commits batch 2
            writer.Write(bad);
            var failure = Record.Exception(() =>
            {
                for (var i = 11; i < 20; i++) writer.Write(Event(i));
                writer.Flush();
            });
            Assert.NotNull(failure);
            Assert.Contains("NOT NULL", failure.Message, StringComparison.OrdinalIgnoreCase);
        }
        using var read = CaseStore.OpenReadOnly(db);
        Assert.Equal(10L, read.Query("SELECT count(*) FROM events").Rows[0][0]);
        Assert.Equal(0L, read.Query("SELECT count(*) FROM events WHERE record_id IN ('ual:10', 'ual:15')").Rows[0][0]);
    }

    [Fact]
    public void Row_groups_are_the_case_files_size_and_long_raw_records_are_compressed()
    {
        using var dir = new TempDir();
        var db = dir.File("case.duckdb");
        const int count = CaseStore.RowGroupRows * 2 + 100;
        using (var store = CaseStore.Open(db))
        using (var writer = new EventWriter(store, lanes: 2))
        {
            for (var i = 0; i < count; i++) writer.Write(Event(i, rawBytes: 5_000)); // a long sign-in record
            writer.Flush();
        }
        using var read = CaseStore.OpenReadOnly(db);
        var groups = read.Query("SELECT row_group_id, max(start + count) - min(start) FROM pragma_storage_info('events') WHERE column_name = 'record_id' GROUP BY ALL ORDER BY 1").Rows;
        Assert.Equal([(long)CaseStore.RowGroupRows, CaseStore.RowGroupRows, 100], groups.Select(r => Convert.ToInt64(r[1])).Order().Reverse());
        // DuckDB picks a method per segment by its estimated size; a small one (the last 100 rows) may go another way.
        var zstdRows = read.Query("SELECT coalesce(sum(count) FILTER (WHERE compression = 'ZSTD'), 0)::BIGINT FROM pragma_storage_info('events') WHERE column_name = 'raw' AND segment_type = 'VARCHAR'").Rows[0][0];
        Assert.True(Convert.ToInt64(zstdRows) >= 2 * CaseStore.RowGroupRows, $"{zstdRows} raw records in zstd segments: " + string.Join("; ", read.Query("SELECT row_group_id, compression, sum(count) FROM pragma_storage_info('events') WHERE column_name = 'raw' AND segment_type = 'VARCHAR' GROUP BY ALL ORDER BY ALL").Rows.Select(r => string.Join(",", r))));
        // 165 MB of raw text, which DuckDB's older format (v0.10.2) keeps uncompressed at this length.
        Assert.True(new FileInfo(db).Length < 40_000_000, $"case file of {new FileInfo(db).Length:N0} bytes");
    }

    [Fact]
    public void A_case_path_with_quotes_semicolons_and_spaces_opens_as_asked_and_spills_beside_itself()
    {
        using var dir = new TempDir();
        var db = dir.File("o'brien's case;ACCESS_MODE=READ_WRITE; DROP TABLE events.duckdb");
        Ingest(db, lanes: 2, count: 20, batchSize: 8);
        using var store = CaseStore.OpenReadOnly(db);
        Assert.Equal(20L, store.Query("SELECT count(*) FROM events").Rows[0][0]);
        Assert.Throws<StoreException>(() => store.Query("DELETE FROM events")); // still read-only
        Assert.Equal(db + ".tmp", store.Query("SELECT current_setting('temp_directory')").Rows[0][0]);
    }

    [Fact]
    public void A_case_file_in_the_older_storage_format_still_opens_and_takes_events()
    {
        using var dir = new TempDir();
        var db = dir.File("old.duckdb");
        using (var plain = new DuckDBConnection("Data Source=" + db)) // DuckDB's default format, as earlier cases were made
        {
            plain.Open();
            using var cmd = plain.CreateCommand();
            cmd.CommandText = "CREATE TABLE notes (a INTEGER); INSERT INTO notes VALUES (42)";
            cmd.ExecuteNonQuery();
        }
        Ingest(db, lanes: 2, count: 50, batchSize: 16);
        using var read = CaseStore.OpenReadOnly(db);
        Assert.Equal(50L, read.Query("SELECT count(*) FROM events").Rows[0][0]);
        Assert.Equal(42, read.Query("SELECT a FROM notes").Rows[0][0]);
    }
}

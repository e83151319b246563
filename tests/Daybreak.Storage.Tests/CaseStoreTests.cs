using Daybreak.Events;
using Daybreak.Storage;

namespace Daybreak.Tests;

public sealed class CaseStoreTests
{
    private static AuditEvent Event(string id, int minute = 0, string? owner = null, params string[] messageIds)
    {
        var evt = new AuditEvent
        {
            RecordId = "ual:" + id,
            Format = "test",
            Raw = "{\"Id\":\"" + id + "\"}",
            Time = new DateTime(2024, 1, 10, 12, minute, 0, DateTimeKind.Utc),
            Source = SourceKind.Ual,
            Operation = "MailItemsAccessed",
            TenantId = "t1",
        };
        if (owner is not null)
        {
            evt.Mail = new MailAccess { MailboxOwnerUpn = owner, AccessType = "Bind" };
            var folder = new MailFolder { Path = "\\Inbox" };
            folder.Items.AddRange(messageIds.Select(m => new MailItem(m, 100, null)));
            evt.Mail.Folders.Add(folder);
        }
        return evt;
    }

    [Fact]
    public void Events_and_mail_items_round_trip_and_reingest_adds_nothing()
    {
        using var dir = new TempDir();
        var db = dir.File("case.duckdb");
        for (var pass = 0; pass < 2; pass++)
        {
            using var store = CaseStore.Open(db);
            using var writer = new EventWriter(store, batchSize: 2);
            writer.Write(Event("a", 1, "ceo@contoso.com", "<m1@x>", "<m2@x>"));
            writer.Write(Event("b", 2));
            writer.Write(Event("c", 3, "cfo@contoso.com", "<m3@x>"));
            writer.Write(Event("a", 1, "ceo@contoso.com", "<m1@x>", "<m2@x>")); // same record again in the same run
            writer.Flush();
            Assert.Equal(pass == 0 ? 3 : 0, writer.Inserted);
        }
        using var read = CaseStore.OpenReadOnly(db);
        Assert.Equal(3L, read.Query("SELECT count(*) FROM events").Rows[0][0]);
        var items = read.Query("SELECT mailbox_owner_upn, internet_message_id FROM mail_items ORDER BY 2").Rows;
        Assert.Equal(["<m1@x>", "<m2@x>", "<m3@x>"], items.Select(r => (string)r[1]!));
        Assert.Equal("ceo@contoso.com", items[0][0]);
        var row = read.Query("SELECT time, source, raw FROM events WHERE record_id = 'ual:a'").Rows.Single();
        Assert.Equal(new DateTime(2024, 1, 10, 12, 1, 0), (DateTime)row[0]!);
        Assert.Equal("ual", row[1]);
        Assert.Equal("{\"Id\":\"a\"}", row[2]);
    }

    [Fact]
    public void A_crash_before_a_batch_commits_leaves_whole_batches_and_a_rerun_completes()
    {
        using var dir = new TempDir();
        var db = dir.File("case.duckdb");
        using (var store = CaseStore.Open(db))
        {
            var writer = new EventWriter(store, batchSize: 3);
            for (var i = 0; i < 5; i++) writer.Write(Event("e" + i, i));
            // The process dies here: no Flush, the last two events sit in the session-only staging table.
        }
        using (var store = CaseStore.OpenReadOnly(db))
            Assert.Equal(3L, store.Query("SELECT count(*) FROM events").Rows[0][0]);

        using (var store = CaseStore.Open(db))
        using (var writer = new EventWriter(store, batchSize: 3))
        {
            for (var i = 0; i < 5; i++) writer.Write(Event("e" + i, i));
            writer.Flush();
            Assert.Equal(2, writer.Inserted);
        }
        using var final = CaseStore.OpenReadOnly(db);
        Assert.Equal(5L, final.Query("SELECT count(DISTINCT record_id) FROM events").Rows[0][0]);
    }

    [Fact]
    public void Read_only_store_refuses_writes_and_file_access()
    {
        using var dir = new TempDir();
        var db = dir.File("case.duckdb");
        CaseStore.Open(db).Dispose();
        using var store = CaseStore.OpenReadOnly(db);
        Assert.Throws<StoreException>(() => store.Query("DELETE FROM events"));
        Assert.Throws<StoreException>(() => store.Query("CREATE TABLE x (a INT)"));
        Assert.Throws<StoreException>(() => store.Query($"COPY (SELECT 1) TO '{dir.File("out.csv")}'"));
        Assert.False(File.Exists(dir.File("out.csv")));
        Assert.Throws<StoreException>(() => store.Query("SET enable_external_access = true"));
    }

    [Fact]
    public void A_query_that_fails_partway_through_its_rows_fails_as_a_store_error()
    {
        // Not streamed: a streamed result that fails partway may read as a shorter one (EventReader checks counts).
        using var dir = new TempDir();
        var db = dir.File("case.duckdb");
        CaseStore.Open(db).Dispose();
        using var store = CaseStore.OpenReadOnly(db);
        const string sql = "SELECT CAST(CASE WHEN i < 3000000 THEN '1' ELSE 'x' END AS INTEGER) AS n FROM range(3000001) t(i)";
        var ex = Assert.Throws<StoreException>(() => store.Stream(sql, out _).Count());
        Assert.Contains("Conversion Error", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, Convert.ToInt32(store.Query("SELECT 1").Rows[0][0])); // the case still answers
    }

    /// <summary>How the case stores the raw column's segments, after a checkpoint.</summary>
    private static string[] RawCompression(CaseStore store) =>
        store.Query("SELECT DISTINCT compression FROM pragma_storage_info('events') WHERE column_name = 'raw' AND compression <> 'Constant' ORDER BY 1")
            .Rows.Select(r => (string)r[0]!).ToArray();

    private static void WriteVaried(CaseStore store, string prefix, int count)
    {
        using var writer = new EventWriter(store);
        for (var i = 0; i < count; i++)
        {
            var evt = Event(prefix + i, i % 60);
            // Short, varied records: DuckDB's own choice for these is FSST.
            evt.Raw = "{\"Id\":\"" + prefix + i + "\",\"Operation\":\"MailItemsAccessed\",\"ClientIP\":\"10.0." + (i % 250) + "." + (i % 7) + "\",\"UserId\":\"user" + (i % 97) + "@contoso.com\"}";
            writer.Write(evt);
        }
        writer.Flush();
    }

    [Fact]
    public void A_new_case_stores_raw_records_with_zstd_and_an_old_case_keeps_its_own()
    {
        using var dir = new TempDir();
        var fresh = dir.File("fresh.duckdb");
        using (var store = CaseStore.Open(fresh)) WriteVaried(store, "n", 20_000);
        using (var store = CaseStore.OpenReadOnly(fresh)) Assert.Equal(["ZSTD"], RawCompression(store));

        // A case written before version 5 (played by undoing its record of version 5 and the column's setting): it
        // holds events, so version 5 leaves its raw records where they are, and they read back unchanged.
        var old = dir.File("old.duckdb");
        using (var store = CaseStore.Open(old))
        {
            PlayBackToVersion5(store);
            store.Query("DELETE FROM schema_version WHERE version >= 5");
            store.Query("ALTER TABLE events DROP COLUMN raw; ALTER TABLE events ADD COLUMN raw VARCHAR; ALTER TABLE events ALTER COLUMN raw SET NOT NULL");
            WriteVaried(store, "o", 20_000);
        }
        using (var store = CaseStore.Open(old))
        {
            Assert.Equal(Daybreak.Storage.Migrations.Migrator.Current, store.SchemaVersion);
            Assert.Equal(20_000L, Convert.ToInt64(store.Query("SELECT count(*) FROM events WHERE raw LIKE '{\"Id\":\"o%'").Rows[0][0]));
            Assert.DoesNotContain("ZSTD", RawCompression(store));
        }
    }

    /// <summary>Makes a case look as version 5 left it: mail_items a table with every column, no mail_item_rows.</summary>
    private static void PlayBackToVersion5(CaseStore store) =>
        store.Query("""
            CREATE TABLE old_items AS SELECT * FROM mail_items;
            DROP VIEW mail_items;
            DROP TABLE mail_item_rows;
            ALTER TABLE old_items RENAME TO mail_items;
            DELETE FROM schema_version WHERE version >= 6;
            """);

    [Fact]
    public void Mail_item_rows_hold_no_copy_of_their_events_owner_and_the_mail_items_view_joins_it_back()
    {
        using var dir = new TempDir();
        using var store = CaseStore.Open(dir.File("case.duckdb"));
        using (var writer = new EventWriter(store))
        {
            writer.Write(Event("a", 1, "ceo@contoso.com", "<m1@x>", "<m2@x>"));
            writer.Flush();
        }
        var columns = store.Query("SELECT column_name FROM duckdb_columns() WHERE table_name = 'mail_item_rows' ORDER BY column_index").Rows.Select(r => (string)r[0]!);
        Assert.Equal(["record_id", "time", "folder_id", "folder_path", "internet_message_id", "size_bytes", "immutable_id"], columns);
        var items = store.Query("SELECT record_id, mailbox_owner_upn, access_type, folder_path, internet_message_id, size_bytes FROM mail_items ORDER BY internet_message_id").Rows
            .Select(r => string.Join("|", r)).ToList();
        Assert.Equal(["ual:a|ceo@contoso.com|Bind|\\Inbox|<m1@x>|100", "ual:a|ceo@contoso.com|Bind|\\Inbox|<m2@x>|100"], items);
    }

    [Fact]
    public void Message_and_folder_ids_the_decoder_kept_as_utf8_are_stored_as_their_text()
    {
        // One Management Activity API line as .NET writes it (< and > escaped), read by the single-pass reader, which
        // keeps the ids as UTF-8 (unescaped, or as written when not ASCII); one id has an escape past ASCII and is kept as
        // text. Both kinds must store the same.
        const string line = """
            {"CreationTime":"2024-01-12T03:04:05","Id":"5d2f8a61-0c3e-4d7e-9a1b-2f4c6e8a0b11","Operation":"MailItemsAccessed","OrganizationId":"7a1b2c3d-1111-2222-3333-444455556666","RecordType":50,"ResultStatus":"Succeeded","UserKey":"10032001ABCDEF99","UserType":0,"Workload":"Exchange","UserId":"ceo@contoso.example","ClientIPAddress":"203.0.113.7","MailboxGuid":"0b9e1f2a-3c4d-4e5f-8a9b-0c1d2e3f4a5b","MailboxOwnerUPN":"ceo@contoso.example","OperationProperties":[{"Name":"MailAccessType","Value":"Bind"}],"Folders":[{"Id":"LgAAAAB\u0031","Path":"\\Inbox","FolderItems":[{"InternetMessageId":"\u003Cm1@contoso.example\u003E","SizeInBytes":10},{"InternetMessageId":"\u003Ccaf\u00e9@contoso.example\u003E","SizeInBytes":20},{"InternetMessageId":"<résumé-☃@x>","SizeInBytes":30}]}]}
            """;
        using var dir = new TempDir();
        var path = dir.Write("ual.ndjson", line + "\n");
        var evt = new Daybreak.Decoders.FileDecoder(Daybreak.Decoders.NormaliserRegistry.CreateDefault(), new Daybreak.Decoders.DecodeOptions())
            .Decode(new Daybreak.Sources.InputSource(path)).Single().Event!;
        var items = evt.Mail!.Folders[0].Items;
        Assert.False(items[0].InternetMessageIdUtf8().IsEmpty); // the bytes path is what this test writes
        Assert.True(items[1].InternetMessageIdUtf8().IsEmpty);
        Assert.Equal("<résumé-☃@x>"u8.ToArray(), items[2].InternetMessageIdUtf8().ToArray());
        Assert.False(evt.Mail.Folders[0].IdUtf8().IsEmpty);

        using var store = CaseStore.Open(dir.File("case.duckdb"));
        using (var writer = new EventWriter(store))
        {
            writer.Write(evt);
            writer.Flush();
        }
        var rows = store.Query("SELECT folder_id, internet_message_id, size_bytes FROM mail_items ORDER BY size_bytes").Rows.Select(r => string.Join("|", r));
        Assert.Equal(["LgAAAAB1|<m1@contoso.example>|10", "LgAAAAB1|<caf\u00e9@contoso.example>|20", "LgAAAAB1|<r\u00e9sum\u00e9-\u2603@x>|30"], rows);
        Assert.Equal(1L, store.Query("SELECT count(*) FROM mail_items WHERE internet_message_id = '<m1@contoso.example>'").Rows[0][0]);
    }

    [Fact]
    public void Text_with_a_nul_character_is_stored_whole_and_read_back_whole()
    {
        // Logs are attacker input: "\u0000" is valid JSON, and a value cut at it would be another value in the case
        // (a record id that collides with another's, a UPN or forwarding address shortened to someone else's).
        var evt = Event("a\0b", 1, "ceo@contoso.com\0x", "<m\01@x>");
        evt.Actor.Upn = "victim@contoso.com\0attacker";
        evt.Actor.DisplayName = "Eve\0";
        evt.Network.UserAgent = "\0agent";
        evt.Mail!.Folders[0].Id = "folder\0id";
        using var dir = new TempDir();
        using var store = CaseStore.Open(dir.File("case.duckdb"));
        using (var writer = new EventWriter(store))
        {
            writer.Write(evt);
            writer.Write(Event("a", 2)); // the id the first would be cut to
            writer.Flush();
            Assert.Equal(2, writer.Inserted);
        }
        var row = store.Query("SELECT actor_user_name, actor_display_name, user_agent, mailbox_owner_upn FROM events WHERE record_id = " + SqlText.Literal("ual:a\0b")).Rows.Single();
        Assert.Equal(["victim@contoso.com\0attacker", "Eve\0", "\0agent", "ceo@contoso.com\0x"], row);
        var item = store.Query("SELECT folder_id, internet_message_id FROM mail_items").Rows.Single();
        Assert.Equal(["folder\0id", "<m\01@x>"], item);
        var back = EventReader.ReadOrdered(store).ToList();
        Assert.Equal(["ual:a\0b", "ual:a"], back.Select(e => e.RecordId));
        Assert.Equal("victim@contoso.com\0attacker", back[0].Actor.Upn);

        // Parameters too: bound as bytes, read as the same text.
        Assert.Equal([3L, 1L], store.Query("SELECT length($1), (SELECT count(*) FROM events WHERE record_id = $2)", "a\0b", "ual:a\0b").Rows[0]);
        Assert.Equal([(object?)"x\0y"], store.Query("SELECT $1 || $2 WHERE $2 = 'y'", "x\0", "y").Rows[0]);

        // An incident's evidence is read back by record id, in a query whose text would end at the NUL.
        var incident = new Daybreak.Correlation.Incident { Id = "inc-1", Title = "t" };
        incident.Alerts.Add(new Daybreak.Detection.Alert { Rule = "r", Title = "t", Time = evt.Time, Evidence = ["ual:a\0b", "ual:o'brien"] });
        Assert.Equal(["ual:a\0b"], EvidenceEvents.For(store, incident).Select(e => e.RecordId));
    }

    [Fact]
    public void A_case_from_before_version_6_keeps_its_mail_items_and_reads_them_back_the_same()
    {
        using var dir = new TempDir();
        var db = dir.File("old.duckdb");
        const string AllItems = "SELECT * FROM mail_items ORDER BY ALL";
        List<string> before;
        using (var store = CaseStore.Open(db))
        {
            using (var writer = new EventWriter(store))
            {
                writer.Write(Event("a", 1, "ceo@contoso.com", "<m1@x>", "<m2@x>"));
                writer.Write(Event("b", 2));
                writer.Write(Event("c", 3, "cfo@contoso.com", "<m3@x>"));
                writer.Flush();
            }
            before = store.Query(AllItems).Rows.Select(r => string.Join("|", r)).ToList();
            PlayBackToVersion5(store);
            Assert.Equal("BASE TABLE", store.Query("SELECT table_type FROM information_schema.tables WHERE table_name = 'mail_items'").Rows.Single()[0]);
        }
        Assert.Equal(3, before.Count);
        using (var store = CaseStore.Open(db))
        {
            Assert.Equal(Daybreak.Storage.Migrations.Migrator.Current, store.SchemaVersion);
            Assert.Equal("VIEW", store.Query("SELECT table_type FROM information_schema.tables WHERE table_name = 'mail_items'").Rows.Single()[0]);
            Assert.Equal(before, store.Query(AllItems).Rows.Select(r => string.Join("|", r)));
            var read = EventReader.ReadOrdered(store).Where(e => e.Mail is not null).ToList();
            Assert.Equal(["<m1@x>", "<m2@x>", "<m3@x>"], read.SelectMany(e => e.Mail!.Folders.SelectMany(f => f.Items)).Select(i => i.InternetMessageId!).Order());
        }
    }

    [Fact]
    public void Schema_is_versioned_and_a_newer_case_file_is_refused()
    {
        using var dir = new TempDir();
        var db = dir.File("case.duckdb");
        using (var store = CaseStore.Open(db))
        {
            Assert.Equal(Daybreak.Storage.Migrations.Migrator.Current, store.SchemaVersion);
            store.Query("INSERT INTO schema_version VALUES (99, 'from the future', now())");
        }
        var ex = Assert.Throws<StoreException>(() => CaseStore.Open(db));
        Assert.Contains("schema version 99", ex.Message);
    }

    [Fact]
    public void Values_from_logs_are_data_not_sql()
    {
        using var dir = new TempDir();
        var db = dir.File("case.duckdb");
        var hostile = "x'); DROP TABLE events; --";
        using (var store = CaseStore.Open(db))
        using (var writer = new EventWriter(store))
        {
            var evt = Event("sqli");
            evt.Actor.DisplayName = hostile;
            writer.Write(evt);
            writer.Flush();
        }
        using var read = CaseStore.OpenReadOnly(db);
        Assert.Equal(hostile, read.Query("SELECT actor_display_name FROM events").Rows.Single()[0]);
    }
}

public sealed class EventReaderTests
{
    [Fact]
    public void Events_come_back_in_event_time_order_with_mail_items_and_targets()
    {
        using var dir = new TempDir();
        using var store = CaseStore.Open(dir.File("case.duckdb"));
        using (var writer = new EventWriter(store))
        {
            var late = new AuditEvent { RecordId = "ual:late", Format = "t", Raw = "{\"late\":1}", Time = new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc), Source = SourceKind.Ual, Operation = "MailItemsAccessed" };
            late.Mail = new MailAccess { MailboxOwnerUpn = "ceo@contoso.com", AccessType = "Sync", IsThrottled = false, OperationCount = 3, ClientAppId = "app-1" };
            late.Mail.Folders.Add(new MailFolder { Path = "\\Inbox" });
            var bind = new MailFolder { Id = "f2", Path = "\\Legal" };
            bind.Items.Add(new MailItem("<a@x>", 10, null));
            bind.Items.Add(new MailItem("<b@x>", null, "imm"));
            late.Mail.Folders.Add(bind);
            var early = new AuditEvent { RecordId = "audit:early", Format = "t", Raw = "{}", Time = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), Source = SourceKind.Audit, Operation = "Add user" };
            early.Actor.Kind = ActorKind.ServicePrincipal;
            early.Actor.AppId = "app-1";
            var target = new Target { Kind = "User", Id = "u1", Name = "syncadmin@contoso.com" };
            target.ModifiedProperties.Add(new ModifiedProperty("AccountEnabled", null, "[true]"));
            early.Targets.Add(target);
            writer.Write(late);
            writer.Write(early);
            writer.Flush();
        }

        var events = EventReader.ReadOrdered(store).ToList();
        Assert.Equal(["audit:early", "ual:late"], events.Select(e => e.RecordId));
        Assert.Equal(ActorKind.ServicePrincipal, events[0].Actor.Kind);
        Assert.Equal("AccountEnabled", events[0].Targets.Single().ModifiedProperties.Single().Name);
        Assert.Null(events[0].Mail);
        var mail = events[1].Mail!;
        Assert.Equal(("Sync", 3, "app-1"), (mail.AccessType, mail.OperationCount, mail.ClientAppId));
        Assert.Equal(["\\Inbox", "\\Legal"], mail.Folders.Select(f => f.Path).Order());
        Assert.Equal(["<a@x>", "<b@x>"], mail.Folders.Single(f => f.Path == "\\Legal").Items.Select(i => i.InternetMessageId).Order());
        Assert.Equal("{\"late\":1}", events[1].Raw);
        Assert.Equal(DateTimeKind.Utc, events[1].Time.Kind);
    }
}

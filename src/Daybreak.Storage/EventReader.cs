using System.Data.Common;
using System.Text.Json;
using Daybreak.Events;

namespace Daybreak.Storage;

/// <summary>
/// Reads the case's events back as <see cref="AuditEvent"/>s in event-time order, with their mail items and raw
/// records. Detection runs over this, not over files as they arrive: exports are often newest-first (Graph API
/// pages) or split by source, and stateful detections need one time-ordered stream across all of them.
/// </summary>
public static class EventReader
{
    /// <summary>
    /// Rows per ordered read. The case is read one time window at a time, so a read holds about this many rows
    /// whatever the size of the case; one ORDER BY over a case of 11 M records sorted 29 GB of raw text and spilled it
    /// all before the first row came back.
    /// </summary>
    public const int DefaultWindowRows = 50_000;

    private const string Columns = """
        SELECT e.record_id, e.time, e.tenant_uid, e.source, e.format, e.category, e.activity_name,
               e.status, e.status_code, e.status_detail,
               e.actor_kind, e.actor_user_uid, e.actor_user_name, e.actor_app_uid, e.actor_display_name,
               e.src_ip, e.src_country, e.src_city, e.src_asn, e.user_agent, e.client_app,
               e.auth_requirement, e.ca_status, e.is_interactive, e.token_issuer_type, e.auth_protocol, e.signin_type,
               e.correlation_uid, e.session_uid, e.unique_token_id, e.signin_activity_id, e.credential_key_id,
               e.mailbox_owner_upn, e.mailbox_guid, e.mail_access_type, e.mail_throttled, e.mail_operation_count,
               e.mail_client_info, e.mail_app_id, e.mail_client_app_id,
               e.targets, e.file, e.line, encode(e.raw) AS raw, m.items
        FROM events e
        LEFT JOIN (
            SELECT record_id, to_json(list(struct_pack(id := folder_id, path := folder_path, mid := internet_message_id,
                                                       size := size_bytes, imm := immutable_id))) AS items
            FROM mail_item_rows {0} GROUP BY record_id
        ) m USING (record_id)
        WHERE {1}
        """;

    private const string InEventOrder = "\nORDER BY e.time, e.record_id";

    /// <summary>
    /// Rows per window when raw records are read: a window's raw records are held in memory, two windows at a time
    /// (<see cref="RawRecordWindow"/>). Measured on the 300-user simulated tenant, reading alone: 16,384 rows 9.8–11.7 s
    /// and 745–800 MB, 8,192 rows 9.5–13.1 s and 560–595 MB, 4,096 rows 14.1–17.9 s; the CLI hunt at 8,192 rows was no
    /// faster (docs/performance.md).
    /// </summary>
    public const int RawWindowRows = 16_384;

    /// <summary>
    /// Every event of the case in event-time order (ties by record id), read window by window: the windows are
    /// whole minutes grouped up to <paramref name="windowRows"/> rows (at most <see cref="RawWindowRows"/> with raw
    /// records), so no window splits an instant and the stream is one total order.
    /// </summary>
    /// <param name="arena">Where raw records are copied, for a consumer that releases each event's raw record when
    /// done with it (<see cref="AuditEvent.ReleaseRaw"/>); otherwise each event owns an array.</param>
    /// <param name="withRaw">False when nothing will read the raw records: they are not read (nor decompressed), and
    /// every event's <see cref="AuditEvent.Raw"/> is empty.</param>
    /// <remarks>The case answers no other query while the events are read: run none until the enumeration ends.</remarks>
    public static IEnumerable<AuditEvent> ReadOrdered(CaseStore store, int windowRows = DefaultWindowRows, RawArena? arena = null, bool withRaw = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowRows, 1);
        // The windows are planned when reading starts, as before, not when the reader is made.
        return withRaw ? ReadWithRawBeside(store, Math.Min(windowRows, RawWindowRows), arena) : ReadSortedByDuckDb(store, windowRows);
    }

    /// <summary>
    /// Without raw records a sorted row is a few hundred bytes: DuckDB sorts each window and the events are built as
    /// its rows stream out, while the consumer works through the ones before (sorting here, holding a window of built
    /// events, was slower and took 0.3 GB more on the simulated tenant).
    /// </summary>
    private static IEnumerable<AuditEvent> ReadSortedByDuckDb(CaseStore store, int windowRows)
    {
        var columns = Columns.Replace("encode(e.raw) AS raw", "NULL AS raw", StringComparison.Ordinal) + InEventOrder;
        var targets = new TargetLists();
        foreach (var window in TimeWindows(store, windowRows))
        {
            foreach (var evt in WindowRows(store, columns, window, r => Build(r, arena: null, targets, raws: null)))
                yield return evt;
        }
    }

    /// <summary>
    /// With raw records: the events stream out of DuckDB's sort as they do without them, each row naming its row id,
    /// and each takes its raw record from the window's <see cref="RawRecordWindow"/>, read unsorted beforehand. Where the
    /// store gives a second connection, the next window's raw records are read on it (on a thread-pool thread) while
    /// this window's events are handed out.
    /// </summary>
    /// <remarks>Measured on the 300-user simulated tenant, reading alone: 9.5–9.9 s and 750–850 MB against 13.2–17.4 s
    /// and 1.5–1.6 GB for built events sorted here, and 5.7–6.4 s without raw records (docs/performance.md).</remarks>
    private static IEnumerable<AuditEvent> ReadWithRawBeside(CaseStore store, int windowRows, RawArena? arena)
    {
        var windows = TimeWindows(store, windowRows);
        if (windows.Count == 0) yield break;
        var columns = Columns.Replace("encode(e.raw) AS raw", "e.rowid AS raw", StringComparison.Ordinal) + InEventOrder;
        var targets = new TargetLists();
        // Without a consumer's arena the pieces go through one of the reader's own, and each event gets an array.
        var pieces = arena ?? new RawArena();
        RawRecordWindow[] buffers = [new(pieces), new(pieces)];
        using var second = store.OpenSecondReader();
        var rawConnection = second ?? store.Connection;
        Task<RawRecordWindow>? next = null;
        try
        {
            for (var i = 0; i < windows.Count; i++)
            {
                var raws = next?.GetAwaiter().GetResult() ?? buffers[i % 2].Load(rawConnection, windows[i]);
                next = null;
                if (second is not null && i + 1 < windows.Count)
                {
                    var (following, into) = (windows[i + 1], buffers[(i + 1) % 2]);
                    next = Task.Run(() => into.Load(second, following));
                }
                foreach (var evt in WindowRows(store, columns, windows[i], r => Build(r, arena, targets, raws)))
                    yield return evt;
            }
        }
        finally
        {
            // A consumer that stops early (or throws) must not leave a read running on the second connection.
            try { next?.Wait(); } catch (AggregateException) { }
            foreach (var buffer in buffers) buffer.Clear();
        }
    }

    /// <summary>
    /// A window's rows, streamed from DuckDB (nothing else queries the case meanwhile), and checked against the count the
    /// window was planned with: DuckDB.NET takes a streamed fetch that failed for the end of the rows, so a read cut short
    /// would otherwise look complete, and a hunt would miss events without a word.
    /// </summary>
    internal static IEnumerable<T> WindowRows<T>(CaseStore store, string columns, TimeWindow window, Func<DbDataReader, T> build)
    {
        long read = 0;
        foreach (var r in store.Stream(WindowSql(columns, window), build, exclusive: true))
        {
            read++;
            yield return r;
        }
        if (read != window.Rows)
            throw new StoreException($"reading the case's events from {window} gave {read:N0} of its {window.Rows:N0} rows: the read stopped early");
    }

    private static string WindowSql(string columns, TimeWindow window)
    {
        var range = TimeRange(window);
        return string.Format(System.Globalization.CultureInfo.InvariantCulture, columns, "WHERE " + range, "e." + range);
    }

    /// <summary>The SQL condition on <c>time</c> that selects <paramref name="window"/>'s rows.</summary>
    internal static string TimeRange(TimeWindow window) => $"time >= {Literal(window.From)} AND time < {Literal(window.To)}";

    /// <summary>Events matching a SQL condition over <c>events e</c>, in event-time order.</summary>
    internal static IEnumerable<AuditEvent> ReadWhere(CaseStore store, string condition)
    {
        // Only the chosen events' mail items are aggregated: the whole table can hold tens of millions of rows.
        var mail = $"WHERE record_id IN (SELECT e.record_id FROM events e WHERE {condition})";
        var sql = string.Format(System.Globalization.CultureInfo.InvariantCulture, Columns, mail, condition) + InEventOrder;
        var targets = new TargetLists();
        foreach (var evt in store.Stream(sql, r => Build(r, arena: null, targets, raws: null)))
            yield return evt;
    }

    /// <summary>
    /// Half-open [from, to) windows over the case's minutes, each holding at most <paramref name="rows"/> events unless
    /// one minute holds more. Minutes rather than hours: a window is held in memory, and a busy tenant's hour can hold
    /// hundreds of thousands of sign-ins.
    /// </summary>
    internal static List<TimeWindow> TimeWindows(CaseStore store, int rows)
    {
        var minutes = store.Query("SELECT date_trunc('minute', time) AS m, count(*) FROM events GROUP BY m ORDER BY m").Rows;
        var windows = new List<TimeWindow>();
        DateTime? start = null;
        long held = 0;
        foreach (var row in minutes)
        {
            var minute = (DateTime)row[0]!;
            var count = Convert.ToInt64(row[1]);
            if (start is { } s && held + count > rows)
            {
                windows.Add(new TimeWindow(s, minute, held));
                start = null;
                held = 0;
            }
            start ??= minute;
            held += count;
        }
        if (start is { } last) windows.Add(new TimeWindow(last, ((DateTime)minutes[^1][0]!).AddMinutes(1), held));
        return windows;
    }

    /// <summary>Events from <see cref="From"/> up to <see cref="To"/> (whole minutes), <see cref="Rows"/> of them.</summary>
    internal readonly record struct TimeWindow(DateTime From, DateTime To, long Rows)
    {
        /// <summary>The window as error messages name it.</summary>
        public override string ToString() => $"{Literal(From)} to {Literal(To)}";
    }

    private static string Literal(DateTime t) =>
        "TIMESTAMP '" + t.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + "'";

    private static AuditEvent Build(DbDataReader r, RawArena? arena, TargetLists targetLists, RawRecordWindow? raws)
    {
        var i = 0;
        string? S()
        {
            var at = i++;
            return r.IsDBNull(at) ? null : r.GetString(at);
        }
        long? Long()
        {
            var at = i++;
            return r.IsDBNull(at) ? null : r.GetInt64(at);
        }
        bool? Bool()
        {
            var at = i++;
            return r.IsDBNull(at) ? null : r.GetBoolean(at);
        }
        var evt = new AuditEvent
        {
            RecordId = S()!,
            Time = DateTime.SpecifyKind(r.GetDateTime(i++), DateTimeKind.Utc),
            TenantId = S(),
            Source = SourceKinds.TryParse(S()!, out var source) ? source : SourceKind.Audit,
            Format = S()!,
            Category = S(),
            Operation = S() ?? "",
            Raw = "",
        };
        evt.Outcome.Status = Enum.TryParse<OutcomeStatus>(S(), true, out var status) ? status : OutcomeStatus.Unknown;
        evt.Outcome.Code = S();
        evt.Outcome.Reason = S();
        evt.Actor.Kind = Enum.TryParse<ActorKind>(S(), true, out var kind) ? kind : ActorKind.Unknown;
        evt.Actor.ObjectId = S();
        evt.Actor.Upn = S();
        evt.Actor.AppId = S();
        evt.Actor.DisplayName = S();
        evt.Network.Ip = S();
        evt.Network.Country = S();
        evt.Network.City = S();
        evt.Network.Asn = Long();
        evt.Network.UserAgent = S();
        evt.Network.ClientApp = S();
        evt.Auth.Requirement = S();
        evt.Auth.ConditionalAccessStatus = S();
        evt.Auth.IsInteractive = Bool();
        evt.Auth.TokenIssuerType = S();
        evt.Auth.Protocol = S();
        evt.Auth.SignInType = S();
        evt.Auth.CorrelationId = S();
        evt.Auth.SessionId = S();
        evt.Auth.UniqueTokenId = S();
        evt.Auth.SignInActivityId = S();
        evt.Auth.CredentialKeyId = S();
        var owner = S();
        var guid = S();
        var access = S();
        var throttled = Bool();
        var countAt = i++;
        var count = r.IsDBNull(countAt) ? (int?)null : r.GetInt32(countAt);
        var info = S();
        var mailApp = S();
        var mailClient = S();
        var targets = S();
        var file = S() ?? "";
        var line = Long() ?? 0;
        var rawAt = i++;
        if (raws is not null) SetRaw(evt, raws.Take(r.GetInt64(rawAt)), arena);
        else if (!r.IsDBNull(rawAt)) SetRaw(evt, r.GetValue(rawAt));
        var items = S();
        evt.Position = new SourcePosition(file, line);

        if (owner is not null || access is not null || items is not null || mailClient is not null || info is not null)
        {
            evt.Mail = new MailAccess
            {
                MailboxOwnerUpn = owner, MailboxGuid = guid, AccessType = access, IsThrottled = throttled, OperationCount = count,
                ClientInfoString = info, AppId = mailApp, ClientAppId = mailClient,
            };
            if (items is not null) AddFolders(evt.Mail, items);
        }
        if (targets is not null) targetLists.AddTo(evt, targets);
        return evt;
    }

    /// <summary>A raw record from the window's <see cref="RawRecordWindow"/>: the event takes the piece over when it is
    /// in the consumer's arena, or an array of its own.</summary>
    private static void SetRaw(AuditEvent evt, RawPiece piece, RawArena? arena)
    {
        if (arena is not null)
        {
            evt.UseRaw(piece);
            return;
        }
        evt.UseRawUtf8(piece.Bytes.ToArray());
        piece.Release();
    }

    /// <summary>
    /// The raw record of a query that reads it with the other columns (<see cref="ReadWhere"/>'s few events) comes back
    /// as its UTF-8 bytes (<c>encode(raw)</c>): Sigma views parse those in place, so the UTF-16 text, twice the size,
    /// is made only if something asks for it. DuckDB hands a blob as a stream over the current chunk, copied here
    /// before the reader moves on.
    /// </summary>
    private static void SetRaw(AuditEvent evt, object? value)
    {
        switch (value)
        {
            case Stream stream:
                var bytes = new byte[stream.Length];
                stream.ReadExactly(bytes);
                evt.UseRawUtf8(bytes);
                break;
            case string text:
                evt.Raw = text;
                break;
        }
    }

    private static void AddFolders(MailAccess mail, string json)
    {
        using var doc = JsonDocument.Parse(json);
        var byFolder = new Dictionary<(string?, string?), MailFolder>();
        foreach (var item in doc.RootElement.EnumerateArray())
        {
            var id = Str(item, "id");
            var path = Str(item, "path");
            if (!byFolder.TryGetValue((id, path), out var folder))
            {
                folder = new MailFolder { Id = id, Path = path };
                byFolder[(id, path)] = folder;
                mail.Folders.Add(folder);
            }
            var mid = Str(item, "mid");
            if (mid is null && Str(item, "imm") is null) continue;
            long? size = item.TryGetProperty("size", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt64() : null;
            folder.Items.Add(new MailItem(mid, size, Str(item, "imm")));
        }
    }

    /// <summary>
    /// Target lists by their JSON text, parsed once: most events' targets repeat (a sign-in's resource application),
    /// and a <see cref="Target"/> is never changed once made, so events share them as <see cref="AuditEvent.WithoutRaw"/>
    /// copies do. Parsing every event's list was an eighth of reading a case back.
    /// </summary>
    private sealed class TargetLists
    {
        // Bounds: lists naming one-off objects (a created user, a changed policy) are parsed each time and only fill
        // the table, which starts again when full.
        private const int MaxLists = 4096, MaxTextLength = 1024;
        private readonly Dictionary<string, Target[]> _parsed = new(StringComparer.Ordinal);

        public void AddTo(AuditEvent evt, string json)
        {
            var cached = json.Length <= MaxTextLength;
            if (!cached || !_parsed.TryGetValue(json, out var targets))
            {
                targets = Parse(json);
                if (cached)
                {
                    if (_parsed.Count >= MaxLists) _parsed.Clear();
                    _parsed[json] = targets;
                }
            }
            evt.Targets.AddRange(targets);
        }

        private static Target[] Parse(string json)
        {
            using var doc = JsonDocument.Parse(json);
            var targets = new List<Target>();
            foreach (var t in doc.RootElement.EnumerateArray())
            {
                var target = new Target { Kind = Str(t, "kind"), Id = Str(t, "id"), Name = Str(t, "name"), AppId = Str(t, "app_id") };
                if (t.TryGetProperty("modified_properties", out var props))
                {
                    foreach (var p in props.EnumerateArray())
                        target.ModifiedProperties.Add(new ModifiedProperty(Str(p, "name") ?? "", Str(p, "old_value"), Str(p, "new_value")));
                }
                targets.Add(target);
            }
            return [.. targets];
        }
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

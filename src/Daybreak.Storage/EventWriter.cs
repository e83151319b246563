using System.Buffers;
using System.Collections.Frozen;
using System.Data.Common;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Daybreak.Events;
using Daybreak.Pipeline;
using DuckDB.NET.Data;

namespace Daybreak.Storage;

/// <summary>
/// Bulk-loads events through DuckDB's appender. Every batch commits in one transaction, so a crash mid-ingest leaves
/// only whole batches behind, and a rerun adds exactly what is missing: re-ingesting a file adds nothing.
/// </summary>
/// <remarks>
/// Two ways to stay idempotent. Into an empty case (the first ingest, the common and the big one) rows go straight
/// into the case tables inside the batch's transaction (the appender joins it), and a run-wide set of record-id
/// digests drops a record seen earlier in the run (a file named twice). Into a case that already holds events,
/// rows go to session-only staging tables and each batch moves over with an anti-join on record id, skipping what
/// is stored. The direct way writes each row once instead of twice and needs no join.
/// </remarks>
public sealed class EventWriter : IEventSink, IDisposable
{
    /// <summary>
    /// DuckDB's buffer-pool cap while ingesting. Without it, DuckDB kept the blocks it wrote cached: 7 GB of RSS for
    /// 2 GB of input. An open batch is held outside the cap, so peak memory is about this plus one row group.
    /// </summary>
    public const string IngestMemoryLimit = "512MB";

    /// <summary>
    /// DuckDB works on the writing thread alone while ingesting: the decoder already has the other core, and DuckDB's
    /// workers, fighting it for two cores, spent their time spinning (measured: about half the wall time on 1 GB of
    /// sign-ins).
    /// </summary>
    private const int IngestThreads = 1;

    private static readonly FrozenDictionary<OutcomeStatus, string> StatusNames =
        Enum.GetValues<OutcomeStatus>().ToFrozenDictionary(s => s, s => s.ToString().ToLowerInvariant());
    private static readonly FrozenDictionary<ActorKind, string> ActorKindNames =
        Enum.GetValues<ActorKind>().ToFrozenDictionary(k => k, k => k.ToString());

    private readonly CaseStore _store;
    private readonly int _batchSize;
    private readonly bool _direct;
    private DuckDBAppender? _events;
    private DuckDBAppender? _mail;
    private DbTransaction? _transaction;
    private int _pending;
    private readonly HashSet<string> _batchIds = new(StringComparer.Ordinal);
    private readonly HashSet<Int128> _runIds = [];

    /// <summary>
    /// A direct batch is one DuckDB row group (122,880 rows): a commit then never leaves a partial group behind for
    /// the next batch to reopen and the next checkpoint to rewrite. Measured on 1 GB of sign-ins: 50,000-row batches
    /// took 60% longer; two row groups per batch were no faster and held more memory (2.1 GB against 1.3 GB: a
    /// transaction keeps its rows in memory until it commits).
    /// </summary>
    public const int DirectBatchRows = 122_880;

    /// <summary>Staged batches live in memory until they move over, so they stay small.</summary>
    public const int StagedBatchRows = 50_000;

    /// <param name="batchSize">Rows per transaction; by default <see cref="DirectBatchRows"/> or <see cref="StagedBatchRows"/>.</param>
    public EventWriter(CaseStore store, int? batchSize = null)
    {
        if (store.ReadOnly) throw new StoreException("case file is open read-only");
        _store = store;
        store.Exec($"SET memory_limit = '{IngestMemoryLimit}'; SET threads = {IngestThreads}");
        _direct = Convert.ToInt64(store.Query("SELECT count(*) FROM (SELECT 1 FROM events LIMIT 1)").Rows[0][0]) == 0;
        _batchSize = batchSize ?? (_direct ? DirectBatchRows : StagedBatchRows);
        if (_direct) return;
        store.Exec("CREATE TEMP TABLE IF NOT EXISTS stage_events AS SELECT * FROM events LIMIT 0");
        store.Exec("CREATE TEMP TABLE IF NOT EXISTS stage_mail_items AS SELECT * FROM mail_items LIMIT 0");
    }

    /// <summary>Events newly stored by this writer (duplicates of stored records are not counted).</summary>
    public long Inserted { get; private set; }

    public void Write(AuditEvent evt)
    {
        if (_direct ? !_runIds.Add(Digest(evt.RecordId)) : !_batchIds.Add(evt.RecordId)) return; // a record seen before in this run
        if (_direct) _transaction ??= _store.Connection.BeginTransaction();
        _events ??= Appender("events");
        var row = _events.CreateRow();
        row.AppendValue(evt.RecordId)
            .AppendValue(evt.Time)
            .AppendValue(evt.TenantId)
            .AppendValue(evt.Source.Name())
            .AppendValue(evt.Format)
            .AppendValue(evt.Category)
            .AppendValue(evt.Operation)
            .AppendValue(StatusNames[evt.Outcome.Status])
            .AppendValue(evt.Outcome.Code)
            .AppendValue(evt.Outcome.Reason)
            .AppendValue(ActorKindNames[evt.Actor.Kind])
            .AppendValue(evt.Actor.ObjectId)
            .AppendValue(evt.Actor.Upn)
            .AppendValue(evt.Actor.AppId)
            .AppendValue(evt.Actor.DisplayName)
            .AppendValue(evt.Network.Ip)
            .AppendValue(evt.Network.Country)
            .AppendValue(evt.Network.City)
            .AppendValue(evt.Network.Asn)
            .AppendValue(evt.Network.UserAgent)
            .AppendValue(evt.Network.ClientApp)
            .AppendValue(evt.Auth.Requirement)
            .AppendValue(evt.Auth.ConditionalAccessStatus)
            .AppendValue(evt.Auth.IsInteractive)
            .AppendValue(evt.Auth.TokenIssuerType)
            .AppendValue(evt.Auth.Protocol)
            .AppendValue(evt.Auth.SignInType)
            .AppendValue(evt.Auth.CorrelationId)
            .AppendValue(evt.Auth.SessionId)
            .AppendValue(evt.Auth.UniqueTokenId)
            .AppendValue(evt.Auth.SignInActivityId)
            .AppendValue(evt.Auth.CredentialKeyId)
            .AppendValue(evt.Mail?.MailboxOwnerUpn)
            .AppendValue(evt.Mail?.MailboxGuid)
            .AppendValue(evt.Mail?.AccessType)
            .AppendValue(evt.Mail?.IsThrottled)
            .AppendValue(evt.Mail?.OperationCount)
            .AppendValue(evt.Mail?.ClientInfoString)
            .AppendValue(evt.Mail?.AppId)
            .AppendValue(evt.Mail?.ClientAppId)
            .AppendValue(TargetsJson(evt.Targets))
            .AppendValue(evt.Position.File)
            .AppendValue(evt.Position.Line)
            .AppendValue(evt.Raw)
            .EndRow();

        if (evt.Mail is { } mail)
        {
            _mail ??= Appender("mail_items");
            foreach (var folder in mail.Folders)
            {
                if (folder.Items.Count == 0)
                {
                    AppendMail(evt, mail, folder, null);
                    continue;
                }
                foreach (var item in folder.Items) AppendMail(evt, mail, folder, item);
            }
        }

        if (++_pending >= _batchSize) Commit();
    }

    private void AppendMail(AuditEvent evt, MailAccess mail, MailFolder folder, MailItem? item) =>
        _mail!.CreateRow()
            .AppendValue(evt.RecordId)
            .AppendValue(evt.Time)
            .AppendValue(mail.MailboxOwnerUpn)
            .AppendValue(mail.AccessType)
            .AppendValue(folder.Id)
            .AppendValue(folder.Path)
            .AppendValue(item?.InternetMessageId)
            .AppendValue(item?.SizeInBytes)
            .AppendValue(item?.ImmutableId)
            .EndRow();

    public void Flush() => Commit();

    private DuckDBAppender Appender(string table) =>
        _direct ? _store.Connection.CreateAppender(table) : _store.Connection.CreateAppender("temp", "main", "stage_" + table);

    private void Commit()
    {
        // Disposing an appender flushes its rows (into the open transaction, in direct mode).
        _events?.Dispose();
        _events = null;
        _mail?.Dispose();
        _mail = null;
        if (_pending == 0) return;
        var pending = _pending;
        _pending = 0;
        _batchIds.Clear();

        if (_direct)
        {
            _transaction!.Commit();
            _transaction.Dispose();
            _transaction = null;
            Inserted += pending;
            return;
        }
        using (var tx = _store.Connection.BeginTransaction())
        {
            // Mail items first, while the anti-join still sees which events are new.
            _store.Exec("INSERT INTO mail_items SELECT m.* FROM stage_mail_items m ANTI JOIN events e USING (record_id)");
            using var insert = _store.Command("INSERT INTO events SELECT s.* FROM stage_events s ANTI JOIN events e USING (record_id)");
            Inserted += insert.ExecuteNonQuery();
            tx.Commit();
        }
        _store.Exec("DELETE FROM stage_events; DELETE FROM stage_mail_items;");
    }

    /// <summary>128 bits of SHA-256: a set of these costs a few dozen bytes per record, and no log can forge a collision.</summary>
    private static Int128 Digest(string recordId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(MemoryMarshal.AsBytes(recordId.AsSpan()), hash);
        return MemoryMarshal.Read<Int128>(hash);
    }

    private static string? TargetsJson(List<Target> targets)
    {
        if (targets.Count == 0) return null;
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            foreach (var t in targets)
            {
                w.WriteStartObject();
                w.WriteString("kind", t.Kind);
                w.WriteString("id", t.Id);
                w.WriteString("name", t.Name);
                if (t.ModifiedProperties.Count > 0)
                {
                    w.WriteStartArray("modified_properties");
                    foreach (var p in t.ModifiedProperties)
                    {
                        w.WriteStartObject();
                        w.WriteString("name", p.Name);
                        w.WriteString("old_value", p.OldValue);
                        w.WriteString("new_value", p.NewValue);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Without <see cref="Flush"/>, the open batch is dropped as a crash would drop it.</summary>
    public void Dispose()
    {
        _events?.Dispose();
        _mail?.Dispose();
        _transaction?.Dispose();
        _transaction = null;
        if (_store.Connection.State == System.Data.ConnectionState.Open) _store.Exec($"SET memory_limit = '{CaseStore.MemoryLimit}'; RESET threads");
    }
}

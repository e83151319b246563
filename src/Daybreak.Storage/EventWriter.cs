using System.Buffers;
using System.Text;
using System.Text.Json;
using Daybreak.Events;
using Daybreak.Pipeline;
using DuckDB.NET.Data;

namespace Daybreak.Storage;

/// <summary>
/// Bulk-loads events through DuckDB's appender into session-only staging tables, then moves each batch into the
/// case tables in one transaction, skipping record ids already stored. So re-ingesting a file adds nothing, and a
/// crash mid-ingest leaves only whole batches behind: a rerun adds exactly what is missing.
/// </summary>
public sealed class EventWriter : IEventSink, IDisposable
{
    private readonly CaseStore _store;
    private readonly int _batchSize;
    private DuckDBAppender? _events;
    private DuckDBAppender? _mail;
    private int _pending;
    private readonly HashSet<string> _batchIds = new(StringComparer.Ordinal);

    public EventWriter(CaseStore store, int batchSize = 50_000)
    {
        if (store.ReadOnly) throw new StoreException("case file is open read-only");
        _store = store;
        _batchSize = batchSize;
        store.Exec("CREATE TEMP TABLE IF NOT EXISTS stage_events AS SELECT * FROM events LIMIT 0");
        store.Exec("CREATE TEMP TABLE IF NOT EXISTS stage_mail_items AS SELECT * FROM mail_items LIMIT 0");
    }

    /// <summary>Events newly stored by this writer (duplicates of stored records are not counted).</summary>
    public long Inserted { get; private set; }

    public void Write(AuditEvent evt)
    {
        if (!_batchIds.Add(evt.RecordId)) return; // the same record twice in one batch (a file named twice)
        _events ??= _store.Connection.CreateAppender("temp", "main", "stage_events");
        var row = _events.CreateRow();
        row.AppendValue(evt.RecordId)
            .AppendValue(evt.Time)
            .AppendValue(evt.TenantId)
            .AppendValue(evt.Source.Name())
            .AppendValue(evt.Format)
            .AppendValue(evt.Category)
            .AppendValue(evt.Operation)
            .AppendValue(evt.Outcome.Status.ToString().ToLowerInvariant())
            .AppendValue(evt.Outcome.Code)
            .AppendValue(evt.Outcome.Reason)
            .AppendValue(evt.Actor.Kind.ToString())
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
            _mail ??= _store.Connection.CreateAppender("temp", "main", "stage_mail_items");
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

    private void Commit()
    {
        _events?.Dispose();
        _events = null;
        _mail?.Dispose();
        _mail = null;
        if (_pending == 0) return;
        _pending = 0;
        _batchIds.Clear();

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

    public void Dispose()
    {
        _events?.Dispose();
        _mail?.Dispose();
    }
}

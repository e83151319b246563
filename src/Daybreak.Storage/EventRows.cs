using System.Buffers;
using System.Collections.Frozen;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;
using System.Text.Json;
using Daybreak.Events;
using DuckDB.NET.Data;

namespace Daybreak.Storage;

/// <summary>
/// One <see cref="AuditEvent"/> as rows of the <c>events</c> and <c>mail_item_rows</c> tables, in the column order of
/// Migrations/Schema.cs. <see cref="EventReader"/> reads the same columns back.
/// </summary>
internal static class EventRows
{
    private static readonly FrozenDictionary<OutcomeStatus, string> StatusNames =
        Enum.GetValues<OutcomeStatus>().ToFrozenDictionary(s => s, s => s.ToString().ToLowerInvariant());
    private static readonly FrozenDictionary<ActorKind, string> ActorKindNames =
        Enum.GetValues<ActorKind>().ToFrozenDictionary(k => k, k => k.ToString());

    public static void AppendEvent(DuckDBAppender events, AuditEvent evt) =>
        events.CreateRow()
            .AppendText(evt.RecordId)
            .AppendValue(evt.Time)
            .AppendText(evt.TenantId)
            .AppendText(evt.Source.Name())
            .AppendText(evt.Format)
            .AppendText(evt.Category)
            .AppendText(evt.Operation)
            .AppendValue(StatusNames[evt.Outcome.Status])
            .AppendText(evt.Outcome.Code)
            .AppendText(evt.Outcome.Reason)
            .AppendValue(ActorKindNames[evt.Actor.Kind])
            .AppendText(evt.Actor.ObjectId)
            .AppendText(evt.Actor.Upn)
            .AppendText(evt.Actor.AppId)
            .AppendText(evt.Actor.DisplayName)
            .AppendText(evt.Network.Ip)
            .AppendText(evt.Network.Country)
            .AppendText(evt.Network.City)
            .AppendValue(evt.Network.Asn)
            .AppendText(evt.Network.UserAgent)
            .AppendText(evt.Network.ClientApp)
            .AppendText(evt.Auth.Requirement)
            .AppendText(evt.Auth.ConditionalAccessStatus)
            .AppendValue(evt.Auth.IsInteractive)
            .AppendText(evt.Auth.TokenIssuerType)
            .AppendText(evt.Auth.Protocol)
            .AppendText(evt.Auth.SignInType)
            .AppendText(evt.Auth.CorrelationId)
            .AppendText(evt.Auth.SessionId)
            .AppendText(evt.Auth.UniqueTokenId)
            .AppendText(evt.Auth.SignInActivityId)
            .AppendText(evt.Auth.CredentialKeyId)
            .AppendText(evt.Mail?.MailboxOwnerUpn)
            .AppendText(evt.Mail?.MailboxGuid)
            .AppendText(evt.Mail?.AccessType)
            .AppendValue(evt.Mail?.IsThrottled)
            .AppendValue(evt.Mail?.OperationCount)
            .AppendText(evt.Mail?.ClientInfoString)
            .AppendText(evt.Mail?.AppId)
            .AppendText(evt.Mail?.ClientAppId)
            .AppendText(TargetsJson(evt.Targets))
            .AppendText(evt.Position.File)
            .AppendValue(evt.Position.Line)
            .AppendRaw(evt)
            .EndRow();

    /// <summary>
    /// The raw record, as its UTF-8 bytes where the decoder kept them (an array of their own or part of an arena's
    /// slab): the text form would be made only to be encoded back to UTF-8, the writer thread's largest cost on 4 KB
    /// records. DuckDB takes such bytes unchecked, so they are validated first; anything else goes as text.
    /// </summary>
    private static IDuckDBAppenderRow AppendRaw(this IDuckDBAppenderRow row, AuditEvent evt)
    {
        var utf8 = evt.RawUtf8();
        return row.AppendUtf8OrText(Utf8.IsValid(utf8.Span) ? utf8 : default, evt, static e => e.Raw);
    }

    /// <summary>One row per message item; a folder with no items (a Sync of the whole folder) is one row without one.</summary>
    public static void AppendMailItems(DuckDBAppender mailItems, AuditEvent evt, MailAccess mail)
    {
        foreach (var folder in mail.Folders)
        {
            if (folder.Items.Count == 0)
            {
                AppendMailItem(mailItems, evt, folder, null);
                continue;
            }
            foreach (var item in folder.Items) AppendMailItem(mailItems, evt, folder, item);
        }
    }

    private static void AppendMailItem(DuckDBAppender mailItems, AuditEvent evt, MailFolder folder, MailItem? item) =>
        mailItems.CreateRow()
            .AppendText(evt.RecordId)
            .AppendValue(evt.Time)
            .AppendUtf8OrText(folder.IdUtf8(), folder, static f => f.Id)
            .AppendText(folder.Path)
            .AppendUtf8OrText(item?.InternetMessageIdUtf8() ?? default, item, static i => i?.InternetMessageId)
            .AppendValue(item?.SizeInBytes)
            .AppendText(item?.ImmutableId)
            .EndRow();

    /// <summary>
    /// A value as the UTF-8 bytes the decoder kept, which the caller has checked to be UTF-8 (DuckDB takes them
    /// unchecked), so that their text is never made only to be encoded back; as its text where none were kept.
    /// </summary>
    private static IDuckDBAppenderRow AppendUtf8OrText<T>(this IDuckDBAppenderRow row, ReadOnlyMemory<byte> utf8, T owner, Func<T, string?> text) =>
        !utf8.IsEmpty && MemoryMarshal.TryGetArray(utf8, out var segment) ? row.AppendValue(segment.AsSpan()) : row.AppendText(text(owner));

    /// <summary>Targets as the JSON array docs/schema.md describes, or null when the event has none.</summary>
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
                if (t.AppId is not null) w.WriteString("app_id", t.AppId);
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
}

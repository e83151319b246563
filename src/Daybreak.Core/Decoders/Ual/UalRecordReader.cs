using System.Text;
using System.Text.Json;
using Daybreak.Events;

namespace Daybreak.Decoders.Ual;

/// <summary>
/// The hot path for Management Activity API UAL records, one per NDJSON line: one <see cref="JsonLineReader"/> pass fills a
/// <see cref="UalRecord"/> without building a JsonDocument, and <see cref="UalEventBuilder"/> maps it as it maps the
/// general path's. Anything this reader is not sure to read exactly as <see cref="UalElementReader"/> would (a known
/// name in another case, a duplicate, an escaped name, JSON inside a string, a PowerShell rendering, an unexpected
/// value type, a wrapper, a Log Analytics or Defender row, an item operation, an unparsed time) returns null, and the
/// record goes the general way. A test reads records both ways and requires identical events.
/// </summary>
internal static class UalRecordReader
{
    [ThreadStatic] private static Fields? t_fields;

    private enum F
    {
        Operation, CreationTime, Id, OrganizationId, Workload, OfficeWorkload, RecordType, OperationProperties,
        ModifiedProperties, ExtendedProperties, Parameters, ResultStatus, ErrorNumber, LogonError, UserType, UserId,
        UserKey, Actor, Target, AadTarget, ClientAppId, AppAccessContext, AppId, ApplicationId, TokenObjectId,
        ClientIpAddress, ClientIp, ClientIpUnderscore, ActorIpAddress, ClientInfoString, UserAgent, SessionId,
        CorrelationId, ObjectId, OfficeObjectId, ItemType, MailboxOwnerUpn, MailboxGuid, OperationCount, Folders,
    }

    private static readonly FieldNames Root = new(
    [
        ("Operation", (int)F.Operation), ("CreationTime", (int)F.CreationTime), ("Id", (int)F.Id),
        ("OrganizationId", (int)F.OrganizationId), ("Workload", (int)F.Workload), ("OfficeWorkload", (int)F.OfficeWorkload),
        ("RecordType", (int)F.RecordType), ("OperationProperties", (int)F.OperationProperties),
        ("ModifiedProperties", (int)F.ModifiedProperties), ("ExtendedProperties", (int)F.ExtendedProperties),
        ("Parameters", (int)F.Parameters), ("ResultStatus", (int)F.ResultStatus), ("ErrorNumber", (int)F.ErrorNumber),
        ("LogonError", (int)F.LogonError), ("UserType", (int)F.UserType), ("UserId", (int)F.UserId), ("UserKey", (int)F.UserKey),
        ("Actor", (int)F.Actor), ("Target", (int)F.Target), ("AADTarget", (int)F.AadTarget), ("ClientAppId", (int)F.ClientAppId),
        ("AppAccessContext", (int)F.AppAccessContext), ("AppId", (int)F.AppId), ("ApplicationId", (int)F.ApplicationId),
        ("TokenObjectId", (int)F.TokenObjectId), ("ClientIPAddress", (int)F.ClientIpAddress), ("ClientIP", (int)F.ClientIp),
        ("Client_IPAddress", (int)F.ClientIpUnderscore), ("ActorIpAddress", (int)F.ActorIpAddress),
        ("ClientInfoString", (int)F.ClientInfoString), ("UserAgent", (int)F.UserAgent), ("SessionId", (int)F.SessionId),
        ("CorrelationId", (int)F.CorrelationId), ("ObjectId", (int)F.ObjectId), ("OfficeObjectId", (int)F.OfficeObjectId),
        ("ItemType", (int)F.ItemType), ("MailboxOwnerUPN", (int)F.MailboxOwnerUpn), ("MailboxGuid", (int)F.MailboxGuid),
        ("OperationCount", (int)F.OperationCount), ("Folders", (int)F.Folders),
    ],
    [
        // Wrappers and batches (EnvelopeUnwrapper, RecordArrays), Defender rows, a Log Analytics Type, item
        // operations (read by the general path), and the first fields of other logs, to decline those early.
        "o365audit", "AuditData", "RawEventData", "event", "value", "records", "events", "ActionType", "Type",
        "Item", "AffectedItems", "Messages", "properties", "category", "createdDateTime", "activityDateTime", "requestUri",
    ]);

    /// <summary>The root fields whose values recur from record to record (see <see cref="Utf8StringCache"/>).</summary>
    private static readonly bool[] Repeats = FieldSet(
        F.Operation, F.OrganizationId, F.Workload, F.OfficeWorkload, F.RecordType, F.ResultStatus, F.ErrorNumber, F.LogonError,
        F.UserType, F.ClientAppId, F.AppId, F.ApplicationId, F.ClientInfoString, F.UserAgent, F.ItemType);

    /// <summary>
    /// The root fields whose string values are made text only when <see cref="Build"/> asks for them: a record usually
    /// has two of the four client address fields and only the first is used, and the record id is made from the
    /// bytes of Id without the text of Id itself.
    /// </summary>
    private static readonly bool[] Deferred = FieldSet(F.Id, F.ClientIpAddress, F.ClientIp, F.ClientIpUnderscore, F.ActorIpAddress);

    private static bool[] FieldSet(params F[] fields)
    {
        var set = new bool[(int)F.Folders + 1];
        foreach (var field in fields) set[(int)field] = true;
        return set;
    }

    private const int NameSlot = 0, KeySlot = 1, OldValueSlot = 2, NewValueSlot = 3, ValueSlot = 4;
    private static readonly FieldNames NameValueFields = new([("Name", NameSlot), ("Key", KeySlot), ("OldValue", OldValueSlot), ("NewValue", NewValueSlot), ("Value", ValueSlot)], []);

    private const int UpperIdSlot = 0, IdSlot = 1, TypeSlot = 2;
    private static readonly FieldNames IdentityFields = new([("ID", UpperIdSlot), ("Id", IdSlot), ("Type", TypeSlot)], []);

    private const int ContextClientAppId = 0, ContextSessionId = 1, ContextTokenId = 2;
    private static readonly FieldNames ContextFields = new([("ClientAppId", ContextClientAppId), ("AADSessionId", ContextSessionId), ("UniqueTokenId", ContextTokenId)], []);

    private const int FolderId = 0, FolderPath = 1, FolderItems = 2;
    private static readonly FieldNames FolderFields = new([("Id", FolderId), ("Path", FolderPath), ("FolderItems", FolderItems)], []);

    private const int ItemMessageId = 0, ItemSize = 1, ItemImmutableId = 2;
    private static readonly FieldNames ItemFields = new([("InternetMessageId", ItemMessageId), ("SizeInBytes", ItemSize), ("ImmutableId", ItemImmutableId)], []);

    /// <summary>The normalised event, or null when the general path must read this record. Its raw bytes are copied into
    /// <paramref name="arena"/> when there is one.</summary>
    public static AuditEvent? TryRead(ReadOnlySpan<byte> utf8, RawArena? arena = null)
    {
        try
        {
            // Strict JSON: a line with comments or trailing commas (or nesting past 64) throws and goes the general way.
            var reader = new JsonLineReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            var f = t_fields ??= new Fields();
            f.Clear();
            if (!ReadRoot(ref reader, f)) return null;
            if (reader.Read()) return null; // trailing content: the general path reports it
            return Build(f, utf8, arena);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or BailException)
        {
            return null;
        }
    }

    /// <summary>What one record holds, as <see cref="JsonFields.Str"/> would read each field.</summary>
    private sealed class Fields
    {
        // Made per thread, as the fields are: passed down rather than looked up, since a thread-static lookup per
        // string was a few percent of this reader's time.
        public readonly Utf8StringCache Strings = Utf8StringCache.ForThread;
        public readonly string?[] Text = new string?[(int)F.Folders + 1];
        public readonly bool[] Present = new bool[(int)F.Folders + 1];
        // Where a deferred field's string value is in the line, its length (never 0: 0 when not deferred), escaped.
        public readonly (int At, int Length, bool Escaped)[] Later = new (int, int, bool)[(int)F.Folders + 1];
        public string? Operation;
        public DateTime Time;
        public bool HasTime;
        public readonly UalRecord Record = new();
        public List<MailFolder>? Folders;
        public string? ContextClientAppId, ContextSessionId, ContextTokenId;
        public AadIdentities.Entity? Target, AadTarget;
        public readonly Utf8Texts Texts = new();

        public void Clear()
        {
            Array.Clear(Text);
            Array.Clear(Present);
            Array.Clear(Later);
            Operation = ContextClientAppId = ContextSessionId = ContextTokenId = null;
            Time = default;
            HasTime = false;
            Record.Reset();
            Folders = null;
            Target = AadTarget = null;
            Texts.Clear();
        }
    }

    /// <summary>Reads the record's fields; false (without an exception: mixed files decline often) for a refused name.</summary>
    private static bool ReadRoot(ref JsonLineReader reader, Fields f)
    {
        var r = f.Record;
        var context = FieldNames.Start;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject) return true;
            if (reader.ValueIsEscaped) return false;
            var slot = Root.Match(reader.ValueSpan, ref context);
            if (slot == FieldNames.Refused || !reader.Read()) return false;
            if (slot == FieldNames.Unknown)
            {
                reader.Skip();
                continue;
            }
            if (f.Present[slot]) Bail(); // a duplicate: the general path takes the last one
            if (reader.TokenType == JsonTokenType.Null) continue; // null is absent, as in JsonFields
            f.Present[slot] = true;
            switch ((F)slot)
            {
                case F.Operation:
                    f.Operation = reader.TokenType == JsonTokenType.String ? f.Strings.GetString(ref reader) : Bail<string>();
                    break;
                case F.CreationTime:
                    if (reader.TokenType != JsonTokenType.String) Bail();
                    // The usual ISO form is read from its bytes; anything else as text, as the general path reads it.
                    if (!reader.ValueIsEscaped && Timestamps.TryParseIsoUtf8(reader.ValueSpan, out f.Time)) f.HasTime = true;
                    else f.Text[slot] = reader.GetString();
                    break;
                case F.OperationProperties: r.OperationProperties = NameValueList(ref reader, f.Strings); break;
                case F.ModifiedProperties: r.ModifiedProperties = NameValueList(ref reader, f.Strings); break;
                case F.ExtendedProperties: r.ExtendedProperties = NameValueList(ref reader, f.Strings); break;
                case F.Parameters: r.Parameters = NameValueList(ref reader, f.Strings); break;
                case F.Actor: r.Actor = Identities(ref reader, f.Strings); break;
                case F.Target: f.Target = Identities(ref reader, f.Strings); break;
                case F.AadTarget: f.AadTarget = Identities(ref reader, f.Strings); break;
                case F.AppAccessContext: AppAccessContext(ref reader, f); break;
                case F.Folders: f.Folders = Folders(ref reader, f); break;
                default:
                    if (Deferred[slot] && reader.TokenType == JsonTokenType.String && !reader.ValueSpan.IsEmpty)
                        f.Later[slot] = (reader.ValueStart, reader.ValueSpan.Length, reader.ValueIsEscaped);
                    else f.Text[slot] = Scalar(ref reader, f.Strings, Repeats[slot]);
                    break;
            }
        }
        return false;
    }

    /// <summary>Advances to the next known property's value; unknown properties are skipped. False at the object's end.
    /// <paramref name="context"/> is the object's, from <see cref="FieldNames.Start"/> (see <see cref="FieldNames.Match"/>).</summary>
    private static bool Next(ref JsonLineReader reader, FieldNames names, ref int context, out int slot)
    {
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject) { slot = 0; return false; }
            if (reader.ValueIsEscaped) Bail();
            slot = names.Match(reader.ValueSpan, ref context);
            if (slot == FieldNames.Refused || !reader.Read()) Bail();
            if (slot >= 0) return true;
            reader.Skip();
        }
        slot = 0;
        return Bail<bool>();
    }

    /// <summary>
    /// A scalar as <see cref="JsonFields.Str"/> reads it: empty text is absent; objects and arrays go the general way.
    /// <paramref name="repeats"/> marks a field whose values recur across records: its strings come from the cache.
    /// </summary>
    private static string? Scalar(ref JsonLineReader reader, Utf8StringCache strings, bool repeats = false) => reader.TokenType switch
    {
        JsonTokenType.String when reader.ValueSpan.IsEmpty && !reader.ValueIsEscaped => null,
        JsonTokenType.String => (repeats ? strings.GetString(ref reader, Utf8StringCache.LongValueBytes) : reader.GetString()) is { Length: > 0 } s ? s : null,
        JsonTokenType.Number => strings.GetText(reader.ValueSpan),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => null,
        _ => Bail<string>(),
    };

    /// <summary>An array of {Name, Value} / {Name, NewValue, OldValue} objects or hashtable strings (see <see cref="NameValues"/>).</summary>
    private static List<ModifiedProperty> NameValueList(ref JsonLineReader reader, Utf8StringCache strings)
    {
        if (reader.TokenType != JsonTokenType.StartArray) Bail(); // JSON in a string, a single object, a scalar
        var list = new List<ModifiedProperty>();
        var slots = new NameValueSlots();
        Span<string?> values = slots;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    values.Clear();
                    var seen = 0;
                    var context = FieldNames.Start;
                    while (Next(ref reader, NameValueFields, ref context, out var slot))
                    {
                        if ((seen & (1 << slot)) != 0) Bail();
                        seen |= 1 << slot;
                        values[slot] = Scalar(ref reader, strings, repeats: true);
                    }
                    if ((values[NameSlot] ?? values[KeySlot]) is { } name)
                        list.Add(new ModifiedProperty(name, values[OldValueSlot], values[NewValueSlot] ?? values[ValueSlot]));
                    break;
                case JsonTokenType.String:
                    NameValues.AddText(list, reader.GetString()!);
                    break;
                case JsonTokenType.StartArray:
                    reader.Skip();
                    break;
            }
        }
        return list;
    }

    /// <summary>An AzureActiveDirectory identity list, folded by <see cref="AadIdentities.Fold"/>.</summary>
    private static AadIdentities.Entity? Identities(ref JsonLineReader reader, Utf8StringCache strings)
    {
        if (reader.TokenType != JsonTokenType.StartArray) Bail();
        var entries = new List<(string?, string?)>(4);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.StartArray) { reader.Skip(); continue; }
            if (reader.TokenType != JsonTokenType.StartObject) continue; // the general path finds no ID in a scalar
            string? upperId = null, id = null, type = null;
            var seen = 0;
            var context = FieldNames.Start;
            while (Next(ref reader, IdentityFields, ref context, out var slot))
            {
                if ((seen & (1 << slot)) != 0) Bail();
                seen |= 1 << slot;
                var value = Scalar(ref reader, strings, repeats: true);
                if (slot == UpperIdSlot) upperId = value;
                else if (slot == IdSlot) id = value;
                else type = value;
            }
            // Str("ID", "Id"): an "Id" alone is found by the case-insensitive lookup of "ID" too.
            entries.Add((upperId ?? id, type));
        }
        return AadIdentities.Fold(entries);
    }

    private static void AppAccessContext(ref JsonLineReader reader, Fields f)
    {
        if (reader.TokenType != JsonTokenType.StartObject) Bail(); // JSON in a string: the general path parses it
        var seen = 0;
        var context = FieldNames.Start;
        while (Next(ref reader, ContextFields, ref context, out var slot))
        {
            if ((seen & (1 << slot)) != 0) Bail();
            seen |= 1 << slot;
            var value = Scalar(ref reader, f.Strings, repeats: slot == ContextClientAppId);
            switch (slot)
            {
                case ContextClientAppId: f.ContextClientAppId = value; break;
                case ContextSessionId: f.ContextSessionId = value; break;
                default: f.ContextTokenId = value; break;
            }
        }
    }

    /// <summary>Folders[] of objects with Id, Path and FolderItems[] (InternetMessageId, SizeInBytes, ImmutableId).</summary>
    private static List<MailFolder> Folders(ref JsonLineReader reader, Fields f)
    {
        var strings = f.Strings;
        if (reader.TokenType != JsonTokenType.StartArray) Bail();
        var folders = new List<MailFolder>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject) Bail(); // hashtable text, or a value the general path rejects
            var folder = new MailFolder();
            var seen = 0;
            var context = FieldNames.Start;
            while (Next(ref reader, FolderFields, ref context, out var slot))
            {
                if ((seen & (1 << slot)) != 0) Bail();
                seen |= 1 << slot;
                switch (slot)
                {
                    case FolderId:
                        var keptFolderId = f.Texts.Keep(ref reader);
                        if (keptFolderId >= 0) f.Texts.Give(keptFolderId, folder);
                        else folder.Id = Scalar(ref reader, strings);
                        break;
                    case FolderPath: folder.Path = Scalar(ref reader, strings, repeats: true); break;
                    default: FolderItemsOf(ref reader, folder, f); break;
                }
            }
            folders.Add(folder);
        }
        return folders;
    }

    private static void FolderItemsOf(ref JsonLineReader reader, MailFolder folder, Fields f)
    {
        var strings = f.Strings;
        if (reader.TokenType == JsonTokenType.Null) return;
        if (reader.TokenType != JsonTokenType.StartArray) Bail();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType is JsonTokenType.StartArray) { reader.Skip(); continue; }
            if (reader.TokenType != JsonTokenType.StartObject) continue; // only objects are items
            string? messageId = null, immutableId = null;
            var keptId = -1;
            long? size = null;
            var seen = 0;
            var context = FieldNames.Start;
            while (Next(ref reader, ItemFields, ref context, out var slot))
            {
                if ((seen & (1 << slot)) != 0) Bail();
                seen |= 1 << slot;
                switch (slot)
                {
                    case ItemMessageId:
                        keptId = f.Texts.Keep(ref reader);
                        if (keptId < 0) messageId = Scalar(ref reader, strings);
                        break;
                    case ItemSize: size = Size(ref reader, strings); break;
                    default: immutableId = Scalar(ref reader, strings); break;
                }
            }
            var item = new MailItem(messageId, size, immutableId);
            if (keptId >= 0) f.Texts.Give(keptId, item);
            folder.Items.Add(item);
        }
    }

    /// <summary>
    /// SizeInBytes as <see cref="MailAccessReader.ParseSize"/> reads its text, without making the text of a number:
    /// both parsers round a JSON number to the same double. An integer a double holds exactly (all sizes) is read as one,
    /// which is quicker than reading a double and gives the same value.
    /// </summary>
    private static long? Size(ref JsonLineReader reader, Utf8StringCache strings)
    {
        const long exact = 1L << 53;
        if (reader.TokenType != JsonTokenType.Number) return MailAccessReader.ParseSize(Scalar(ref reader, strings));
        if (reader.TryGetInt64(out var n) && n > -exact && n < exact) return n;
        return reader.TryGetDouble(out var d) && double.IsFinite(d) ? (long)d : MailAccessReader.ParseSize(Scalar(ref reader, strings));
    }

    /// <summary><see cref="UalElementReader.Read"/> for a Management Activity API record, field for field.</summary>
    private static AuditEvent? Build(Fields f, ReadOnlySpan<byte> utf8, RawArena? arena)
    {
        string? T(F field) => f.Text[(int)field];
        var r = f.Record;
        // No id (or a blank one) means a content hash of the raw text: the general path's job.
        if (f.Operation is null) return null;
        var recordId = RecordIdOf(f, utf8);
        if (recordId is null) return null;
        var utc = f.Time;
        if (!f.HasTime && (T(F.CreationTime) is not { } time || !Timestamps.TryParse(time, out utc))) return null;
        f.Texts.Bind();
        r.Operation = f.Operation;
        r.Time = utc;
        r.OrganizationId = T(F.OrganizationId);
        r.Workload = T(F.Workload) ?? T(F.OfficeWorkload);
        r.RecordType = T(F.RecordType);
        r.ResultStatus = T(F.ResultStatus);
        r.ErrorNumber = T(F.ErrorNumber);
        r.LogonError = T(F.LogonError);
        r.UserType = T(F.UserType);
        r.UserId = T(F.UserId);
        r.UserKey = T(F.UserKey);
        r.ClientAppId = T(F.ClientAppId) ?? f.ContextClientAppId;
        r.AppId = T(F.AppId);
        r.ApplicationId = T(F.ApplicationId);
        r.TokenObjectId = T(F.TokenObjectId);
        r.ClientIp = Later(f, utf8, F.ClientIpAddress) ?? Later(f, utf8, F.ClientIp) ?? Later(f, utf8, F.ClientIpUnderscore) ?? Later(f, utf8, F.ActorIpAddress);
        r.ClientInfoString = T(F.ClientInfoString);
        r.UserAgent = T(F.UserAgent);
        r.SessionId = T(F.SessionId) ?? f.ContextSessionId;
        r.UniqueTokenId = f.ContextTokenId;
        r.CorrelationId = T(F.CorrelationId);
        r.Target = f.Target ?? f.AadTarget;
        r.ObjectId = T(F.ObjectId) ?? T(F.OfficeObjectId);
        r.ItemType = T(F.ItemType);
        r.MailboxOwnerUpn = T(F.MailboxOwnerUpn);
        r.MailboxGuid = T(F.MailboxGuid);
        if (MailAccessReader.IsMailboxRecord(f.Present[(int)F.MailboxGuid] || f.Present[(int)F.MailboxOwnerUpn], r.Workload, f.Present[(int)F.Folders]))
        {
            r.OperationCount = f.Present[(int)F.OperationCount] ? f.Text[(int)F.OperationCount] ?? "" : null;
            r.MailFolders = f.Folders ?? [];
        }
        return UalEventBuilder.Build(r, recordId, UalVariant.Api, utf8, arena);
    }

    /// <summary>A <see cref="Deferred"/> field's text, as <see cref="Scalar"/> would have read it.</summary>
    private static string? Later(Fields f, ReadOnlySpan<byte> utf8, F field)
    {
        if (f.Text[(int)field] is { } text) return text;
        if (f.Later[(int)field] is not { Length: > 0 } later) return null;
        return JsonLineReader.StringAt(utf8, later.At, later.Length, later.Escaped) is { Length: > 0 } s ? s : null;
    }

    /// <summary>
    /// <see cref="RecordIds.FromSourceId"/> of the record's Id: made straight from its bytes when they are ASCII without
    /// escapes (every Id seen), so that the Id's own text is never made; from its text otherwise. Null when the record
    /// has no Id or a blank one (the general path hashes its content).
    /// </summary>
    private static string? RecordIdOf(Fields f, ReadOnlySpan<byte> utf8)
    {
        if (f.Text[(int)F.Id] is { } text) return string.IsNullOrWhiteSpace(text) ? null : RecordIds.FromSourceId(SourceKind.Ual, text);
        if (f.Later[(int)F.Id] is not { Length: > 0 } later) return null;
        if (!later.Escaped && RecordIds.TryFromAsciiSourceId(SourceKind.Ual, utf8.Slice(later.At, later.Length), out var id)) return id;
        var value = JsonLineReader.StringAt(utf8, later.At, later.Length, later.Escaped);
        return string.IsNullOrWhiteSpace(value) ? null : RecordIds.FromSourceId(SourceKind.Ual, value);
    }

    [System.Runtime.CompilerServices.InlineArray(5)]
    private struct NameValueSlots
    {
        private string? _first;
    }

    private static void Bail() => throw new BailException();

    private static T Bail<T>() => throw new BailException();

    /// <summary>Leaves the fast path for the general one; rare by construction.</summary>
    private sealed class BailException : Exception;
}

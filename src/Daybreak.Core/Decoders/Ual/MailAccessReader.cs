using System.Globalization;
using System.Text.Json;
using Daybreak.Events;

namespace Daybreak.Decoders.Ual;

/// <summary>
/// Builds <see cref="MailAccess"/> from an Exchange mailbox record: MailItemsAccessed (Folders[].FolderItems[],
/// OperationProperties MailAccessType/IsThrottled, OperationCount), item operations (Item, AffectedItems) and
/// AttachmentAccess (Messages[].MessageItems[]). Folders arrive as JSON, JSON in a string, or PowerShell hashtable
/// strings whose items were lost (<c>FolderItems=System.Object[]</c>): the folder path is kept, with no items.
/// </summary>
internal static class MailAccessReader
{
    private static readonly string[] MailFields = ["Folders", "Item", "AffectedItems", "Messages"];

    /// <summary>
    /// True when the record is about a mailbox and should carry <see cref="AuditEvent.Mail"/>: it names a mailbox, or
    /// it is an Exchange record with folders or items (other workloads use some of these names for other things).
    /// </summary>
    public static bool IsMailboxRecord(JsonElement record) =>
        IsMailboxRecord(record.TryGet("MailboxGuid", out _) || record.TryGet("MailboxOwnerUPN", out _),
            record.Str("Workload", "OfficeWorkload"), MailFields.Any(name => record.TryGet(name, out _)));

    /// <summary><see cref="IsMailboxRecord(JsonElement)"/> from what a reader found: a mailbox named, the workload, a mail field present.</summary>
    public static bool IsMailboxRecord(bool namesMailbox, string? workload, bool hasMailField) =>
        namesMailbox || (hasMailField && string.Equals(workload, "Exchange", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The mail access of a mailbox record whose folders were read (<see cref="UalRecord.MailFolders"/>), with its
    /// owner's UPN and mailbox GUID as the caller lower-cased them, and the access type it found in OperationProperties
    /// (MailAccessType, else AttachmentAccessType).
    /// </summary>
    public static MailAccess Create(UalRecord r, string? owner, string? guid, string? accessType)
    {
        var mail = new MailAccess
        {
            MailboxOwnerUpn = owner,
            MailboxGuid = guid,
            AccessType = accessType,
            IsThrottled = ParseBool(NameValues.Find(r.OperationProperties, "IsThrottled")),
            OperationCount = ParseCount(r.OperationCount),
            ClientInfoString = r.ClientInfoString,
            AppId = r.AppId?.ToLowerInvariant(),
            ClientAppId = r.ClientAppId?.ToLowerInvariant(),
            Folders = r.MailFolders!, // the reader's own list, made for this record
        };
        return mail;
    }

    /// <summary>Folders with their items, from Folders, Messages, Item and AffectedItems.</summary>
    public static List<MailFolder> ReadFolders(JsonElement record)
    {
        var folders = new List<MailFolder>();
        ReadFolders(record, "Folders", "FolderItems", folders, strict: true);
        ReadFolders(record, "Messages", "MessageItems", folders, strict: false);
        if (record.Json("Item") is { ValueKind: JsonValueKind.Object } item) AddItem(folders, item);
        foreach (var affected in Elements(record, "AffectedItems", strict: false)) AddItem(folders, affected);
        return folders;
    }

    private static int? ParseCount(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= 0
            ? (int)Math.Min(d, int.MaxValue)
            : null;

    private static void ReadFolders(JsonElement record, string field, string itemsField, List<MailFolder> folders, bool strict)
    {
        foreach (var entry in Elements(record, field, strict))
        {
            if (entry.ValueKind == JsonValueKind.String)
            {
                var text = entry.StringValue()!;
                if (!PowerShellText.IsHashtable(text)) continue;
                var table = PowerShellText.ParseHashtable(text);
                folders.Add(new MailFolder { Id = PowerShellText.Get(table, "Id"), Path = PowerShellText.Get(table, "Path") });
                continue;
            }
            if (entry.ValueKind != JsonValueKind.Object)
            {
                if (strict) throw new RecordRejectedException($"{field} holds a {entry.ValueKind}, expected folder objects");
                continue;
            }
            var folder = new MailFolder { Id = entry.Str("Id"), Path = entry.Str("Path") };
            foreach (var item in Elements(entry, itemsField, strict: false))
            {
                if (item.ValueKind == JsonValueKind.Object) folder.Items.Add(ToItem(item));
            }
            folders.Add(folder);
        }
    }

    /// <summary>An item with its ParentFolder: added to that folder, created when new.</summary>
    private static void AddItem(List<MailFolder> folders, JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object) return;
        var parent = item.Json("ParentFolder");
        var id = parent?.Str("Id");
        var path = parent?.Str("Path");
        var folder = folders.FirstOrDefault(f => f.Id == id && f.Path == path);
        if (folder is null)
        {
            folder = new MailFolder { Id = id, Path = path };
            folders.Add(folder);
        }
        // A folder operation (ModifyFolderPermissions) names the folder as its item: no message.
        if (item.Str("InternetMessageId") is not null || !string.Equals(item.Str("Id"), id, StringComparison.Ordinal))
            folder.Items.Add(ToItem(item));
    }

    private static MailItem ToItem(JsonElement item) =>
        new(item.Str("InternetMessageId"), item.TryGet("SizeInBytes", out var size) ? ParseSize(JsonFields.AsText(size)) : null, item.Str("ImmutableId"));

    /// <summary>SizeInBytes as a number, a numeric string or a float such as 1024.0.</summary>
    public static long? ParseSize(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? (long)d : null;

    /// <summary>
    /// Elements of an array field (JSON or JSON in a string); a single object or hashtable string counts as one. When
    /// <paramref name="strict"/>, any other type rejects the record (Folders is what scoping rests on: a Folders
    /// value that cannot be read must not pass as "no folders"); otherwise it is skipped.
    /// </summary>
    private static IEnumerable<JsonElement> Elements(JsonElement record, string field, bool strict)
    {
        if (!record.TryGet(field, out var v)) return [];
        if (v.ValueKind == JsonValueKind.String)
        {
            var text = v.StringValue()!.Trim();
            if (text.Length == 0) return [];
            if (record.Json(field) is { } parsed) v = parsed;
            else if (PowerShellText.IsHashtable(text)) return [v];
            else if (strict) throw new RecordRejectedException($"{field} is text that is neither JSON nor a PowerShell rendering: {Describe(v)}");
            else return [];
        }
        return v.ValueKind switch
        {
            JsonValueKind.Array => v.EnumerateArray().ToList(),
            JsonValueKind.Object => [v],
            _ when strict => throw new RecordRejectedException($"{field} is a {v.ValueKind}, expected an array"),
            _ => [],
        };
    }

    private static bool? ParseBool(string? text) => bool.TryParse(text?.Trim(), out var b) ? b : null;

    private static string Describe(JsonElement v)
    {
        var text = v.RawText();
        return text.Length > 40 ? text[..40] + "..." : text;
    }
}

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
    public static bool IsMailboxRecord(JsonElement record)
    {
        if (record.TryGet("MailboxGuid", out _) || record.TryGet("MailboxOwnerUPN", out _)) return true;
        if (!string.Equals(record.Str("Workload", "OfficeWorkload"), "Exchange", StringComparison.OrdinalIgnoreCase)) return false;
        foreach (var name in MailFields)
        {
            if (record.TryGet(name, out _)) return true;
        }
        return false;
    }

    public static MailAccess Read(JsonElement record, List<ModifiedProperty> operationProperties)
    {
        var mail = new MailAccess
        {
            MailboxOwnerUpn = record.Str("MailboxOwnerUPN")?.ToLowerInvariant(),
            MailboxGuid = record.Str("MailboxGuid")?.ToLowerInvariant(),
            AccessType = NameValues.Find(operationProperties, "MailAccessType") ?? NameValues.Find(operationProperties, "AttachmentAccessType"),
            IsThrottled = ParseBool(NameValues.Find(operationProperties, "IsThrottled")),
            OperationCount = OperationCount(record),
            ClientInfoString = record.Str("ClientInfoString"),
            AppId = record.Str("AppId")?.ToLowerInvariant(),
            ClientAppId = (record.Str("ClientAppId", "AppAccessContext.ClientAppId"))?.ToLowerInvariant(),
        };
        ReadFolders(record, "Folders", "FolderItems", mail.Folders, strict: true);
        ReadFolders(record, "Messages", "MessageItems", mail.Folders, strict: false);
        if (record.Json("Item") is { ValueKind: JsonValueKind.Object } item) AddItem(mail.Folders, item);
        foreach (var affected in Elements(record, "AffectedItems", strict: false)) AddItem(mail.Folders, affected);
        return mail;
    }

    private static int? OperationCount(JsonElement record)
    {
        if (!record.TryGet("OperationCount", out var v)) return null;
        var text = JsonFields.AsText(v);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= 0
            ? (int)Math.Min(d, int.MaxValue)
            : null;
    }

    private static void ReadFolders(JsonElement record, string field, string itemsField, List<MailFolder> folders, bool strict)
    {
        foreach (var entry in Elements(record, field, strict))
        {
            if (entry.ValueKind == JsonValueKind.String)
            {
                var text = entry.GetString()!;
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
        new(item.Str("InternetMessageId"), Size(item), item.Str("ImmutableId"));

    private static long? Size(JsonElement item)
    {
        if (!item.TryGet("SizeInBytes", out var v)) return null;
        var text = JsonFields.AsText(v);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? (long)d : null;
    }

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
            var text = v.GetString()!.Trim();
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
        var text = v.GetRawText();
        return text.Length > 40 ? text[..40] + "..." : text;
    }
}

using System.Globalization;
using CsvHelper;

namespace Daybreak.Response.Notices;

/// <summary>What a message trace knows about one message: subject, sender, recipients. MailItemsAccessed records carry none of this.</summary>
public sealed record MessageMetadata(string InternetMessageId, string? Subject, string? Sender, IReadOnlyList<string> Recipients);

/// <summary>
/// Reads a message trace export (Get-MessageTrace / Get-MessageTraceV2 or the admin center's CSV: MessageId,
/// SenderAddress, RecipientAddress, Subject), one row per recipient, into metadata by InternetMessageId.
/// </summary>
public static class MessageTraceCsv
{
    public static IReadOnlyDictionary<string, MessageMetadata> Read(string path)
    {
        using var reader = new StreamReader(path);
        if (reader.Peek() == '#') reader.ReadLine(); // Export-Csv's #TYPE line
        using var csv = CsvReader.Create(reader, new CsvReaderOptions
        {
            HasHeader = false, AllowLineBreaksInQuotes = true, SkipEmptyLines = true, CommentPrefix = null,
            MalformedData = CsvMalformedDataHandling.Skip, FieldCountMismatch = CsvFieldCountHandling.Allow, FormatProvider = CultureInfo.InvariantCulture,
        }, leaveOpen: true);
        if (!csv.Read()) return new Dictionary<string, MessageMetadata>();
        var header = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i).Trim()).ToArray();
        int Col(params string[] names) => Array.FindIndex(header, h => names.Any(n => n.Equals(h, StringComparison.OrdinalIgnoreCase)));
        var id = Col("MessageId", "InternetMessageId", "Message ID", "message_id");
        if (id < 0) throw new ArgumentException($"{path}: no MessageId column");
        var sender = Col("SenderAddress", "Sender", "From", "sender_address");
        var recipient = Col("RecipientAddress", "Recipients", "Recipient", "To", "recipient_address");
        var subject = Col("Subject", "MessageSubject");
        string? Cell(int i) => i >= 0 && i < csv.FieldCount ? csv.GetString(i) : null;
        var byId = new Dictionary<string, (string? Subject, string? Sender, SortedSet<string> To)>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var mid = Cell(id)?.Trim();
            if (string.IsNullOrEmpty(mid)) continue;
            if (!byId.TryGetValue(mid, out var m)) byId[mid] = m = (null, null, new SortedSet<string>(StringComparer.OrdinalIgnoreCase));
            if (subject >= 0 && m.Subject is null) m.Subject = Cell(subject);
            if (sender >= 0 && m.Sender is null) m.Sender = Cell(sender)?.Trim().ToLowerInvariant();
            if (recipient >= 0)
                foreach (var r in (Cell(recipient) ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    m.To.Add(r.ToLowerInvariant());
            byId[mid] = m;
        }
        return byId.ToDictionary(kv => kv.Key, kv => new MessageMetadata(kv.Key, kv.Value.Subject, kv.Value.Sender, kv.Value.To.ToList()), StringComparer.Ordinal);
    }
}

using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;

namespace Daybreak.Decoders.Containers;

/// <summary>
/// CSV with a header row: Purview and Search-UnifiedAuditLog exports (optionally led by PowerShell's <c>#TYPE</c>
/// line; the record's JSON is in the AuditData column) and Log Analytics portal exports. Each row becomes a JSON
/// object. <see cref="FramedRecord.Raw"/> holds the cells exactly as written, keyed by header; the root the
/// normalisers see has the portal's quirks undone: <c>Name [UTC]</c> columns renamed to <c>Name</c> with the
/// locale date turned into ISO-8601 UTC, <c>X_dynamic</c>/<c>X_string</c> pairs folded into <c>X</c> (the JSON
/// value where it parses), and empty cells left out, as Log Analytics writes nulls.
/// </summary>
internal sealed class CsvFramer(int maxRecordBytes) : IRecordFramer
{
    private const string UtcSuffix = " [UTC]";

    public IEnumerable<FramedRecord> Frame(Stream utf8)
    {
        using var reader = new StreamReader(utf8, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
        var lineOffset = 0;
        if (reader.Peek() == '#')
        {
            reader.ReadLine(); // PowerShell Export-Csv type line: #TYPE Deserialized.Selected.System.Management.Automation.PSCustomObject
            lineOffset = 1;
        }

        var malformed = new Queue<(long Line, string Reason)>();
        var options = new CsvReaderOptions
        {
            HasHeader = false, // the header is read as a row, so its quirks (spaces, [UTC]) stay under our control
            AllowLineBreaksInQuotes = true,
            SkipEmptyLines = true,
            CommentPrefix = null,
            TrimWhitespace = false,
            TrackLineNumbers = true,
            MaxRecordSize = maxRecordBytes,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            OnMalformedRecord = m => malformed.Enqueue((m.LineNumber + lineOffset, "malformed CSV (" + m.Reason + ")")),
            FormatProvider = CultureInfo.InvariantCulture,
        };
        using var csv = CsvReader.Create(reader, options, leaveOpen: true);

        string[]? header = null;
        while (true)
        {
            bool more;
            string? readError = null;
            try
            {
                more = csv.Read();
            }
            catch (Exception ex) when (ex is CsvFormatException or InvalidDataException or IOException)
            {
                more = false;
                readError = ex.Message.Split('\n')[0];
            }
            while (malformed.Count > 0)
            {
                var (badLine, reason) = malformed.Dequeue();
                yield return FramedRecord.Failed(badLine, reason);
            }
            if (readError is not null)
            {
                yield return FramedRecord.Failed(csv.LineNumber + lineOffset, "CSV cannot be read past this line: " + readError);
                yield break;
            }
            if (!more) yield break;

            var line = csv.LineNumber + lineOffset;
            var cells = new string[csv.FieldCount];
            for (var i = 0; i < cells.Length; i++) cells[i] = csv.GetString(i);
            if (header is null)
            {
                header = cells.Select(c => c.Trim()).ToArray();
                if (header.Length < 2) { yield return FramedRecord.Failed(line, "CSV header has fewer than two columns"); yield break; }
                continue;
            }
            if (cells.Length == 1 && cells[0].Length == 0) continue; // blank line
            if (cells.Length != header.Length)
            {
                yield return FramedRecord.Failed(line, $"row has {cells.Length} cells, header has {header.Length}");
                continue;
            }

            var raw = WriteRaw(header, cells);
            JsonDocument document;
            string? error = null;
            try
            {
                document = JsonDocument.Parse(WriteNormalised(header, cells));
            }
            catch (Exception ex) when (ex is JsonException or FormatException)
            {
                document = null!;
                error = ex.Message;
            }
            if (error is not null) { yield return FramedRecord.Failed(line, error); continue; }
            yield return new FramedRecord(document, document.RootElement, raw, line, null);
        }
    }

    private static string WriteRaw(string[] header, string[] cells)
    {
        var output = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            for (var i = 0; i < header.Length; i++) writer.WriteString(header[i], cells[i]);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static ReadOnlyMemory<byte> WriteNormalised(string[] header, string[] cells)
    {
        var output = new ArrayBufferWriter<byte>(256);
        var written = new HashSet<string>(StringComparer.Ordinal);
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            // _dynamic columns first, so the parsed value wins over its _string twin.
            for (var i = 0; i < header.Length; i++)
            {
                if (!header[i].EndsWith("_dynamic", StringComparison.Ordinal) || cells[i].Length == 0) continue;
                var name = header[i][..^"_dynamic".Length];
                if (!written.Add(name)) continue;
                writer.WritePropertyName(name);
                WriteJsonOrString(writer, cells[i]);
            }
            for (var i = 0; i < header.Length; i++)
            {
                var name = header[i];
                var cell = cells[i];
                if (cell.Length == 0 || name.EndsWith("_dynamic", StringComparison.Ordinal)) continue;
                if (name.EndsWith("_string", StringComparison.Ordinal)) name = name[..^"_string".Length];
                if (name.EndsWith(UtcSuffix, StringComparison.Ordinal))
                {
                    name = name[..^UtcSuffix.Length];
                    if (Timestamps.TryParse(cell, out var utc)) cell = utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
                }
                if (!written.Add(name)) continue;
                writer.WriteString(name, cell);
            }
            writer.WriteEndObject();
        }
        return output.WrittenMemory;
    }

    private static void WriteJsonOrString(Utf8JsonWriter writer, string cell)
    {
        try
        {
            using var doc = JsonDocument.Parse(cell);
            doc.RootElement.WriteTo(writer);
        }
        catch (JsonException)
        {
            writer.WriteStringValue(cell);
        }
    }

}

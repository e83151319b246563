using System.Text.Json;

namespace Daybreak.Decoders.Containers;

/// <summary>Decides from a file's first bytes how its records are laid out; never from its name.</summary>
internal static class ContainerDetector
{
    public const int SniffBytes = 64 * 1024;

    /// <summary>The container, or null with a reason when the content is no log this tool reads.</summary>
    public static ContainerKind? Detect(ReadOnlySpan<byte> head, out string? reason)
    {
        reason = null;
        var i = 0;
        while (i < head.Length && head[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') i++;
        if (i == head.Length)
        {
            reason = "empty file: no records";
            return null;
        }
        var content = head[i..];
        if (content[0] == (byte)'[') return ContainerKind.Json;
        if (content[0] == (byte)'{')
        {
            if (IsQueryResults(content)) return ContainerKind.LogAnalyticsQuery;
            var newline = content.IndexOf((byte)'\n');
            if (newline < 0) return ContainerKind.Ndjson; // one line, or a first record longer than the sniff window
            var first = content[..newline].TrimEnd("\r \t"u8);
            if (IsCompleteJson(first)) return ContainerKind.Ndjson;
            // Pretty-printed JSON opens with a line like "{" or "{ \"value\": [". Anything else is an NDJSON record
            // that is malformed: the NDJSON framer reports that one line and reads the rest.
            return first.Length <= 2 || first.EndsWith("["u8) || first.EndsWith("{"u8) ? ContainerKind.Json : ContainerKind.Ndjson;
        }
        if (LooksLikeCsv(content)) return ContainerKind.Csv;
        reason = content.IndexOf((byte)0) >= 0
            ? "not a log file: binary content"
            : "not a log file: expected JSON, NDJSON or CSV with a header row";
        return null;
    }

    /// <summary>
    /// A Logs query API response opens with its <c>tables</c> property (<c>Tables</c> in the older shape), whether
    /// pretty-printed or on one line; its rows are records, so it must not be read as one record or NDJSON.
    /// </summary>
    private static bool IsQueryResults(ReadOnlySpan<byte> content)
    {
        var reader = new Utf8JsonReader(content, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip }));
        try
        {
            return reader.Read() && reader.TokenType == JsonTokenType.StartObject
                && reader.Read() && reader.TokenType == JsonTokenType.PropertyName
                && (reader.ValueTextEquals("tables"u8) || reader.ValueTextEquals("Tables"u8))
                && reader.Read() && reader.TokenType == JsonTokenType.StartArray;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a first name escaped into no text (a lone surrogate), which is no "tables".
            return false;
        }
    }

    private static bool IsCompleteJson(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { AllowTrailingCommas = true });
        try
        {
            while (reader.Read()) { }
            return reader.CurrentDepth == 0 && reader.BytesConsumed > 0 && reader.TokenType is JsonTokenType.EndObject;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool LooksLikeCsv(ReadOnlySpan<byte> content)
    {
        if (content.IndexOf((byte)0) >= 0) return false;
        if (content.StartsWith("#TYPE"u8)) return true;
        var newline = content.IndexOf((byte)'\n');
        var first = newline < 0 ? content : content[..newline];
        return first.IndexOf((byte)',') > 0;
    }
}

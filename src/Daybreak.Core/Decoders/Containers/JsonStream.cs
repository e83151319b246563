using System.Text.Json;

namespace Daybreak.Decoders.Containers;

/// <summary>What the cursor of a streaming JSON framer shows the read loop they share (<see cref="JsonStream"/>).</summary>
internal interface IJsonStreamCursor
{
    byte[] Buffer { get; }

    /// <summary>End of the buffered bytes.</summary>
    int End { get; set; }

    int Depth { get; }

    bool SawToken { get; }

    /// <summary>Moves what is still needed to the front of the buffer, growing it up to <paramref name="max"/> bytes.</summary>
    void MakeRoom(int max);
}

/// <summary>
/// The read loop of the framers that stream one JSON document (<see cref="JsonDocumentFramer"/>,
/// <see cref="QueryResultsFramer"/>): refill the cursor's buffer, scan it, and say why the file ends early.
/// </summary>
internal static class JsonStream
{
    /// <summary>
    /// Reads more of the file (unless it has ended) and scans the buffer. Returns null, or the message that ends the
    /// file: malformed JSON, or a <typeparamref name="TTooLarge"/> thrown by the cursor (described by
    /// <paramref name="tooLarge"/>). Records found before the error stay with the caller.
    /// </summary>
    public static string? Fill<TTooLarge>(Stream utf8, IJsonStreamCursor cursor, ref bool eof, int maxBytes, Action<bool> scan, string tooLarge)
        where TTooLarge : Exception
    {
        try
        {
            if (!eof)
            {
                cursor.MakeRoom(maxBytes);
                var n = utf8.Read(cursor.Buffer, cursor.End, cursor.Buffer.Length - cursor.End);
                if (n == 0) eof = true;
                cursor.End += n;
            }
            scan(eof);
            return null;
        }
        catch (JsonException ex)
        {
            return JsonErrors.Describe(ex) + "; the rest of the file was not read";
        }
        catch (TTooLarge)
        {
            return tooLarge + "; the rest of the file was not read";
        }
    }

    /// <summary>At the end of the file: why the document is incomplete, or null when it is whole.</summary>
    public static string? Unfinished(IJsonStreamCursor cursor) =>
        cursor.Depth > 0 || !cursor.SawToken
            ? cursor.SawToken ? "JSON ends before the document is complete (truncated file?)" : "no JSON content"
            : null;
}

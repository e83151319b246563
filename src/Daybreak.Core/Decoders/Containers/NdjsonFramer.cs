using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Daybreak.Decoders.Containers;

/// <summary>
/// One JSON record per line. A line that is an envelope (a Graph page or a diagnostic <c>records</c> batch saved on
/// one line) yields its elements. Lines longer than the limit are reported and skipped without being buffered whole.
/// A <paramref name="fastReader"/>, when given, is offered each line first; lines it declines are parsed as usual.
/// </summary>
internal sealed class NdjsonFramer(int maxRecordBytes, FastRecordReader? fastReader = null) : IRecordFramer
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 };

    public IEnumerable<FramedRecord> Frame(Stream utf8)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            int start = 0, end = 0;
            long line = 0;
            var eof = false;
            var skippingOversize = false;
            while (true)
            {
                var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                if (newline < 0)
                {
                    if (eof)
                    {
                        if (end > start && !skippingOversize)
                        {
                            line++;
                            foreach (var r in Parse(buffer.AsMemory(start, end - start), line)) yield return r;
                        }
                        yield break;
                    }
                    if (end - start > maxRecordBytes)
                    {
                        if (!skippingOversize) yield return FramedRecord.Failed(line + 1, $"record longer than {maxRecordBytes / (1024 * 1024)} MiB; skipped");
                        skippingOversize = true;
                        start = end = 0;
                    }
                    (buffer, start, end) = MakeRoom(buffer, start, end);
                    var n = utf8.Read(buffer, end, buffer.Length - end);
                    if (n == 0) eof = true;
                    end += n;
                    continue;
                }

                line++;
                var lineStart = start;
                var lineLength = newline;
                start += newline + 1;
                if (skippingOversize) { skippingOversize = false; continue; }
                if (lineLength > 0 && buffer[lineStart + lineLength - 1] == (byte)'\r') lineLength--;
                if (lineLength > maxRecordBytes)
                {
                    yield return FramedRecord.Failed(line, $"record longer than {maxRecordBytes / (1024 * 1024)} MiB; skipped");
                    continue;
                }
                // The fast path first, here rather than in Parse: no iterator is made for the lines it reads.
                if (fastReader?.Invoke(buffer.AsSpan(lineStart, lineLength)) is { } fast)
                {
                    yield return FramedRecord.Read(fast, line);
                    continue;
                }
                foreach (var r in Parse(buffer.AsMemory(lineStart, lineLength), line, fastTried: true)) yield return r;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static (byte[] Buffer, int Start, int End) MakeRoom(byte[] buffer, int start, int end)
    {
        var used = end - start;
        if (start > 0 && used < buffer.Length / 2)
        {
            buffer.AsSpan(start, used).CopyTo(buffer);
            return (buffer, 0, used);
        }
        if (end < buffer.Length) return (buffer, start, end);
        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.AsSpan(start, used).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(buffer);
        return (bigger, 0, used);
    }

    private IEnumerable<FramedRecord> Parse(ReadOnlyMemory<byte> bytes, long line, bool fastTried = false)
    {
        if (IsBlank(bytes.Span)) yield break;
        if (!fastTried && fastReader?.Invoke(bytes.Span) is { } evt)
        {
            yield return FramedRecord.Read(evt, line);
            yield break;
        }
        JsonDocument document;
        string? error = null;
        try
        {
            document = JsonDocument.Parse(bytes, Options);
        }
        catch (JsonException ex)
        {
            document = null!;
            error = JsonErrors.Describe(ex);
        }
        if (error is not null)
        {
            yield return FramedRecord.Failed(line, error);
            yield break;
        }

        if (RecordArrays.TryGetArray(document.RootElement, out var array))
        {
            using (document)
            {
                foreach (var element in array.EnumerateArray())
                    yield return new FramedRecord(null, element, element.RawText(), line, null);
            }
            yield break;
        }
        yield return new FramedRecord(document, document.RootElement, Encoding.UTF8.GetString(bytes.Span), line, null);
    }

    private static bool IsBlank(ReadOnlySpan<byte> span)
    {
        foreach (var b in span)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return false;
        }
        return true;
    }
}

/// <summary>Normalises one NDJSON line without a JsonDocument, or returns null to leave it to the general path.</summary>
internal delegate Events.AuditEvent? FastRecordReader(ReadOnlySpan<byte> utf8);

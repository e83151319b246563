using System.IO.Compression;
using System.Text;

namespace Daybreak.Sources;

/// <summary>
/// Opens an input as a stream of UTF-8 bytes whatever its wrapping: gzip (by magic bytes, nested gzip too),
/// UTF-16 LE/BE with BOM (PowerShell's Export-Csv default), UTF-8 with or without BOM.
/// </summary>
public static class InputOpener
{
    public static Stream Open(InputSource source, Stream? stdin = null) => Unwrap(source.OpenRaw(stdin));

    /// <summary>Peels gzip layers and transcodes to UTF-8; the result is positioned at the first content byte.</summary>
    public static Stream Unwrap(Stream raw)
    {
        var file = raw;
        var stream = new PeekableStream(raw);
        for (var depth = 0; depth < 4; depth++)
        {
            var head = stream.Peek(4);
            if (head.Length >= 2 && head[0] == 0x1f && head[1] == 0x8b)
            {
                Stream gzip = new GZipStream(stream, CompressionMode.Decompress);
                if (depth == 0) gzip = GzipLengthCheck.Wrap(gzip, file);
                stream = new PeekableStream(gzip);
                continue;
            }
            if (head.Length >= 2 && head[0] == 0xFF && head[1] == 0xFE)
            {
                stream.Skip(2);
                return Transcode(stream, new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: false));
            }
            if (head.Length >= 2 && head[0] == 0xFE && head[1] == 0xFF)
            {
                stream.Skip(2);
                return Transcode(stream, new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: false));
            }
            if (head.Length >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF) stream.Skip(3);
            return stream;
        }
        return stream;
    }

    private static Stream Transcode(Stream utf16, Encoding encoding) =>
        Encoding.CreateTranscodingStream(utf16, encoding, new UTF8Encoding(false), leaveOpen: false);
}

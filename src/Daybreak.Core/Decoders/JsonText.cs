using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace Daybreak.Decoders;

/// <summary>
/// The text of an escaped JSON string, made fast for ASCII text. Microsoft's exporters write with an encoder that
/// escapes <c>&lt; &gt; &amp; ' +</c> as <c>\u003c</c> and the like, so every InternetMessageId of a UAL record
/// arrives escaped; <see cref="Utf8JsonReader.GetString"/>'s way (unescape into a rented buffer, then transcode) took
/// 4-5% of a UAL decode's samples. Anything but ASCII text with escapes of ASCII characters is declined, for the framework's
/// reader to decode (<see cref="JsonLineReader.GetString"/>).
/// </summary>
internal static class JsonText
{
    /// <summary>Longer values are declined: the stack buffer stays small and such values are rare.</summary>
    private const int MaxFastBytes = 512;

    /// <summary>
    /// The text of a string token's bytes (as the reader validated them: every escape complete) when they are ASCII and
    /// every escape stands for an ASCII character; false otherwise, and for anything malformed.
    /// </summary>
    internal static bool TryUnescapeAscii(ReadOnlySpan<byte> escaped, [NotNullWhen(true)] out string? text)
    {
        text = null;
        if (escaped.Length > MaxFastBytes) return false;
        Span<char> chars = stackalloc char[escaped.Length]; // an escape is shorter as text than as written
        var written = 0;
        var i = 0;
        while (true)
        {
            var rest = escaped[i..];
            var backslash = rest.IndexOf((byte)'\\');
            var plain = backslash < 0 ? rest : rest[..backslash];
            if (Ascii.ToUtf16(plain, chars[written..], out var widened) != OperationStatus.Done) return false;
            written += widened;
            if (backslash < 0) break;
            i += backslash;
            if (i + 1 >= escaped.Length) return false;
            char c;
            switch (escaped[i + 1])
            {
                case (byte)'u':
                    if (i + 6 > escaped.Length || !TryHex(escaped.Slice(i + 2, 4), out var code) || code >= 0x80) return false;
                    c = (char)code;
                    i += 6;
                    break;
                case (byte)'"': c = '"'; i += 2; break;
                case (byte)'\\': c = '\\'; i += 2; break;
                case (byte)'/': c = '/'; i += 2; break;
                case (byte)'b': c = '\b'; i += 2; break;
                case (byte)'f': c = '\f'; i += 2; break;
                case (byte)'n': c = '\n'; i += 2; break;
                case (byte)'r': c = '\r'; i += 2; break;
                case (byte)'t': c = '\t'; i += 2; break;
                default: return false;
            }
            chars[written++] = c;
        }
        text = new string(chars[..written]);
        return true;
    }

    private static bool TryHex(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (var d in digits)
        {
            var v = d switch
            {
                >= (byte)'0' and <= (byte)'9' => d - '0',
                >= (byte)'a' and <= (byte)'f' => d - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => d - 'A' + 10,
                _ => -1,
            };
            if (v < 0) return false;
            value = (value << 4) | v;
        }
        return true;
    }
}

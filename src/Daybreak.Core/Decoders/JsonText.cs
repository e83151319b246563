using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace Daybreak.Decoders;

/// <summary>
/// Pieces of JSON's grammar that the decoders' reader (<see cref="JsonLineReader"/>) and Sigma's reading of a record
/// (<c>JsonScan</c>) share: the text of an escaped string and the extent of a number.
/// </summary>
/// <remarks>
/// Escaped text is made fast for ASCII: Microsoft's exporters write with an encoder that escapes
/// <c>&lt; &gt; &amp; ' +</c> as <c>\u003c</c> and the like, so every InternetMessageId of a UAL record arrives escaped,
/// and <see cref="Utf8JsonReader.GetString"/>'s way (unescape into a rented buffer, then transcode) took 4-5% of a UAL
/// decode's samples. Anything else goes to the framework's reader, which has the last word.
/// </remarks>
internal static class JsonText
{
    /// <summary>Longer values are declined: the stack buffer stays small and such values are rare.</summary>
    private const int MaxFastBytes = 512;

    /// <summary>
    /// The text of an escaped string token, quotes included, as <see cref="Utf8JsonReader.GetString"/> gives it; false
    /// when its escapes are not JSON's or its text is none (broken UTF-8, a lone surrogate).
    /// </summary>
    internal static bool TryUnescape(ReadOnlySpan<byte> quoted, [NotNullWhen(true)] out string? text)
    {
        if (quoted.Length >= 2 && TryUnescapeAscii(quoted[1..^1], out text)) return true;
        text = null;
        try
        {
            var reader = new Utf8JsonReader(quoted);
            if (!reader.Read() || reader.TokenType != JsonTokenType.String) return false;
            text = reader.GetString()!;
            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// The text of a string token's bytes (quotes included or not) however broken: bytes that are no UTF-8, escapes that
    /// are not JSON's and surrogates without their pair each read as U+FFFD. For values the framework refuses to make
    /// text of: a record is kept with its one damaged value rather than lost (an attacker who can put a lone surrogate
    /// in a field they control must not make their record disappear), and its raw record says what was there.
    /// </summary>
    internal static string Lenient(ReadOnlySpan<byte> token)
    {
        if (token is [(byte)'"', .., (byte)'"'] && token.Length >= 2) token = token[1..^1];
        var text = new StringBuilder(token.Length);
        var run = 0;
        var i = 0;
        while (i < token.Length)
        {
            if (token[i] != (byte)'\\')
            {
                i++;
                continue;
            }
            text.Append(Encoding.UTF8.GetString(token[run..i])); // the framework's UTF8 replaces what is no UTF-8
            i++;
            if (i >= token.Length)
            {
                text.Append('\uFFFD');
                run = i;
                break;
            }
            switch (token[i])
            {
                case (byte)'"': text.Append('"'); i++; break;
                case (byte)'\\': text.Append('\\'); i++; break;
                case (byte)'/': text.Append('/'); i++; break;
                case (byte)'b': text.Append('\b'); i++; break;
                case (byte)'f': text.Append('\f'); i++; break;
                case (byte)'n': text.Append('\n'); i++; break;
                case (byte)'r': text.Append('\r'); i++; break;
                case (byte)'t': text.Append('\t'); i++; break;
                case (byte)'u' when i + 4 < token.Length && Utf8Parser.TryParse(token.Slice(i + 1, 4), out ushort code, out var used, 'X') && used == 4:
                    text.Append((char)code);
                    i += 5;
                    break;
                default:
                    // Not one of JSON's escapes: the backslash is what is wrong; what follows it is read as it is.
                    text.Append('\uFFFD');
                    break;
            }
            run = i;
        }
        text.Append(Encoding.UTF8.GetString(token[run..]));
        // Escapes may have spelled surrogates that pair with nothing: each of those is U+FFFD too.
        for (var c = 0; c < text.Length; c++)
        {
            if (char.IsHighSurrogate(text[c]) && c + 1 < text.Length && char.IsLowSurrogate(text[c + 1])) c++;
            else if (char.IsSurrogate(text[c])) text[c] = '\uFFFD';
        }
        return text.ToString();
    }

    /// <summary>
    /// The text of a string token's bytes (quotes left out) when they are ASCII, hold no control character, and every
    /// escape is JSON's and stands for an ASCII character; false otherwise.
    /// </summary>
    private static bool TryUnescapeAscii(ReadOnlySpan<byte> escaped, [NotNullWhen(true)] out string? text)
    {
        text = null;
        if (escaped.Length > MaxFastBytes) return false;
        Span<byte> bytes = stackalloc byte[escaped.Length]; // an escape is shorter as text than as written
        if (!TryUnescapeToUtf8(escaped, bytes, out var written) || !Ascii.IsValid(bytes[..written])) return false;
        text = Encoding.ASCII.GetString(bytes[..written]);
        return true;
    }

    /// <summary>
    /// The UTF-8 bytes of a string token's text (quotes left out) written to <paramref name="utf8"/>, which must be at
    /// least as long as <paramref name="escaped"/>: false when it holds a control character, an escape that is not
    /// JSON's, or one that stands for a character past ASCII (those are left to the text path, which knows surrogates).
    /// What is not escaped is copied as it is: the caller checks that the result is UTF-8.
    /// </summary>
    internal static bool TryUnescapeToUtf8(ReadOnlySpan<byte> escaped, Span<byte> utf8, out int written)
    {
        written = 0;
        var i = 0;
        while (true)
        {
            var rest = escaped[i..];
            var backslash = rest.IndexOf((byte)'\\');
            var plain = backslash < 0 ? rest : rest[..backslash];
            // Control characters must be escaped: JSON that holds them is refused by the framework's reader, not read here.
            if (plain.IndexOfAnyInRange((byte)0, (byte)0x1F) >= 0) return false;
            plain.CopyTo(utf8[written..]);
            written += plain.Length;
            if (backslash < 0) return true;
            i += backslash;
            if (i + 1 >= escaped.Length) return false;
            byte b;
            switch (escaped[i + 1])
            {
                case (byte)'u':
                    if (i + 6 > escaped.Length || !Utf8Parser.TryParse(escaped.Slice(i + 2, 4), out ushort code, out var used, 'x') || used != 4 || code >= 0x80)
                        return false;
                    b = (byte)code;
                    i += 6;
                    break;
                case (byte)'"': b = (byte)'"'; i += 2; break;
                case (byte)'\\': b = (byte)'\\'; i += 2; break;
                case (byte)'/': b = (byte)'/'; i += 2; break;
                case (byte)'b': b = (byte)'\b'; i += 2; break;
                case (byte)'f': b = (byte)'\f'; i += 2; break;
                case (byte)'n': b = (byte)'\n'; i += 2; break;
                case (byte)'r': b = (byte)'\r'; i += 2; break;
                case (byte)'t': b = (byte)'\t'; i += 2; break;
                default: return false;
            }
            utf8[written++] = b;
        }
    }

    /// <summary>
    /// Where the number starting at <paramref name="start"/> ends, by JSON's grammar
    /// (<c>-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?</c>, as long as it goes); -1 when no number starts there.
    /// </summary>
    internal static int NumberEnd(ReadOnlySpan<byte> text, int start)
    {
        var at = start;
        if (at < text.Length && text[at] == '-') at++;
        if (at >= text.Length || !IsDigit(text[at])) return -1;
        at = text[at] == '0' ? at + 1 : Digits(text, at + 1);
        if (at < text.Length && text[at] == '.')
        {
            if (++at >= text.Length || !IsDigit(text[at])) return -1;
            at = Digits(text, at + 1);
        }
        if (at < text.Length && text[at] is (byte)'e' or (byte)'E')
        {
            if (++at < text.Length && text[at] is (byte)'+' or (byte)'-') at++;
            if (at >= text.Length || !IsDigit(text[at])) return -1;
            at = Digits(text, at + 1);
        }
        return at;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static int Digits(ReadOnlySpan<byte> text, int at)
    {
        while (at < text.Length && IsDigit(text[at])) at++;
        return at;
    }
}

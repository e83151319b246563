using System.Buffers.Text;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Text;
using System.Text.Json;

namespace Daybreak.Decoders;

/// <summary>
/// A forward-only reader of one JSON text held whole in memory (an NDJSON line), for the decoders' fast paths: the
/// tokens, values and strictness of <see cref="Utf8JsonReader"/> with default options (no comments, no trailing
/// commas), at a fraction of its cost per token. <see cref="Utf8JsonReader"/> serves every case (streams, segments,
/// comments, depth limits, positions for error messages) and pays for it on every token; a decoder's fast path reads
/// a few hundred tokens per record, only from a span, and on any error leaves the record to the general path, which
/// reports it. What this reader refuses, <see cref="Utf8JsonReader"/> refuses at the same token (a randomized test
/// compares the two over valid, damaged and generated JSON), with one addition: nesting deeper than
/// <see cref="MaxDepth"/>, which no log this reads comes near, is refused here too. Like <see cref="Utf8JsonReader"/>,
/// it does not check the UTF-8 inside strings while reading; <see cref="GetString"/> does, as its does.
/// </summary>
internal ref struct JsonLineReader
{
    /// <summary>Containers nested deeper than this are refused (one bit each in a 64-bit stack).</summary>
    public const int MaxDepth = 64;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _text;
    private int _position;
    private ulong _inObject;     // bit d: the container at depth d + 1 is an object
    private int _depth;
    private bool _needComma;     // a value (or container's end) was read in the current container
    private bool _afterName;     // a property name and its colon were read: a value comes next
    private bool _rootRead;
    private int _valueStart, _valueLength;

    public JsonLineReader(ReadOnlySpan<byte> utf8) => _text = utf8;

    public JsonTokenType TokenType { get; private set; }

    /// <summary>For a string or property name, whether its text holds escapes (its raw bytes are then not its text).</summary>
    public bool ValueIsEscaped { get; private set; }

    /// <summary>The current token's raw bytes: a string's or name's without quotes (escapes as written), a number or literal as written.</summary>
    public readonly ReadOnlySpan<byte> ValueSpan => _text.Slice(_valueStart, _valueLength);

    /// <summary>A string's raw bytes with its quotes.</summary>
    public readonly ReadOnlySpan<byte> QuotedSpan => _text.Slice(_valueStart - 1, _valueLength + 2);

    /// <summary>Where <see cref="ValueSpan"/> starts in the text: a container's bracket, a string's first byte after its quote.</summary>
    public readonly int ValueStart => _valueStart;

    /// <summary>The next token; false at the end of the text. Throws <see cref="JsonException"/> for invalid JSON.</summary>
    public bool Read()
    {
        var text = _text;
        var at = SkipWhiteSpace(text, _position);
        if (_afterName)
        {
            _afterName = false;
            return ReadValue(at);
        }
        if (_depth == 0)
        {
            if (_rootRead)
            {
                if (at < text.Length) Invalid(); // more after the one value a JSON text is
                return false;
            }
            return ReadValue(at);
        }
        if (at >= text.Length) Invalid(); // a container left open
        var b = text[at];
        if ((_inObject & (1UL << (_depth - 1))) != 0)
        {
            if (b == '}') return End(at, JsonTokenType.EndObject);
            if (_needComma)
            {
                if (b != ',') Invalid();
                at = SkipWhiteSpace(text, at + 1);
                if (at >= text.Length) Invalid();
                b = text[at];
            }
            if (b != '"') Invalid(); // also a trailing comma before '}'
            at = SkipWhiteSpace(text, ReadString(at));
            if (at >= text.Length || text[at] != ':') Invalid();
            _position = at + 1;
            _afterName = true;
            TokenType = JsonTokenType.PropertyName;
            return true;
        }
        if (b == ']') return End(at, JsonTokenType.EndArray);
        if (_needComma)
        {
            if (b != ',') Invalid();
            at = SkipWhiteSpace(text, at + 1); // a trailing comma is refused there: ']' starts no value
        }
        return ReadValue(at);
    }

    /// <summary>
    /// As <see cref="Utf8JsonReader.Skip"/>: on a property name, reads its value; on the start of an object or array,
    /// reads up to its end, which becomes the current token.
    /// </summary>
    public void Skip()
    {
        if (TokenType == JsonTokenType.PropertyName) Read();
        if (TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray)) return;
        var depth = _depth - 1;
        while (_depth > depth && Read())
        {
        }
    }

    /// <summary>
    /// The text of a string or property name, as <see cref="Utf8JsonReader.GetString"/> gives it: null for a null
    /// token; <see cref="InvalidOperationException"/> for other tokens, invalid UTF-8 or an escape that is no character.
    /// </summary>
    public readonly string? GetString()
    {
        if (TokenType == JsonTokenType.Null) return null;
        if (TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName))
            throw new InvalidOperationException($"Cannot get the value of a token type '{TokenType}' as a string.");
        return StringAt(_text, _valueStart, _valueLength, ValueIsEscaped);
    }

    /// <summary>
    /// The text of a string read earlier from <paramref name="text"/> (its bytes without quotes at
    /// <paramref name="start"/>, <paramref name="length"/> long, escaped or not), as <see cref="GetString"/> gives it then.
    /// </summary>
    public static string StringAt(ReadOnlySpan<byte> text, int start, int length, bool escaped)
    {
        if (!escaped)
        {
            try
            {
                return StrictUtf8.GetString(text.Slice(start, length));
            }
            catch (ArgumentException ex)
            {
                throw new InvalidOperationException("Cannot transcode invalid UTF-8 JSON text to a string.", ex);
            }
        }
        return JsonText.TryUnescape(text.Slice(start - 1, length + 2), out var unescaped)
            ? unescaped
            : throw new InvalidOperationException("Cannot transcode invalid UTF-8 or a lone surrogate in JSON text to a string.");
    }

    public readonly bool TryGetInt64(out long value)
    {
        var raw = ValueSpan;
        if (TokenType != JsonTokenType.Number) throw NotANumber();
        if (Utf8Parser.TryParse(raw, out value, out var used) && used == raw.Length) return true;
        value = 0;
        return false;
    }

    public readonly bool TryGetInt32(out int value)
    {
        var raw = ValueSpan;
        if (TokenType != JsonTokenType.Number) throw NotANumber();
        if (Utf8Parser.TryParse(raw, out value, out var used) && used == raw.Length) return true;
        value = 0;
        return false;
    }

    /// <summary>A number too large for a double is an infinity, as <see cref="Utf8JsonReader.TryGetDouble"/> gives it.</summary>
    public readonly bool TryGetDouble(out double value)
    {
        var raw = ValueSpan;
        if (TokenType != JsonTokenType.Number) throw NotANumber();
        if (Utf8Parser.TryParse(raw, out value, out var used) && used == raw.Length) return true;
        value = 0;
        return false;
    }

    private readonly InvalidOperationException NotANumber() => new($"Cannot get the value of a token type '{TokenType}' as a number.");

    private bool End(int at, JsonTokenType type)
    {
        _depth--;
        TokenType = type;
        ValueIsEscaped = false;
        _valueStart = at;
        _valueLength = 1;
        _position = at + 1;
        _needComma = true;
        if (_depth == 0) _rootRead = true;
        return true;
    }

    private bool ReadValue(int at)
    {
        var text = _text;
        if (at >= text.Length) Invalid();
        var b = text[at];
        ValueIsEscaped = false;
        switch (b)
        {
            case (byte)'"':
                _position = ReadString(at);
                TokenType = JsonTokenType.String;
                break;
            case (byte)'{' or (byte)'[':
                if (_depth >= MaxDepth) Invalid();
                if (b == '{') _inObject |= 1UL << _depth;
                else _inObject &= ~(1UL << _depth);
                _depth++;
                _valueStart = at;
                _valueLength = 1;
                _position = at + 1;
                _needComma = false;
                TokenType = b == '{' ? JsonTokenType.StartObject : JsonTokenType.StartArray;
                return true;
            case (byte)'t':
                ReadLiteral(at, "true"u8);
                TokenType = JsonTokenType.True;
                break;
            case (byte)'f':
                ReadLiteral(at, "false"u8);
                TokenType = JsonTokenType.False;
                break;
            case (byte)'n':
                ReadLiteral(at, "null"u8);
                TokenType = JsonTokenType.Null;
                break;
            default:
                _position = ReadNumber(at);
                TokenType = JsonTokenType.Number;
                break;
        }
        _needComma = true;
        if (_depth == 0) _rootRead = true;
        return true;
    }

    private void ReadLiteral(int at, ReadOnlySpan<byte> word)
    {
        // What follows is checked by the next read, as the framework's reader does.
        if (!_text[at..].StartsWith(word)) Invalid();
        _valueStart = at;
        _valueLength = word.Length;
        _position = at + word.Length;
    }

    /// <summary>
    /// What may end a number, as the framework's reader has it: white space, a separator, a container's end, or '/' (a
    /// comment's start, which the next read then refuses).
    /// </summary>
    private static bool IsDelimiter(byte b) =>
        b is (byte)',' or (byte)'}' or (byte)']' or (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)'/';

    /// <summary>A number by JSON's grammar (<see cref="JsonText.NumberEnd"/>), then a delimiter or the end.</summary>
    private int ReadNumber(int start)
    {
        var text = _text;
        var at = JsonText.NumberEnd(text, start);
        if (at < 0) Invalid();
        if (at < text.Length ? !IsDelimiter(text[at]) : _depth > 0) Invalid(); // the text may end after a number only at the root
        _valueStart = start;
        _valueLength = at - start;
        return at;
    }

    /// <summary>A string from its opening quote at <paramref name="quote"/>; the position after its closing quote.</summary>
    private int ReadString(int quote)
    {
        var text = _text;
        var start = quote + 1;
        var at = start;
        var escaped = false;
        while (true)
        {
            at = NextSpecial(text, at);
            if (at >= text.Length) Invalid(); // unterminated
            var b = text[at];
            if (b == '"') break;
            if (b != '\\') Invalid(); // a control character: JSON wants it escaped
            escaped = true;
            if (at + 1 >= text.Length) Invalid();
            switch (text[at + 1])
            {
                case (byte)'u':
                    if (at + 6 > text.Length) Invalid();
                    for (var i = at + 2; i < at + 6; i++)
                    {
                        if (!char.IsAsciiHexDigit((char)text[i])) Invalid();
                    }
                    at += 6;
                    break;
                case (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                    at += 2;
                    break;
                default:
                    Invalid();
                    break;
            }
        }
        _valueStart = start;
        _valueLength = at - start;
        ValueIsEscaped = escaped;
        return at + 1;
    }

    /// <summary>
    /// The first quote, backslash or control character at or after <paramref name="at"/>, 32 or 16 bytes at a time as
    /// the processor's vectors allow (byte by byte without them, and in a text's last bytes); the text's length if none.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int NextSpecial(ReadOnlySpan<byte> text, int at)
    {
        ref var first = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(text);
        if (Vector256.IsHardwareAccelerated)
        {
            while (at + Vector256<byte>.Count <= text.Length)
            {
                var block = Vector256.LoadUnsafe(ref first, (nuint)at);
                var special = Vector256.Equals(block, Vector256.Create((byte)'"')) | Vector256.Equals(block, Vector256.Create((byte)'\\'))
                    | Vector256.LessThan(block, Vector256.Create((byte)0x20));
                var mask = special.ExtractMostSignificantBits();
                if (mask != 0) return at + BitOperations.TrailingZeroCount(mask);
                at += Vector256<byte>.Count;
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            while (at + Vector128<byte>.Count <= text.Length)
            {
                var block = Vector128.LoadUnsafe(ref first, (nuint)at);
                var special = Vector128.Equals(block, Vector128.Create((byte)'"')) | Vector128.Equals(block, Vector128.Create((byte)'\\'))
                    | Vector128.LessThan(block, Vector128.Create((byte)0x20));
                var mask = special.ExtractMostSignificantBits();
                if (mask != 0) return at + BitOperations.TrailingZeroCount(mask);
                at += Vector128<byte>.Count;
            }
        }
        while (at < text.Length)
        {
            var b = text[at];
            if (b == '"' || b == '\\' || b < 0x20) return at;
            at++;
        }
        return at;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipWhiteSpace(ReadOnlySpan<byte> text, int at)
    {
        while (at < text.Length)
        {
            var b = text[at];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') break;
            at++;
        }
        return at;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Invalid() => throw new JsonException("Invalid JSON.");
}

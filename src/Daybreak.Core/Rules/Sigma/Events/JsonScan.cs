using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json;

namespace Daybreak.Rules.Sigma;

/// <summary>
/// The byte-level reading under <see cref="JsonFieldCapture"/>: strings, white space and literals checked as
/// <see cref="Utf8JsonReader"/> checks them, and values passed over without reading their tokens.
/// </summary>
internal static class JsonScan
{
    /// <summary><see cref="JsonDocument"/>'s default: a record with more containers open at once does not parse.</summary>
    public const int MaxDepth = 64;

    private static readonly SearchValues<byte> StringEnd = SearchValues.Create("\"\\"u8);

    /// <summary>What a token that is no string or container is, checked as the JSON grammar has it; None when it is
    /// none of them (a record that does not parse).</summary>
    public static JsonTokenType Literal(ReadOnlySpan<byte> token)
    {
        if (token.SequenceEqual("true"u8)) return JsonTokenType.True;
        if (token.SequenceEqual("false"u8)) return JsonTokenType.False;
        if (token.SequenceEqual("null"u8)) return JsonTokenType.Null;
        return Decoders.JsonText.NumberEnd(token, 0) == token.Length ? JsonTokenType.Number : JsonTokenType.None;
    }

    /// <summary>Moves <paramref name="pos"/> past the string starting there (at its opening quote); false when it does not
    /// end. <paramref name="escaped"/> says whether it holds an escape.</summary>
    public static bool SkipString(ReadOnlySpan<byte> s, ref int pos, out bool escaped)
    {
        escaped = false;
        var i = pos + 1;
        while (true)
        {
            var next = NextQuoteOrBackslash(s, i);
            if (next < 0) return false;
            i = next;
            if (s[i] == (byte)'"')
            {
                pos = i + 1;
                return true;
            }
            // A backslash and the byte it escapes (a \u escape's four digits hold neither a quote nor a backslash).
            escaped = true;
            if (i + 2 > s.Length) return false;
            i += 2;
        }
    }

    /// <summary>The index of the first quote or backslash from <paramref name="i"/> on, or -1. Names and values are short:
    /// 16 bytes at a time here, without the setup of a general search.</summary>
    private static int NextQuoteOrBackslash(ReadOnlySpan<byte> s, int i)
    {
        ref var first = ref MemoryMarshal.GetReference(s);
        for (; i + 16 <= s.Length; i += 16)
        {
            var v = Vector128.LoadUnsafe(ref first, (nuint)i);
            var hits = (Vector128.Equals(v, Vector128.Create((byte)'"')) | Vector128.Equals(v, Vector128.Create((byte)'\\'))).ExtractMostSignificantBits();
            if (hits != 0) return i + BitOperations.TrailingZeroCount(hits);
        }
        var rest = s[i..].IndexOfAny(StringEnd);
        return rest < 0 ? -1 : i + rest;
    }

    /// <summary>
    /// Moves <paramref name="pos"/> past the object or array starting there, which no path goes into, without reading
    /// its tokens. False when its brackets do not match, a string does not end, a comment or a comma before a closing
    /// bracket is met, or it nests deeper than <see cref="MaxDepth"/> with the <paramref name="open"/> containers around it.
    /// </summary>
    /// <remarks>
    /// Read 64 bytes at a time as bit masks, the way simdjson finds a document's structure: which bytes are quotes,
    /// backslashes and brackets; which quotes are escaped (runs of backslashes of odd length); which bytes lie inside
    /// strings (a running parity of the unescaped quotes); and only the brackets outside strings are then looked at one
    /// by one. Searching from one quote or bracket to the next instead spent most of its time starting searches.
    /// </remarks>
    public static bool PassContainer(ReadOnlySpan<byte> s, ref int pos, int open)
    {
        // The kinds of the containers opened here, one bit each (1 for an array): at most MaxDepth of them.
        ulong arrays = 0;
        var level = 0;
        ulong nextIsEscaped = 0, inStringBefore = 0;
        Span<byte> tail = stackalloc byte[64];
        for (var block = pos; block < s.Length; block += 64)
        {
            scoped ReadOnlySpan<byte> bytes;
            if (s.Length - block >= 64) bytes = s.Slice(block, 64);
            else
            {
                // The end of the record, padded with spaces (which are nothing here).
                tail.Fill((byte)' ');
                s[block..].CopyTo(tail);
                bytes = tail;
            }
            var masks = new BlockMasks(bytes);
            var quotes = masks.Quotes & ~Escaped(masks.Backslashes, ref nextIsEscaped);
            var inString = PrefixXor(quotes) ^ inStringBefore;
            inStringBefore = (ulong)((long)inString >> 63);
            var structure = masks.Structure & ~inString;
            while (structure != 0)
            {
                var at = block + BitOperations.TrailingZeroCount(structure);
                structure &= structure - 1;
                switch (s[at])
                {
                    case (byte)'{':
                    case (byte)'[':
                        if (open + level >= MaxDepth) return false;
                        arrays = (arrays << 1) | (s[at] == (byte)'[' ? 1UL : 0UL);
                        level++;
                        break;
                    case (byte)'}':
                    case (byte)']':
                        if ((arrays & 1) != (s[at] == (byte)']' ? 1UL : 0UL) || CommaBefore(s, at)) return false;
                        arrays >>= 1;
                        if (--level == 0)
                        {
                            pos = at + 1;
                            return true;
                        }
                        break;
                    default:
                        return false; // a comment
                }
            }
        }
        return false;
    }

    /// <summary>Bit i of each mask says what byte i of a 64-byte block is.</summary>
    private readonly ref struct BlockMasks
    {
        public readonly ulong Quotes;
        public readonly ulong Backslashes;
        /// <summary>Brackets and slashes (a comment's start).</summary>
        public readonly ulong Structure;

        public BlockMasks(ReadOnlySpan<byte> block)
        {
            ref var first = ref MemoryMarshal.GetReference(block);
            if (Vector256.IsHardwareAccelerated)
            {
                // Two 32-byte halves where the processor has 256-bit vectors: half the loads and compares of four
                // 16-byte parts, which were a third of passing over a sign-in's Conditional Access policies.
                for (var part = 0; part < 2; part++)
                {
                    var v = Vector256.LoadUnsafe(ref first, (nuint)(32 * part));
                    var shift = 32 * part;
                    Quotes |= (ulong)Vector256.Equals(v, Vector256.Create((byte)'"')).ExtractMostSignificantBits() << shift;
                    Backslashes |= (ulong)Vector256.Equals(v, Vector256.Create((byte)'\\')).ExtractMostSignificantBits() << shift;
                    var folded = v & Vector256.Create((byte)0xDF);
                    var brackets = Vector256.Equals(folded, Vector256.Create((byte)'[')) | Vector256.Equals(folded, Vector256.Create((byte)']'))
                        | Vector256.Equals(v, Vector256.Create((byte)'/'));
                    Structure |= (ulong)brackets.ExtractMostSignificantBits() << shift;
                }
                return;
            }
            for (var part = 0; part < 4; part++)
            {
                var v = Vector128.LoadUnsafe(ref first, (nuint)(16 * part));
                var shift = 16 * part;
                Quotes |= (ulong)Vector128.Equals(v, Vector128.Create((byte)'"')).ExtractMostSignificantBits() << shift;
                Backslashes |= (ulong)Vector128.Equals(v, Vector128.Create((byte)'\\')).ExtractMostSignificantBits() << shift;
                // '[' ']' and '{' '}' differ from each other in bit 5 only: fold it away and compare twice, not four times.
                var folded = v & Vector128.Create((byte)0xDF);
                var brackets = Vector128.Equals(folded, Vector128.Create((byte)'[')) | Vector128.Equals(folded, Vector128.Create((byte)']'))
                    | Vector128.Equals(v, Vector128.Create((byte)'/'));
                Structure |= (ulong)brackets.ExtractMostSignificantBits() << shift;
            }
        }
    }

    /// <summary>
    /// The bytes of a block that follow an escaping backslash (simdjson's escape scanner): a run of backslashes escapes
    /// the byte after it when its length is odd. <paramref name="nextIsEscaped"/> carries a run over the block's end.
    /// </summary>
    private static ulong Escaped(ulong backslashes, ref ulong nextIsEscaped)
    {
        const ulong OddBits = 0xAAAAAAAAAAAAAAAA;
        var potentialEscape = backslashes & ~nextIsEscaped;
        // Subtracting the runs from the odd bits turns even-aligned runs to ones and odd-aligned ones to zeros; the
        // exclusive or with the odd bits then leaves each run's escaping backslashes and the byte each escapes.
        var escapeAndEscaped = ((potentialEscape << 1) | OddBits) - potentialEscape ^ OddBits;
        var escaped = escapeAndEscaped ^ (backslashes | nextIsEscaped);
        nextIsEscaped = (escapeAndEscaped & backslashes) >> 63;
        return escaped;
    }

    /// <summary>Bit i set when an odd number of bits up to i are: which bytes lie between an opening and a closing quote.</summary>
    private static ulong PrefixXor(ulong bits)
    {
        bits ^= bits << 1;
        bits ^= bits << 2;
        bits ^= bits << 4;
        bits ^= bits << 8;
        bits ^= bits << 16;
        bits ^= bits << 32;
        return bits;
    }

    /// <summary>Whether the last byte before <paramref name="i"/> that is not white space is a comma.</summary>
    private static bool CommaBefore(ReadOnlySpan<byte> s, int i)
    {
        var before = s[..i].TrimEnd(" \t\r\n"u8);
        return before.Length > 0 && before[^1] == (byte)',';
    }

    /// <summary>Moves <paramref name="pos"/> past white space; false when nothing follows it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool SkipWhitespace(ReadOnlySpan<byte> s, ref int pos)
    {
        // Exported records hold no white space between tokens: one comparison, inlined, is the common case.
        if ((uint)pos < (uint)s.Length && s[pos] > (byte)' ') return true;
        return SkipSpaces(s, ref pos);
    }

    private static bool SkipSpaces(ReadOnlySpan<byte> s, ref int pos)
    {
        while (pos < s.Length && s[pos] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') pos++;
        return pos < s.Length;
    }
}

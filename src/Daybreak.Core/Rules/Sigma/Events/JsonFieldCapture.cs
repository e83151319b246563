using System.Buffers;
using System.Buffers.Text;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using System.Text.Json;
using Daybreak.Decoders;

namespace Daybreak.Rules.Sigma;

/// <summary>
/// One reading of a JSON record that finds the values of a <see cref="JsonFieldPlan"/>'s paths, without building a
/// document: community Sigma rules ask each record for a dozen fields, and parsing the whole record into a
/// <see cref="JsonDocument"/> and looking them up was most of the Sigma stage's time. Each path's answer is exactly
/// <see cref="JsonSigmaEvent.TryGetField(FieldPath, out FieldValue)"/>'s, or <see cref="Result.Unsure"/> where this
/// reading cannot be sure of that (a name written in another case twice, an escaped, dotted or non-ASCII name beside
/// the path, an array or JSON text on the way, an array at the end, a record that does not parse): the caller then
/// asks the parsed record. A randomized test compares the two over records made to hit each case.
/// <para>
/// The reading is a scanner of its own rather than a tokenizer: the objects on a planned path are read token by token
/// and checked as strictly as <see cref="Utf8JsonReader"/> does, but a value no path goes into (most of a sign-in: its
/// authentication steps and Conditional Access policies) is passed over by searching for the next quote or bracket,
/// which was half of the Sigma stage's time when every token of it was read. What passing over checks: brackets that
/// match, strings that end, no comment, no comma before a closing bracket, nesting within <see cref="MaxDepth"/>, so
/// that the relaxed JSON the decoders accept (comments, trailing commas) still leaves every path unsure, as the parsed
/// record refuses it. What it does not check (the spelling of literals and numbers, the characters inside strings)
/// is checked by the decoders, which read every record they pass on as JSON.
/// </para>
/// </summary>
internal sealed class JsonFieldCapture
{
    public enum Result : byte { NotFound, Found, Unsure }

    /// <summary><see cref="JsonDocument"/>'s default: a record with more containers open at once does not parse.</summary>
    public const int MaxDepth = 64;

    private static readonly SearchValues<byte> DotOrNonAscii = SearchValues.Create([(byte)'.', .. Enumerable.Range(0x80, 0x80).Select(b => (byte)b)]);
    private static readonly SearchValues<byte> StringEnd = SearchValues.Create("\"\\"u8);

    private JsonFieldPlan? _plan;
    private ReadOnlyMemory<byte> _utf8;
    private Result[] _results = [];
    private (JsonTokenType Kind, int Start, int Length, string? Text)[] _values = [];
    private int[] _matches = [];

    /// <summary>Reads <paramref name="utf8"/> for <paramref name="plan"/>'s paths. The bytes must stay as they are while
    /// values are taken (<see cref="TryGet"/>).</summary>
    public void Run(JsonFieldPlan plan, ReadOnlyMemory<byte> utf8)
    {
        _plan = plan;
        _utf8 = utf8;
        Fit(ref _results, plan.Count);
        Fit(ref _values, plan.Count);
        Fit(ref _matches, plan.Nodes);
        Array.Clear(_results, 0, plan.Count);
        Array.Clear(_values, 0, plan.Count);
        Array.Clear(_matches, 0, plan.Nodes);
        var s = utf8.Span;
        var pos = 0;
        // What JsonDocument refuses (the parsed view is then empty) leaves every path unsure: the caller asks it.
        if (!SkipWhitespace(s, ref pos) || s[pos] != (byte)'{') MarkAll(plan.Root);
        else if (!ReadObject(s, ref pos, plan.Root, open: 1) || SkipWhitespace(s, ref pos)) MarkAll(plan.Root);
    }

    /// <summary>Forgets the record (its bytes may be reused).</summary>
    public void Clear()
    {
        _utf8 = default;
        if (_plan is { } plan) Array.Clear(_values, 0, plan.Count);
        _plan = null;
    }

    /// <summary>The answer for path <paramref name="id"/>; <paramref name="value"/> is set when it is <see cref="Result.Found"/>.</summary>
    public Result TryGet(int id, out FieldValue value)
    {
        value = FieldValue.Null;
        var result = _results[id];
        if (result != Result.Found) return result;
        var (kind, start, length, text) = _values[id];
        var span = _utf8.Span.Slice(start, length);
        // Values repeat from record to record (result codes, app names, user agents): their strings are taken from the
        // thread's cache rather than made again for every record.
        value = kind switch
        {
            JsonTokenType.String => FieldValue.FromString(text ?? Utf8StringCache.ForThread.GetText(span)),
            // As JsonElement reads a number: the double when the whole text parses as one, its text as written.
            JsonTokenType.Number => FieldValue.FromNumber(Utf8Parser.TryParse(span, out double d, out var used) && used == span.Length ? d : double.NaN, Utf8StringCache.ForThread.GetText(span)),
            JsonTokenType.True => FieldValue.FromBoolean(true),
            JsonTokenType.False => FieldValue.FromBoolean(false),
            JsonTokenType.StartObject => FieldValue.FromObjectJson(Encoding.UTF8.GetString(span)),
            _ => FieldValue.Null,
        };
        return Result.Found;
    }

    /// <summary>
    /// The answer for a path planned as JSON text (<see cref="JsonFieldPlan.AddText"/>): a string's text, the text of
    /// anything else as written (<see cref="JsonElement.GetRawText"/>), null for a JSON null.
    /// </summary>
    public Result TryGetText(int id, out string? text)
    {
        text = null;
        var result = _results[id];
        if (result != Result.Found) return result;
        var (kind, start, length, unescaped) = _values[id];
        var span = _utf8.Span.Slice(start, length);
        text = kind switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => unescaped ?? Utf8StringCache.ForThread.GetText(span),
            JsonTokenType.StartObject or JsonTokenType.StartArray => Encoding.UTF8.GetString(span),
            _ => Utf8StringCache.ForThread.GetText(span),
        };
        return Result.Found;
    }

    /// <summary>Reads one object's properties (<paramref name="pos"/> just past its opening brace, <paramref name="open"/>
    /// containers open counting it) for the paths through <paramref name="node"/>; false when the record does not
    /// parse. On success <paramref name="pos"/> is just past the closing brace.</summary>
    private bool ReadObject(ReadOnlySpan<byte> s, ref int pos, JsonFieldPlan.Node node, int open)
    {
        pos++;
        if (!SkipWhitespace(s, ref pos)) return false;
        if (s[pos] == (byte)'}')
        {
            pos++;
            return true;
        }
        while (true)
        {
            if (s[pos] != (byte)'"') return false;
            var nameStart = pos + 1;
            if (!SkipString(s, ref pos, out var escaped)) return false;
            var name = s[nameStart..(pos - 1)];
            var child = (JsonFieldPlan.Node?)null;
            // A name that may equal a planned one in a way a byte comparison does not see (escaped, non-ASCII, or a
            // dotted key that a longer run of a path's parts would match) leaves every path below this object unsure.
            if (escaped) MarkBelow(node);
            else if ((child = node.Find(name)) is null && name.ContainsAny(DotOrNonAscii)) MarkBelow(node);
            if (!SkipWhitespace(s, ref pos) || s[pos] != (byte)':') return false;
            pos++;
            if (!SkipWhitespace(s, ref pos) || !ReadValue(s, ref pos, child, open)) return false;
            if (!SkipWhitespace(s, ref pos)) return false;
            if (s[pos] == (byte)'}')
            {
                pos++;
                return true;
            }
            if (s[pos] != (byte)',') return false;
            pos++;
            if (!SkipWhitespace(s, ref pos)) return false;
        }
    }

    /// <summary>Reads the value at <paramref name="pos"/> of a property that is <paramref name="child"/> of the plan (null:
    /// no path goes there), in an object with <paramref name="open"/> containers open.</summary>
    private bool ReadValue(ReadOnlySpan<byte> s, ref int pos, JsonFieldPlan.Node? child, int open)
    {
        var start = pos;
        var first = s[pos];
        if (first is (byte)'{' or (byte)'[')
        {
            if (child is null) return PassContainer(s, ref pos, open);
            // Two properties naming the same part (in one case or two): which one the document takes depends on how
            // each is written.
            if (++_matches[child.Id] > 1)
            {
                MarkAll(child);
                return PassContainer(s, ref pos, open);
            }
            if (first == (byte)'[')
            {
                // Paths go into every element of an array, and an array at the end is a list of values: the document's.
                // Its JSON text is this reading's.
                MarkAll(child, except: child.TextEnd);
                if (!PassContainer(s, ref pos, open)) return false;
                if (child.TextEnd >= 0) Set(child.TextEnd, JsonTokenType.StartArray, start, pos - start, null);
                return true;
            }
            if (child.Children.Count > 0)
            {
                if (open >= MaxDepth || !ReadObject(s, ref pos, child, open + 1)) return false;
            }
            else if (!PassContainer(s, ref pos, open)) return false;
            SetEnds(child, JsonTokenType.StartObject, start, pos - start, null);
            return true;
        }
        if (first == (byte)'"')
        {
            if (!SkipString(s, ref pos, out var escaped)) return false;
            if (child is null) return true;
            if (++_matches[child.Id] > 1)
            {
                MarkAll(child);
                return true;
            }
            // A path may go on inside JSON written as text.
            MarkBelow(child);
            if (child.End < 0 && child.TextEnd < 0) return true;
            string? text = null;
            if (escaped && !TryUnescape(s[start..pos], out text)) return false;
            SetEnds(child, JsonTokenType.String, start + 1, pos - start - 2, text);
            return true;
        }
        // A number, true, false or null: nothing below it.
        var end = pos;
        while (end < s.Length && s[end] is not ((byte)',' or (byte)'}' or (byte)']')) end++;
        var token = s[pos..end].TrimEnd(" \t\r\n"u8);
        var kind = Literal(token);
        if (kind == JsonTokenType.None) return false;
        pos += token.Length;
        if (child is null) return true;
        if (++_matches[child.Id] > 1) MarkAll(child);
        else SetEnds(child, kind, start, token.Length, null);
        return true;
    }

    /// <summary>What a token that is no string or container is, checked as the JSON grammar has it; None when it is
    /// none of them (a record that does not parse).</summary>
    private static JsonTokenType Literal(ReadOnlySpan<byte> token)
    {
        if (token.SequenceEqual("true"u8)) return JsonTokenType.True;
        if (token.SequenceEqual("false"u8)) return JsonTokenType.False;
        if (token.SequenceEqual("null"u8)) return JsonTokenType.Null;
        return IsNumber(token) ? JsonTokenType.Number : JsonTokenType.None;
    }

    /// <summary>-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?</summary>
    private static bool IsNumber(ReadOnlySpan<byte> t)
    {
        var i = 0;
        if (i < t.Length && t[i] == (byte)'-') i++;
        if (i >= t.Length || !char.IsAsciiDigit((char)t[i])) return false;
        if (t[i] == (byte)'0') i++;
        else i = Digits(t, i);
        if (i < t.Length && t[i] == (byte)'.')
        {
            var fraction = Digits(t, i + 1);
            if (fraction == i + 1) return false;
            i = fraction;
        }
        if (i < t.Length && t[i] is (byte)'e' or (byte)'E')
        {
            i++;
            if (i < t.Length && t[i] is (byte)'+' or (byte)'-') i++;
            var exponent = Digits(t, i);
            if (exponent == i) return false;
            i = exponent;
        }
        return i == t.Length;
    }

    private static int Digits(ReadOnlySpan<byte> t, int i)
    {
        while (i < t.Length && char.IsAsciiDigit((char)t[i])) i++;
        return i;
    }

    /// <summary>The text of an escaped string token (quotes included), as the reader unescapes it; false when its escapes
    /// are not JSON's.</summary>
    private static bool TryUnescape(ReadOnlySpan<byte> token, out string? text)
    {
        text = null;
        try
        {
            var reader = new Utf8JsonReader(token);
            if (!reader.Read() || reader.TokenType != JsonTokenType.String) return false;
            text = reader.GetString();
            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Moves <paramref name="pos"/> past the string starting there (at its opening quote); false when it does not
    /// end. <paramref name="escaped"/> says whether it holds an escape.</summary>
    private static bool SkipString(ReadOnlySpan<byte> s, ref int pos, out bool escaped)
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
    private static bool PassContainer(ReadOnlySpan<byte> s, ref int pos, int open)
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
    private static bool SkipWhitespace(ReadOnlySpan<byte> s, ref int pos)
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

    /// <summary>The value found at <paramref name="node"/>, for the paths that end there (as a value and as JSON text).</summary>
    private void SetEnds(JsonFieldPlan.Node node, JsonTokenType kind, int start, int length, string? text)
    {
        if (node.End >= 0) Set(node.End, kind, start, length, text);
        if (node.TextEnd >= 0) Set(node.TextEnd, kind, start, length, text);
    }

    private void Set(int id, JsonTokenType kind, int start, int length, string? text)
    {
        if (_results[id] == Result.Unsure) return;
        _results[id] = Result.Found;
        _values[id] = (kind, start, length, text);
    }

    /// <summary>Every path through <paramref name="node"/>, its own end included (but <paramref name="except"/>).</summary>
    private void MarkAll(JsonFieldPlan.Node node, int except = -1)
    {
        var paths = node.Paths;
        for (var i = 0; i < paths.Count; i++)
        {
            if (paths[i] != except) _results[paths[i]] = Result.Unsure;
        }
    }

    /// <summary>Every path that goes on below <paramref name="node"/>, not the one ending there.</summary>
    private void MarkBelow(JsonFieldPlan.Node node)
    {
        var children = node.Children;
        for (var i = 0; i < children.Count; i++) MarkAll(children[i]);
    }

    private static void Fit<T>(ref T[] array, int length)
    {
        if (array.Length < length) array = new T[length];
    }
}

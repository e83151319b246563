using System.Buffers;
using System.Buffers.Text;
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
/// match, strings that end, no comment, no comma before a closing bracket, nesting within <see cref="JsonScan.MaxDepth"/>, so
/// that the relaxed JSON the decoders accept (comments, trailing commas) still leaves every path unsure, as the parsed
/// record refuses it. What it does not check (the spelling of literals and numbers, the characters inside strings)
/// is checked by the decoders, which read every record they pass on as JSON.
/// </para>
/// </summary>
internal sealed class JsonFieldCapture
{
    public enum Result : byte { NotFound, Found, Unsure }

    private static readonly SearchValues<byte> DotOrNonAscii = SearchValues.Create([(byte)'.', .. Enumerable.Range(0x80, 0x80).Select(b => (byte)b)]);

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
        if (!JsonScan.SkipWhitespace(s, ref pos) || s[pos] != (byte)'{') MarkAll(plan.Root);
        else if (!ReadObject(s, ref pos, plan.Root, open: 1) || JsonScan.SkipWhitespace(s, ref pos)) MarkAll(plan.Root);
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
        if (!JsonScan.SkipWhitespace(s, ref pos)) return false;
        if (s[pos] == (byte)'}')
        {
            pos++;
            return true;
        }
        while (true)
        {
            if (s[pos] != (byte)'"') return false;
            var nameStart = pos + 1;
            if (!JsonScan.SkipString(s, ref pos, out var escaped)) return false;
            var name = s[nameStart..(pos - 1)];
            var child = (JsonFieldPlan.Node?)null;
            // A name that may equal a planned one in a way a byte comparison does not see (escaped, non-ASCII, or a
            // dotted key that a longer run of a path's parts would match) leaves every path below this object unsure.
            if (escaped) MarkBelow(node);
            else if ((child = node.Find(name)) is null && name.ContainsAny(DotOrNonAscii)) MarkBelow(node);
            if (!JsonScan.SkipWhitespace(s, ref pos) || s[pos] != (byte)':') return false;
            pos++;
            if (!JsonScan.SkipWhitespace(s, ref pos) || !ReadValue(s, ref pos, child, open)) return false;
            if (!JsonScan.SkipWhitespace(s, ref pos)) return false;
            if (s[pos] == (byte)'}')
            {
                pos++;
                return true;
            }
            if (s[pos] != (byte)',') return false;
            pos++;
            if (!JsonScan.SkipWhitespace(s, ref pos)) return false;
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
            if (child is null) return JsonScan.PassContainer(s, ref pos, open);
            // Two properties naming the same part (in one case or two): which one the document takes depends on how
            // each is written.
            if (++_matches[child.Id] > 1)
            {
                MarkAll(child);
                return JsonScan.PassContainer(s, ref pos, open);
            }
            if (first == (byte)'[')
            {
                // Paths go into every element of an array, and an array at the end is a list of values: the document's.
                // Its JSON text is this reading's.
                MarkAll(child, except: child.TextEnd);
                if (!JsonScan.PassContainer(s, ref pos, open)) return false;
                if (child.TextEnd >= 0) Set(child.TextEnd, JsonTokenType.StartArray, start, pos - start, null);
                return true;
            }
            if (child.Children.Count > 0)
            {
                if (open >= JsonScan.MaxDepth || !ReadObject(s, ref pos, child, open + 1)) return false;
            }
            else if (!JsonScan.PassContainer(s, ref pos, open)) return false;
            SetEnds(child, JsonTokenType.StartObject, start, pos - start, null);
            return true;
        }
        if (first == (byte)'"')
        {
            if (!JsonScan.SkipString(s, ref pos, out var escaped)) return false;
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
            if (escaped && !Decoders.JsonText.TryUnescape(s[start..pos], out text)) return false;
            SetEnds(child, JsonTokenType.String, start + 1, pos - start - 2, text);
            return true;
        }
        // A number, true, false or null: nothing below it.
        var end = pos;
        while (end < s.Length && s[end] is not ((byte)',' or (byte)'}' or (byte)']')) end++;
        var token = s[pos..end].TrimEnd(" \t\r\n"u8);
        var kind = JsonScan.Literal(token);
        if (kind == JsonTokenType.None) return false;
        pos += token.Length;
        if (child is null) return true;
        if (++_matches[child.Id] > 1) MarkAll(child);
        else SetEnds(child, kind, start, token.Length, null);
        return true;
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

using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;

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
/// <para>
/// The single-pass sign-in decoder reads every token of a record anyway: it records the same answers as it goes
/// (through <see cref="Start"/>, <see cref="Name"/>, <see cref="Claim"/> and the other internal steps, which this
/// class's own scanner uses too), and they travel with the event, so most sign-ins are never read here at all.
/// </para>
/// </summary>
internal sealed class JsonFieldCapture
{
    public enum Result : byte { NotFound, Found, Unsure }

    private static readonly SearchValues<byte> DotOrNonAscii = SearchValues.Create([(byte)'.', .. Enumerable.Range(0x80, 0x80).Select(b => (byte)b)]);

    private JsonFieldPlan? _plan;
    private ReadOnlyMemory<byte> _utf8;
    private byte[] _answers = [];   // JsonFieldAnswers.Entry by path id
    private int[] _matches = [];

    /// <summary>Reads <paramref name="utf8"/> for <paramref name="plan"/>'s paths. The bytes must stay as they are while
    /// values are taken (<see cref="TryGet"/>).</summary>
    public void Run(JsonFieldPlan plan, ReadOnlyMemory<byte> utf8)
    {
        Start(plan, utf8);
        var s = utf8.Span;
        var pos = 0;
        // What JsonDocument refuses (the parsed view is then empty) leaves every path unsure: the caller asks it.
        if (!JsonScan.SkipWhitespace(s, ref pos) || s[pos] != (byte)'{') Refuse();
        else if (!ReadObject(s, ref pos, plan.Root, open: 1) || JsonScan.SkipWhitespace(s, ref pos)) Refuse();
    }

    /// <summary>Forgets the record (its bytes may be reused).</summary>
    public void Clear()
    {
        _utf8 = default;
        _plan = null;
    }

    /// <summary>The answers of the last reading, over the record's bytes: valid until the next <see cref="Start"/>.</summary>
    public JsonFieldAnswers Answers => new(_answers.AsMemory(0, AnswerLength), _utf8);

    /// <summary>The answers as bytes (<see cref="JsonFieldAnswers"/>'s layout), for a reader that keeps them beside the record.</summary>
    public ReadOnlySpan<byte> AnswerBytes => _answers.AsSpan(0, AnswerLength);

    private int AnswerLength => (_plan?.Count ?? 0) * JsonFieldAnswers.EntryBytes;

    /// <summary>The answer for path <paramref name="id"/>; <paramref name="value"/> is set when it is <see cref="Result.Found"/>.</summary>
    public Result TryGet(int id, out FieldValue value) => Answers.TryGet(id, out value);

    /// <summary>The answer for a path planned as JSON text (<see cref="JsonFieldPlan.AddText"/>): see <see cref="JsonFieldAnswers.TryGetText"/>.</summary>
    public Result TryGetText(int id, out string? text) => Answers.TryGetText(id, out text);

    // What a reading does as it meets the record, shared by this class's own scanner and by a decoder that reads the
    // record token by token anyway (DiagnosticSignInReader): both must mark exactly the same paths unsure.

    /// <summary>The plan of the reading under way or last made.</summary>
    internal JsonFieldPlan? Plan => _plan;

    /// <summary>The record does not parse as the document would read it: every path unsure.</summary>
    internal void Refuse() => MarkAll(_plan!.Root);

    /// <summary>Starts a reading of <paramref name="utf8"/>: every path not found.</summary>
    internal void Start(JsonFieldPlan plan, ReadOnlyMemory<byte> utf8)
    {
        _plan = plan;
        _utf8 = utf8;
        var bytes = plan.Count * JsonFieldAnswers.EntryBytes;
        if (_answers.Length < bytes) _answers = new byte[bytes];
        if (_matches.Length < plan.Nodes) _matches = new int[plan.Nodes];
        Array.Clear(_answers, 0, bytes);
        Array.Clear(_matches, 0, plan.Nodes);
    }

    /// <summary>
    /// The plan's child of <paramref name="node"/> that the property <paramref name="name"/> (unescaped bytes) is, or
    /// null; a name that may equal a planned one in a way a byte comparison does not see (non-ASCII, or a dotted key
    /// that a longer run of a path's parts would match) leaves every path below <paramref name="node"/> unsure. An
    /// escaped name is <see cref="EscapedName"/>.
    /// </summary>
    internal JsonFieldPlan.Node? Name(JsonFieldPlan.Node node, ReadOnlySpan<byte> name)
    {
        var child = node.Find(name);
        if (child is null && name.ContainsAny(DotOrNonAscii)) MarkBelow(node);
        return child;
    }

    /// <summary>An escaped property name in <paramref name="node"/>'s object: it may be any planned name.</summary>
    internal void EscapedName(JsonFieldPlan.Node node) => MarkBelow(node);

    /// <summary>
    /// A value met at <paramref name="child"/>: true for the first; for a second property naming the same part (in one
    /// case or two), which one the document takes depends on how each is written, so every path through it is unsure.
    /// </summary>
    internal bool Claim(JsonFieldPlan.Node child)
    {
        if (++_matches[child.Id] == 1) return true;
        MarkAll(child);
        return false;
    }

    /// <summary>An array at a claimed <paramref name="child"/> (<paramref name="start"/>, <paramref name="length"/>: its
    /// text). Paths go into every element of an array, and an array at the end is a list of values: the document's.
    /// Its JSON text is this reading's.</summary>
    internal void FoundArray(JsonFieldPlan.Node child, int start, int length)
    {
        MarkAll(child, except: child.TextEnd);
        if (child.TextEnd >= 0) Set(child.TextEnd, JsonTokenType.StartArray, start, length, escaped: false);
    }

    /// <summary>A string at a claimed <paramref name="child"/> (<paramref name="quoted"/>: its bytes with their quotes,
    /// the first at <paramref name="start"/>). A path may go on inside JSON written as text: the document's. False when
    /// an escape in a string a path ends at is no character (a lone surrogate): the document refuses the whole record,
    /// and so every path is unsure.</summary>
    internal bool FoundString(JsonFieldPlan.Node child, ReadOnlySpan<byte> quoted, int start, bool escaped)
    {
        if (escaped && (child.End >= 0 || child.TextEnd >= 0) && !Decoders.JsonText.TryUnescape(quoted, out _))
        {
            Refuse();
            return false;
        }
        MarkBelow(child);
        SetEnds(child, JsonTokenType.String, start + 1, quoted.Length - 2, escaped);
        return true;
    }

    /// <summary>The value found at <paramref name="node"/>, for the paths that end there (as a value and as JSON text).</summary>
    internal void SetEnds(JsonFieldPlan.Node node, JsonTokenType kind, int start, int length, bool escaped = false)
    {
        if (node.End >= 0) Set(node.End, kind, start, length, escaped);
        if (node.TextEnd >= 0) Set(node.TextEnd, kind, start, length, escaped);
    }

    private void Set(int id, JsonTokenType kind, int start, int length, bool escaped)
    {
        ref var entry = ref Entry(id);
        if (entry.Result == Result.Unsure) return;
        entry = new JsonFieldAnswers.Entry(Result.Found, kind, escaped, start, length);
    }

    /// <summary>Every path through <paramref name="node"/>, its own end included (but <paramref name="except"/>); the
    /// plan's root for a record that does not parse.</summary>
    internal void MarkAll(JsonFieldPlan.Node node, int except = -1)
    {
        var paths = node.Paths;
        for (var i = 0; i < paths.Count; i++)
        {
            if (paths[i] != except) Entry(paths[i]) = new JsonFieldAnswers.Entry(Result.Unsure, JsonTokenType.None, false, 0, 0);
        }
    }

    /// <summary>Every path that goes on below <paramref name="node"/>, not the one ending there.</summary>
    internal void MarkBelow(JsonFieldPlan.Node node)
    {
        var children = node.Children;
        for (var i = 0; i < children.Count; i++) MarkAll(children[i]);
    }

    private ref JsonFieldAnswers.Entry Entry(int id) =>
        ref Unsafe.As<byte, JsonFieldAnswers.Entry>(ref _answers[id * JsonFieldAnswers.EntryBytes]);

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
            JsonFieldPlan.Node? child = null;
            if (escaped) EscapedName(node);
            else child = Name(node, name);
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
            if (child is null || !Claim(child)) return JsonScan.PassContainer(s, ref pos, open);
            if (first == (byte)'[')
            {
                if (!JsonScan.PassContainer(s, ref pos, open)) return false;
                FoundArray(child, start, pos - start);
                return true;
            }
            if (child.Children.Count > 0)
            {
                if (open >= JsonScan.MaxDepth || !ReadObject(s, ref pos, child, open + 1)) return false;
            }
            else if (!JsonScan.PassContainer(s, ref pos, open)) return false;
            SetEnds(child, JsonTokenType.StartObject, start, pos - start);
            return true;
        }
        if (first == (byte)'"')
        {
            if (!JsonScan.SkipString(s, ref pos, out var escaped)) return false;
            return child is null || !Claim(child) || FoundString(child, s[start..pos], start, escaped);
        }
        // A number, true, false or null: nothing below it.
        var end = pos;
        while (end < s.Length && s[end] is not ((byte)',' or (byte)'}' or (byte)']')) end++;
        var token = s[pos..end].TrimEnd(" \t\r\n"u8);
        var kind = JsonScan.Literal(token);
        if (kind == JsonTokenType.None) return false;
        pos += token.Length;
        if (child is not null && Claim(child)) SetEnds(child, kind, start, token.Length);
        return true;
    }
}

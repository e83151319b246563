using System.Buffers.Text;
using System.Text;
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
/// </summary>
internal sealed class JsonFieldCapture
{
    public enum Result : byte { NotFound, Found, Unsure }

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
        try
        {
            var reader = new Utf8JsonReader(utf8.Span);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject || !ReadObject(ref reader, plan.Root) || reader.Read())
                MarkAll(plan.Root);
        }
        catch (JsonException)
        {
            // What JsonDocument refuses too (the parsed view is then empty): the caller asks it.
            MarkAll(plan.Root);
        }
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
        value = kind switch
        {
            JsonTokenType.String => FieldValue.FromString(text ?? Encoding.UTF8.GetString(span)),
            // As JsonElement reads a number: the double when the whole text parses as one, its text as written.
            JsonTokenType.Number => FieldValue.FromNumber(Utf8Parser.TryParse(span, out double d, out var used) && used == span.Length ? d : double.NaN, Encoding.UTF8.GetString(span)),
            JsonTokenType.True => FieldValue.FromBoolean(true),
            JsonTokenType.False => FieldValue.FromBoolean(false),
            JsonTokenType.StartObject => FieldValue.FromObjectJson(Encoding.UTF8.GetString(span)),
            _ => FieldValue.Null,
        };
        return Result.Found;
    }

    /// <summary>Reads one object's properties (the reader at its start) for the paths through <paramref name="node"/>;
    /// false when the reader ran out.</summary>
    private bool ReadObject(ref Utf8JsonReader reader, JsonFieldPlan.Node node)
    {
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject) return true;
            var child = (JsonFieldPlan.Node?)null;
            // A name that may equal a planned one in a way a byte comparison does not see (escaped, non-ASCII, or a
            // dotted key that a longer run of a path's parts would match) leaves every path below this object unsure.
            if (reader.ValueIsEscaped || !Ascii.IsValid(reader.ValueSpan) || reader.ValueSpan.Contains((byte)'.')) MarkBelow(node);
            else child = node.Find(reader.ValueSpan);
            if (!reader.Read()) return false;
            if (child is null)
            {
                reader.Skip();
                continue;
            }
            // Two properties naming the same part (in one case or two): which one the document takes depends on how
            // each is written.
            if (++_matches[child.Id] > 1)
            {
                MarkAll(child);
                reader.Skip();
                continue;
            }
            var start = (int)reader.TokenStartIndex;
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    if (child.Children.Count > 0)
                    {
                        if (!ReadObject(ref reader, child)) return false;
                    }
                    else reader.Skip();
                    if (child.End >= 0) Set(child.End, JsonTokenType.StartObject, start, (int)reader.BytesConsumed - start, null);
                    break;
                case JsonTokenType.StartArray:
                    // Paths go into every element of an array, and an array at the end is a list of values: the document's.
                    MarkAll(child);
                    reader.Skip();
                    break;
                case JsonTokenType.String:
                    // A path may go on inside JSON written as text.
                    MarkBelow(child);
                    if (child.End >= 0) Set(child.End, JsonTokenType.String, start + 1, reader.ValueSpan.Length, reader.ValueIsEscaped ? reader.GetString() : null);
                    break;
                default:
                    // A number, true, false or null: nothing below it.
                    if (child.End >= 0) Set(child.End, reader.TokenType, start, reader.ValueSpan.Length, null);
                    break;
            }
        }
        return false;
    }

    private void Set(int id, JsonTokenType kind, int start, int length, string? text)
    {
        if (_results[id] == Result.Unsure) return;
        _results[id] = Result.Found;
        _values[id] = (kind, start, length, text);
    }

    /// <summary>Every path through <paramref name="node"/>, its own end included.</summary>
    private void MarkAll(JsonFieldPlan.Node node)
    {
        var paths = node.Paths;
        for (var i = 0; i < paths.Count; i++) _results[paths[i]] = Result.Unsure;
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

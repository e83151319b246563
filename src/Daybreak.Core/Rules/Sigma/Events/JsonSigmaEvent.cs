using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Daybreak.Rules.Sigma;

/// <summary>
/// An event backed by a <see cref="JsonElement"/>. Field names are dotted paths (<c>properties.status.errorCode</c>):
/// each step takes the exact property name first, then a case-insensitive one; arrays on the way are descended
/// (any element may match); a string holding JSON (Log Analytics exports keep <c>TargetResources</c> that way) is
/// parsed when the path needs to go inside it.
/// </summary>
public sealed class JsonSigmaEvent : ISigmaEvent, IDisposable
{
    private readonly JsonElement _root;
    private readonly EmbeddedJson _embeddedJson = new();
    private readonly JsonDocument? _document;
    private byte[]? _rented;

    // Objects of this record looked up in so far, by their place in it: an object's second lookup indexes it.
    private List<(nint Offset, PropertyIndex? Index)>? _objects;
    [ThreadStatic] private static Stack<PropertyIndex>? t_spareIndexes;
    [ThreadStatic] private static List<(nint, PropertyIndex?)>? t_spareObjects;

    public JsonSigmaEvent(JsonElement root) => _root = root;

    private JsonSigmaEvent(JsonDocument document)
    {
        _document = document;
        _root = document.RootElement;
    }

    /// <summary>
    /// Parses over <paramref name="utf8Json"/> in place, with pooled metadata: no copy, next to no allocation, so
    /// events can be matched on every core without the threads queueing for the heap. The bytes must not change,
    /// and nothing read from the event may be used after <see cref="Dispose"/>.
    /// </summary>
    public static JsonSigmaEvent ParsePooled(ReadOnlyMemory<byte> utf8Json) => new(JsonDocument.Parse(utf8Json));

    /// <summary>
    /// The same for text (events read back from a case carry their raw record as a string): encoded into a rented
    /// buffer that is returned on <see cref="Dispose"/>.
    /// </summary>
    public static JsonSigmaEvent ParsePooled(string json)
    {
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(json, rented);
            return new JsonSigmaEvent(JsonDocument.Parse(rented.AsMemory(0, length))) { _rented = rented };
        }
        catch
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            throw;
        }
    }

    /// <summary>Returns pooled memory (events from <see cref="ParsePooled(ReadOnlyMemory{byte})"/>); values already read stay valid.</summary>
    public void Dispose()
    {
        if (_objects is { } objects)
        {
            // Indexes refer to the document's properties: they let go of them and go back to the thread's spares.
            var spares = t_spareIndexes ??= new Stack<PropertyIndex>();
            foreach (var (_, index) in objects)
            {
                if (index is null) continue;
                index.Release();
                spares.Push(index);
            }
            objects.Clear();
            t_spareObjects = objects;
            _objects = null;
        }
        _document?.Dispose();
        if (_rented is { } rented)
        {
            _rented = null;
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public static JsonSigmaEvent Parse(string json) => Parse(Encoding.UTF8.GetBytes(json));

    public static JsonSigmaEvent Parse(ReadOnlySpan<byte> utf8Json)
    {
        // ParseValue builds an element that owns its memory, without the copy that Clone of a pooled document makes.
        var reader = new Utf8JsonReader(utf8Json);
        return new JsonSigmaEvent(JsonElement.ParseValue(ref reader));
    }

    public JsonElement Root => _root;

    public bool TryGetField(string name, out FieldValue value) => TryGetField(FieldPath.Of(name), out value);

    /// <summary>
    /// A literal key may itself contain dots (flattened exports), so at each level the longest dotted key wins; a
    /// name without dots is looked up at the top only.
    /// </summary>
    internal bool TryGetField(FieldPath path, out FieldValue value)
    {
        if (path.Parts.Length > 1 || _root.ValueKind == JsonValueKind.Object)
        {
            var results = new Results();
            Descend(_root, inRecord: true, path, 0, ref results);
            if (results.Count == 1) { value = results.First; return true; }
            if (results.Count > 1) { value = FieldValue.FromItems(results.More!); return true; }
        }
        value = FieldValue.Null;
        return false;
    }

    /// <summary>
    /// The element at <paramref name="path"/> (the whole record for an empty one), through objects only (longest dotted
    /// key first, as keys such as "event.original" may hold dots themselves) and into JSON written as text, never into
    /// arrays: what a mapping's <c>json:</c> and <c>nv:</c> candidates read.
    /// </summary>
    internal bool TryNavigate(FieldPath path, out JsonElement element)
    {
        element = _root;
        if (path.Name.Length == 0) return true;
        var inRecord = true;
        for (var i = 0; i < path.Parts.Length;)
        {
            if (element.ValueKind == JsonValueKind.String)
            {
                if (!TryParseEmbedded(element, out element)) return false;
                inRecord = false;
            }
            if (element.ValueKind != JsonValueKind.Object) return false;
            if (!TryGetLongest(element, inRecord, path, i, out i, out element)) return false;
        }
        return true;
    }

    /// <summary>The values a path reaches: almost always one, kept without a list (a list per lookup was a good part of a
    /// hunt's allocation under SigmaHQ's cloud rules).</summary>
    private struct Results
    {
        public int Count;
        public FieldValue First;
        public List<FieldValue>? More;

        public void Add(FieldValue value)
        {
            if (Count++ == 0)
            {
                First = value;
                return;
            }
            (More ??= [First]).Add(value);
        }
    }

    public IEnumerable<FieldValue> AllValues()
    {
        var values = new List<FieldValue>();
        CollectScalars(_root, values);
        return values;
    }

    private void Descend(JsonElement element, bool inRecord, FieldPath path, int index, ref Results results)
    {
        if (index == path.Parts.Length)
        {
            results.Add(Convert(element));
            return;
        }
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                if (TryGetLongest(element, inRecord, path, index, out var end, out var child)) Descend(child, inRecord, path, end, ref results);
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) Descend(item, inRecord, path, index, ref results);
                break;
            case JsonValueKind.String:
                if (TryParseEmbedded(element, out var embedded)) Descend(embedded, inRecord: false, path, index, ref results);
                break;
        }
    }

    /// <summary>
    /// <see cref="EmbeddedJson.TryGetLongest"/>, through a <see cref="PropertyIndex"/> for an object of this record
    /// (<paramref name="inRecord"/>: not JSON parsed from inside a string) looked up before.
    /// </summary>
    internal bool TryGetLongest(JsonElement obj, bool inRecord, FieldPath path, int index, out int end, out JsonElement value)
    {
        if (inRecord && IndexOf(obj) is { } properties && properties.TryGetLongest(path, index, out var found, out end, out value)) return found;
        return EmbeddedJson.TryGetLongest(obj, path, index, out end, out value);
    }

    /// <summary>The index of <paramref name="obj"/> when it was looked up before (made now, at its second lookup); null at its first.</summary>
    private PropertyIndex? IndexOf(JsonElement obj)
    {
        // Where the object starts in the record identifies it; both spans are taken now, so the document's memory
        // may have moved since the last lookup.
        var offset = Unsafe.ByteOffset(ref MemoryMarshal.GetReference(JsonMarshal.GetRawUtf8Value(_root)), ref MemoryMarshal.GetReference(JsonMarshal.GetRawUtf8Value(obj)));
        var objects = _objects ??= TakeSpareObjects() ?? [];
        for (var i = 0; i < objects.Count; i++)
        {
            if (objects[i].Offset != offset) continue;
            if (objects[i].Index is { } made) return made;
            var index = t_spareIndexes is { Count: > 0 } spares ? spares.Pop() : new PropertyIndex();
            index.Build(obj);
            objects[i] = (offset, index);
            return index;
        }
        objects.Add((offset, null));
        return null;
    }

    private static List<(nint, PropertyIndex?)>? TakeSpareObjects()
    {
        var spare = t_spareObjects;
        t_spareObjects = null;
        return spare;
    }

    private bool TryParseEmbedded(JsonElement text, out JsonElement parsed) => _embeddedJson.TryParse(text, out parsed);

    internal static FieldValue Convert(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => FieldValue.FromString(element.GetString()),
        JsonValueKind.Number => FieldValue.FromNumber(element.TryGetDouble(out var d) ? d : double.NaN, element.GetRawText()),
        JsonValueKind.True => FieldValue.FromBoolean(true),
        JsonValueKind.False => FieldValue.FromBoolean(false),
        JsonValueKind.Object => FieldValue.FromObjectJson(element.GetRawText()),
        JsonValueKind.Array => FieldValue.FromItems(element.EnumerateArray().Select(Convert).ToArray()),
        _ => FieldValue.Null,
    };

    private static void CollectScalars(JsonElement element, List<FieldValue> into)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject()) CollectScalars(property.Value, into);
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) CollectScalars(item, into);
                break;
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                break;
            default:
                into.Add(Convert(element));
                break;
        }
    }
}

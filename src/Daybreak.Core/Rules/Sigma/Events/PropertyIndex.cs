using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Daybreak.Rules.Sigma;

/// <summary>
/// One JSON object's properties by name, for an object that a record's view looks fields up in more than once (a
/// sign-in's <c>properties</c> holds some sixty, and SigmaHQ's rules ask a record for dozens of fields): the object
/// is read once, and each lookup then compares only the names of its length and case-insensitive hash. The answers
/// are <see cref="EmbeddedJson.TryGetLongest"/>'s, which a randomized test checks.
/// </summary>
/// <remarks>
/// Names that are plain ASCII (no escapes) are hashed from their bytes, upper-cased. Other names are few and are
/// compared one by one, as the scan does; a path with a part that is not ASCII is not looked up here at all (a
/// non-ASCII name may equal an ASCII one ignoring case, as <c>ı</c> does <c>I</c>).
/// </remarks>
internal sealed class PropertyIndex
{
    private JsonProperty[] _properties = new JsonProperty[32];
    private int[] _hashes = new int[32];
    private int[] _next = new int[32];      // the next property (+1) in the same bucket, 0 at the end
    private int[] _buckets = new int[64];   // the first property (+1) of each bucket, 0 when empty
    private int[] _otherNames = new int[4]; // properties whose names are not plain ASCII
    private int _count;
    private int _otherCount;

    /// <summary>Reads <paramref name="obj"/>'s properties; the index is valid while the object's document is.</summary>
    public void Build(JsonElement obj)
    {
        _count = 0;
        _otherCount = 0;
        foreach (var property in obj.EnumerateObject())
        {
            if (_count == _properties.Length) Grow();
            _properties[_count] = property;
            var raw = JsonMarshal.GetRawUtf8PropertyName(property);
            if (EmbeddedJson.IsPlainName(raw)) _hashes[_count] = Hash(raw);
            else
            {
                if (_otherCount == _otherNames.Length) Array.Resize(ref _otherNames, _otherCount * 2);
                _otherNames[_otherCount++] = _count;
                _hashes[_count] = 0;
            }
            _count++;
        }
        var size = _buckets.Length;
        while (size < _count * 2) size *= 2;
        if (size != _buckets.Length) _buckets = new int[size];
        else Array.Clear(_buckets);
        // Linked in reverse, so each bucket lists its properties in document order.
        for (var i = _count - 1; i >= 0; i--)
        {
            if (_hashes[i] == 0) continue; // compared one by one
            ref var head = ref _buckets[_hashes[i] & (_buckets.Length - 1)];
            _next[i] = head;
            head = i + 1;
        }
    }

    /// <summary>
    /// False when this index cannot answer for <paramref name="path"/> (a part is not ASCII): the caller scans.
    /// Otherwise <paramref name="found"/> and the rest as <see cref="EmbeddedJson.TryGetLongest"/> gives them.
    /// </summary>
    public bool TryGetLongest(FieldPath path, int index, out bool found, out int end, out JsonElement value)
    {
        found = false;
        end = index;
        value = default;
        for (var length = path.Parts.Length - index; length >= 1; length--)
        {
            if (path.AsciiRun(index, length) is not { } run) return false;
            var exact = -1;
            var loose = -1;
            var hash = path.RunHash(index, length);
            for (var i = _buckets[hash & (_buckets.Length - 1)]; i != 0; i = _next[i - 1])
            {
                var p = i - 1;
                if (_hashes[p] != hash) continue;
                var raw = JsonMarshal.GetRawUtf8PropertyName(_properties[p]);
                if (raw.Length != run.Length) continue;
                if (raw.SequenceEqual(run)) exact = p;
                else if (loose < 0 && Ascii.EqualsIgnoreCase(raw, run)) loose = p;
            }
            for (var k = 0; k < _otherCount; k++)
            {
                var p = _otherNames[k];
                var name = _properties[p].Name;
                if (name.AsSpan().Count('.') + 1 != length) continue;
                if (!EmbeddedJson.NamesEqual(name, path.Run(index, length), out var isExact)) continue;
                if (isExact) exact = Math.Max(exact, p);
                else if (loose < 0 || p < loose) loose = p;
            }
            // At one length the last exact name wins, else the first case-insensitive one; a longer run before both.
            var pick = exact >= 0 ? exact : loose;
            if (pick < 0) continue;
            found = true;
            end = index + length;
            value = _properties[pick].Value;
            return true;
        }
        return true;
    }

    /// <summary>Lets go of the object's document (its properties refer to it), for an index kept to be built again.</summary>
    public void Release()
    {
        Array.Clear(_properties, 0, _count);
        _count = 0;
        _otherCount = 0;
    }

    /// <summary>A case-insensitive hash of ASCII bytes (upper-cased first); never 0, which marks names not hashed.</summary>
    public static int Hash(ReadOnlySpan<byte> ascii)
    {
        var h = 2166136261u;
        foreach (var b in ascii) h = (h ^ (uint)(b is >= (byte)'a' and <= (byte)'z' ? b - 32 : b)) * 16777619u;
        return (int)(h | 1);
    }

    private void Grow()
    {
        var size = _properties.Length * 2;
        Array.Resize(ref _properties, size);
        Array.Resize(ref _hashes, size);
        Array.Resize(ref _next, size);
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Daybreak.Decoders;

/// <summary>
/// Reuses the .NET string of a JSON string value seen before, for fields whose values repeat from record to record
/// (UAL Operation, Workload, ResultStatus, OrganizationId, AppId, ClientInfoString, user and mailbox names, folder
/// paths). Making those strings again for every record was a large part of a single-pass reader's time and garbage.
/// One small table per thread; a miss makes the string as <see cref="Utf8JsonReader.GetString"/> does and keeps it.
/// A string token written with escapes is kept by its bytes as written (UAL folder paths are all escaped: <c>\\Inbox</c>),
/// marked as such, since the same bytes read as plain UTF-8 (<see cref="GetText"/>) are another text.
/// </summary>
internal sealed class Utf8StringCache
{
    private const int Size = 4096;
    private const int MaxBytes = 96;

    /// <summary>The limit for fields whose long values repeat as much as short ones (sign-in user agents, UAL
    /// ClientInfoString: 150 bytes and more).</summary>
    public const int LongValueBytes = 512;

    [ThreadStatic] private static Utf8StringCache? t_cache;

    private readonly byte[]?[] _keys = new byte[Size][];
    private readonly string[] _values = new string[Size];
    private readonly bool[] _escaped = new bool[Size];

    public static Utf8StringCache ForThread => t_cache ??= new Utf8StringCache();

    /// <summary>The current token's text, as <see cref="JsonLineReader.GetString"/> gives it (a string or property name token).</summary>
    public string GetString(ref JsonLineReader reader, int maxBytes = MaxBytes)
    {
        var bytes = reader.ValueSpan;
        if (bytes.Length > maxBytes) return reader.GetString()!;
        var escaped = reader.ValueIsEscaped;
        var slot = Hash(bytes) & (Size - 1);
        if (_keys[slot] is { } key && _escaped[slot] == escaped && bytes.SequenceEqual(key)) return _values[slot];
        var text = reader.GetString()!;
        _keys[slot] = bytes.ToArray();
        _values[slot] = text;
        _escaped[slot] = escaped;
        return text;
    }

    /// <summary>UTF-8 bytes as text, as <see cref="System.Text.Encoding.UTF8"/> decodes them: a number token as written,
    /// or a string token's bytes without escapes (what <see cref="Utf8JsonReader.GetString"/> gives for valid UTF-8).</summary>
    public string GetText(ReadOnlySpan<byte> bytes, int maxBytes = MaxBytes)
    {
        if (bytes.Length > maxBytes) return System.Text.Encoding.UTF8.GetString(bytes);
        var slot = Hash(bytes) & (Size - 1);
        if (_keys[slot] is { } key && !_escaped[slot] && bytes.SequenceEqual(key)) return _values[slot];
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        _keys[slot] = bytes.ToArray();
        _values[slot] = text;
        _escaped[slot] = false;
        return text;
    }

    private static int Hash(ReadOnlySpan<byte> bytes)
    {
        // The first, middle and last eight bytes and the length: ids differ at one end or the other, user agents in
        // their middle; values that share all three are told apart by the comparison that follows anyway.
        var length = bytes.Length;
        ulong h = (ulong)length * 0x9E3779B97F4A7C15;
        if (length >= 8)
        {
            ref var first = ref MemoryMarshal.GetReference(bytes);
            h ^= Unsafe.ReadUnaligned<ulong>(ref first) * 0xC2B2AE3D27D4EB4F;
            h ^= BitOperations.RotateLeft(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref first, (length - 8) / 2)) * 0x165667B19E3779F9, 21);
            h ^= BitOperations.RotateLeft(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref first, length - 8)) * 0x27D4EB2F165667C5, 42);
        }
        else
        {
            foreach (var b in bytes) h = (h ^ b) * 0x100000001B3;
        }
        h ^= h >> 29;
        h *= 0xBF58476D1CE4E5B9;
        h ^= h >> 32;
        return (int)h;
    }
}

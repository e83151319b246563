using System.Text.Json;

namespace Daybreak.Decoders;

/// <summary>
/// Reuses the .NET string of a JSON string value seen before, for fields whose values repeat from record to record
/// (UAL Operation, Workload, ResultStatus, OrganizationId, AppId, ClientInfoString, user and mailbox names, folder
/// paths). Making those strings again for every record was a large part of a single-pass reader's time and garbage.
/// One small table per thread; a miss makes the string as <see cref="Utf8JsonReader.GetString"/> does and keeps it.
/// </summary>
internal sealed class Utf8StringCache
{
    private const int Size = 4096;
    private const int MaxBytes = 96;

    [ThreadStatic] private static Utf8StringCache? t_cache;

    private readonly byte[]?[] _keys = new byte[Size][];
    private readonly string[] _values = new string[Size];

    public static Utf8StringCache ForThread => t_cache ??= new Utf8StringCache();

    /// <summary>The current token's text, as <see cref="JsonLineReader.GetString"/> gives it (a string or property name token).</summary>
    public string GetString(ref JsonLineReader reader, int maxBytes = MaxBytes)
    {
        if (reader.ValueIsEscaped || reader.ValueSpan.Length > maxBytes) return reader.GetString()!;
        var bytes = reader.ValueSpan;
        var slot = Hash(bytes) & (Size - 1);
        if (_keys[slot] is { } key && bytes.SequenceEqual(key)) return _values[slot];
        var text = reader.GetString()!;
        _keys[slot] = bytes.ToArray();
        _values[slot] = text;
        return text;
    }

    /// <summary>UTF-8 bytes as text, as <see cref="System.Text.Encoding.UTF8"/> decodes them: a number token as written,
    /// or a string token's bytes without escapes (what <see cref="Utf8JsonReader.GetString"/> gives for valid UTF-8).</summary>
    public string GetText(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxBytes) return System.Text.Encoding.UTF8.GetString(bytes);
        var slot = Hash(bytes) & (Size - 1);
        if (_keys[slot] is { } key && bytes.SequenceEqual(key)) return _values[slot];
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        _keys[slot] = bytes.ToArray();
        _values[slot] = text;
        return text;
    }

    private static int Hash(ReadOnlySpan<byte> bytes)
    {
        // FNV-1a over at most the first and last 16 bytes: values that share both ends differ in length or are compared anyway.
        uint h = 2166136261;
        var head = bytes.Length <= 32 ? bytes : bytes[..16];
        foreach (var b in head) h = (h ^ b) * 16777619;
        if (bytes.Length > 32) foreach (var b in bytes[^16..]) h = (h ^ b) * 16777619;
        h ^= (uint)bytes.Length * 2654435761;
        return (int)(h ^ (h >> 15));
    }
}

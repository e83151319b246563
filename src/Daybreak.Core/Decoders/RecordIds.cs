using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Daybreak.Events;

namespace Daybreak.Decoders;

/// <summary>
/// Stable record ids: the source's own id where it has one, prefixed by source kind so ids of different logs never
/// collide; otherwise a hash of the raw record, so re-ingesting the same file adds nothing.
/// </summary>
public static class RecordIds
{
    public static string FromSourceId(SourceKind source, string id) => source.Name() + ":" + id.Trim().ToLowerInvariant();

    /// <summary>
    /// <see cref="FromSourceId"/> of the text of <paramref name="utf8"/>, made from the bytes in one step when they are
    /// printable ASCII (the id's own text is never made); false for anything else, or an id of spaces alone.
    /// </summary>
    public static bool TryFromAsciiSourceId(SourceKind source, ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out string? recordId)
    {
        recordId = null;
        // Printable ASCII only: then the text's white space is the space alone, and lower-casing is ASCII's.
        if (utf8.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E) >= 0) return false;
        var id = utf8.Trim((byte)' ');
        if (id.IsEmpty) return false;
        var prefix = source.Name();
        Span<char> chars = id.Length <= 256 ? stackalloc char[prefix.Length + 1 + id.Length] : new char[prefix.Length + 1 + id.Length];
        prefix.CopyTo(chars);
        chars[prefix.Length] = ':';
        var rest = chars[(prefix.Length + 1)..];
        Ascii.ToLower(id, rest, out _);
        recordId = new string(chars);
        return true;
    }

    public static string FromContent(SourceKind source, string raw)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(raw), hash);
        return source.Name() + ":sha256:" + Convert.ToHexStringLower(hash[..16]);
    }

    /// <summary>The source id when present, else the content hash.</summary>
    public static string For(SourceKind source, string? sourceId, string raw) =>
        string.IsNullOrWhiteSpace(sourceId) ? FromContent(source, raw) : FromSourceId(source, sourceId);
}

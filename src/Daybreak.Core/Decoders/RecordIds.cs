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

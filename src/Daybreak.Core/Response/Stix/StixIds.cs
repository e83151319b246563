using System.Security.Cryptography;
using System.Text;

namespace Daybreak.Response.Stix;

/// <summary>
/// Deterministic STIX identifiers: <c>TYPE--UUIDv5(namespace, TYPE:key)</c> (RFC 9562 name-based, SHA-1), so the same
/// incident exported twice gives the same ids and the same bytes, and the same IP or technique gets the same
/// object id in every bundle Daybreak writes.
/// </summary>
public static class StixIds
{
    /// <summary>Daybreak's namespace for name-based ids: fixed once; changing it would change every exported id.</summary>
    public static readonly Guid Namespace = new("a4c2f0a8-6a9e-5b7d-9d0e-1f3b2c4d5e6f");

    public static string For(string type, string key) => type + "--" + V5(Namespace, type + ":" + key).ToString("D");

    /// <summary>A version 5 UUID of <paramref name="name"/> in <paramref name="ns"/>.</summary>
    public static Guid V5(Guid ns, string name)
    {
        var nsBytes = ns.ToByteArray(bigEndian: true);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[nsBytes.Length + nameBytes.Length];
        nsBytes.CopyTo(input, 0);
        nameBytes.CopyTo(input, nsBytes.Length);
#pragma warning disable CA5350 // SHA-1 is what RFC 9562 specifies for version 5; it names, it does not protect.
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}

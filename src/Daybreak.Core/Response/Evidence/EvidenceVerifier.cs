using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;

namespace Daybreak.Response.Evidence;

/// <summary>
/// Re-hashes every entry of a bundle and compares it with the manifest: a changed byte, a missing file or an added
/// file all fail. The manifest itself is covered by the SHA-256 printed at export, which the caller may pass in.
/// </summary>
public static class EvidenceVerifier
{
    public static EvidenceVerification Verify(Stream zipStream, string? expectedManifestSha256 = null)
    {
        var result = new EvidenceVerification();
        try
        {
            using var zip = new ZipArchive(zipStream, ZipArchiveMode.Read, leaveOpen: true);
            var manifestEntry = zip.GetEntry(EvidenceBundle.Manifest);
            if (manifestEntry is null)
            {
                result.Error = "no manifest.json in the bundle";
                return result;
            }
            var manifestBytes = ReadAll(manifestEntry);
            result.ManifestSha256 = Convert.ToHexStringLower(SHA256.HashData(manifestBytes));
            var listed = ReadManifest(manifestBytes);
            foreach (var (path, sha) in listed)
            {
                var entry = zip.GetEntry(path);
                if (entry is null) { result.Files.Add((path, EvidenceVerification.Missing)); continue; }
                string status;
                try
                {
                    status = Convert.ToHexStringLower(SHA256.HashData(ReadAll(entry))) == sha ? EvidenceVerification.Ok : EvidenceVerification.Mismatch;
                }
                catch (InvalidDataException)
                {
                    status = EvidenceVerification.Unreadable; // the zip's own CRC or compression caught the change first
                }
                result.Files.Add((path, status));
            }
            foreach (var entry in zip.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                if (entry.FullName != EvidenceBundle.Manifest && !listed.ContainsKey(entry.FullName))
                    result.Files.Add((entry.FullName, EvidenceVerification.Unlisted));
            }
            var manifestStatus = expectedManifestSha256 is null || string.Equals(expectedManifestSha256.Trim(), result.ManifestSha256, StringComparison.OrdinalIgnoreCase)
                ? EvidenceVerification.Ok : EvidenceVerification.Mismatch;
            result.Files.Add((EvidenceBundle.Manifest, manifestStatus));
        }
        catch (Exception ex) when (ex is InvalidDataException or JsonException or IOException or KeyNotFoundException or InvalidOperationException)
        {
            result.Error = "bundle cannot be read: " + ex.Message;
        }
        return result;
    }

    private static Dictionary<string, string> ReadManifest(byte[] bytes)
    {
        using var doc = JsonDocument.Parse(bytes);
        if (doc.RootElement.GetProperty("schema").GetString() != EvidenceBundle.Schema)
            throw new InvalidDataException("manifest schema is not " + EvidenceBundle.Schema);
        var listed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in doc.RootElement.GetProperty("files").EnumerateArray())
            listed[f.GetProperty("path").GetString()!] = f.GetProperty("sha256").GetString()!.ToLowerInvariant();
        return listed;
    }

    private static byte[] ReadAll(ZipArchiveEntry entry)
    {
        using var s = entry.Open();
        using var ms = new MemoryStream();
        s.CopyTo(ms);
        return ms.ToArray();
    }
}

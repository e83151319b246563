using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;

namespace Daybreak.Response.Evidence;

/// <summary>
/// Re-hashes every entry of a bundle and compares it with the manifest: a changed byte, a missing file or an added
/// file all fail. The manifest itself is covered by the SHA-256 printed at export, which the caller may pass in, and
/// by its detached signature (manifest.sig) when the caller gives the signer's public key.
/// </summary>
public static class EvidenceVerifier
{
    /// <param name="zipStream">The bundle.</param>
    /// <param name="expectedManifestSha256">The manifest hash recorded at export, or null.</param>
    /// <param name="publicKeyPem">The signer's public key (PEM), or null: then a signature is reported but not checked.</param>
    /// <exception cref="InvalidDataException">The public key cannot be used; the message says why.</exception>
    public static EvidenceVerification Verify(Stream zipStream, string? expectedManifestSha256 = null, string? publicKeyPem = null)
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
                if (entry.FullName is not (EvidenceBundle.Manifest or EvidenceBundle.Signature) && !listed.ContainsKey(entry.FullName))
                    result.Files.Add((entry.FullName, EvidenceVerification.Unlisted));
            }
            var manifestStatus = expectedManifestSha256 is null || string.Equals(expectedManifestSha256.Trim(), result.ManifestSha256, StringComparison.OrdinalIgnoreCase)
                ? EvidenceVerification.Ok : EvidenceVerification.Mismatch;
            result.Files.Add((EvidenceBundle.Manifest, manifestStatus));
            CheckSignature(result, zip.GetEntry(EvidenceBundle.Signature), manifestBytes, publicKeyPem);
        }
        catch (Exception ex) when (ex is InvalidDataException or JsonException or IOException or KeyNotFoundException or InvalidOperationException)
        {
            result.Error = "bundle cannot be read: " + ex.Message;
        }
        return result;
    }

    private static void CheckSignature(EvidenceVerification result, ZipArchiveEntry? entry, byte[] manifest, string? publicKeyPem)
    {
        result.SignatureChecked = publicKeyPem is not null;
        if (entry is null)
        {
            result.Signature = EvidenceVerification.Unsigned;
            return;
        }
        if (publicKeyPem is null)
        {
            result.Signature = EvidenceVerification.NotChecked;
            return;
        }
        byte[] signature;
        try { signature = ReadAll(entry); }
        catch (InvalidDataException) { result.Signature = EvidenceVerification.Unreadable; return; }
        var valid = ManifestSignature.Verify(manifest, signature, publicKeyPem, out var key, out var fingerprint);
        result.Signature = valid ? EvidenceVerification.Valid : EvidenceVerification.Invalid;
        result.SignatureKey = $"{key}, public key SHA-256 {fingerprint}";
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

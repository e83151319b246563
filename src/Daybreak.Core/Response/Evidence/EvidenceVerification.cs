namespace Daybreak.Response.Evidence;

/// <summary>The outcome of re-hashing a bundle against its manifest.</summary>
public sealed class EvidenceVerification
{
    public const string Ok = "ok";
    public const string Mismatch = "mismatch";
    public const string Missing = "missing";
    public const string Unlisted = "not in manifest";
    public const string Unreadable = "unreadable";

    public const string Unsigned = "unsigned";
    public const string NotChecked = "signed, not checked";
    public const string Valid = "valid";
    public const string Invalid = "invalid";

    /// <summary>Per bundle file: its path and "ok", "mismatch", "missing", "not in manifest" or "unreadable".</summary>
    public List<(string Path, string Status)> Files { get; } = [];

    /// <summary>SHA-256 of manifest.json as found, to compare with the value recorded at export.</summary>
    public string? ManifestSha256 { get; set; }

    /// <summary>Set when the bundle or its manifest could not be read at all.</summary>
    public string? Error { get; set; }

    /// <summary>
    /// The manifest's signature: "unsigned" (no manifest.sig), "signed, not checked" (no public key given), "valid",
    /// "invalid" (not by this key, or the manifest changed) or "unreadable".
    /// </summary>
    public string Signature { get; set; } = Unsigned;

    /// <summary>True when a public key was given, so the bundle must carry a valid signature by it.</summary>
    public bool SignatureChecked { get; set; }

    /// <summary>The key that checked the signature: algorithm and public-key fingerprint.</summary>
    public string? SignatureKey { get; set; }

    public bool IsOk => Error is null && Files.Count > 0 && Files.All(f => f.Status == Ok) && (!SignatureChecked || Signature == Valid);
}

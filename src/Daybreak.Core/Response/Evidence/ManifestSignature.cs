using System.Security.Cryptography;

namespace Daybreak.Response.Evidence;

/// <summary>Checks a manifest's detached signature against a public key the verifier trusts (never one from the bundle).</summary>
public static class ManifestSignature
{
    /// <summary>Describes a public key ("ECDSA P-256 / SHA-256, public key SHA-256 ..."), or throws when it cannot check a manifest.</summary>
    /// <exception cref="InvalidDataException">The PEM holds no usable public key; the message says why.</exception>
    public static string Describe(string publicKeyPem)
    {
        var (ec, rsa) = ManifestKeys.Load(publicKeyPem, wantPrivate: false);
        using (ec)
        using (rsa)
            return $"{ManifestKeys.Describe(ec, rsa)}, public key SHA-256 {ManifestKeys.Fingerprint(ec, rsa)}";
    }

    /// <summary>True when <paramref name="signature"/> is a valid signature of <paramref name="manifest"/> by the key in <paramref name="publicKeyPem"/>.</summary>
    /// <exception cref="InvalidDataException">The PEM holds no usable public key; the message says why.</exception>
    public static bool Verify(byte[] manifest, byte[] signature, string publicKeyPem, out string keyDescription, out string fingerprint)
    {
        var (ec, rsa) = ManifestKeys.Load(publicKeyPem, wantPrivate: false);
        using (ec)
        using (rsa)
        {
            keyDescription = ManifestKeys.Describe(ec, rsa);
            fingerprint = ManifestKeys.Fingerprint(ec, rsa);
            return ec is not null
                ? ec.VerifyData(manifest, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)
                : rsa!.VerifyData(manifest, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
    }
}

using System.Security.Cryptography;

namespace Daybreak.Response.Evidence;

/// <summary>
/// Signs a bundle's manifest with a PEM private key: ECDSA P-256 or RSA (2048 bits or more), SHA-256. The signature
/// is in the form <c>openssl dgst -sha256 -sign</c> writes (DER for ECDSA, PKCS#1 v1.5 for RSA), so anyone can check
/// it with <c>openssl dgst -sha256 -verify pub.pem -signature manifest.sig manifest.json</c>.
/// </summary>
public sealed class ManifestSigner : IDisposable
{
    private readonly ECDsa? _ec;
    private readonly RSA? _rsa;

    private ManifestSigner(ECDsa? ec, RSA? rsa)
    {
        _ec = ec;
        _rsa = rsa;
    }

    /// <summary>"ECDSA P-256 / SHA-256" or "RSA 3072 PKCS#1 v1.5 / SHA-256".</summary>
    public string Algorithm => ManifestKeys.Describe(_ec, _rsa);

    /// <summary>SHA-256 of the public key (DER SubjectPublicKeyInfo), hex: what <c>openssl pkey -pubout -outform DER | sha256sum</c> prints.</summary>
    public string PublicKeyFingerprint => ManifestKeys.Fingerprint(_ec, _rsa);

    /// <summary>Reads a PEM private key.</summary>
    /// <exception cref="InvalidDataException">The text holds no usable private key; the message says why.</exception>
    public static ManifestSigner FromPem(string pem)
    {
        var (ec, rsa) = ManifestKeys.Load(pem, wantPrivate: true);
        return new ManifestSigner(ec, rsa);
    }

    public byte[] Sign(byte[] manifest) => _ec is not null
        ? _ec.SignData(manifest, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)
        : _rsa!.SignData(manifest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    public void Dispose()
    {
        _ec?.Dispose();
        _rsa?.Dispose();
    }
}

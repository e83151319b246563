using System.Security.Cryptography;

namespace Daybreak.Response.Evidence;

/// <summary>Loads and describes the PEM keys that sign and check a manifest: ECDSA P-256 or RSA of 2048 bits or more.</summary>
internal static class ManifestKeys
{
    private const string P256Oid = "1.2.840.10045.3.1.7";

    public static (ECDsa? Ec, RSA? Rsa) Load(string pem, bool wantPrivate)
    {
        var what = wantPrivate ? "private" : "public";
        if (!PemEncoding.TryFind(pem, out var fields)) throw new InvalidDataException($"not a PEM {what} key (no -----BEGIN ...----- block)");
        var label = pem[fields.Label];
        if (label == "ENCRYPTED PRIVATE KEY")
            throw new InvalidDataException("the private key is encrypted; decrypt it to a file only you can read (openssl pkey -in key.pem -out plain.pem) or use an unencrypted signing key");
        var isPrivate = label is "PRIVATE KEY" or "EC PRIVATE KEY" or "RSA PRIVATE KEY";
        var isPublic = label is "PUBLIC KEY" or "RSA PUBLIC KEY";
        if (wantPrivate && !isPrivate) throw new InvalidDataException($"expected a private key, found '{label}'");
        if (!wantPrivate && !isPublic) throw new InvalidDataException(isPrivate
            ? "expected a public key, found a private key: give the public half (openssl pkey -in key.pem -pubout -out pub.pem)"
            : $"expected a public key, found '{label}'");

        var ec = ECDsa.Create();
        try
        {
            ec.ImportFromPem(pem);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            ec.Dispose();
            ec = null; // not an EC key: try RSA
        }
        if (ec is not null)
        {
            var curve = ec.ExportParameters(false).Curve;
            if (curve.Oid?.Value == P256Oid || curve.Oid?.FriendlyName is "nistP256" or "ECDSA_P256" or "prime256v1") return (ec, null);
            ec.Dispose();
            throw new InvalidDataException($"the ECDSA key is on {curve.Oid?.FriendlyName ?? curve.Oid?.Value ?? "an unnamed curve"}; Daybreak signs with P-256 (prime256v1) only");
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            rsa.Dispose();
            throw new InvalidDataException($"the {what} key is neither ECDSA P-256 nor RSA ({ex.Message})");
        }
        if (rsa.KeySize < 2048)
        {
            var bits = rsa.KeySize;
            rsa.Dispose();
            throw new InvalidDataException($"the RSA key has {bits} bits; 2048 or more are needed");
        }
        return (null, rsa);
    }

    public static string Describe(ECDsa? ec, RSA? rsa) => ec is not null ? "ECDSA P-256 / SHA-256" : $"RSA {rsa!.KeySize} PKCS#1 v1.5 / SHA-256";

    public static string Fingerprint(ECDsa? ec, RSA? rsa) =>
        Convert.ToHexStringLower(SHA256.HashData(ec is not null ? ec.ExportSubjectPublicKeyInfo() : rsa!.ExportSubjectPublicKeyInfo()));
}

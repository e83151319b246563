using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Daybreak.Response.Containment;

/// <summary>
/// The proof of possession Graph's removeKey asks for: a JWT signed (RS256) with the private key of a certificate the
/// application or service principal already holds, with aud <see cref="Audience"/>, iss the owner's object id, and
/// nbf and exp at most ten minutes apart; its header carries the certificate's x5t. Made fresh for each request and
/// never written anywhere: the ledger keeps <see cref="Redacted"/> instead.
/// </summary>
public sealed class KeyProof
{
    /// <summary>The audience Graph's removeKey documentation names (the Azure AD Graph resource id).</summary>
    public const string Audience = "00000002-0000-0000-c000-000000000000";

    /// <summary>Graph refuses a proof whose nbf and exp are further apart.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly X509SigningCredentials _signing;
    private readonly TimeProvider _time;

    public KeyProof(X509Certificate2 certificate, TimeProvider? time = null)
    {
        if (!certificate.HasPrivateKey) throw new ArgumentException("the proof certificate has no private key (give a PFX or a PEM holding the key)");
        if (certificate.GetRSAPublicKey() is null) throw new ArgumentException("the proof certificate must hold an RSA key (removeKey proofs are RS256)");
        _signing = new X509SigningCredentials(certificate, SecurityAlgorithms.RsaSha256);
        _time = time ?? TimeProvider.System;
        Thumbprint = certificate.Thumbprint;
    }

    /// <summary>SHA-1 thumbprint of the certificate (hex), as the portal shows it.</summary>
    public string Thumbprint { get; }

    /// <summary>What the ledger keeps in place of the proof.</summary>
    public string Redacted => $"[redacted: proof of possession signed by certificate {Thumbprint}]";

    /// <summary>A proof for the application or service principal with this object id.</summary>
    public string For(string ownerObjectId)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["aud"] = Audience, ["iss"] = ownerObjectId },
            NotBefore = now,
            Expires = now + Lifetime,
            SigningCredentials = _signing,
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>A certificate with its private key from a PFX/PKCS#12 file or a PEM file holding both (optionally encrypted).</summary>
    public static X509Certificate2 Load(string path, string? password)
    {
        if (!File.Exists(path)) throw new ArgumentException($"no proof certificate at {path}");
        try
        {
            using (var head = File.OpenRead(path))
            {
                var buffer = new byte[Math.Min(4096, (int)Math.Min(int.MaxValue, head.Length))];
                var read = head.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
                if (System.Text.Encoding.ASCII.GetString(buffer, 0, read).Contains("-----BEGIN", StringComparison.Ordinal))
                    return password is null ? X509Certificate2.CreateFromPemFile(path) : X509Certificate2.CreateFromEncryptedPemFile(path, password);
            }
            return X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException ex)
        {
            throw new ArgumentException($"cannot read the proof certificate {path}: {ex.Message}", ex);
        }
    }
}

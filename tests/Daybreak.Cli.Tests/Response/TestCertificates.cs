using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Daybreak.Tests.Response;

/// <summary>Self-signed RSA certificates made in the test (no private key is ever committed).</summary>
internal static class TestCertificates
{
    public static X509Certificate2 Create(string subject)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=" + subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
    }

    /// <summary>The certificate with its private key as a password-protected PFX in the test's folder.</summary>
    public static string WritePfx(TempDir dir, X509Certificate2 certificate, string name, string password)
    {
        var path = dir.File(name);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        return path;
    }

    /// <summary>The certificate and its unencrypted private key in one PEM file.</summary>
    public static string WritePem(TempDir dir, X509Certificate2 certificate, string name)
    {
        var path = dir.File(name);
        using var key = certificate.GetRSAPrivateKey()!;
        File.WriteAllText(path, certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem() + "\n");
        return path;
    }

    /// <summary>What Graph would keep: the public part only.</summary>
    public static X509Certificate2 PublicPart(X509Certificate2 certificate) => X509CertificateLoader.LoadCertificate(certificate.RawData);
}

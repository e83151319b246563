using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Daybreak.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Daybreak.Tests;

public sealed class ExportSigningTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2024, 1, 20, 12, 0, 0, TimeSpan.Zero));

    private static (string Private, string Public) EcKeys(TempDir dir, string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return (dir.Write(name + ".pem", key.ExportPkcs8PrivateKeyPem()), dir.Write(name + ".pub.pem", key.ExportSubjectPublicKeyInfoPem()));
    }

    private static (string Private, string Public) RsaKeys(TempDir dir, string name)
    {
        using var key = RSA.Create(2048);
        return (dir.Write(name + ".pem", key.ExportRSAPrivateKeyPem()), dir.Write(name + ".pub.pem", key.ExportSubjectPublicKeyInfoPem()));
    }

    private static string SignedBundle(TempDir dir, string privateKey)
    {
        var c = IncidentCase.Create(dir);
        var zip = dir.File("case.zip");
        var r = Cli.Run(Clock, "export", c.Incident.Id, "--out", zip, "--db", c.Db, "--sign-key", privateKey);
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        Assert.Contains("signed: manifest.sig", r.Out);
        return zip;
    }

    [Theory]
    [InlineData("ec", "ECDSA P-256 / SHA-256")]
    [InlineData("rsa", "RSA 2048 PKCS#1 v1.5 / SHA-256")]
    public void A_signed_bundle_verifies_with_the_signers_public_key(string kind, string algorithm)
    {
        using var dir = new TempDir();
        var (privateKey, publicKey) = kind == "ec" ? EcKeys(dir, "signer") : RsaKeys(dir, "signer");
        var zip = SignedBundle(dir, privateKey);
        using (var archive = ZipFile.OpenRead(zip))
        {
            Assert.Equal("manifest.sig", archive.Entries[^1].FullName);
            Assert.Equal("manifest.json", archive.Entries[^2].FullName);
            Assert.Contains("openssl dgst -sha256 -verify pub.pem -signature manifest.sig manifest.json", Read(archive, "README.txt"));
        }

        var ok = Cli.Run("export", "--verify", zip, "--public-key", publicKey);
        Assert.True(ok.ExitCode == 0, ok.Out);
        Assert.Contains($"signature: valid ({algorithm}, public key SHA-256 ", ok.Out);
        Assert.Contains("OK: every file matches the manifest and the manifest is signed by the given key", ok.Out);
        Assert.DoesNotContain("not in manifest", ok.Out);

        var unchecked_ = Cli.Run("export", "--verify", zip);
        Assert.Equal(0, unchecked_.ExitCode);
        Assert.Contains("signature: present but not checked (give --public-key pub.pem)", unchecked_.Out);
    }

    [Fact]
    public void A_manifest_rewritten_to_match_a_changed_file_fails_the_signature_and_a_changed_file_fails_its_hash()
    {
        using var dir = new TempDir();
        var (privateKey, publicKey) = EcKeys(dir, "signer");
        var zip = SignedBundle(dir, privateKey);
        var fileOnly = dir.File("file-only.zip");
        File.Copy(zip, fileOnly);

        // Someone who edits a record and fixes up its hash in the manifest passes the hash check, not the signature.
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Update))
        {
            var records = Read(archive, "evidence/records.jsonl").Replace("signin:1", "signin:9", StringComparison.Ordinal);
            var oldHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Read(archive, "evidence/records.jsonl"))));
            var newHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(records)));
            var manifest = Read(archive, "manifest.json").Replace(oldHash, newHash, StringComparison.Ordinal);
            Replace(archive, "evidence/records.jsonl", records);
            Replace(archive, "manifest.json", manifest);
        }
        var forged = Cli.Run("export", "--verify", zip, "--public-key", publicKey);
        Assert.Equal(4, forged.ExitCode);
        Assert.Contains("ok        evidence/records.jsonl", forged.Out);
        Assert.Contains("SIGNATURE INVALID", forged.Out);
        Assert.Contains("FAILED: the files match the manifest, but the signature does not hold", forged.Out);

        using (var archive = ZipFile.Open(fileOnly, ZipArchiveMode.Update))
            Replace(archive, "timeline.csv", Read(archive, "timeline.csv") + "x");
        var changed = Cli.Run("export", "--verify", fileOnly, "--public-key", publicKey);
        Assert.Equal(4, changed.ExitCode);
        Assert.Contains("MISMATCH  timeline.csv", changed.Out);
        Assert.Contains("signature: valid", changed.Out); // the manifest is intact; the file is not what it lists
    }

    [Fact]
    public void The_wrong_key_fails_and_an_unsigned_bundle_says_so()
    {
        using var dir = new TempDir();
        var (privateKey, _) = EcKeys(dir, "signer");
        var (_, otherPublic) = EcKeys(dir, "other");
        var (_, rsaPublic) = RsaKeys(dir, "rsa");
        var zip = SignedBundle(dir, privateKey);
        foreach (var wrong in new[] { otherPublic, rsaPublic })
        {
            var r = Cli.Run("export", "--verify", zip, "--public-key", wrong);
            Assert.Equal(4, r.ExitCode);
            Assert.Contains("SIGNATURE INVALID: manifest.sig is not a signature of this manifest by ", r.Out);
        }

        var plain = dir.File("plain.zip");
        using var other = new TempDir();
        var c = IncidentCase.Create(other);
        var export = Cli.Run(Clock, "export", c.Incident.Id, "--out", plain, "--db", c.Db);
        Assert.Contains("not signed (give --sign-key key.pem to sign the manifest)", export.Out);
        var noKey = Cli.Run("export", "--verify", plain);
        Assert.Equal(0, noKey.ExitCode);
        Assert.Contains("signature: none, the bundle is unsigned", noKey.Out);
        var withKey = Cli.Run("export", "--verify", plain, "--public-key", otherPublic);
        Assert.Equal(4, withKey.ExitCode);
        Assert.Contains("SIGNATURE MISSING: the bundle is unsigned", withKey.Out);
    }

    [Theory]
    [InlineData("p384", "the ECDSA key is on")]
    [InlineData("rsa1024", "the RSA key has 1024 bits; 2048 or more are needed")]
    [InlineData("public", "expected a private key, found 'PUBLIC KEY'")]
    [InlineData("encrypted", "the private key is encrypted")]
    [InlineData("text", "not a PEM private key")]
    public void Unusable_signing_keys_are_usage_errors(string kind, string message)
    {
        using var dir = new TempDir();
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var rsa1024 = RSA.Create(1024);
        var pem = kind switch
        {
            "p384" => p384.ExportPkcs8PrivateKeyPem(),
            "rsa1024" => rsa1024.ExportPkcs8PrivateKeyPem(),
            "public" => p384.ExportSubjectPublicKeyInfoPem(),
            "encrypted" => p384.ExportEncryptedPkcs8PrivateKeyPem("pw", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 10_000)),
            _ => "hello",
        };
        var c = IncidentCase.Create(dir);
        var r = Cli.Run(Clock, "export", c.Incident.Id, "--out", dir.File("x.zip"), "--db", c.Db, "--sign-key", dir.Write("key.pem", pem));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains(message, r.Error + r.Out);
        Assert.False(File.Exists(dir.File("x.zip")));
    }

    [SkippableFact]
    public void Openssl_verifies_the_signature_made_with_a_key_it_generated()
    {
        Skip.If(Which("openssl") is null, "openssl is not installed");
        using var dir = new TempDir();
        var key = dir.File("key.pem");
        var pub = dir.File("pub.pem");
        Run("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key);
        Run("openssl", "pkey", "-in", key, "-pubout", "-out", pub);
        var zip = SignedBundle(dir, key);
        using (var archive = ZipFile.OpenRead(zip))
        {
            archive.GetEntry("manifest.json")!.ExtractToFile(dir.File("manifest.json"));
            archive.GetEntry("manifest.sig")!.ExtractToFile(dir.File("manifest.sig"));
        }
        Assert.Contains("Verified OK", Run("openssl", "dgst", "-sha256", "-verify", pub, "-signature", dir.File("manifest.sig"), dir.File("manifest.json")));
        Assert.Equal(0, Cli.Run("export", "--verify", zip, "--public-key", pub).ExitCode);
    }

    private static void Replace(ZipArchive archive, string name, string text)
    {
        archive.GetEntry(name)!.Delete();
        using var s = archive.CreateEntry(name).Open();
        s.Write(Encoding.UTF8.GetBytes(text));
    }

    private static string Read(ZipArchive archive, string name)
    {
        using var reader = new StreamReader(archive.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    private static string? Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);

    private static string Run(string tool, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(tool, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stderr = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd() + stderr.Result;
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{tool} {string.Join(' ', args)}: {output}");
        return output;
    }
}

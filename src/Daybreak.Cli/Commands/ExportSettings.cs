using System.ComponentModel;
using Daybreak.Response.Evidence;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Daybreak.Cli.Commands;

public sealed class ExportSettings : CaseSettings
{
    [CommandArgument(0, "[INCIDENT]")]
    [Description("Incident id, or a unique prefix of one.")]
    public string? Incident { get; init; }

    [CommandOption("--out <ZIP>")]
    [Description("Where to write the evidence bundle (a zip).")]
    public string? Out { get; init; }

    [CommandOption("--verify <ZIP>")]
    [Description("Re-hash a bundle against its manifest and report OK or the files that do not match.")]
    public string? Verify { get; init; }

    [CommandOption("--manifest-sha256 <HEX>")]
    [Description("With --verify: the manifest hash printed at export, recorded elsewhere; checks the manifest too.")]
    public string? ManifestSha256 { get; init; }

    [CommandOption("--sign-key <PEM>")]
    [Description("Sign the manifest with this PEM private key (ECDSA P-256 or RSA 2048+); the signature goes into the bundle as manifest.sig.")]
    public string? SignKey { get; init; }

    [CommandOption("--public-key <PEM>")]
    [Description("With --verify: the signer's PEM public key, obtained separately; the bundle must carry a valid signature by it.")]
    public string? PublicKey { get; init; }

    public override ValidationResult Validate() =>
        Verify is not null
            ? Incident is not null || Out is not null ? ValidationResult.Error("--verify takes only the bundle: daybreak export --verify case.zip")
            : SignKey is not null ? ValidationResult.Error("--sign-key goes with --out; to check a signature give --public-key")
            : PublicKey is not null ? KeyFile(PublicKey, "--public-key", pem => ManifestSignature.Describe(pem))
            : ValidationResult.Success()
        : string.IsNullOrWhiteSpace(Incident) ? ValidationResult.Error("name the incident: daybreak export INCIDENT --out case.zip")
        : string.IsNullOrWhiteSpace(Out) ? ValidationResult.Error("give --out FILE.zip")
        : ManifestSha256 is not null ? ValidationResult.Error("--manifest-sha256 goes with --verify")
        : PublicKey is not null ? ValidationResult.Error("--public-key goes with --verify; to sign give --sign-key")
        : SignKey is not null ? KeyFile(SignKey, "--sign-key", pem => { using var signer = ManifestSigner.FromPem(pem); })
        : ValidationResult.Success();

    /// <summary>Reads a key file and checks it can be used, so a bad key is a usage error before any work is done.</summary>
    private static ValidationResult KeyFile(string path, string option, Action<string> check)
    {
        try
        {
            check(File.ReadAllText(path));
            return ValidationResult.Success();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return ValidationResult.Error($"{option} {path}: {ex.Message}");
        }
    }
}

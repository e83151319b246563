using System.ComponentModel;
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

    public override ValidationResult Validate() =>
        Verify is not null
            ? Incident is not null || Out is not null ? ValidationResult.Error("--verify takes only the bundle: daybreak export --verify case.zip") : ValidationResult.Success()
        : string.IsNullOrWhiteSpace(Incident) ? ValidationResult.Error("name the incident: daybreak export INCIDENT --out case.zip")
        : string.IsNullOrWhiteSpace(Out) ? ValidationResult.Error("give --out FILE.zip")
        : ManifestSha256 is not null ? ValidationResult.Error("--manifest-sha256 goes with --verify")
        : ValidationResult.Success();
}

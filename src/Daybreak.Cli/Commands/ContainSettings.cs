using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Daybreak.Cli.Commands;

public sealed class ContainSettings : GraphIncidentSettings
{
    [CommandOption("--json")]
    [Description("The plan (and, with --execute, each step's result) as JSON.")]
    public bool Json { get; init; }

    [CommandOption("--execute")]
    [Description("Send the Graph requests. Without it, nothing is sent (dry run).")]
    public bool Execute { get; init; }

    [CommandOption("--exclude <ID>")]
    [Description("A user (id or UPN), app id or service principal id to leave alone. Repeatable.")]
    public string[] Exclude { get; init; } = [];

    [CommandOption("--restrict-group <NAME>")]
    [Description("Empty mail-enabled security group the Exchange Application Access Policy restricts attacker apps to.")]
    public string RestrictGroup { get; init; } = "Daybreak-Containment-NoMailboxes";

    [CommandOption("--proof-certificate <PATH>")]
    [Description("A certificate (PFX, or PEM with its key) the app or service principal already holds: certificates are then removed with removeKey and a proof of possession signed by it. Env: DAYBREAK_PROOF_CERTIFICATE.")]
    public string? ProofCertificate { get; init; }

    [CommandOption("--proof-certificate-password <PASSWORD>")]
    [Description("Password of the proof certificate. Prefer the env var DAYBREAK_PROOF_CERTIFICATE_PASSWORD.")]
    public string? ProofCertificatePassword { get; init; }

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Incident) ? ValidationResult.Error("give an incident id")
        : GraphError() is { } error ? ValidationResult.Error(error)
        : !Execute && (Token ?? ClientSecret ?? Certificate) is not null ? ValidationResult.Error("credentials are only used with --execute")
        : ProofCertificatePassword is not null && ProofCertificate is null ? ValidationResult.Error("--proof-certificate-password needs --proof-certificate")
        : ValidationResult.Success();
}

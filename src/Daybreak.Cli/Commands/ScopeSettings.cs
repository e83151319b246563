using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Daybreak.Cli.Commands;

public sealed class ScopeSettings : IncidentSettings
{
    [CommandOption("--json")]
    [Description("The incident with its timeline and blast radius as JSON (the hunt report's incident object).")]
    public bool Json { get; init; }

    [CommandOption("--csv")]
    [Description("One row per message read (mailbox, folder, InternetMessageId); formula-like cells neutralised.")]
    public bool Csv { get; init; }

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Incident) ? ValidationResult.Error("name an incident")
        : Json && Csv ? ValidationResult.Error("choose --json or --csv, not both")
        : ValidationResult.Success();
}

using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Daybreak.Cli.Commands;

public sealed class StixSettings : IncidentSettings
{
    [CommandOption("--out <FILE>")]
    [Description("Where to write the bundle (JSON). Default: standard output.")]
    public string? Out { get; init; }

    [CommandOption("--intrusion-set <NAME>")]
    [Description("Attribute the techniques to this intrusion set (e.g. \"Midnight Blizzard\"). None unless given.")]
    public string? IntrusionSet { get; init; }

    [CommandOption("--org <NAME>")]
    [Description("Name of the victim organisation's identity. Default: \"Victim organisation (tenant ...)\".")]
    public string? Organisation { get; init; }

    [CommandOption("--include-users")]
    [Description("Also export the incident's users as identities (off by default: their names are the victims').")]
    public bool IncludeUsers { get; init; }

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Incident) ? ValidationResult.Error("name the incident")
        : IntrusionSet is not null && string.IsNullOrWhiteSpace(IntrusionSet) ? ValidationResult.Error("--intrusion-set needs a name")
        : ValidationResult.Success();
}

using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Daybreak.Cli.Commands;

public sealed class IntelImportSettings : CaseSettings
{
    [CommandArgument(0, "<FILE>")]
    [Description("A STIX 2.1 bundle (JSON) or a CSV file with the columns type,value,description.")]
    public string File { get; init; } = "";

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(File) ? ValidationResult.Error("give the indicator file") : ValidationResult.Success();
}

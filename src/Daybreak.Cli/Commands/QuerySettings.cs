using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Daybreak.Cli.Commands;

public sealed class QuerySettings : CaseSettings
{
    [CommandArgument(0, "<SQL>")]
    [Description("A read-only SQL query over the case: tables events, mail_items, inputs, rejections, runs.")]
    public string Sql { get; init; } = "";

    [CommandOption("--json")]
    [Description("Rows as a JSON array of objects.")]
    public bool Json { get; init; }

    [CommandOption("--csv")]
    [Description("Rows as CSV; cells that look like spreadsheet formulas are neutralised.")]
    public bool Csv { get; init; }

    [CommandOption("--limit <N>")]
    [Description("Rows shown in the table view (JSON and CSV are never cut). Default 100.")]
    public int Limit { get; init; } = 100;

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Sql) ? ValidationResult.Error("give a SQL query")
        : Json && Csv ? ValidationResult.Error("choose --json or --csv, not both")
        : Limit < 1 ? ValidationResult.Error("--limit must be positive")
        : ValidationResult.Success();
}

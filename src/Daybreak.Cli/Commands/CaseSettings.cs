using System.ComponentModel;
using Daybreak.Storage;
using Spectre.Console.Cli;

namespace Daybreak.Cli.Commands;

/// <summary>Options shared by every verb that works on a case file.</summary>
public class CaseSettings : CommandSettings
{
    [CommandOption("--db <PATH>")]
    [Description("Case file (DuckDB). Default: ./" + CaseStore.DefaultFileName)]
    public string Db { get; init; } = CaseStore.DefaultFileName;
}

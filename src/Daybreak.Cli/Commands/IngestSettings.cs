using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Daybreak.Cli.Commands;

/// <summary>Options of <c>ingest</c> and <c>hunt</c>.</summary>
public class IngestSettings : CaseSettings
{
    [CommandArgument(0, "[PATH]")]
    [Description("Log files or folders (read recursively); - for standard input. gzip is read anywhere. 'hunt' without a path analyses the case as it is.")]
    public string[] Paths { get; init; } = [];

    [CommandOption("--format <NAME>")]
    [Description("Treat every record as this family or format (see 'daybreak formats') instead of detecting it.")]
    public string? Format { get; init; }

    [CommandOption("--strict")]
    [Description("Exit with code 3 when any record was rejected.")]
    public bool Strict { get; init; }

    [CommandOption("--json")]
    [Description("Write the report as JSON (schema daybreak.hunt/1) to standard output.")]
    public bool Json { get; init; }

    [CommandOption("--sigma <DIR>")]
    [Description("Also run these community Sigma rules (files or folders, e.g. a SigmaHQ checkout's rules/cloud), through the field mappings in mappings/. Repeatable.")]
    public string[] Sigma { get; init; } = [];

    [CommandOption("--max-record-mb <MB>")]
    [Description("Skip (and report) records larger than this. Default 64.")]
    public int MaxRecordMb { get; init; } = 64;

    /// <summary>Whether the verb needs input files; <c>hunt</c> can analyse what the case already holds.</summary>
    protected virtual bool PathsRequired => true;

    public override ValidationResult Validate()
    {
        if (Paths.Length == 0 && PathsRequired) return ValidationResult.Error("name at least one file or folder");
        if (Paths.Length == 0 && !File.Exists(Db))
            return ValidationResult.Error($"no case file at {Db}: name files or folders to ingest, or the case with --db");
        if (MaxRecordMb is < 1 or > 1024) return ValidationResult.Error("--max-record-mb must be between 1 and 1024");
        var missing = Sigma.FirstOrDefault(p => !File.Exists(p) && !Directory.Exists(p));
        if (missing is not null) return ValidationResult.Error($"--sigma: no such file or folder: {missing}");
        return ValidationResult.Success();
    }
}

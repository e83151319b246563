using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Daybreak.Cli.Commands;

/// <summary>Options of <c>daybreak rules check</c>.</summary>
public sealed class RulesCheckSettings : CommandSettings
{
    [CommandArgument(0, "<DIR>")]
    [Description("Sigma rule folders or files (read recursively)")]
    public string[] Paths { get; init; } = [];

    [CommandOption("--mappings <DIR>")]
    [Description("Field mapping folder. Default: the mappings/ shipped with Daybreak")]
    public string? Mappings { get; init; }

    [CommandOption("--json")]
    [Description("Write the report as JSON to standard output")]
    public bool Json { get; init; }

    [CommandOption("--markdown")]
    [Description("Write the report as Markdown (docs/sigma-coverage.md) to standard output")]
    public bool Markdown { get; init; }

    public override ValidationResult Validate()
    {
        if (Paths.Length == 0) return ValidationResult.Error("name at least one rule folder or file");
        foreach (var path in Paths)
        {
            if (!Directory.Exists(path) && !File.Exists(path)) return ValidationResult.Error($"no such rule folder or file: {path}");
        }
        if (Mappings is not null && !Directory.Exists(Mappings)) return ValidationResult.Error($"no such mapping folder: {Mappings}");
        if (Json && Markdown) return ValidationResult.Error("--json and --markdown exclude each other");
        return ValidationResult.Success();
    }
}

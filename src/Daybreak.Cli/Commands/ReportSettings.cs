using System.ComponentModel;
using System.Globalization;
using Daybreak.Reporting.IncidentReports;
using Daybreak.Reporting.IncidentReports.Clocks;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Daybreak.Cli.Commands;

public sealed class ReportSettings : IncidentSettings
{
    [CommandOption("--out <DIR>")]
    [Description("Folder for report.html and report.md.")]
    public string Out { get; init; } = "";

    [CommandOption("--clock <NAME=DURATION>")]
    [Description("A regulatory clock, e.g. \"NYDFS=72h\" or \"SEC 8-K=4bd@materiality;holidays=us-federal,2025-01-09\" (h, d, bd; from awareness unless @materiality; holidays: calendar names us-federal, none and dates). Repeatable; a clock of the same name is replaced.")]
    public string[] Clocks { get; init; } = [];

    [CommandOption("--clocks <FILE>")]
    [Description("A clocks file (YAML, see docs/evidence.md): clocks to add or replace and their holiday calendars. Applied before --clock.")]
    public string? ClocksFile { get; init; }

    [CommandOption("--materiality-date <UTC>")]
    [Description("When the incident was determined material (starts the SEC Form 8-K clock). Default: not determined.")]
    public string? MaterialityDate { get; init; }

    [CommandOption("--awareness-date <UTC>")]
    [Description("When the organisation became aware (starts GDPR's 72 hours). Default: the incident's detection time.")]
    public string? AwarenessDate { get; init; }

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Incident)) return ValidationResult.Error("name the incident");
        if (string.IsNullOrWhiteSpace(Out)) return ValidationResult.Error("give --out DIR");
        foreach (var c in Clocks)
            if (!RegulatoryClock.TryParse(c, out _, out var error)) return ValidationResult.Error("--clock " + error);
        if (ClocksFile is not null)
        {
            if (!File.Exists(ClocksFile)) return ValidationResult.Error($"--clocks: no file at {ClocksFile}");
            try { ClockList(); }
            catch (Exception ex) when (ex is ClockConfigurationException or IOException or UnauthorizedAccessException) { return ValidationResult.Error("--clocks " + ex.Message); }
        }
        if (MaterialityDate is not null && ParseDate(MaterialityDate) is null) return ValidationResult.Error("--materiality-date is not a date/time (e.g. 2024-01-15 or 2024-01-15T14:00:00Z)");
        if (AwarenessDate is not null && ParseDate(AwarenessDate) is null) return ValidationResult.Error("--awareness-date is not a date/time (e.g. 2024-01-12T09:30:00Z)");
        return ValidationResult.Success();
    }

    internal static DateTime? ParseDate(string? text) =>
        text is not null && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t)
            ? t : null;

    /// <summary>The defaults, changed by the clocks file, then by each --clock.</summary>
    internal IReadOnlyList<RegulatoryClock> ClockList()
    {
        var clocks = RegulatoryClock.Defaults;
        if (ClocksFile is not null) clocks = ClockConfiguration.ApplyFile(clocks, File.ReadAllText(ClocksFile), ClocksFile);
        var given = Clocks.Select(c => { RegulatoryClock.TryParse(c, out var clock, out _); return clock!; });
        return ClockConfiguration.Apply(clocks, given);
    }
}

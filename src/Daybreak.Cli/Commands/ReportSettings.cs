using System.ComponentModel;
using System.Globalization;
using Daybreak.Reporting.IncidentReports;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Daybreak.Cli.Commands;

public sealed class ReportSettings : IncidentSettings
{
    [CommandOption("--out <DIR>")]
    [Description("Folder for report.html and report.md.")]
    public string Out { get; init; } = "";

    [CommandOption("--clock <NAME=DURATION>")]
    [Description("A regulatory clock, e.g. \"NYDFS=72h\" or \"SEC 8-K=4bd@materiality\" (h, d, bd; from awareness unless @materiality). Repeatable; a default of the same name is replaced.")]
    public string[] Clocks { get; init; } = [];

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
        if (MaterialityDate is not null && ParseDate(MaterialityDate) is null) return ValidationResult.Error("--materiality-date is not a date/time (e.g. 2024-01-15 or 2024-01-15T14:00:00Z)");
        if (AwarenessDate is not null && ParseDate(AwarenessDate) is null) return ValidationResult.Error("--awareness-date is not a date/time (e.g. 2024-01-12T09:30:00Z)");
        return ValidationResult.Success();
    }

    internal static DateTime? ParseDate(string? text) =>
        text is not null && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t)
            ? t : null;

    internal IReadOnlyList<RegulatoryClock> ClockList()
    {
        var given = Clocks.Select(c => { RegulatoryClock.TryParse(c, out var clock, out _); return clock!; }).ToList();
        return RegulatoryClock.Defaults.Where(d => !given.Any(g => string.Equals(g.Name, d.Name, StringComparison.OrdinalIgnoreCase)))
            .Concat(given).ToList();
    }
}

using System.ComponentModel;
using System.Diagnostics;
using Daybreak.Simulation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Daybreak.Cli.Commands;

/// <summary>daybreak simulate: writes a synthetic tenant's logs with labelled attacks and truth.json.</summary>
internal sealed class SimulateCommand(Infrastructure.CliEnvironment env) : Command<SimulateCommand.Settings>
{
    internal sealed class Settings : CommandSettings
    {
        [CommandOption("--users <N>")]
        [Description("Users in the production tenant (default 200).")]
        public int Users { get; init; } = 200;

        [CommandOption("--days <D>")]
        [Description("Days to simulate (default 7).")]
        public int Days { get; init; } = 7;

        [CommandOption("--start <DATE>")]
        [Description("First day, yyyy-MM-dd UTC (default 2024-01-08).")]
        public string? Start { get; init; }

        [CommandOption("--scenario <NAMES>")]
        [Description("Comma-separated scenarios: midnight-blizzard, graph-mail-read, aitm-token-theft, mfa-fatigue, consent-phishing, bec-forwarding, none.")]
        public string Scenario { get; init; } = "midnight-blizzard";

        [CommandOption("--seed <S>")]
        [Description("Seed; the same arguments always give byte-identical output (default 1).")]
        public ulong Seed { get; init; } = 1;

        [CommandOption("--out <DIR>")]
        [Description("Output folder.")]
        public string? Out { get; init; }

        [CommandOption("--formats <LIST>")]
        [Description("Comma-separated: graph, diagnostic, loganalytics, ual-api, purview-csv, mixed (default diagnostic,ual-api).")]
        public string Formats { get; init; } = "diagnostic,ual-api";

        internal SimulationOptions ToOptions()
        {
            var options = new SimulationOptions
            {
                Users = Users,
                Days = Days,
                Seed = Seed,
                Scenarios = Scenario.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Where(s => s != "none").ToList(),
                Formats = Formats.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParseFormat).ToList(),
            };
            if (Start is not null)
                options.Start = DateTime.SpecifyKind(DateTime.ParseExact(Start, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);
            return options;
        }

        private static OutputFormat ParseFormat(string s) => s.ToLowerInvariant() switch
        {
            "graph" => OutputFormat.Graph,
            "diagnostic" => OutputFormat.Diagnostic,
            "loganalytics" => OutputFormat.LogAnalytics,
            "ual-api" => OutputFormat.UalApi,
            "purview-csv" => OutputFormat.PurviewCsv,
            "mixed" => OutputFormat.Mixed,
            _ => throw new FormatException($"unknown format '{s}'"),
        };

        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(Out)) return ValidationResult.Error("--out is required");
            if (Start is not null && !DateTime.TryParseExact(Start, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.None, out _))
                return ValidationResult.Error("--start must be yyyy-MM-dd");
            try
            {
                var errors = ToOptions().Validate();
                return errors.Count == 0 ? ValidationResult.Success() : ValidationResult.Error(string.Join("; ", errors));
            }
            catch (FormatException e)
            {
                return ValidationResult.Error(e.Message);
            }
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var options = settings.ToOptions();
        var stopwatch = Stopwatch.StartNew();
        var simulator = new TenantSimulator(options);
        SimulationResult result;
        if (env.IsTerminal)
        {
            result = env.Console.Progress().Start(p =>
            {
                var task = p.AddTask("simulating days", maxValue: options.Days);
                return simulator.Run(settings.Out!, new Progress<SimulationProgress>(s => task.Value = s.DaysDone), cancellationToken);
            });
        }
        else result = simulator.Run(settings.Out!, null, cancellationToken);
        stopwatch.Stop();

        var table = new Table().AddColumn("source").AddColumn(new TableColumn("records").RightAligned()).AddColumn(new TableColumn("files").RightAligned());
        foreach (var (source, count) in result.RecordsBySource.OrderBy(k => k.Key))
            table.AddRow(source.ToString(), count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                result.Files.Count(f => f.Source == source).ToString(System.Globalization.CultureInfo.InvariantCulture));
        env.Console.Write(table);
        env.Console.MarkupLineInterpolated(
            $"{result.Files.Count} files, {result.MaliciousRecords} malicious records, truth: {result.TruthPath}, {stopwatch.Elapsed.TotalSeconds:F1}s");
        return 0;
    }
}

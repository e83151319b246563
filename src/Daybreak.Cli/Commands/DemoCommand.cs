using System.ComponentModel;
using System.Diagnostics;
using Daybreak.Cli.Infrastructure;
using Daybreak.Simulation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Daybreak.Cli.Commands;

/// <summary>
/// <c>daybreak demo</c>: simulates a small tenant hit by the Midnight Blizzard chain into a temporary folder, hunts
/// it, and prints what the hunt found. No setup, no data to bring.
/// </summary>
internal sealed class DemoCommand(CliEnvironment env) : Command<DemoCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--users <N>")]
        [Description("Users in the simulated tenant (default 40).")]
        public int Users { get; init; } = 40;

        [CommandOption("--days <D>")]
        [Description("Days simulated (default 7).")]
        public int Days { get; init; } = 7;

        [CommandOption("--scenario <NAMES>")]
        [Description("Scenarios to inject (default midnight-blizzard).")]
        public string Scenario { get; init; } = "midnight-blizzard";

        [CommandOption("--seed <S>")]
        [Description("Seed (default 1).")]
        public ulong Seed { get; init; } = 1;

        [CommandOption("--keep <DIR>")]
        [Description("Keep the simulated logs and the case file in DIR instead of a temporary folder.")]
        public string? Keep { get; init; }

        [CommandOption("--json")]
        [Description("Write the hunt report as JSON.")]
        public bool Json { get; init; }

        public override ValidationResult Validate()
        {
            var errors = Options().Validate();
            return errors.Count == 0 ? ValidationResult.Success() : ValidationResult.Error(string.Join("; ", errors));
        }

        internal SimulationOptions Options() => new()
        {
            Users = Users,
            Days = Days,
            Seed = Seed,
            Scenarios = Scenario.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(s => s != "none").ToList(),
            Formats = [OutputFormat.Mixed],
        };
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var root = settings.Keep ?? Directory.CreateTempSubdirectory("daybreak-demo-").FullName;
        try
        {
            var clock = Stopwatch.StartNew();
            var options = settings.Options();
            if (!settings.Json)
                env.Console.MarkupLine($"[bold]Daybreak demo[/]: simulating {options.Users} users over {options.Days} days with {Markup.Escape(string.Join(", ", options.Scenarios))} (every export variant, some gzipped) …");
            var simulation = new TenantSimulator(options).Run(root, null, cancellationToken);
            if (!settings.Json)
                env.Console.MarkupLine($"  {simulation.Files.Count:N0} files, {simulation.RecordsBySource.Values.Sum():N0} records in {clock.Elapsed.TotalSeconds:F1} s; hunting them …");

            var hunt = new IngestSettings
            {
                Paths = [simulation.LogsDirectory],
                Db = Path.Combine(root, "case.duckdb"),
                Json = settings.Json,
            };
            var code = HuntRun.Execute(env, hunt, "demo");
            if (!settings.Json)
            {
                env.Console.MarkupLine($"[grey]Done in {clock.Elapsed.TotalSeconds:F1} s. Ground truth: {Markup.Escape(simulation.TruthPath)}" +
                    (settings.Keep is null ? " (deleted with the temporary folder; use --keep DIR to keep it)" : "") + "[/]");
            }
            return code;
        }
        finally
        {
            if (settings.Keep is null)
            {
                try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }
    }
}

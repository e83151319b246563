using Daybreak.Cli.Commands;
using Daybreak.Cli.Infrastructure;
using Daybreak.Cli.Output;
using Daybreak.Storage;
using Spectre.Console.Cli;

namespace Daybreak.Cli;

/// <summary>Builds the command tree once; tests call <see cref="Run(string[], CliEnvironment)"/> in-process with their own streams.</summary>
public static class DaybreakApp
{
    public static int Run(string[] args) => Run(args, CliEnvironment.FromProcess());

    public static int Run(string[] args, CliEnvironment env)
    {
        var app = new CommandApp(new TypeRegistrar(env));
        app.Configure(config =>
        {
            config.SetApplicationName("daybreak");
            config.UseStrictParsing();
            config.ConfigureConsole(env.Console);
            config.SetExceptionHandler((ex, _) => HandleError(env, ex));
            Configure(config);
        });
        // A lone "-" (standard input) would be read as an option by the parser.
        var code = app.Run(args.Select(a => a == Sources.InputSource.StdinName ? Sources.InputSource.StdinAlias : a));
        return code < 0 ? ExitCodes.Usage : code;
    }

    internal static void Configure(IConfigurator config)
    {
        config.AddCommand<DemoCommand>("demo").WithDescription("Simulate a small breached tenant and hunt it: the whole product in one command, no setup.");
        config.AddCommand<HuntCommand>("hunt").WithDescription("Ingest logs, then hunt them: input summary, coverage, alerts, incidents.")
            .WithExample("hunt", "samples/", "--json");
        config.AddCommand<WatchCommand>("watch").WithDescription("Follow a folder as logs arrive: store every record and raise alerts as they happen.")
            .WithExample("watch", "/var/log/m365", "--lateness", "300");
        config.AddCommand<IngestCommand>("ingest").WithDescription("Read logs into the case file (DuckDB), reporting every record that could not be read.")
            .WithExample("ingest", "signins.json.gz", "ual.csv", "--db", "case.duckdb");
        config.AddCommand<QueryCommand>("query").WithDescription("Read-only SQL over the case file.")
            .WithExample("query", "\"SELECT source, count(*) FROM events GROUP BY ALL\"");
        config.AddCommand<FormatsCommand>("formats").WithDescription("List the log formats Daybreak reads, with an example of each.");
        config.AddCommand<SimulateCommand>("simulate")
            .WithDescription("Simulate a tenant's Entra ID / Microsoft 365 logs with labelled attack scenarios.")
            .WithExample("simulate", "--users", "200", "--days", "7", "--scenario", "midnight-blizzard", "--seed", "1", "--out", "./sim");
        config.AddBranch("rules", rules => rules.AddCommand<RulesCheckCommand>("check").WithDescription("Load Sigma rules; report load errors and the rules whose fields or log source Daybreak cannot provide.").WithExample("rules", "check", "sigma/rules/cloud", "--json"));
        config.AddCommand<ScopeCommand>("scope").WithDescription("What an incident reached: timeline, dwell, and per mailbox the messages read, folders synced and throttled windows.")
            .WithExample("scope", "inc-1a2b", "--csv");
        config.AddCommand<ContainCommand>("contain")
            .WithDescription("Containment plan for an incident as Microsoft Graph requests and Exchange Online PowerShell; --execute sends them.")
            .WithExample("contain", "inc-1a2b", "--execute", "--tenant", "<tenant-id>", "--client-id", "<app-id>")
            .WithExample("contain", "inc-1a2b", "--execute", "--proof-certificate", "legacy-app.pfx");
        config.AddCommand<NotifyCommand>("notify")
            .WithDescription("Notices to the employees whose mail an incident reached: --preview writes drafts, --send delivers over SMTP or Microsoft Graph (--via graph).")
            .WithExample("notify", "inc-1a2b", "--preview", "--out", "./notices")
            .WithExample("notify", "inc-1a2b", "--send", "--via", "graph", "--from", "security@contoso.com", "--tenant", "<tenant-id>", "--client-id", "<app-id>");
        config.AddCommand<ExportCommand>("export")
            .WithDescription("Write an incident's evidence bundle (timeline, raw records, hunt report, chain of custody, SHA-256 manifest), or --verify one.")
            .WithExample("export", "inc-1a2b", "--out", "case.zip").WithExample("export", "--verify", "case.zip");
        config.AddCommand<StixCommand>("stix")
            .WithDescription("Write an incident as a STIX 2.1 bundle: indicators, attack-patterns, identities, sightings, relationships.")
            .WithExample("stix", "inc-1a2b", "--out", "bundle.json", "--intrusion-set", "Midnight Blizzard");
        config.AddBranch("intel", intel =>
        {
            intel.SetDescription("Threat-intel indicators that hunts match.");
            intel.AddCommand<IntelImportCommand>("import").WithDescription("Import indicators from a STIX 2.1 bundle or a CSV (type,value,description).")
                .WithExample("intel", "import", "indicators.json");
        });
        config.AddCommand<ReportCommand>("report")
            .WithDescription("Write report.html and report.md for leaders and counsel: summary, timeline, mailboxes reached, coverage caveats, response status, regulatory clocks.")
            .WithExample("report", "inc-1a2b", "--out", "report/", "--materiality-date", "2024-01-17");
        config.AddCommand<VersionCommand>("version").WithDescription("Print the version.");
    }

    private static int HandleError(CliEnvironment env, Exception ex)
    {
        // Usage and environment errors get one clear line; a stack trace is for defects only.
        switch (ex)
        {
            case CommandAppException or CommandParseException or CommandRuntimeException:
                env.Error.WriteLine("daybreak: " + TerminalText.Safe(ex.Message, 500));
                return ExitCodes.Usage;
            case StoreException or ArgumentException:
                env.Error.WriteLine("daybreak: " + TerminalText.Safe(ex.Message, 500));
                return ExitCodes.Usage;
            case IOException or UnauthorizedAccessException:
                env.Error.WriteLine("daybreak: " + TerminalText.Safe(ex.Message, 500));
                return ExitCodes.InputUnreadable;
            default:
                env.Error.WriteLine("daybreak: internal error (please report): " + ex);
                return 70;
        }
    }
}

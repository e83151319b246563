using Daybreak.Cli.Infrastructure;
using Daybreak.Cli.Output;
using Daybreak.Detection.Intel;
using Daybreak.Storage;
using Spectre.Console.Cli;

namespace Daybreak.Cli.Commands;

/// <summary>
/// <c>daybreak intel import FILE</c>: reads indicators (IPs, app ids, UPNs, domains) from a STIX 2.1 bundle or a CSV
/// into the case, where every later hunt matches them. Entries it cannot read are listed, never silently dropped.
/// </summary>
internal sealed class IntelImportCommand(CliEnvironment env) : Command<IntelImportSettings>
{
    public override int Execute(CommandContext context, IntelImportSettings settings, CancellationToken cancellationToken)
    {
        if (!File.Exists(settings.File)) throw new IOException($"no such file: {settings.File}");
        IndicatorImport import;
        try
        {
            import = IndicatorFileReader.Read(settings.File);
        }
        catch (InvalidDataException ex)
        {
            env.Error.WriteLine("daybreak: " + TerminalText.Safe(ex.Message, 500));
            return ExitCodes.InputUnreadable;
        }
        using var store = CaseStore.Open(settings.Db, env.Time);
        var log = new RunLog(store, env.Time);
        var runId = log.Start("intel import " + Path.GetFullPath(settings.File), Version.Current);
        var added = IndicatorStore.Save(store, import.Indicators, env.Time);
        log.Finish(runId);

        var byKind = import.Indicators.GroupBy(i => i.Kind).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.Name()}");
        env.Out.WriteLine($"read {import.Indicators.Count} indicators ({string.Join(", ", byKind)}); {added} new in the case; {import.Skipped.Count} skipped");
        foreach (var s in import.Skipped.Take(50)) env.Out.WriteLine("  skipped " + TerminalText.Safe(s, 300));
        if (import.Skipped.Count > 50) env.Out.WriteLine($"  ... and {import.Skipped.Count - 50} more");
        return import.Indicators.Count == 0 && import.Skipped.Count > 0 ? ExitCodes.InputUnreadable : ExitCodes.Completed;
    }
}

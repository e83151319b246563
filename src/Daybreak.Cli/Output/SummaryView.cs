using Daybreak.Pipeline;
using Daybreak.Reporting;
using Spectre.Console;

namespace Daybreak.Cli.Output;

/// <summary>The human view of an ingest or hunt: counts, errors with file and line, coverage per source.</summary>
internal static class SummaryView
{
    private const int ErrorsShown = 20;

    public static void Render(IAnsiConsole console, IngestSummary summary, long inserted, IReadOnlyList<CoverageEntry> coverage, string db)
    {
        console.MarkupLine($"[bold]Input[/]  {summary.Files:N0} files, {summary.Records:N0} records: " +
            $"[green]{summary.Accepted:N0} accepted[/] ({inserted:N0} new in {TerminalText.Markup(db)}), " +
            (summary.Rejected > 0 ? $"[red]{summary.Rejected:N0} rejected[/]" : "0 rejected"));

        if (summary.Errors.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded).Title("[red]Rejected[/]");
            table.AddColumn("file");
            table.AddColumn(new TableColumn("line").RightAligned());
            table.AddColumn("reason");
            foreach (var e in summary.Errors.Take(ErrorsShown))
                table.AddRow(TerminalText.Markup(e.File, 60), e.Line.ToString("N0"), TerminalText.Markup(e.Reason, 120));
            console.Write(table);
            var more = summary.Errors.Count - ErrorsShown + summary.UnlistedErrors;
            if (more > 0) console.MarkupLine($"[grey]… {more:N0} more; all are in --json output and in the case file's rejections table[/]");
        }

        if (coverage.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded).Title("Coverage");
            table.AddColumn("source");
            table.AddColumn("tenant");
            table.AddColumn("from (UTC)");
            table.AddColumn("to (UTC)");
            table.AddColumn(new TableColumn("records").RightAligned());
            table.AddColumn("gaps (no records ≥ 24 h)");
            foreach (var c in coverage)
                table.AddRow(c.Source, TerminalText.Markup(c.Tenant ?? "(not in the log)"), Short(c.From), Short(c.To), c.Records.ToString("N0"),
                    c.Gaps.Count == 0 ? "none" : string.Join("; ", c.Gaps.Select(g => $"{Short(g.From)} – {Short(g.To)}")));
            console.Write(table);
        }
    }

    private static string Short(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}

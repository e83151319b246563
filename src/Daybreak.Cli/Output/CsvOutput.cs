using CsvHelper;

namespace Daybreak.Cli.Output;

/// <summary>
/// CSV for spreadsheets: cells that start like a formula (= + - @ tab CR) are neutralised so opening the file runs
/// nothing. Written to a terminal rather than a file or pipe, cells also show control characters as visible escapes
/// (<see cref="TerminalText"/>), so that a log value's ANSI escapes are never replayed; a file gets the values whole.
/// </summary>
public static class CsvOutput
{
    public static void Write(TextWriter output, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows, bool toTerminal = false)
    {
        using var csv = CsvWriter.Create(output, new CsvWriterOptions { Injection = CsvInjection.Escape, NewLine = "\n" }, leaveOpen: true);
        csv.WriteRecord(header.Select(h => Cell(h, toTerminal)).ToArray());
        foreach (var row in rows) csv.WriteRecord(row.Select(v => Cell(v, toTerminal)).ToArray());
        csv.Flush();
    }

    private static string Cell(string? value, bool toTerminal) => toTerminal ? TerminalText.Safe(value, int.MaxValue) : value ?? "";
}

using CsvHelper;

namespace Daybreak.Cli.Output;

/// <summary>CSV for spreadsheets: cells that start like a formula (= + - @ tab CR) are neutralised so opening the file runs nothing.</summary>
public static class CsvOutput
{
    public static void Write(TextWriter output, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var csv = CsvWriter.Create(output, new CsvWriterOptions { Injection = CsvInjection.Escape, NewLine = "\n" }, leaveOpen: true);
        csv.WriteRecord(header.ToArray());
        foreach (var row in rows) csv.WriteRecord(row.Select(v => v ?? "").ToArray());
        csv.Flush();
    }
}

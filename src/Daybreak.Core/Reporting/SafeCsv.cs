using CsvHelper;

namespace Daybreak.Reporting;

/// <summary>
/// CSV for spreadsheets: a cell that starts like a formula (= + - @ tab CR) is neutralised, so opening an exported
/// file runs nothing an attacker put in a log field (a display name, a user agent).
/// </summary>
public static class SafeCsv
{
    public static void Write(TextWriter output, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var csv = CsvWriter.Create(output, new CsvWriterOptions { Injection = CsvInjection.Escape, NewLine = "\n" }, leaveOpen: true);
        csv.WriteRecord(header.ToArray());
        foreach (var row in rows) csv.WriteRecord(row.Select(v => v ?? "").ToArray());
        csv.Flush();
    }

    public static string ToText(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        Write(writer, header, rows);
        return writer.ToString();
    }
}

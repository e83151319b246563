using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Daybreak.Cli.Infrastructure;
using Daybreak.Cli.Output;
using Daybreak.Storage;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Daybreak.Cli.Commands;

/// <summary><c>daybreak query "SQL"</c>: read-only SQL over the case file, as a table, JSON or CSV.</summary>
internal sealed class QueryCommand(CliEnvironment env) : Command<QuerySettings>
{
    public override int Execute(CommandContext context, QuerySettings settings, CancellationToken cancellationToken)
    {
        using var store = CaseStore.OpenReadOnly(settings.Db);
        var rows = store.Stream(settings.Sql, out var columns);
        if (settings.Json) WriteJson(columns, rows);
        else if (settings.Csv) CsvOutput.Write(env.Out, columns, rows.Select(r => r.Select(Text).ToList()), env.IsTerminal);
        else WriteTable(columns, rows, settings.Limit);
        return ExitCodes.Completed;
    }

    private void WriteJson(IReadOnlyList<string> columns, IEnumerable<object?[]> rows)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartArray();
            foreach (var row in rows)
            {
                w.WriteStartObject();
                for (var i = 0; i < columns.Count; i++)
                {
                    w.WritePropertyName(columns[i]);
                    WriteValue(w, row[i]);
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        env.Out.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteValue(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case bool b: w.WriteBooleanValue(b); break;
            case long or int or short or sbyte or byte or uint or ushort or ulong: w.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            case double or float or decimal: w.WriteNumberValue(Convert.ToDouble(value, CultureInfo.InvariantCulture)); break;
            default: w.WriteStringValue(Text(value)); break;
        }
    }

    private void WriteTable(IReadOnlyList<string> columns, IEnumerable<object?[]> rows, int limit)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var c in columns) table.AddColumn(TerminalText.Markup(c));
        var shown = 0;
        var more = 0;
        foreach (var row in rows)
        {
            if (shown >= limit) { more++; continue; }
            table.AddRow(row.Select(v => TerminalText.Markup(Text(v), 80)).ToArray());
            shown++;
        }
        env.Console.Write(table);
        env.Console.MarkupLine(more > 0 ? $"[grey]{shown:N0} rows shown, {more:N0} more (use --limit, --json or --csv)[/]" : $"[grey]{shown:N0} rows[/]");
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        DateTime dt => Reporting.HuntReportJson.Iso(dt),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}

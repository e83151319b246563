using System.Text;
using DuckDB.NET.Data;

namespace Daybreak.Storage;

/// <summary>Text appended to a DuckDB table by the appender, whole.</summary>
internal static class AppenderText
{
    /// <summary>
    /// Text, whole. The provider passes a string to DuckDB as a C string, which ends at the first NUL character, and
    /// logs are attacker input: "\u0000" is valid JSON, and a value cut there would be another value in the case (a
    /// record id that collides with another record's, a UPN or address shortened to someone else's). Such text goes
    /// as its UTF-8 bytes with their length; all other text as before.
    /// </summary>
    public static IDuckDBAppenderRow AppendText(this IDuckDBAppenderRow row, string? text) =>
        text is null || !text.Contains('\0') ? row.AppendValue(text) : row.AppendValue(Encoding.UTF8.GetBytes(text).AsSpan());
}

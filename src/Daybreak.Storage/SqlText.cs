namespace Daybreak.Storage;

/// <summary>
/// Text written into SQL. DuckDB reads a command's text and a string parameter up to the first NUL character (the
/// provider passes both as C strings), and log values can hold one: "\u0000" is valid JSON. A literal is therefore
/// written with each NUL as <c>chr(0)</c>, so that it stands for the whole value. (A string parameter cannot hold one:
/// queries that look up log values by text build literals with this, and the appenders pass such text as bytes.)
/// </summary>
internal static class SqlText
{
    /// <summary>A SQL expression for <paramref name="text"/>: a quoted literal, its NUL characters as <c>chr(0)</c>.</summary>
    public static string Literal(string text)
    {
        var quoted = "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
        return text.Contains('\0') ? "(" + quoted.Replace("\0", "' || chr(0) || '", StringComparison.Ordinal) + ")" : quoted;
    }
}

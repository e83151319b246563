using System.Data.Common;
using System.Text;
using System.Text.RegularExpressions;

namespace Daybreak.Storage;

/// <summary>
/// Text written into SQL. DuckDB reads a command's text and a string parameter up to the first NUL character (the
/// provider passes both as C strings), and log values can hold one: "\u0000" is valid JSON. A literal is therefore
/// written with each NUL as <c>chr(0)</c>, and a string parameter that holds one is bound as its UTF-8 bytes and read
/// back as text in the statement (<c>decode($n)</c>), so that each stands for the whole value.
/// </summary>
internal static class SqlText
{
    /// <summary>A SQL expression for <paramref name="text"/>: a quoted literal, its NUL characters as <c>chr(0)</c>.</summary>
    public static string Literal(string text)
    {
        var quoted = "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
        return text.Contains('\0') ? "(" + quoted.Replace("\0", "' || chr(0) || '", StringComparison.Ordinal) + ")" : quoted;
    }

    /// <summary>
    /// Sets <paramref name="cmd"/>'s text and positional parameters (<c>$1</c>, <c>$2</c>, ... in order). A string with a
    /// NUL character is bound as its UTF-8 bytes and each <c>$n</c> naming it becomes <c>decode($n)</c>, the same text
    /// to the engine; every other value is bound as it is. The statements this is used for are the store's own, whose
    /// text holds <c>$n</c> only as a parameter.
    /// </summary>
    public static void Bind(DbCommand cmd, string sql, IReadOnlyList<object?> parameters)
    {
        for (var i = 0; i < parameters.Count; i++)
        {
            var value = parameters[i];
            if (value is string text && text.Contains('\0'))
            {
                value = Encoding.UTF8.GetBytes(text);
                sql = Regex.Replace(sql, $@"\${i + 1}(?![0-9])", $"decode(${i + 1})");
            }
            var p = cmd.CreateParameter();
            p.Value = value ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }
        cmd.CommandText = sql;
    }
}

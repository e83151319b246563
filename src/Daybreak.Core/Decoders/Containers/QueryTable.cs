using System.Buffers;
using System.Text.Json;

namespace Daybreak.Decoders.Containers;

/// <summary>
/// One table of a Log Analytics query API response: its name and columns as declared, and the conversion of one of
/// its rows into the JSON objects a record is made of. Column objects are read in both shapes the API has used:
/// <c>{"name","type"}</c> and the older <c>{"ColumnName","DataType","ColumnType"}</c>.
/// </summary>
internal sealed class QueryTable(int ordinal)
{
    /// <summary>Query metadata tables of the older (Kusto v1) shape, recognised by their exact column sets: not logs.</summary>
    private static readonly string[][] MetadataColumns =
    [
        ["Value"], // @ExtendedProperties
        ["Ordinal", "Kind", "Name", "Id", "PrettyName"], // TableOfContents
        ["Timestamp", "Severity", "SeverityName", "StatusCode", "StatusDescription", "Count", "RequestId", "ActivityId", "SubActivityId", "ClientActivityId"], // QueryStatus
    ];

    private static readonly JsonReaderOptions CellOptions = new() { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 };

    private JsonEncodedText[] _encoded = [];
    private string?[] _foldedNames = [];

    public int Ordinal { get; } = ordinal;

    public string? Name { get; set; }

    /// <summary>Null until a columns array was read.</summary>
    public List<QueryColumn>? Columns { get; set; }

    /// <summary>Why the columns cannot be used, when they cannot.</summary>
    public string? ColumnsError { get; set; }

    /// <summary>True for a query metadata table: its rows are not records and are passed over.</summary>
    public bool IsMetadata { get; private set; }

    public string Label => Name is { Length: > 0 } name ? $"table '{Truncate(name)}'" : $"table {Ordinal + 1}";

    /// <summary>Validates the columns once they are all read, and prepares the names rows are written with.</summary>
    public void CompleteColumns()
    {
        var columns = Columns!;
        for (var i = 0; i < columns.Count && ColumnsError is null; i++)
        {
            if (string.IsNullOrEmpty(columns[i].Name)) ColumnsError = $"column {i + 1} of {Label} has no name";
        }
        if (ColumnsError is not null) return;
        if (columns.Count == 0) { ColumnsError = $"{Label} has no columns"; return; }
        IsMetadata = MetadataColumns.Any(set => set.Length == columns.Count && set.Zip(columns).All(p => p.First == p.Second.Name));
        _encoded = columns.Select(c => JsonEncodedText.Encode(c.Name!)).ToArray();
        _foldedNames = columns.Select(c => FoldedName(c, columns)).ToArray();
    }

    /// <summary>
    /// The cells of one row (the JSON array at <paramref name="row"/>) as two objects: the raw record, every column
    /// with its cell exactly as written; and the record normalisers read, without null or empty cells and with
    /// union-renamed columns folded back. Returns an error instead when the row does not fit the columns.
    /// </summary>
    public string? TryConvert(ReadOnlySpan<byte> row, out byte[] raw, out byte[] normalised)
    {
        raw = normalised = [];
        var cells = ArrayPool<(int Start, int End)>.Shared.Rent(Columns!.Count + 1);
        try
        {
            var count = 0;
            var reader = new Utf8JsonReader(row, CellOptions);
            reader.Read(); // the row's StartArray
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var start = (int)reader.TokenStartIndex;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
                if (count <= Columns.Count) cells[count] = (start, (int)reader.BytesConsumed);
                count++;
            }
            if (count != Columns.Count) return $"row has {count} cells, {Label} has {Columns.Count} columns";
            raw = Write(row, cells, normalisedView: false);
            normalised = Write(row, cells, normalisedView: true);
            return null;
        }
        finally
        {
            ArrayPool<(int, int)>.Shared.Return(cells);
        }
    }

    private byte[] Write(ReadOnlySpan<byte> row, (int Start, int End)[] cells, bool normalisedView)
    {
        var output = new ArrayBufferWriter<byte>(row.Length + (Columns!.Count * 24));
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true }))
        {
            writer.WriteStartObject();
            HashSet<string>? written = null;
            for (var i = 0; i < Columns.Count; i++)
            {
                var cell = row[cells[i].Start..cells[i].End];
                if (normalisedView)
                {
                    // Log Analytics has no null strings: a union fills a column a table lacks with "" (or null).
                    if (cell.SequenceEqual("null"u8) || cell.SequenceEqual("\"\""u8)) continue;
                    if (_foldedNames[i] is { } folded)
                    {
                        if (!(written ??= []).Add(folded)) continue;
                        writer.WritePropertyName(folded);
                        writer.WriteRawValue(cell, skipInputValidation: true);
                        continue;
                    }
                }
                writer.WritePropertyName(_encoded[i]);
                writer.WriteRawValue(cell, skipInputValidation: true);
            }
            writer.WriteEndObject();
        }
        return output.WrittenSpan.ToArray();
    }

    /// <summary>
    /// A union of tables whose same-named columns differ in type renames them <c>Name_type</c> (<c>Status_dynamic</c>,
    /// <c>Status_string</c>). Such a column is read as <c>Name</c> when its suffix is its own declared type and no
    /// column is called <c>Name</c>; the first non-empty one wins, as in the portal CSV.
    /// </summary>
    private static string? FoldedName(QueryColumn column, List<QueryColumn> columns)
    {
        var type = column.Type;
        if (type is null || !column.Name!.EndsWith("_" + type, StringComparison.OrdinalIgnoreCase)) return null;
        var name = column.Name[..^(type.Length + 1)];
        return name.Length == 0 || columns.Any(c => c.Name == name) ? null : name;
    }

    private static string Truncate(string text) => text.Length > 60 ? text[..60] + "..." : text;
}

/// <summary>A declared column: its name and KQL type (<c>string</c>, <c>datetime</c>, <c>dynamic</c>...), lower-cased.</summary>
internal sealed class QueryColumn
{
    public string? Name { get; set; }

    public string? Type { get; set; }
}

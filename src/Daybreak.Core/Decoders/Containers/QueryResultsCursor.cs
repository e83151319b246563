using System.Text.Json;

namespace Daybreak.Decoders.Containers;

/// <summary>
/// Walks a Log Analytics query API response token by token across buffer refills (a ref struct reader cannot live
/// across the framer's yields), keeping only the row being read. It finds <c>tables[].name</c>,
/// <c>tables[].columns</c> and each element of <c>tables[].rows</c>, and the top-level <c>error</c> of a partial
/// result. Property names are matched case-insensitively, so the older <c>Tables</c>/<c>TableName</c>/<c>Columns</c>/
/// <c>Rows</c> shape reads the same.
/// </summary>
internal sealed class QueryResultsCursor(byte[] buffer) : IJsonStreamCursor
{
    private static readonly JsonReaderOptions ReaderOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 };

    private enum Property { Other, Tables, Error, Name, Columns, Rows, ColumnName, ColumnType, DataType, ErrorCode, ErrorMessage }

    public byte[] Buffer = buffer;
    public int End;
    private int _position;
    private JsonReaderState _state = new(ReaderOptions);
    private Property _property;           // the property whose value comes next
    private bool _inTables, _inColumns, _inRows, _inError;
    private QueryTable? _table;
    private QueryColumn? _column;
    private int _tables;
    private int _rowStart = -1;           // buffer index where the current row started
    private bool _rowTooLong;             // the current row outgrew the buffer limit: its bytes are being dropped
    private string? _errorCode, _errorMessage;

    byte[] IJsonStreamCursor.Buffer => Buffer;

    int IJsonStreamCursor.End { get => End; set => End = value; }

    public bool SawToken { get; private set; }

    public int Depth { get; private set; }

    /// <summary>Rows found so far, counting bad ones: the record index of the next row is this plus one.</summary>
    public long Rows { get; private set; }

    /// <summary>The reported partial error, once the response's <c>error</c> object has been read.</summary>
    public string? PartialError { get; private set; }

    /// <summary>Moves the unread bytes (and the row being read) to the front, growing the buffer when it is full.</summary>
    public void MakeRoom(int max)
    {
        var keep = _rowStart >= 0 ? _rowStart : _position;
        if (keep > 0)
        {
            Buffer.AsSpan(keep, End - keep).CopyTo(Buffer);
            End -= keep;
            _position -= keep;
            if (_rowStart >= 0) _rowStart -= keep;
        }
        if (End < Buffer.Length) return;
        if (Buffer.Length >= max)
        {
            // A row longer than the limit is skipped without being buffered: its tokens are still read, so the
            // rows after it are found. A single token longer than the limit cannot be read past.
            if (_rowStart < 0) throw new QueryTokenTooLargeException();
            _rowStart = -1;
            _rowTooLong = true;
            MakeRoom(max);
            return;
        }
        var bigger = System.Buffers.ArrayPool<byte>.Shared.Rent(Buffer.Length * 2);
        Buffer.AsSpan(0, End).CopyTo(bigger);
        System.Buffers.ArrayPool<byte>.Shared.Return(Buffer);
        Buffer = bigger;
    }

    /// <summary>Reads what the buffer holds; complete rows (and rows that cannot be records) go to <paramref name="found"/>.</summary>
    public void Scan(bool final, List<QueryRowSpan> found, int max)
    {
        var reader = new Utf8JsonReader(Buffer.AsSpan(_position, End - _position), final, _state);
        try
        {
            while (reader.Read())
            {
                SawToken = true;
                var at = _position + (int)reader.TokenStartIndex;
                var end = _position + (int)reader.BytesConsumed;
                var depth = reader.CurrentDepth;
                var token = reader.TokenType;
                if (token == JsonTokenType.PropertyName)
                {
                    _property = Name(ref reader, depth);
                    continue;
                }
                var property = _property;
                _property = Property.Other;
                switch (depth)
                {
                    case 1 when property == Property.Tables:
                        _inTables = token == JsonTokenType.StartArray;
                        break;
                    case 1 when property == Property.Error:
                        _inError = token == JsonTokenType.StartObject;
                        break;
                    case 1 when token == JsonTokenType.EndObject && _inError:
                        _inError = false;
                        PartialError = $"the query reported an error ({_errorCode ?? "no code"}: {_errorMessage ?? "no message"}); rows may be missing";
                        break;
                    case 1 when token == JsonTokenType.EndArray && _inTables:
                        _inTables = false;
                        break;
                    case 2 when _inError && token == JsonTokenType.String && property is Property.ErrorCode or Property.ErrorMessage:
                        if (property == Property.ErrorCode) _errorCode = Clip(reader.GetString());
                        else _errorMessage = Clip(reader.GetString());
                        break;
                    case 2 when _inTables && token == JsonTokenType.StartObject:
                        _table = new QueryTable(_tables++);
                        break;
                    case 2 when _inTables && token == JsonTokenType.EndObject:
                        _table = null;
                        break;
                    case 3 when _table is not null:
                        TableValue(ref reader, property, token);
                        break;
                    case 4 when _inColumns:
                        if (token == JsonTokenType.StartObject) _column = new QueryColumn();
                        else if (token == JsonTokenType.EndObject) _table!.Columns!.Add(_column!);
                        else _table!.ColumnsError ??= $"column {_table.Columns!.Count + 1} of {_table.Label} is not an object";
                        break;
                    case 5 when _inColumns && _column is not null && token == JsonTokenType.String:
                        ColumnValue(ref reader, property);
                        break;
                    case 4 when _inRows:
                        Row(token, at, end, found, max);
                        break;
                }
            }
        }
        finally
        {
            _position += (int)reader.BytesConsumed;
            _state = reader.CurrentState;
            Depth = reader.CurrentDepth;
        }
    }

    private Property Name(ref Utf8JsonReader reader, int depth)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence) return Property.Other;
        var name = reader.ValueSpan;
        return depth switch
        {
            1 when Is(name, "tables"u8) => Property.Tables,
            1 when Is(name, "error"u8) => Property.Error,
            2 when _inError && Is(name, "code"u8) => Property.ErrorCode,
            2 when _inError && Is(name, "message"u8) => Property.ErrorMessage,
            3 when _table is not null && (Is(name, "name"u8) || Is(name, "tablename"u8)) => Property.Name,
            3 when _table is not null && Is(name, "columns"u8) => Property.Columns,
            3 when _table is not null && Is(name, "rows"u8) => Property.Rows,
            5 when _inColumns && (Is(name, "name"u8) || Is(name, "columnname"u8)) => Property.ColumnName,
            5 when _inColumns && (Is(name, "type"u8) || Is(name, "columntype"u8)) => Property.ColumnType,
            5 when _inColumns && Is(name, "datatype"u8) => Property.DataType,
            _ => Property.Other,
        };
    }

    private static bool Is(ReadOnlySpan<byte> name, ReadOnlySpan<byte> lower) =>
        name.Length == lower.Length && System.Text.Ascii.EqualsIgnoreCase(name, lower);

    private void TableValue(ref Utf8JsonReader reader, Property property, JsonTokenType token)
    {
        var table = _table!;
        switch (property)
        {
            case Property.Name when token == JsonTokenType.String:
                table.Name = Clip(reader.GetString());
                return;
            case Property.Columns when token == JsonTokenType.StartArray:
                table.Columns = [];
                _inColumns = true;
                return;
            case Property.Columns:
                table.ColumnsError = $"columns of {table.Label} is not an array";
                return;
            case Property.Rows when token == JsonTokenType.StartArray:
                _inRows = true;
                return;
        }
        if (token == JsonTokenType.EndArray && _inColumns)
        {
            _inColumns = false;
            if (table.ColumnsError is null) table.CompleteColumns();
        }
        else if (token == JsonTokenType.EndArray && _inRows)
        {
            _inRows = false;
        }
    }

    private void ColumnValue(ref Utf8JsonReader reader, Property property)
    {
        var column = _column!;
        switch (property)
        {
            case Property.ColumnName:
                column.Name = reader.GetString();
                break;
            case Property.ColumnType:
                column.Type = reader.GetString()?.ToLowerInvariant();
                break;
            case Property.DataType:
                // The older shape's .NET type name, when it has no ColumnType: only used to undo union renames.
                column.Type ??= reader.GetString()?.ToLowerInvariant() switch
                {
                    "string" => "string", "object" => "dynamic", "datetime" => "datetime", "int64" => "long",
                    "int32" => "int", "double" => "real", "boolean" or "sbyte" => "bool", "guid" => "guid",
                    "timespan" => "timespan", "decimal" => "decimal", var other => other,
                };
                break;
        }
    }

    private void Row(JsonTokenType token, int at, int end, List<QueryRowSpan> found, int max)
    {
        if (token is JsonTokenType.StartArray or JsonTokenType.StartObject)
        {
            _rowStart = at;
            _rowTooLong = false;
            return;
        }
        var table = _table!;
        var start = token is JsonTokenType.EndArray or JsonTokenType.EndObject ? _rowStart : at;
        _rowStart = -1;
        if (table.IsMetadata) return;
        Rows++;
        var problem = _rowTooLong || end - start > max ? QueryRowProblem.TooLong : token == JsonTokenType.EndArray ? QueryRowProblem.None : QueryRowProblem.NotArray;
        _rowTooLong = false;
        found.Add(new QueryRowSpan(table, start, end, Rows, problem));
    }

    private static string? Clip(string? text) => text is { Length: > 200 } ? text[..200] + "..." : text;
}

/// <summary>A row found in the buffer: its table, its bytes (valid until the next refill), its 1-based index in the file.</summary>
internal readonly record struct QueryRowSpan(QueryTable Table, int Start, int End, long Index, QueryRowProblem Problem);

internal enum QueryRowProblem { None, NotArray, TooLong }

/// <summary>A single JSON token longer than the record limit: the file cannot be read past it.</summary>
internal sealed class QueryTokenTooLargeException : Exception;

using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Daybreak.Decoders.Containers;

/// <summary>
/// Azure Monitor Logs query API results (<c>POST .../v1/workspaces/{id}/query</c>, saved by responders):
/// <c>{"tables":[{"name":"PrimaryResult","columns":[{"name","type"}...],"rows":[[...],...]}]}</c>, streamed: only
/// the row being read is buffered, so a response of several GB needs no more memory than one row.
/// Each row is one record, numbered by its 1-based position among the file's rows (the files are often one line).
/// <see cref="FramedRecord.Raw"/> is the row as a JSON object of column name to cell, each cell exactly as written;
/// the root normalisers see leaves out null and empty cells and folds union-renamed columns (<c>Status_dynamic</c>)
/// back into their name, as the portal CSV framer does. A row that does not fit its table's columns is rejected
/// alone; the rows of the older Kusto v1 metadata tables (QueryStatus, TableOfContents) are passed over.
/// </summary>
internal sealed class QueryResultsFramer(int maxRecordBytes) : IRecordFramer
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 256 };

    public IEnumerable<FramedRecord> Frame(Stream utf8)
    {
        var cursor = new QueryResultsCursor(ArrayPool<byte>.Shared.Rent(1 << 20));
        var found = new List<QueryRowSpan>();
        var partialErrorReported = false;
        try
        {
            var eof = false;
            while (true)
            {
                var error = JsonStream.Fill<QueryTokenTooLargeException>(utf8, cursor, ref eof, maxRecordBytes,
                    final => cursor.Scan(final, found, maxRecordBytes), $"a value longer than {Limit()}");

                foreach (var row in found) yield return Record(cursor.Buffer, row);
                found.Clear();

                if (cursor.PartialError is { } partial && !partialErrorReported)
                {
                    partialErrorReported = true;
                    yield return FramedRecord.Failed(0, partial);
                }
                if (error is not null)
                {
                    yield return FramedRecord.Failed(cursor.Rows + 1, error);
                    yield break;
                }
                if (eof)
                {
                    if (JsonStream.Unfinished(cursor) is { } unfinished) yield return FramedRecord.Failed(cursor.Rows + 1, unfinished);
                    yield break;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(cursor.Buffer);
        }
    }

    private string Limit() => maxRecordBytes % (1024 * 1024) == 0 ? $"{maxRecordBytes / (1024 * 1024)} MiB" : $"{maxRecordBytes / 1024} KiB";

    private FramedRecord Record(byte[] buffer, in QueryRowSpan row)
    {
        var table = row.Table;
        switch (row.Problem)
        {
            case QueryRowProblem.TooLong:
                return FramedRecord.Failed(row.Index, $"row longer than {Limit()}; skipped");
            case QueryRowProblem.NotArray:
                return FramedRecord.Failed(row.Index, $"row of {table.Label} is not a JSON array");
        }
        if (table.ColumnsError is { } columnsError) return FramedRecord.Failed(row.Index, columnsError + "; its rows cannot be read");
        if (table.Columns is null) return FramedRecord.Failed(row.Index, $"{table.Label} has no columns before its rows; its rows cannot be read");
        var error = table.TryConvert(buffer.AsSpan(row.Start, row.End - row.Start), out var raw, out var normalised);
        if (error is not null) return FramedRecord.Failed(row.Index, error);
        var document = JsonDocument.Parse(normalised, DocumentOptions);
        return new FramedRecord(document, document.RootElement, Encoding.UTF8.GetString(raw), row.Index, null);
    }
}

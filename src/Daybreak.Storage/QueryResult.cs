namespace Daybreak.Storage;

/// <summary>Columns and rows of a query, values as DuckDB returned them.</summary>
public sealed record QueryResult(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows);

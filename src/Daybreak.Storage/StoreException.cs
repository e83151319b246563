namespace Daybreak.Storage;

/// <summary>The case file cannot be opened or used (locked, newer schema, not a DuckDB file).</summary>
public sealed class StoreException(string message, Exception? inner = null) : Exception(message, inner);

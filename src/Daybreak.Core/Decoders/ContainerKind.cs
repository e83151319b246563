namespace Daybreak.Decoders;

/// <summary>How records are laid out in a file; detected from content.</summary>
public enum ContainerKind
{
    /// <summary>One JSON document: an array of records, an object with a record array (value, records, events), or a single record.</summary>
    Json,
    /// <summary>One JSON record per line.</summary>
    Ndjson,
    /// <summary>Comma-separated values with a header row.</summary>
    Csv,
    /// <summary>Azure Monitor Logs query API results: <c>{"tables":[{"name","columns":[...],"rows":[[...]]}]}</c>; each row is a record.</summary>
    LogAnalyticsQuery,
}

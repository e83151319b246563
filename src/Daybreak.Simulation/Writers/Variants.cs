using Daybreak.Simulation.Records;

namespace Daybreak.Simulation.Writers;

/// <summary>Which file variants exist for which source, and how a record maps to a writer of a variant.</summary>
internal static class Variants
{
    public static string[] For(OutputFormat format, LogSource source) => (format, source) switch
    {
        (OutputFormat.Graph, LogSource.SignIns or LogSource.DirectoryAudits) => ["graph"],
        (OutputFormat.Diagnostic, not LogSource.UnifiedAuditLog) => ["diagnostic"],
        (OutputFormat.LogAnalytics, _) => ["loganalytics"],
        (OutputFormat.UalApi, LogSource.UnifiedAuditLog) => ["ual-api"],
        (OutputFormat.PurviewCsv, LogSource.UnifiedAuditLog) => ["purview-csv"],
        _ => [],
    };

    /// <summary>What <see cref="OutputFormat.Mixed"/> rotates through, per source.</summary>
    public static string[] Mixed(LogSource source) => source switch
    {
        LogSource.SignIns or LogSource.DirectoryAudits => ["graph", "diagnostic", "eventhub", "loganalytics"],
        LogSource.GraphActivity => ["diagnostic", "eventhub", "loganalytics"],
        _ => ["ual-api", "ual-ndjson", "purview-csv", "loganalytics"],
    };

    public static string Default(LogSource source) => source == LogSource.UnifiedAuditLog ? "ual-api" : "diagnostic";

    /// <summary>The stream a writer of this variant is keyed on (graph pages hold all sign-in kinds together).</summary>
    public static string StreamKey(string variant, SimRecord r) => variant switch
    {
        "graph" => r.Source == LogSource.SignIns ? "signIns" : "directoryAudits",
        "loganalytics" => LogAnalyticsJson.Table(r),
        "purview-csv" => "purview",
        _ => r.Stream,
    };

    public static IRecordWriter Create(WriterSpec spec) => spec.Variant switch
    {
        "graph" => new GraphPageWriter(spec),
        "ual-api" or "eventhub" => new JsonArrayWriter(spec),
        "purview-csv" => new PurviewCsvWriter(spec),
        _ => new NdjsonWriter(spec),
    };
}

using System.Text.Json;

namespace Daybreak.Decoders.Ual;

/// <summary>Names the export a UAL record came through, from the envelope it was found in and its own columns.</summary>
internal static class UalVariant
{
    public const string Api = "ual.api";
    public const string PurviewCsv = "ual.purview-csv";
    public const string SearchCsv = "ual.search-csv";
    public const string SearchJson = "ual.search-json";
    public const string LogAnalytics = "ual.loganalytics";
    public const string CloudAppEvents = "ual.cloudappevents";
    public const string Elastic = "ual.elastic";

    /// <summary>True for a Sentinel/Log Analytics OfficeActivity row (its column names differ from the API's).</summary>
    public static bool IsOfficeActivity(JsonElement record) =>
        record.TryGet("OfficeWorkload", out _) || record.TryGet("OfficeId", out _) || record.TryGet("SourceRecordId", out _)
        || string.Equals(record.Str("Type"), "OfficeActivity", StringComparison.Ordinal);

    /// <summary>True for a Defender XDR CloudAppEvents row (with or without RawEventData).</summary>
    public static bool IsCloudAppEventsRow(JsonElement row) =>
        row.Str("ActionType") is not null && row.Str("ActivityType") is not null && row.TryGet("ReportId", out _)
        && row.TryGet("Application", out _);

    public static string Of(in RawRecord record)
    {
        var envelope = record.Envelope;
        if (envelope.ValueKind == JsonValueKind.Object)
        {
            if (envelope.TryGetExact("o365audit", out _) || envelope.TryGetExact("event", out _)) return Elastic;
            if (envelope.TryGetExact("RawEventData", out _)) return CloudAppEvents;
            if (envelope.TryGet("AuditData", out _))
            {
                var search = envelope.TryGet("ResultIndex", out _) || envelope.TryGet("UserIds", out _) || envelope.TryGet("Operations", out _);
                if (record.Container != ContainerKind.Csv) return SearchJson;
                return search ? SearchCsv : PurviewCsv;
            }
        }
        if (IsCloudAppEventsRow(record.Root)) return CloudAppEvents;
        return IsOfficeActivity(record.Root) && !record.Root.TryGet("CreationTime", out _) ? LogAnalytics : Api;
    }
}

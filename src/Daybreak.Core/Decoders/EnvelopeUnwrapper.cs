using System.Text.Json;

namespace Daybreak.Decoders;

/// <summary>
/// Peels the wrappers other tools put around a Microsoft record, so normalisers see the record itself:
/// Purview and Search-UnifiedAuditLog CSV rows (AuditData), Defender XDR CloudAppEvents rows (RawEventData),
/// Elastic documents (o365audit, event.original). The raw text kept in the store stays the wrapper as read.
/// </summary>
internal static class EnvelopeUnwrapper
{
    /// <summary>Returns the inner record, parsing it when it is JSON inside a string; parsed documents go to <paramref name="owned"/>.</summary>
    public static JsonElement Unwrap(JsonElement root, List<JsonDocument> owned)
    {
        if (root.ValueKind != JsonValueKind.Object) return root;
        if (root.TryGetExact("o365audit", out var elastic) && elastic.ValueKind == JsonValueKind.Object) return elastic;
        if (TryInner(root, "AuditData", owned, out var auditData)) return auditData;
        if (TryInner(root, "RawEventData", owned, out var rawEvent) && rawEvent.TryGetExact("Operation", out _)) return rawEvent;
        if (root.TryGetExact("event", out var evt) && evt.ValueKind == JsonValueKind.Object
            && evt.TryGetExact("original", out var original) && original.ValueKind == JsonValueKind.String
            && root.EnumerateObject().All(p => p.Name is "event" or "@timestamp" or "tags" or "message" or "ecs" or "data_stream" or "input" or "cloud"))
        {
            var doc = ParseInner(original.StringValue()!, "event.original");
            owned.Add(doc);
            return doc.RootElement;
        }
        return root;
    }

    private static bool TryInner(JsonElement root, string name, List<JsonDocument> owned, out JsonElement inner)
    {
        inner = default;
        if (!root.TryGetExact(name, out var value)) return false;
        if (value.ValueKind == JsonValueKind.Object) { inner = value; return true; }
        if (value.ValueKind != JsonValueKind.String) return false;
        var text = value.StringValue()!;
        if (!text.TrimStart().StartsWith('{')) return false;
        var doc = ParseInner(text, name);
        owned.Add(doc);
        inner = doc.RootElement;
        return true;
    }

    private static JsonDocument ParseInner(string text, string field)
    {
        try
        {
            return JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, MaxDepth = 256 });
        }
        catch (JsonException ex)
        {
            throw new RecordRejectedException($"{field} holds malformed JSON: {Containers.JsonErrors.Describe(ex)}");
        }
    }
}

using System.Text.Json;
using Daybreak.Events;
using Daybreak.Rules.Sigma;

namespace Daybreak.Detection.Sigma;

/// <summary>
/// A record as community Sigma rules see it: each Sigma field name is looked up through the log family's
/// <see cref="SigmaMappingFile"/> in the raw record (whatever export variant it came in), with Daybreak's normalised
/// view as a fallback where the mapping says so. Fields the mapping does not name are absent, so a rule never
/// matches by accident on a same-named field of another schema. Keywords search the raw record.
/// </summary>
public sealed class CommunitySigmaEvent : ISigmaEvent
{
    private readonly SigmaMappingFile _mapping;
    private JsonSigmaEvent? _raw;
    private NormalisedSigmaEvent? _normalised;
    private readonly EmbeddedJson _embeddedJson = new();

    public CommunitySigmaEvent(AuditEvent evt, SigmaMappingFile mapping)
    {
        Event = evt;
        _mapping = mapping;
    }

    public AuditEvent Event { get; }

    internal JsonSigmaEvent Raw => _raw ??= ParseRaw(Event.Raw);

    internal NormalisedSigmaEvent Normalised => _normalised ??= new NormalisedSigmaEvent(Event);

    public bool TryGetField(string name, out FieldValue value)
    {
        if (_mapping.TryGetCandidates(name, out var candidates))
        {
            foreach (var candidate in candidates)
            {
                if (candidate.TryResolve(this, out value))
                {
                    value = _mapping.PostProcess(name, value);
                    return true;
                }
            }
        }
        value = FieldValue.Null;
        return false;
    }

    public IEnumerable<FieldValue> AllValues() => Raw.AllValues();

    /// <summary>Follows a dotted path (case-insensitive, through JSON held in strings) to one element; no array descent.</summary>
    internal bool TryNavigate(string path, out JsonElement element)
    {
        element = Raw.Root;
        if (path.Length == 0) return true;
        var parts = path.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            if (element.ValueKind == JsonValueKind.String && !TryParseEmbedded(element, out element)) return false;
            if (element.ValueKind != JsonValueKind.Object) return false;
            var found = false;
            // Longest dotted key first, as keys such as "event.original" may hold dots themselves.
            for (var end = parts.Length; end > i && !found; end--)
            {
                var key = string.Join('.', parts, i, end - i);
                if (TryGetProperty(element, key, out var child))
                {
                    element = child;
                    i = end - 1;
                    found = true;
                }
            }
            if (!found) return false;
        }
        return true;
    }

    internal bool TryParseEmbedded(JsonElement text, out JsonElement parsed) => _embeddedJson.TryParse(text, out parsed);

    private static bool TryGetProperty(JsonElement obj, string name, out JsonElement value) => EmbeddedJson.TryGetProperty(obj, name, out value);

    private static JsonSigmaEvent ParseRaw(string raw)
    {
        try
        {
            return JsonSigmaEvent.Parse(raw);
        }
        catch (JsonException)
        {
            // Decoders keep every accepted record as JSON; an unreadable one simply has no raw fields.
            return JsonSigmaEvent.Parse("{}");
        }
    }
}

using Daybreak.Rules.Sigma;

namespace Daybreak.Tests.Rules.Sigma.Support;

/// <summary>
/// The plain Windows mapping of the SigmaHQ regression events (test support, not product code): a Sigma field X is
/// Event.EventData.X, else Event.UserData.*.X; EventID, Channel, Computer and Provider_Name come from Event.System.
/// </summary>
internal sealed class WindowsEventView(JsonSigmaEvent inner) : ISigmaEvent
{
    private static readonly Dictionary<string, string> SystemFields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["EventID"] = "Event.System.EventID",
        ["Channel"] = "Event.System.Channel",
        ["Computer"] = "Event.System.Computer",
        ["Provider_Name"] = "Event.System.Provider.#attributes.Name",
        ["Provider"] = "Event.System.Provider.#attributes.Name",
        ["Level"] = "Event.System.Level",
        ["Task"] = "Event.System.Task",
        ["Keywords"] = "Event.System.Keywords",
        ["EventRecordID"] = "Event.System.EventRecordID",
    };

    public JsonSigmaEvent Inner => inner;

    public bool TryGetField(string name, out FieldValue value)
    {
        if (SystemFields.TryGetValue(name, out var path)) return inner.TryGetField(path, out value);
        if (inner.TryGetField("Event.EventData." + name, out value)) return true;
        // The specification names Windows fields with spaces stripped ("Threat Name" -> ThreatName).
        if (inner.Root.TryGetProperty("Event", out var e) && e.TryGetProperty("EventData", out var data) &&
            data.ValueKind == System.Text.Json.JsonValueKind.Object)
        {
            foreach (var property in data.EnumerateObject())
            {
                if (property.Name.Contains(' ') && string.Equals(property.Name.Replace(" ", ""), name, StringComparison.OrdinalIgnoreCase))
                {
                    value = JsonSigmaEvent.Convert(property.Value);
                    return true;
                }
            }
        }
        if (inner.Root.TryGetProperty("Event", out var evt) && evt.TryGetProperty("UserData", out var userData) &&
            userData.ValueKind == System.Text.Json.JsonValueKind.Object)
        {
            foreach (var section in userData.EnumerateObject())
            {
                if (inner.TryGetField($"Event.UserData.{section.Name}.{name}", out value)) return true;
            }
        }
        return false;
    }

    public IEnumerable<FieldValue> AllValues()
    {
        if (inner.TryGetField("Event.EventData", out var data) || inner.TryGetField("Event.UserData", out data))
        {
            var payload = data.Text is { } raw ? JsonSigmaEvent.Parse(raw) : null;
            if (payload is not null) return payload.AllValues();
        }
        return inner.AllValues();
    }
}

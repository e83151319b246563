using System.Text.Json;
using Daybreak.Events;

namespace Daybreak.Decoders.Ual;

/// <summary>
/// UAL's name/value lists (Parameters, OperationProperties, ExtendedProperties, ModifiedProperties) in every shape
/// they are exported in: an array of <c>{Name, Value}</c> or <c>{Name, NewValue, OldValue}</c> objects, the same as a
/// JSON string, an array of PowerShell hashtable strings, an array of bare names, or a cmdlet parameter line.
/// </summary>
internal static class NameValues
{
    /// <summary>The entries of <paramref name="field"/>; empty when absent.</summary>
    public static List<ModifiedProperty> Read(JsonElement record, string field)
    {
        var list = new List<ModifiedProperty>();
        if (!record.TryGet(field, out var value)) return list;
        switch (value.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray()) Add(list, item);
                return list;
            case JsonValueKind.Object:
                Add(list, value);
                return list;
            case JsonValueKind.String:
                var text = value.StringValue()!.Trim();
                if (text.Length == 0) return list;
                if (record.Json(field) is { } parsed)
                {
                    if (parsed.ValueKind == JsonValueKind.Array) foreach (var item in parsed.EnumerateArray()) Add(list, item);
                    else Add(list, parsed);
                    return list;
                }
                if (PowerShellText.IsHashtable(text)) { AddHashtable(list, text); return list; }
                if (PowerShellText.LooksLikeParameterLine(text))
                {
                    foreach (var (name, v) in PowerShellText.ParseParameterLine(text)) list.Add(new ModifiedProperty(name, null, v));
                    return list;
                }
                list.Add(new ModifiedProperty(field, null, text));
                return list;
            default:
                // A scalar where a list was expected: keep it under the field's name rather than lose the record.
                list.Add(new ModifiedProperty(field, null, JsonFields.AsText(value)));
                return list;
        }
    }

    /// <summary>The value of the entry named <paramref name="name"/>, or null.</summary>
    public static string? Find(IReadOnlyList<ModifiedProperty> entries, string name)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            if (string.Equals(entries[i].Name, name, StringComparison.OrdinalIgnoreCase)) return entries[i].NewValue;
        }
        return null;
    }

    private static void Add(List<ModifiedProperty> list, JsonElement item)
    {
        switch (item.ValueKind)
        {
            case JsonValueKind.Object:
                var name = item.Str("Name") ?? item.Str("Key");
                if (name is null) return;
                list.Add(new ModifiedProperty(name, item.Str("OldValue"), item.Str("NewValue", "Value")));
                return;
            case JsonValueKind.String:
                AddText(list, item.StringValue()!);
                return;
        }
    }

    /// <summary>A list entry written as text: a PowerShell hashtable, or a bare name (ModifiedProperties as names).</summary>
    public static void AddText(List<ModifiedProperty> list, string item)
    {
        var text = item.Trim();
        if (PowerShellText.IsHashtable(text)) AddHashtable(list, text);
        else if (text.Length > 0) list.Add(new ModifiedProperty(text, null, null));
    }

    private static void AddHashtable(List<ModifiedProperty> list, string text)
    {
        var table = PowerShellText.ParseHashtable(text);
        var name = PowerShellText.Get(table, "Name") ?? PowerShellText.Get(table, "Key");
        if (name is null) return;
        list.Add(new ModifiedProperty(name, PowerShellText.Get(table, "OldValue"), PowerShellText.Get(table, "NewValue") ?? PowerShellText.Get(table, "Value")));
    }
}

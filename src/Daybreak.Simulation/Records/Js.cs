using System.Text.Json;

namespace Daybreak.Simulation.Records;

/// <summary>JSON-encodes values the way Entra puts them into modifiedProperties (a JSON document inside a string).</summary>
internal static class Js
{
    public static string Str(string value) => JsonSerializer.Serialize(value);

    public static string List(params string[] values) => JsonSerializer.Serialize(values);

    public static string Bool(bool value) => value ? "[true]" : "[false]";
}

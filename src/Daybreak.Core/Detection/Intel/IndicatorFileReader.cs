using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CsvHelper;

namespace Daybreak.Detection.Intel;

/// <summary>
/// Reads indicator lists: a STIX 2.1 bundle (JSON; its <c>indicator</c> objects with simple patterns) or a CSV file
/// with the columns <c>type,value,description</c>. The format is told from the content, not the file name.
/// </summary>
public static class IndicatorFileReader
{
    public static IndicatorImport Read(string path)
    {
        var text = File.ReadAllText(path);
        var name = Path.GetFileName(path);
        return text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n').StartsWith('{') ? ReadStix(text, name) : ReadCsv(text, name);
    }

    public static IndicatorImport ReadStix(string json, string source)
    {
        var result = new IndicatorImport();
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}: not valid JSON: {ex.Message}", ex);
        }
        using (doc)
        {
            var root = doc.RootElement;
            IEnumerable<JsonElement> objects = Str(root, "type") switch
            {
                "bundle" when root.TryGetProperty("objects", out var o) && o.ValueKind == JsonValueKind.Array => o.EnumerateArray(),
                "indicator" => [root],
                _ => throw new InvalidDataException($"{source}: not a STIX 2.1 bundle (no \"type\": \"bundle\" with \"objects\")"),
            };
            foreach (var obj in objects)
            {
                if (Str(obj, "type") != "indicator") continue;
                var id = Str(obj, "id") ?? "indicator--?";
                if (obj.TryGetProperty("revoked", out var revoked) && revoked.ValueKind == JsonValueKind.True)
                {
                    result.Skipped.Add($"{id}: revoked");
                    continue;
                }
                var patternType = Str(obj, "pattern_type") ?? "stix";
                var pattern = Str(obj, "pattern");
                if (patternType != "stix" || pattern is null)
                {
                    result.Skipped.Add($"{id}: pattern type {patternType} is not read");
                    continue;
                }
                if (!StixPatternParser.TryParse(pattern, out var values, out var error))
                {
                    result.Skipped.Add($"{id}: {error}");
                    continue;
                }
                var description = Str(obj, "description") ?? Str(obj, "name");
                foreach (var (kind, value) in values)
                    result.Indicators.Add(new Indicator(id, kind, value, description, source, pattern, Time(obj, "valid_from"), Time(obj, "valid_until")));
            }
        }
        return result;
    }

    public static IndicatorImport ReadCsv(string text, string source)
    {
        var result = new IndicatorImport();
        using var reader = new StringReader(text);
        using var csv = CsvReader.Create(reader, new CsvReaderOptions
        {
            HasHeader = false,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            FormatProvider = CultureInfo.InvariantCulture,
        }, leaveOpen: true);
        int typeAt = -1, valueAt = -1, descriptionAt = -1;
        while (csv.Read())
        {
            var cells = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i)).ToArray();
            if (typeAt < 0)
            {
                var header = cells.Select(c => c.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToList();
                typeAt = header.IndexOf("type");
                valueAt = header.IndexOf("value");
                descriptionAt = header.IndexOf("description");
                if (typeAt < 0 || valueAt < 0) throw new InvalidDataException($"{source}: CSV needs a header with the columns type,value[,description]");
                continue;
            }
            var line = csv.LineNumber;
            var type = typeAt < cells.Length ? cells[typeAt] : null;
            var raw = valueAt < cells.Length ? cells[valueAt] : null;
            if (!IndicatorKinds.TryParse(type, out var kind)) { result.Skipped.Add($"{source}:{line}: unknown type '{type}'"); continue; }
            var value = IndicatorKinds.Normalise(kind, raw);
            if (value is null) { result.Skipped.Add($"{source}:{line}: not a valid {kind.Name()}: '{raw}'"); continue; }
            var description = descriptionAt >= 0 && descriptionAt < cells.Length && cells[descriptionAt].Length > 0 ? cells[descriptionAt] : null;
            result.Indicators.Add(new Indicator(CsvId(kind, value), kind, value, description, source));
        }
        return result;
    }

    /// <summary>A CSV row has no id of its own: the same kind and value always get the same one.</summary>
    public static string CsvId(IndicatorKind kind, string value) =>
        "csv:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(kind.Name() + "\n" + value)).AsSpan(0, 8));

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static DateTime? Time(JsonElement e, string name) =>
        Str(e, name) is { } s && DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}

using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Daybreak.Simulation;

namespace Daybreak.Tests.Support;

/// <summary>Reads back what the simulator wrote, format by format, as the decoders will, and checks each file's shape.</summary>
public static class OutputReader
{
    public static string ReadText(string root, OutputFile file)
    {
        var full = Path.Combine(root, Daybreak.Simulation.TenantSimulator.LogsFolder, file.Path);
        using Stream raw = File.OpenRead(full);
        using Stream s = file.Gzip ? new GZipStream(raw, CompressionMode.Decompress) : raw;
        using var reader = new StreamReader(s, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>The records of one file as JSON elements (UAL records for CSV come from AuditData).</summary>
    public static List<JsonElement> Records(string root, OutputFile file)
    {
        var text = ReadText(root, file);
        var list = new List<JsonElement>();
        switch (file.Format)
        {
            case "graph":
            {
                using var doc = JsonDocument.Parse(text);
                Assert.True(doc.RootElement.TryGetProperty("@odata.context", out _), file.Path);
                foreach (var e in doc.RootElement.GetProperty("value").EnumerateArray()) list.Add(e.Clone());
                break;
            }
            case "ual-api":
            {
                using var doc = JsonDocument.Parse(text);
                Assert.Equal(JsonValueKind.Array, doc.RootElement.ValueKind);
                foreach (var e in doc.RootElement.EnumerateArray()) list.Add(e.Clone());
                break;
            }
            case "eventhub":
            {
                using var doc = JsonDocument.Parse(text);
                foreach (var e in doc.RootElement.GetProperty("records").EnumerateArray()) list.Add(e.Clone());
                break;
            }
            case "purview-csv":
            {
                var rows = Csv.Parse(text);
                Assert.Equal(["RecordId", "CreationDate", "RecordType", "Operation", "UserId", "AuditData", "AssociatedAdminUnits", "AssociatedAdminUnitsNames"], rows[0]);
                foreach (var row in rows.Skip(1))
                {
                    Assert.Equal(8, row.Length);
                    using var doc = JsonDocument.Parse(row[5]);
                    Assert.Equal(row[0], doc.RootElement.GetProperty("Id").GetString());
                    list.Add(doc.RootElement.Clone());
                }
                break;
            }
            default:
                foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    using var doc = JsonDocument.Parse(line);
                    Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
                    list.Add(doc.RootElement.Clone());
                }
                break;
        }
        Assert.Equal(file.Records, list.Count);
        return list;
    }

    /// <summary>The record id as truth.json names it: sign-in id, audit id, UAL Id, Graph requestId, in each shape.</summary>
    public static string RecordId(string format, JsonElement e)
    {
        switch (format)
        {
            case "diagnostic" or "eventhub":
                var p = e.GetProperty("properties");
                return (p.TryGetProperty("requestId", out var rid) ? rid : p.GetProperty("id")).GetString()!;
            case "loganalytics":
                return e.GetProperty("Type").GetString() switch
                {
                    "OfficeActivity" => e.GetProperty("OfficeId").GetString()!,
                    "MicrosoftGraphActivityLogs" => e.GetProperty("RequestId").GetString()!,
                    _ => e.GetProperty("Id").GetString()!,
                };
            case "graph":
                return e.GetProperty("id").GetString()!;
            default:
                return e.GetProperty("Id").GetString()!;
        }
    }
}

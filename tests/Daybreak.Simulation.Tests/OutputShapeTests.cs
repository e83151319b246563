using System.Text.Json;
using Daybreak.Tests.Support;

namespace Daybreak.Tests;

public sealed class OutputShapeTests(SimulationRun run) : IClassFixture<SimulationRun>
{
    [Fact]
    public void Every_file_parses_in_its_stated_format_with_the_stated_record_count()
    {
        var total = 0L;
        foreach (var file in run.Result.Files)
        {
            var records = OutputReader.Records(run.Directory, file);
            total += records.Count;
            foreach (var r in records) AssertShape(file.Format, file.Stream, r);
        }
        Assert.True(total > 10_000, $"only {total} records");
        Assert.Contains(run.Result.Files, f => f.Gzip);
        var formats = run.Result.Files.Select(f => f.Format).ToHashSet();
        Assert.Superset(new HashSet<string> { "graph", "ual-api", "diagnostic", "loganalytics", "purview-csv" }, formats);
        Assert.Contains(run.Result.Files, f => f.Path.Contains("/mixed/", StringComparison.Ordinal));
    }

    private static void AssertShape(string format, string stream, JsonElement r)
    {
        switch (format)
        {
            case "diagnostic" or "eventhub":
                foreach (var k in new[] { "time", "resourceId", "operationName", "category", "tenantId", "correlationId", "properties" })
                    Assert.True(r.TryGetProperty(k, out _), $"{format}/{stream} lacks {k}");
                if (r.GetProperty("category").GetString()!.Contains("SignIn", StringComparison.Ordinal))
                {
                    Assert.Equal(JsonValueKind.String, r.GetProperty("resultType").ValueKind);
                    Assert.Equal(JsonValueKind.Number, r.GetProperty("properties").GetProperty("status").GetProperty("errorCode").ValueKind);
                }
                break;
            case "graph":
                Assert.True(r.TryGetProperty("id", out _));
                if (stream == "directoryAudits")
                {
                    Assert.Equal(JsonValueKind.Object, r.GetProperty("initiatedBy").ValueKind);
                    Assert.Equal(JsonValueKind.Array, r.GetProperty("targetResources").ValueKind);
                }
                else Assert.Equal(JsonValueKind.Object, r.GetProperty("status").ValueKind);
                break;
            case "loganalytics":
                var type = r.GetProperty("Type").GetString();
                Assert.Contains(type, new[] { "SigninLogs", "AADNonInteractiveUserSignInLogs", "AADServicePrincipalSignInLogs", "AuditLogs", "OfficeActivity", "MicrosoftGraphActivityLogs" });
                foreach (var dynamicColumn in new[] { "Status", "DeviceDetail", "LocationDetails", "InitiatedBy", "TargetResources", "Folders", "OperationProperties" })
                {
                    if (r.TryGetProperty(dynamicColumn, out var v))
                    {
                        Assert.Equal(JsonValueKind.String, v.ValueKind);
                        using var _ = JsonDocument.Parse(v.GetString()!);
                    }
                }
                break;
            default: // UAL
                Assert.Equal(JsonValueKind.Number, r.GetProperty("RecordType").ValueKind);
                Assert.Equal("Exchange", r.GetProperty("Workload").GetString());
                Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$", r.GetProperty("CreationTime").GetString());
                if (r.GetProperty("Operation").GetString() == "MailItemsAccessed")
                {
                    Assert.Equal("MailAccessType", r.GetProperty("OperationProperties")[0].GetProperty("Name").GetString());
                    Assert.Equal(JsonValueKind.Array, r.GetProperty("Folders").ValueKind);
                }
                break;
        }
    }

    [Fact]
    public void Entra_names_the_app_credential_activity_with_an_en_dash_and_trailing_space()
    {
        var names = run.Result.Files.Where(f => f.Format == "graph" && f.Stream == "directoryAudits")
            .SelectMany(f => OutputReader.Records(run.Directory, f))
            .Select(r => r.GetProperty("activityDisplayName").GetString()).ToHashSet();
        Assert.Contains("Update application \u2013 Certificates and secrets management ", names);
        Assert.Contains("Add app role assignment to service principal", names);
        Assert.Contains("Consent to application", names);
    }
}

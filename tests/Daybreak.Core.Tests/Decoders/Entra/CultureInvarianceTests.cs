using System.Globalization;
using System.Text.Json;

namespace Daybreak.Tests.Decoders.Entra;

/// <summary>Parsing never depends on the machine's culture: a responder in Tehran or Berlin gets the same events.</summary>
public sealed class CultureInvarianceTests
{
    public static TheoryData<string> Fixtures => new()
    {
        "signin/graph-page.json", "signin/loganalytics-portal.csv", "signin/graph.ndjson.gz", "signin/loganalytics.json",
        "audit/loganalytics-portal.csv", "audit/graph-page.json", "graphactivity/diagnostic-records.json", "risk/diagnostic-records.json",
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_decodes_identically_under_fa_IR_and_de_DE(string fixture)
    {
        var path = Decoded.Fixture(fixture);
        var invariant = Snapshot(path, CultureInfo.InvariantCulture);

        Assert.NotEqual("[]", invariant);
        Assert.Equal(invariant, Snapshot(path, new CultureInfo("fa-IR")));
        Assert.Equal(invariant, Snapshot(path, new CultureInfo("de-DE")));
    }

    [SkippableFact]
    public void Corpus_locale_dates_decode_identically_under_fa_IR_and_de_DE()
    {
        var csv = Corpus.RequireCorpus("azure-sentinel/Solutions/Training/Azure-Sentinel-Training-Lab/Artifacts/Telemetry/sign-in_adelete.first3rows.csv");
        var risky = Corpus.RequireCorpus("elastic-integrations/packages/azure/data_stream/identity_protection/_dev/test/pipeline/test-rickyusers-raw.log");

        foreach (var path in new[] { csv, risky })
        {
            var invariant = Snapshot(path, CultureInfo.InvariantCulture);
            Assert.Equal(invariant, Snapshot(path, new CultureInfo("fa-IR")));
            Assert.Equal(invariant, Snapshot(path, new CultureInfo("de-DE")));
        }
    }

    private static string Snapshot(string path, CultureInfo culture)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            var decoded = Decoded.File(path);
            Assert.Empty(decoded.Rejections);
            // Serialised with the invariant culture so only the decoded values, not their rendering, are compared.
            return JsonSerializer.Serialize(decoded.Events.Select(e => new
            {
                e.RecordId, Time = e.Time.ToString("O", CultureInfo.InvariantCulture), e.Format, e.Category, e.Operation, e.TenantId,
                e.Outcome, e.Actor, e.Targets, e.Network, e.Auth,
            }));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }
}

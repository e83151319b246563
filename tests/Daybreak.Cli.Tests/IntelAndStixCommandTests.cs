using System.Text.Json;
using Daybreak.Detection.Intel;
using Daybreak.Storage;
using Daybreak.Tests.Support;

namespace Daybreak.Tests;

public sealed class IntelAndStixCommandTests
{
    [Fact]
    public void Stix_export_then_import_round_trips_into_the_case_and_a_rerun_adds_nothing()
    {
        using var dir = new TempDir();
        var c = IncidentCase.Create(dir);
        var bundle = dir.File("bundle.json");
        var r = Cli.Run("stix", "inc-7f3a9c", "--out", bundle, "--db", c.Db, "--intrusion-set", "Midnight Blizzard");
        Assert.True(r.ExitCode == 0, r.Error);
        var again = Cli.Run("stix", "inc-7f3a9c", "--db", c.Db, "--intrusion-set", "Midnight Blizzard");
        Assert.Equal(File.ReadAllText(bundle), again.Out); // deterministic: stdout and file are the same bytes

        var other = dir.File("other.duckdb");
        var import = Cli.Run("intel", "import", bundle, "--db", other);
        Assert.True(import.ExitCode == 0, import.Error + import.Out);
        Assert.Contains("read 3 indicators (2 ip, 1 app); 3 new in the case; 0 skipped", import.Out);
        Assert.Contains("0 new in the case", Cli.Run("intel", "import", bundle, "--db", other).Out);

        using var store = CaseStore.OpenReadOnly(other);
        var set = IndicatorStore.Load(store);
        Assert.Equal(3, set.Count);
        Assert.Single(set.Match(IndicatorKind.Ip, IncidentCase.SprayIp, IncidentCase.T0));
        Assert.Single(set.Match(IndicatorKind.App, IncidentCase.AttackerApp.ToUpperInvariant(), IncidentCase.T0.AddDays(-30)));
        Assert.Single(set.Match(IndicatorKind.Ip, "2001:DB8:0:0::BEEF", IncidentCase.T0));
    }

    [Fact]
    public void Csv_import_lists_what_it_skipped()
    {
        using var dir = new TempDir();
        var csv = dir.Write("iocs.csv", "type,value,description\nip,203.0.113.7,proxy\nupn,=cmd|' /C calc'!A0,x\n");
        var r = Cli.Run("intel", "import", csv, "--db", dir.File("case.duckdb"));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("read 1 indicators (1 ip); 1 new in the case; 1 skipped", r.Out);
        Assert.Contains("iocs.csv:3", r.Out);
        var rows = Cli.Run("query", "SELECT kind, value, description FROM indicators", "--db", dir.File("case.duckdb"), "--json");
        using var doc = JsonDocument.Parse(rows.Out);
        Assert.Equal("proxy", doc.RootElement[0].GetProperty("description").GetString());
    }

    [Fact]
    public void A_file_that_is_neither_stix_nor_indicator_csv_is_refused()
    {
        using var dir = new TempDir();
        var r = Cli.Run("intel", "import", dir.Write("x.json", "{\"type\":\"report\"}"), "--db", dir.File("case.duckdb"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("not a STIX 2.1 bundle", r.Error);
    }
}

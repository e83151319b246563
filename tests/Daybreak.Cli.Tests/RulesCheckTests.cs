using System.Text.Json;

namespace Daybreak.Tests;

/// <summary><c>daybreak rules check</c>: load errors with positions, unmappable rules with their fields, sources not ingested.</summary>
public sealed class RulesCheckTests
{
    [Fact]
    public void Reports_load_errors_unmappable_fields_and_sources_not_ingested()
    {
        using var dir = new TempDir();
        dir.Write("ok.yml", "title: Lockout\nid: r-ok\nlogsource: { product: azure, service: signinlogs }\ndetection:\n  sel: { ResultType: 50053 }\n  condition: sel\n");
        dir.Write("pim.yml", "title: Stale\nid: r-pim\nlogsource: { product: azure, service: pim }\ndetection:\n  sel: { riskEventType: staleSignInAlertIncident }\n  condition: sel\n");
        dir.Write("arm.yml", "title: ARM\nid: r-arm\nlogsource: { product: azure, service: activitylogs }\ndetection:\n  sel: { operationName: x }\n  condition: sel\n");
        dir.Write("bad.yml", "title: Bad\nid: r-bad\nlogsource: { product: azure, service: signinlogs }\ndetection:\n  sel: { ResultType: 1 }\n  condition: sel and nope\n");

        var text = Cli.Run("rules", "check", dir.Path);
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("bad.yml:6:", text.Out, StringComparison.Ordinal);
        Assert.Contains("unmappable: ", text.Out, StringComparison.Ordinal);
        Assert.Contains("missing riskEventType", text.Out, StringComparison.Ordinal);
        Assert.Contains("not ingested: ", text.Out, StringComparison.Ordinal);
        Assert.Contains("3 loaded, 1 failed to load; 1 mappable, 1 unmappable, 1 log source not ingested", text.Out, StringComparison.Ordinal);

        var json = Cli.Run("rules", "check", dir.Path, "--json");
        using var doc = JsonDocument.Parse(json.Out);
        var rules = doc.RootElement.GetProperty("rules").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("status").GetString());
        Assert.Equal("mappable", rules["r-ok"]);
        Assert.Equal("unmappable", rules["r-pim"]);
        Assert.Equal("source_not_ingested", rules["r-arm"]);
        Assert.Equal(1, doc.RootElement.GetProperty("failed").GetInt32());
    }

    [Fact]
    public void A_missing_rule_folder_is_a_usage_error()
    {
        Assert.Equal(1, Cli.Run("rules", "check", "/no/such/folder").ExitCode);
    }
}

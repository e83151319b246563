using System.Text.Json;
using System.Text.Json.Nodes;
using Daybreak.Detection.Intel;
using Daybreak.Response.Stix;
using Daybreak.Tests.Support;

namespace Daybreak.Tests.Response;

public sealed class StixBundleTests
{
    [SkippableFact]
    public void Bundle_and_every_object_validate_against_the_OASIS_schemas()
    {
        var schemas = StixSchemas.Load();
        var json = StixBundleWriter.Write(SomeIncident.Create(), new StixExportOptions { IntrusionSet = "Midnight Blizzard", IncludeUsers = true });
        var bundle = JsonNode.Parse(json)!;
        Assert.Empty(schemas.Errors("common/bundle.json", bundle));
        var objects = bundle["objects"]!.AsArray();
        Assert.NotEmpty(objects);
        foreach (var o in objects)
        {
            var type = o!["type"]!.GetValue<string>();
            var schema = schemas.SchemaOf(type);
            Assert.True(schema is not null, "no schema for " + type);
            var errors = schemas.Errors(schema, o);
            Assert.True(errors.Count == 0, type + ": " + string.Join("\n", errors));
        }
    }

    [SkippableFact]
    public void The_schemas_pass_an_OASIS_example_and_catch_a_broken_object()
    {
        var schemas = StixSchemas.Load();
        var example = JsonNode.Parse(File.ReadAllText(Corpus.Require("specs/stix2.1/examples/indicator-for-c2-ip-address.json")));
        Assert.Empty(schemas.Errors("common/bundle.json", example));
        var bad = JsonNode.Parse("""{"type":"indicator","spec_version":"2.1","id":"indicator--not-a-uuid","created":"2024-01-01T00:00:00Z","modified":"x","pattern_type":"stix"}""");
        Assert.NotEmpty(schemas.Errors("sdos/indicator.json", bad));
    }

    [Fact]
    public void Bundle_holds_indicators_attack_patterns_identities_sightings_and_relationships()
    {
        var incident = SomeIncident.Create();
        using var doc = JsonDocument.Parse(StixBundleWriter.Write(incident, new StixExportOptions()));
        var objects = doc.RootElement.GetProperty("objects").EnumerateArray().ToList();
        JsonElement[] OfType(string t) => objects.Where(o => o.GetProperty("type").GetString() == t).ToArray();

        var patterns = OfType("indicator").Select(i => i.GetProperty("pattern").GetString()).ToList();
        Assert.Contains("[ipv4-addr:value = '203.0.113.7']", patterns);
        Assert.Contains("[ipv6-addr:value = '2001:db8::beef']", patterns);
        Assert.Contains($"[user-account:account_type = 'azure-ad-application' AND user-account:user_id = '{SomeIncident.AttackerApp}']", patterns);
        Assert.DoesNotContain(patterns, p => p!.Contains(SomeIncident.Exchange)); // the resource app is not an indicator
        Assert.Equal(3, patterns.Count);

        var techniques = OfType("attack-pattern").Select(a => a.GetProperty("external_references")[0]).ToList();
        Assert.All(techniques, r => Assert.Equal("mitre-attack", r.GetProperty("source_name").GetString()));
        Assert.Equal(["T1078.004", "T1098.001", "T1110.003", "T1114.002"], techniques.Select(r => r.GetProperty("external_id").GetString()));
        Assert.Equal("Brute Force: Password Spraying", OfType("attack-pattern")[2].GetProperty("name").GetString());

        var org = Assert.Single(OfType("identity"), i => i.GetProperty("identity_class").GetString() == "organization");
        Assert.DoesNotContain(OfType("identity"), i => i.GetProperty("identity_class").GetString() == "individual"); // victims' names stay out by default
        Assert.Empty(OfType("intrusion-set"));

        var sightings = OfType("sighting");
        Assert.Equal(3, sightings.Length);
        var spray = sightings.Single(s => s.GetProperty("sighting_of_ref").GetString() == StixIds.For("indicator", "ip:203.0.113.7"));
        Assert.Equal(2, spray.GetProperty("count").GetInt32());
        Assert.Equal("2023-11-29T03:14:07.000Z", spray.GetProperty("first_seen").GetString());
        Assert.Equal("2023-11-29T08:14:07.000Z", spray.GetProperty("last_seen").GetString());
        Assert.Equal(org.GetProperty("id").GetString(), spray.GetProperty("where_sighted_refs")[0].GetString());

        var indicates = OfType("relationship").Where(r => r.GetProperty("relationship_type").GetString() == "indicates")
            .Select(r => (r.GetProperty("source_ref").GetString(), r.GetProperty("target_ref").GetString())).ToList();
        Assert.Contains((StixIds.For("indicator", "ip:203.0.113.7"), StixIds.For("attack-pattern", "T1110.003")), indicates);
        Assert.DoesNotContain(OfType("relationship"), r => r.GetProperty("relationship_type").GetString() == "uses");
    }

    [Fact]
    public void A_named_intrusion_set_uses_the_attack_patterns_and_re_export_is_byte_identical()
    {
        var options = new StixExportOptions { IntrusionSet = "Midnight Blizzard" };
        var a = StixBundleWriter.Write(SomeIncident.Create(), options);
        var b = StixBundleWriter.Write(SomeIncident.Create(), options);
        Assert.Equal(a, b);
        using var doc = JsonDocument.Parse(a);
        var objects = doc.RootElement.GetProperty("objects").EnumerateArray().ToList();
        var set = Assert.Single(objects, o => o.GetProperty("type").GetString() == "intrusion-set");
        Assert.Equal("Midnight Blizzard", set.GetProperty("name").GetString());
        var uses = objects.Count(o => o.GetProperty("type").GetString() == "relationship" && o.GetProperty("relationship_type").GetString() == "uses"
            && o.GetProperty("source_ref").GetString() == set.GetProperty("id").GetString());
        Assert.Equal(4, uses);
        Assert.NotEqual(a, StixBundleWriter.Write(SomeIncident.Create(), new StixExportOptions()));
    }

    [Fact]
    public void Ids_are_uuid_v5_and_stable()
    {
        var id = StixIds.For("indicator", "ip:203.0.113.7");
        Assert.Equal(id, StixIds.For("indicator", "ip:203.0.113.7"));
        Assert.Matches("^indicator--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", id);
        // RFC 9562 appendix test vector: UUIDv5 of "www.example.com" in the DNS namespace.
        Assert.Equal(new Guid("2ed6657d-e927-568b-95e1-2665a8aea6a2"), StixIds.V5(new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "www.example.com"));
    }

    [Fact]
    public void Exported_patterns_read_back_as_indicators()
    {
        var json = StixBundleWriter.Write(SomeIncident.Create(), new StixExportOptions());
        var import = IndicatorFileReader.ReadStix(json, "bundle.json");
        Assert.Empty(import.Skipped);
        Assert.Equal(
            [(IndicatorKind.Ip, "2001:db8::beef"), (IndicatorKind.Ip, "203.0.113.7"), (IndicatorKind.App, SomeIncident.AttackerApp)],
            import.Indicators.Select(i => (i.Kind, i.Value)).OrderBy(x => x.Kind).ThenBy(x => x.Value, StringComparer.Ordinal));
    }
}

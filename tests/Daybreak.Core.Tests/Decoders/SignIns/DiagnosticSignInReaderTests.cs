using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Daybreak.Decoders;
using Daybreak.Decoders.SignIns;
using Daybreak.Sources;
using Daybreak.Tests.Decoders.Entra;

namespace Daybreak.Tests.Decoders.SignIns;

/// <summary>
/// The single-pass diagnostic sign-in reader must give exactly the event the general path gives, or decline the
/// record. Each case is one NDJSON line, read both ways.
/// </summary>
public sealed class DiagnosticSignInReaderTests
{
    private static IEnumerable<JsonObject> FixtureRecords()
    {
        var doc = JsonNode.Parse(File.ReadAllText(Decoded.Fixture("signin/diagnostic-records.json")))!;
        return doc["records"]!.AsArray().Select(r => r!.AsObject());
    }

    public static TheoryData<string> Variants()
    {
        var data = new TheoryData<string>();
        foreach (var record in FixtureRecords())
        {
            data.Add(record.ToJsonString());
            foreach (var change in Changes) data.Add(change(record.DeepClone().AsObject()).ToJsonString());
        }
        // Text the reader must leave alone: escapes, duplicates, trailing content, an envelope line.
        var line = FixtureRecords().First().ToJsonString();
        data.Add(line.Replace("\"category\"", "\"c\\u0061tegory\""));
        data.Add(line.Replace("\"userId\":", "\"userId\":\"dup\",\"userId\":"));
        data.Add(line + " {}");
        data.Add("{\"records\":[" + line + "]}");
        data.Add(line.Replace("\"ipAddress\":", "/* note */ \"ipAddress\":"));
        // Values made text only when the event takes them: escaped, a time with an escape or blanks around it.
        data.Add(line.Replace("\"userId\":\"", "\"userId\":\"\\u0041"));
        data.Add(line.Replace("\"createdDateTime\":\"2", "\"createdDateTime\":\"\\u0032"));
        data.Add(line.Replace("\"createdDateTime\":\"", "\"createdDateTime\":\" "));
        data.Add(line.Replace("\"correlationId\":\"", "\"correlationId\":\"\\ud800"));
        return data;
    }

    private static readonly Func<JsonObject, JsonObject>[] Changes =
    [
        r => { r["Category"] = r["category"]!.DeepClone(); r.Remove("category"); return r; },
        r => { P(r)["UserPrincipalName"] = "Mixed@Case.example"; return r; },
        r => { P(r)["status"] = "{\"errorCode\":50126}"; return r; },
        r => { P(r)["status"] = null; return r; },
        r => { P(r)["status"]!.AsObject()["errorCode"] = "  "; return r; },
        r => { P(r)["status"]!.AsObject()["errorCode"] = true; return r; },
        r => { P(r)["status"]!.AsObject()["errorCode"] = 1.5; return r; },
        r => { P(r).Remove("createdDateTime"); return r; },
        r => { P(r)["createdDateTime"] = "/Date(1714551330000)/"; return r; },
        r => { P(r)["createdDateTime"] = 5; return r; },
        r => { P(r)["createdDateTime"] = "4/28/2021, 2:08:45.221 PM"; return r; },
        r => { P(r)["userDisplayName"] = new JsonObject(); return r; },
        r => { P(r)["ipAddress"] = "   "; r["callerIpAddress"] = "[2001:db8::1]:443"; return r; },
        r => { P(r)["isInteractive"] = "True"; P(r)["autonomousSystemNumber"] = "8075"; return r; },
        r => { P(r)["isInteractive"] = 0; P(r)["autonomousSystemNumber"] = 1e3; return r; },
        r => { P(r).Remove("location"); r["location"] = "DE"; return r; },
        r => { P(r)["location"] = new JsonObject { ["countryOrRegion"] = "", ["city"] = 7 }; return r; },
        r => { P(r)["LocationDetails"] = new JsonObject { ["countryOrRegion"] = "FR" }; P(r).Remove("location"); return r; },
        r => { P(r)["resourceId"] = "/subscriptions/x"; P(r).Remove("resourceIdentity"); return r; },
        r => { P(r)["signInEventTypes"] = new JsonArray("servicePrincipal"); return r; },
        r => { P(r).Remove("id"); return r; },
        r => { r.Remove("tenantId"); P(r)["homeTenantId"] = "h"; return r; },
        r => { r["RecordType"] = 15; return r; },
        r => { r["category"] = "AuditLogs"; return r; },
        r => { r["properties"] = "{}"; return r; },
        r => { r["AuditData"] = "{}"; return r; },
    ];

    private static JsonObject P(JsonObject record) => record["properties"]!.AsObject();

    [Theory]
    [MemberData(nameof(Variants))]
    public void Reads_a_record_as_the_general_path_does_or_declines_it(string line)
    {
        var fast = DiagnosticSignInReader.TryRead(Encoding.UTF8.GetBytes(line));
        var general = General(line);
        if (fast is null) return; // declined: the general path reads it, whatever it makes of it
        Assert.NotNull(general.Event);
        fast.Position = general.Event!.Position;
        Assert.Equal(JsonSerializer.Serialize(general.Event), JsonSerializer.Serialize(fast));
    }

    [Fact]
    public void Reads_the_plain_fixture_records_itself()
    {
        // Guards the test above against passing because the reader declines everything.
        foreach (var record in FixtureRecords())
            Assert.NotNull(DiagnosticSignInReader.TryRead(Encoding.UTF8.GetBytes(record.ToJsonString())));
    }

    [Fact]
    public void Declines_lines_that_are_not_exactly_a_diagnostic_sign_in()
    {
        var line = FixtureRecords().First().ToJsonString();
        Assert.Null(DiagnosticSignInReader.TryRead(Encoding.UTF8.GetBytes(line.Replace("\"userId\":", "\"UserId\":\"x\",\"userId\":"))));
        Assert.Null(DiagnosticSignInReader.TryRead(Encoding.UTF8.GetBytes("{\"records\":[" + line + "]}")));
        Assert.Null(DiagnosticSignInReader.TryRead("{\"category\":\"SignInLogs\",\"properties\":{\"createdDateTime\":5}}"u8));
    }

    [Theory]
    [InlineData("callerIpAddress")]   // the envelope's copy, which the event does not take when properties has one
    [InlineData("userId")]            // a value the event takes
    [InlineData("createdDateTime")]
    public void Invalid_UTF8_in_a_value_reads_as_the_general_path_reads_it(string field)
    {
        var line = FixtureRecords().First().ToJsonString();
        var at = line.IndexOf($"\"{field}\":\"", StringComparison.Ordinal);
        Assert.True(at >= 0, field);
        var utf8 = Encoding.UTF8.GetBytes(line[..(at + field.Length + 4)]).Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes(line[(at + field.Length + 4)..])).ToArray();
        var fast = DiagnosticSignInReader.TryRead(utf8);
        using var dir = new TempDir();
        var path = dir.File("one.ndjson");
        File.WriteAllBytes(path, [.. utf8, (byte)'\n']);
        var registry = new NormaliserRegistry(NormaliserRegistry.CreateDefault().Normalisers);
        var general = new FileDecoder(registry, new DecodeOptions()).Decode(new InputSource(path)).Single();
        if (field == "callerIpAddress") Assert.NotNull(fast); // not made text, so not refused
        if (fast is null) return;
        Assert.NotNull(general.Event);
        fast.Position = general.Event!.Position;
        Assert.Equal(JsonSerializer.Serialize(general.Event), JsonSerializer.Serialize(fast));
    }

    /// <summary>The general path alone: a registry that is not the default one gets no fast reader.</summary>
    private static DecodeResult General(string line)
    {
        using var dir = new TempDir();
        var path = dir.File("one.ndjson");
        File.WriteAllText(path, line + "\n");
        var registry = new NormaliserRegistry(NormaliserRegistry.CreateDefault().Normalisers);
        return new FileDecoder(registry, new DecodeOptions()).Decode(new InputSource(path)).Single();
    }
}

using System.Text.Json;
using Daybreak.Decoders;

namespace Daybreak.Tests.Decoders.Entra;

public sealed class JsonFieldsLookupTests
{
    [Theory]
    [InlineData("""{"IPAddress":"1.2.3.4"}""")]
    [InlineData("""{"ipaddress":"1.2.3.4"}""")]
    [InlineData("""{"\u0049PAddress":"1.2.3.4"}""")]
    public void Case_insensitive_lookup_matches_plain_and_escaped_names(string json)
    {
        using var doc = JsonDocument.Parse(json);

        Assert.Equal("1.2.3.4", doc.RootElement.Str("ipAddress"));
    }

    [Fact]
    public void Case_insensitive_lookup_does_not_match_a_longer_or_different_name()
    {
        using var doc = JsonDocument.Parse("""{"ipAddresses":"x","ipAddres":"y","café":"z"}""");

        Assert.Null(doc.RootElement.Str("ipAddress"));
        Assert.Null(doc.RootElement.Str("CAFE"));
    }
}

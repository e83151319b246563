using System.Text;
using System.Text.Json;
using Daybreak.Decoders;

namespace Daybreak.Tests.Decoders;

/// <summary>The decoders' string cache gives the text the reader would give, and the same string for the same value.</summary>
public sealed class Utf8StringCacheTests
{
    [Fact]
    public void An_escaped_value_is_unescaped_and_kept()
    {
        var cache = new Utf8StringCache();
        var first = Read(cache, "\"\\\\Inbox\"");
        var second = Read(cache, "\"\\\\Inbox\"");
        Assert.Equal("\\Inbox", first);
        Assert.Same(first, second);
    }

    [Fact]
    public void The_same_bytes_escaped_and_read_plain_are_two_texts()
    {
        // `\u0041` as a JSON string token is "A"; the same six bytes read as plain UTF-8 (as the Sigma answers read raw
        // spans) are the six characters themselves. Whichever comes first, the other must not be given its text.
        var cache = new Utf8StringCache();
        var plain = Encoding.UTF8.GetBytes("\\u0041");
        Assert.Equal("A", Read(cache, "\"\\u0041\""));
        Assert.Equal("\\u0041", cache.GetText(plain));
        Assert.Equal("A", Read(cache, "\"\\u0041\""));

        var other = new Utf8StringCache();
        Assert.Equal("\\u0041", other.GetText(plain));
        Assert.Equal("A", Read(other, "\"\\u0041\""));
        Assert.Equal("\\u0041", other.GetText(plain));
    }

    [Fact]
    public void A_long_value_is_kept_up_to_the_callers_limit()
    {
        var cache = new Utf8StringCache();
        var agent = "\"Client=OWA;" + new string('x', 300) + ";\"";
        Assert.Same(Read(cache, agent, Utf8StringCache.LongValueBytes), Read(cache, agent, Utf8StringCache.LongValueBytes));
        var unkept = Read(cache, agent.Replace("OWA", "REST", StringComparison.Ordinal));
        Assert.NotSame(unkept, Read(cache, agent.Replace("OWA", "REST", StringComparison.Ordinal)));
        Assert.Equal(JsonSerializer.Deserialize<string>(agent), Read(cache, agent, Utf8StringCache.LongValueBytes));
    }

    /// <summary>The first token of <paramref name="json"/> through the cache, under its own limit unless one is given.</summary>
    private static string Read(Utf8StringCache cache, string json, int? maxBytes = null)
    {
        var reader = new JsonLineReader(Encoding.UTF8.GetBytes(json));
        Assert.True(reader.Read());
        return maxBytes is { } limit ? cache.GetString(ref reader, limit) : cache.GetString(ref reader);
    }
}

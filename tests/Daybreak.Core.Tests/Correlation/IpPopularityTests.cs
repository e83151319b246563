using Daybreak.Correlation;

namespace Daybreak.Tests.Correlation;

/// <summary>An IP is shared when it served more distinct identities than the bar; one identity in other spellings is one.</summary>
public sealed class IpPopularityTests
{
    [Fact]
    public void One_identity_in_any_case_or_padding_is_one_however_often_seen()
    {
        var ips = new IpPopularity(sharedAbove: 1);
        foreach (var who in new[] { "alice@contoso.com", "Alice@Contoso.com", " alice@contoso.com " }) ips.Observe("203.0.113.7", who);
        Assert.False(ips.IsShared("203.0.113.7"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void An_ip_is_shared_once_it_served_more_identities_than_the_bar(int bar)
    {
        var ips = new IpPopularity(bar);
        for (var i = 0; i < bar; i++)
        {
            ips.Observe("2001:DB8::1", $"user{i}@contoso.com");
            ips.Observe("2001:db8::1", $"user{i}@contoso.com");
        }
        Assert.False(ips.IsShared("2001:db8::1"));
        ips.Observe(" 2001:db8::1", $"user{bar}@contoso.com");
        Assert.True(ips.IsShared("2001:db8::1"));
        for (var i = 0; i < 50; i++) ips.Observe("2001:db8::1", $"more{i}@contoso.com");
        Assert.True(ips.IsShared("2001:db8::1"));
        Assert.False(ips.IsShared("198.51.100.1"));
    }
}

using Daybreak.Decoders.Ual;

namespace Daybreak.Tests.Decoders.Ual;

public sealed class PowerShellTextTests
{
    [Fact]
    public void Hashtable_keeps_keys_values_and_backslashes()
    {
        var table = PowerShellText.ParseHashtable(@"@{Id=LgAAAAAM7Ky/7aAQ+grzLT==; Path=\Inbox\Sub folder; FolderItems=System.Object[]}");
        Assert.Equal([("Id", "LgAAAAAM7Ky/7aAQ+grzLT=="), ("Path", @"\Inbox\Sub folder"), ("FolderItems", "System.Object[]")],
            table.Select(kv => (kv.Key, kv.Value)));
        Assert.True(PowerShellText.IsLostCollection(PowerShellText.Get(table, "folderitems")));
    }

    [Fact]
    public void Parameter_line_reads_quoted_bare_and_list_values()
    {
        var line = "-Name \"foo\" -Description \"\" -HoldNames () -Force \"True\" -PageSize 100 -ExchangeLocation (\"All\") -ContentMatchQuery \"(c:c)(senderauthor=abc@foo.com)\" -Confirm";
        var parameters = PowerShellText.ParseParameterLine(line).Select(kv => (kv.Key, kv.Value)).ToList();
        Assert.Equal(
            [("Name", "foo"), ("Description", ""), ("HoldNames", "()"), ("Force", "True"), ("PageSize", "100"),
             ("ExchangeLocation", "(\"All\")"), ("ContentMatchQuery", "(c:c)(senderauthor=abc@foo.com)"), ("Confirm", "True")],
            parameters);
    }

    [Theory]
    [InlineData("203.0.113.5", "203.0.113.5")]
    [InlineData("203.0.113.5:50123", "203.0.113.5")]
    [InlineData("[2a01:110:8068:7:9bf8:aa87:e00a:5f1f]:36185", "2a01:110:8068:7:9bf8:aa87:e00a:5f1f")]
    [InlineData("2603:10b6:5:1f4:cafe::28", "2603:10b6:5:1f4:cafe::28")]
    [InlineData("::1", "::1")]
    [InlineData("[10.11.12.13]:12345", "10.11.12.13")]
    [InlineData("[2001:db8::abcd]", "2001:db8::abcd")]
    [InlineData("::ffff:10.11.12.13", "10.11.12.13")]
    [InlineData("[::ffff:10.11.12.13]:12345", "10.11.12.13")]
    [InlineData("cool.client.local:12345", "cool.client.local")]
    [InlineData("[localhost]:12345", "localhost")]
    [InlineData(" ", null)]
    public void Client_ip_loses_port_and_brackets(string input, string? expected) =>
        Assert.Equal(expected, IpAddresses.Strip(input));
}

using Daybreak.Decoders;
using Daybreak.Decoders.Ual;

namespace Daybreak.Tests.Decoders.Ual;

/// <summary>Each example shown by <c>daybreak formats</c> is a record that decodes as the format it illustrates.</summary>
public sealed class UalFormatsTests
{
    public static TheoryData<string> FormatNames => new(new UalNormaliser().Formats.Select(f => f.Name));

    [Theory]
    [MemberData(nameof(FormatNames))]
    public void Example_decodes_as_its_own_format(string name)
    {
        var info = new UalNormaliser().Formats.Single(f => f.Name == name);
        Assert.False(string.IsNullOrWhiteSpace(info.Description));
        Assert.StartsWith("ual.", info.Name);
        var extension = name.EndsWith("-csv", StringComparison.Ordinal) ? ".csv" : ".json";
        var result = UalDecode.Text(info.Example, extension);
        Assert.True(result.Rejections.Count == 0, UalDecode.Describe(result.Rejections));
        Assert.Equal(name, Assert.Single(result.Events).Format);
    }

    [Fact]
    public void Registry_finds_ual_by_family_and_format()
    {
        var registry = NormaliserRegistry.CreateDefault();
        Assert.IsType<UalNormaliser>(registry.Find("ual"));
        Assert.IsType<UalNormaliser>(registry.Find("ual.search-csv"));
    }
}

using Daybreak.Decoders;

namespace Daybreak.Tests.Decoders.Entra;

/// <summary><c>daybreak formats</c> shows each format with an example; each example must decode as that format.</summary>
public sealed class FormatCatalogueTests
{
    private static readonly string[] Families = ["signin", "audit", "graphactivity", "risk"];

    public static TheoryData<string> FormatNames()
    {
        var data = new TheoryData<string>();
        foreach (var normaliser in NormaliserRegistry.CreateDefault().Normalisers.Where(n => Families.Contains(n.Family)))
        {
            foreach (var format in normaliser.Formats) data.Add(format.Name);
        }
        return data;
    }

    [Fact]
    public void Every_family_is_registered_with_described_formats()
    {
        var registry = NormaliserRegistry.CreateDefault();

        foreach (var family in Families)
        {
            var normaliser = registry.Find(family);
            Assert.NotNull(normaliser);
            Assert.NotEmpty(normaliser.Formats);
            Assert.All(normaliser.Formats, f => Assert.StartsWith(family + ".", f.Name));
            Assert.All(normaliser.Formats, f => Assert.True(f.Description.Length > 20, f.Name));
        }
    }

    [Theory]
    [MemberData(nameof(FormatNames))]
    public void Example_decodes_as_its_own_format(string name)
    {
        var format = NormaliserRegistry.CreateDefault().Normalisers.SelectMany(n => n.Formats).Single(f => f.Name == name);
        var extension = format.Example.TrimStart().StartsWith('{') ? ".json" : ".csv";

        var evt = Assert.Single(Decoded.Text(format.Example, extension).Clean());

        Assert.Equal(name, evt.Format);
        Assert.True(format.Example.Length < 1200, "keep examples short");
    }

    [Fact]
    public void Query_results_container_example_decodes_as_the_row_of_its_table()
    {
        var format = Assert.Single(Daybreak.Decoders.Containers.ContainerFormats.All);

        var evt = Assert.Single(Decoded.Text(format.Example).Clean());

        Assert.Equal("signin.loganalytics", evt.Format);
        Assert.Equal("signin:66ea54eb-6301-4ee5-be62-ff5a759b0100", evt.RecordId);
        Assert.Equal("50126", evt.Outcome.Code);
        Assert.True(format.Example.Length < 1200, "keep examples short");
    }
}

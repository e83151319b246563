using static Daybreak.Tests.Rules.Sigma.Support.SigmaTestKit;

namespace Daybreak.Tests.Rules.Sigma;

public sealed class SigmaConditionTests
{
    private const string Detection = "sel1:\n    a: 1\nsel2:\n    b: 2\nfilter:\n    c: 3\n_hidden:\n    d: 4";

    [Theory]
    [InlineData("sel1 and sel2", @"{""a"":1,""b"":2}", true)]
    [InlineData("sel1 and sel2", @"{""a"":1}", false)]
    [InlineData("sel1 or sel2", @"{""b"":2}", true)]
    [InlineData("sel1 or sel2", @"{""c"":3}", false)]
    [InlineData("sel1 and not filter", @"{""a"":1}", true)]
    [InlineData("sel1 and not filter", @"{""a"":1,""c"":3}", false)]
    [InlineData("not sel1", @"{""b"":2}", true)]
    [InlineData("not sel1", @"{""a"":1}", false)]
    [InlineData("NOT sel1 AND sel2", @"{""b"":2}", true)]
    [InlineData("not sel1 and sel2", @"{""a"":1,""b"":2}", false)]
    [InlineData("1 of sel*", @"{""b"":2}", true)]
    [InlineData("1 of sel*", @"{""c"":3}", false)]
    [InlineData("all of sel*", @"{""a"":1,""b"":2}", true)]
    [InlineData("all of sel*", @"{""a"":1}", false)]
    [InlineData("any of sel?", @"{""a"":1}", true)]
    [InlineData("2 of them", @"{""a"":1,""c"":3}", true)]
    [InlineData("2 of them", @"{""a"":1,""d"":4}", false)]
    [InlineData("1 of them", @"{""c"":3}", true)]
    [InlineData("1 of them", @"{""d"":4}", false)]
    [InlineData("all of them", @"{""a"":1,""b"":2,""c"":3}", true)]
    [InlineData("all of them", @"{""a"":1,""b"":2}", false)]
    [InlineData("sel1 or sel2 and filter", @"{""a"":1}", true)]
    [InlineData("sel1 or sel2 and filter", @"{""b"":2}", false)]
    [InlineData("(sel1 or sel2) and filter", @"{""a"":1}", false)]
    [InlineData("(sel1 or sel2) and filter", @"{""b"":2,""c"":3}", true)]
    [InlineData("sel1 and (sel2 or (filter and not _hidden))", @"{""a"":1,""c"":3}", true)]
    [InlineData("sel1 and (sel2 or (filter and not _hidden))", @"{""a"":1,""c"":3,""d"":4}", false)]
    [InlineData("not 1 of sel* and filter", @"{""c"":3}", true)]
    [InlineData("not 1 of sel* and filter", @"{""a"":1,""c"":3}", false)]
    [InlineData("_hidden", @"{""d"":4}", true)]
    public void Condition_forms(string condition, string eventJson, bool expected) =>
        Assert.Equal(expected, Matches(Rule(Detection, condition), eventJson));

    [Fact]
    public void A_list_of_conditions_is_an_or()
    {
        var yaml = Rule(Detection, "\n        - sel1 and sel2\n        - filter");
        Assert.True(Matches(yaml, @"{""c"":3}"));
        Assert.True(Matches(yaml, @"{""a"":1,""b"":2}"));
        Assert.False(Matches(yaml, @"{""a"":1}"));
    }

    [Theory]
    [InlineData("sel1 and", "ends too early")]
    [InlineData("sel1 sel2", "unexpected 'sel2'")]
    [InlineData("(sel1 or sel2", "missing ')'")]
    [InlineData("1 of nothing*", "matches no search identifier")]
    [InlineData("unknown", "unknown search identifier")]
    [InlineData("sel1 and or sel2", "unexpected 'or'")]
    public void Bad_conditions_are_reported(string condition, string reason)
    {
        var engine = Daybreak.Rules.Sigma.SigmaEngine.CreateBuilder().AddYaml(Rule(Detection, condition), "c.yml").Build();
        var error = Assert.Single(engine.Report.Errors);
        Assert.Contains(reason, error.Reason);
        Assert.True(error.Line > 0 && error.Column > 0);
    }
}

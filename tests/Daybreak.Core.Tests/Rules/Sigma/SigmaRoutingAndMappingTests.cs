using Daybreak.Rules.Sigma;
using Daybreak.Tests.Rules.Sigma.Support;

namespace Daybreak.Tests.Rules.Sigma;

public sealed class SigmaRoutingAndMappingTests
{
    private const string Rules = """
        title: signin rule
        id: r-signin
        logsource: { product: azure, service: signinlogs }
        detection: { selection: { ResultType: 50126 }, condition: selection }
        ---
        title: audit rule
        id: r-audit
        logsource: { product: azure, service: auditlogs }
        detection: { selection: { ResultType: 50126 }, condition: selection }
        ---
        title: any azure rule
        id: r-azure
        logsource: { product: azure }
        detection: { selection: { ResultType: 50126 }, condition: selection }
        ---
        title: windows process rule
        id: r-proc
        logsource: { product: windows, category: process_creation }
        detection: { selection: { ResultType: 50126 }, condition: selection }
        """;

    [Fact]
    public void A_rule_only_sees_events_of_its_product_and_service()
    {
        var engine = SigmaTestKit.Engine(Rules);
        var evt = JsonSigmaEvent.Parse("""{"ResultType": 50126}""");
        Assert.Equal(["r-signin", "r-azure"], engine.Evaluate(evt, new SigmaLogSource("azure", "signinlogs", null)).Select(m => m.RuleId).Order().Reverse());
        Assert.Equal(["r-audit", "r-azure"], engine.Evaluate(evt, new SigmaLogSource("Azure", "AuditLogs", null)).Select(m => m.RuleId).Order());
        Assert.Equal(["r-proc"], engine.Evaluate(evt, new SigmaLogSource("windows", "sysmon", "process_creation")).Select(m => m.RuleId));
        Assert.Empty(engine.Evaluate(evt, new SigmaLogSource("m365", "audit", null)));
        Assert.Equal(4, engine.EvaluateAll(evt).Count);
    }

    [Fact]
    public void Mapping_resolves_one_rule_field_against_several_log_shapes()
    {
        var mapping = SigmaFieldMapping.Parse("""
            fields:
              ResultType: [properties.status.errorCode, ResultType, resultType]
              UserPrincipalName: properties.userPrincipalName
            """);
        var engine = SigmaTestKit.Engine(Rules);
        var graph = new MappedSigmaEvent(JsonSigmaEvent.Parse("""{"properties":{"status":{"errorCode":50126}}}"""), mapping);
        var logAnalytics = new MappedSigmaEvent(JsonSigmaEvent.Parse("""{"ResultType":"50126"}"""), mapping);
        var other = new MappedSigmaEvent(JsonSigmaEvent.Parse("""{"properties":{"status":{"errorCode":0}}}"""), mapping);
        var source = new SigmaLogSource("azure", "signinlogs", null);
        Assert.Equal(2, engine.Evaluate(graph, source).Count);
        Assert.Equal(2, engine.Evaluate(logAnalytics, source).Count);
        Assert.Empty(engine.Evaluate(other, source));
        Assert.True(graph.TryGetField("userprincipalname", out _) == false);
    }

    [Fact]
    public void Mapping_without_passthrough_hides_unmapped_fields()
    {
        var mapping = SigmaFieldMapping.Parse("passthrough: false\nfields:\n  A: x.y\n");
        var evt = new MappedSigmaEvent(JsonSigmaEvent.Parse("""{"x":{"y":1},"B":2}"""), mapping);
        Assert.True(evt.TryGetField("a", out var a));
        Assert.Equal("1", a.Text);
        Assert.False(evt.TryGetField("B", out _));
    }

    [Fact]
    public void Bad_mapping_yaml_names_the_position()
    {
        var ex = Assert.Throws<FormatException>(() => SigmaFieldMapping.Parse("fields:\n  A: { x: 1 }\n", "m.yml"));
        Assert.StartsWith("m.yml:2:", ex.Message);
    }

    [Fact]
    public void A_throwing_rule_is_counted_and_the_others_still_run()
    {
        var engine = SigmaTestKit.Engine("""
            title: fine
            id: fine
            logsource: { product: test }
            detection: { selection: { a: x }, condition: selection }
            ---
            title: broken at runtime
            id: broken
            logsource: { product: test }
            detection: { selection: { a: x }, condition: selection }
            """);
        var matches = engine.EvaluateAll(new ThrowingEvent("broken"));
        Assert.Equal(["fine"], matches.Select(m => m.RuleId));
        Assert.Equal(1, engine.RuntimeErrors["broken"]);
    }

    [Fact]
    public void Rule_metadata_is_parsed()
    {
        var engine = SigmaTestKit.Engine("""
            title: Password spray
            id: 5f6f1c38-0000-4000-8000-000000000001
            status: test
            level: medium
            author: someone
            references: [https://example.org]
            falsepositives: [none]
            fields: [UserPrincipalName]
            tags: [attack.credential-access, attack.t1110.003, attack.t1078.004, attack.t1110.003]
            logsource: { product: azure, service: signinlogs, category: Auth }
            detection: { selection: { ResultType: 50126 }, condition: selection }
            """);
        var rule = Assert.Single(engine.Rules);
        Assert.Equal(["T1110.003", "T1078.004"], rule.Techniques);
        Assert.Equal(new SigmaLogSource("azure", "signinlogs", "auth"), rule.LogSource);
        Assert.Equal(("test", "medium", "someone"), (rule.Status, rule.Level, rule.Author));
        Assert.Equal(["https://example.org"], rule.References);
        Assert.Equal(["none"], rule.FalsePositives);
        Assert.Equal(["UserPrincipalName"], rule.Fields);
        Assert.Equal(1, rule.Location.Line);
    }

    [Fact]
    public void Numbers_and_times_parse_with_the_invariant_culture()
    {
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            var rule = SigmaTestKit.Rule("selection:\n    n|gt: 1.5\n    t|day: 3");
            Assert.True(SigmaTestKit.Matches(rule, """{"n":"2.5","t":"2024-02-03T10:00:00Z"}"""));
            Assert.False(SigmaTestKit.Matches(rule, """{"n":"1,6","t":"2024-02-03T10:00:00Z"}"""));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }

    /// <summary>Simulates an event source that fails for one rule's lookups only.</summary>
    private sealed class ThrowingEvent(string failOnSecondCall) : ISigmaEvent
    {
        private int _calls;

        public bool TryGetField(string name, out FieldValue value)
        {
            if (++_calls == 2) throw new InvalidOperationException("boom for " + failOnSecondCall);
            value = FieldValue.FromString("x");
            return true;
        }

        public IEnumerable<FieldValue> AllValues() => [];
    }
}

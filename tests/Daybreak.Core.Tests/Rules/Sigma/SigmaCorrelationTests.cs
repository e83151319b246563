using Daybreak.Rules.Sigma;
using Daybreak.Tests.Rules.Sigma.Support;

namespace Daybreak.Tests.Rules.Sigma;

public sealed class SigmaCorrelationTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 15, 10, 0, 0, TimeSpan.Zero);

    private const string BaseRules = """
        title: failed login
        id: 11111111-0000-0000-0000-000000000001
        name: failed_login
        logsource: { product: test }
        detection:
            selection: { action: fail }
            condition: selection
        ---
        title: successful login
        id: 11111111-0000-0000-0000-000000000002
        name: success_login
        logsource: { product: test }
        detection:
            selection: { action: ok }
            condition: selection
        ---
        title: transfer
        id: 11111111-0000-0000-0000-000000000003
        name: transfer
        logsource: { product: test }
        detection:
            selection: { action: transfer }
            condition: selection
        """;

    private static string Correlation(string body, string extra = "") => $"""
        {BaseRules}
        ---
        title: the correlation
        id: 22222222-0000-0000-0000-000000000001
        name: the_correlation
        level: high
        tags: [attack.t1110.003]
        {extra}
        correlation:
        {string.Join('\n', body.Split('\n').Select(l => "    " + l))}
        """;

    private sealed record Ev(double Minutes, string Action, string User = "alice", string? Ip = null, double? Bytes = null, string? Id = null);

    private static (List<SigmaCorrelationAlert> Alerts, SigmaCorrelator Correlator, List<SigmaMatch> Matches) Run(
        string yaml, IEnumerable<Ev> events, TimeSpan? lateness = null)
    {
        var engine = SigmaTestKit.Engine(yaml);
        var correlator = engine.CreateCorrelator(new SigmaCorrelatorOptions { AllowedLateness = lateness ?? TimeSpan.FromMinutes(5) });
        var alerts = new List<SigmaCorrelationAlert>();
        var matches = new List<SigmaMatch>();
        var n = 0;
        foreach (var ev in events)
        {
            var fields = new Dictionary<string, string?> { ["action"] = ev.Action, ["User"] = ev.User, ["ip"] = ev.Ip };
            if (ev.Bytes is { } b) fields["bytes"] = b.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var evt = DictionarySigmaEvent.FromStrings(fields.Where(f => f.Value is not null));
            foreach (var match in engine.Evaluate(evt, new SigmaLogSource("test", null, null)))
            {
                matches.Add(match);
                alerts.AddRange(correlator.Observe(match, T0.AddMinutes(ev.Minutes), ev.Id ?? $"e{n}", evt));
            }
            n++;
        }
        alerts.AddRange(correlator.Flush());
        return (alerts, correlator, matches);
    }

    [Fact]
    public void Times_at_the_ends_of_the_calendar_neither_throw_nor_lose_the_correlation()
    {
        // Event times come from logs; a window added to year 9999 or taken from year 1 must clamp, not throw.
        var engine = SigmaTestKit.Engine(Correlation(EventCount));
        var correlator = engine.CreateCorrelator(new SigmaCorrelatorOptions { AllowedLateness = TimeSpan.FromMinutes(5) });
        var alerts = new List<SigmaCorrelationAlert>();
        var evt = DictionarySigmaEvent.FromStrings(new Dictionary<string, string?> { ["action"] = "fail", ["User"] = "alice" }!);
        DateTimeOffset[] times = [DateTimeOffset.MinValue, DateTimeOffset.MinValue.AddMinutes(1), DateTimeOffset.MinValue.AddMinutes(2),
            DateTimeOffset.MaxValue.AddMinutes(-2), DateTimeOffset.MaxValue.AddMinutes(-1), DateTimeOffset.MaxValue];
        var n = 0;
        foreach (var time in times)
            foreach (var match in engine.Evaluate(evt, new SigmaLogSource("test", null, null)))
                alerts.AddRange(correlator.Observe(match, time, $"e{n++}", evt));
        alerts.AddRange(correlator.Flush());

        Assert.Equal(2, alerts.Count(a => a.RuleId == "22222222-0000-0000-0000-000000000001"));
    }

    private const string EventCount = """
        type: event_count
        rules: [failed_login]
        group-by: [User]
        timespan: 10m
        condition: { gte: 3 }
        """;

    [Fact]
    public void Event_count_fires_per_group_with_the_contributing_events()
    {
        var (alerts, _, _) = Run(Correlation(EventCount),
            [new(0, "fail"), new(1, "fail", "bob"), new(2, "fail"), new(3, "ok"), new(4, "fail"), new(5, "fail", "bob")]);
        var alert = Assert.Single(alerts);
        Assert.Equal("22222222-0000-0000-0000-000000000001", alert.RuleId);
        Assert.Equal("alice", alert.GroupKey["User"]);
        Assert.Equal(["e0", "e2", "e4"], alert.EventIds);
        Assert.Equal(T0, alert.FirstSeen);
        Assert.Equal(T0.AddMinutes(4), alert.LastSeen);
        Assert.Equal(3, alert.Value);
        Assert.Equal(["T1110.003"], alert.Techniques);
    }

    [Theory]
    [InlineData(10.0, true)]
    [InlineData(10.02, false)]
    public void Event_count_timespan_boundary_is_inclusive(double lastMinute, bool fires)
    {
        var (alerts, _, _) = Run(Correlation(EventCount), [new(0, "fail"), new(5, "fail"), new(lastMinute, "fail")]);
        Assert.Equal(fires ? 1 : 0, alerts.Count);
    }

    [Fact]
    public void Out_of_order_events_within_lateness_are_correlated()
    {
        var (alerts, correlator, _) = Run(Correlation(EventCount),
            [new(9, "fail"), new(0, "fail", Id: "early"), new(4, "fail")], TimeSpan.FromMinutes(15));
        var alert = Assert.Single(alerts);
        Assert.Equal(["early", "e2", "e0"], alert.EventIds);
        Assert.Equal(0, correlator.LateMatches);
    }

    [Fact]
    public void Events_later_than_the_lateness_are_counted_not_correlated()
    {
        var (alerts, correlator, _) = Run(Correlation(EventCount),
            [new(30, "fail"), new(31, "fail"), new(40, "fail", "bob"), new(29, "fail")], TimeSpan.FromMinutes(1));
        Assert.Empty(alerts);
        Assert.Equal(1, correlator.LateMatches);
    }

    [Fact]
    public void State_is_dropped_once_groups_expire()
    {
        var yaml = Correlation(EventCount);
        var engine = SigmaTestKit.Engine(yaml);
        var correlator = engine.CreateCorrelator(new SigmaCorrelatorOptions { AllowedLateness = TimeSpan.FromMinutes(1) });
        var rule = engine.Evaluate(DictionarySigmaEvent.FromStrings([new("action", "fail")]), new SigmaLogSource("test", null, null)).Single();
        for (var i = 0; i < 500; i++)
        {
            var evt = DictionarySigmaEvent.FromStrings([new("action", "fail"), new("User", "u" + i)]);
            correlator.Observe(rule, T0.AddSeconds(i), "e" + i, evt);
        }
        Assert.True(correlator.LiveGroups > 400);
        var late = DictionarySigmaEvent.FromStrings([new("action", "fail"), new("User", "last")]);
        correlator.Observe(rule, T0.AddHours(2), "last", late);
        Assert.Equal(0, correlator.LiveGroups);
        Assert.Equal(1, correlator.Pending);
    }

    [Fact]
    public void Upper_bound_conditions_are_judged_when_the_window_closes()
    {
        var (alerts, _, _) = Run(Correlation("""
            type: event_count
            rules: [failed_login]
            group-by: [User]
            timespan: 10m
            condition: { gt: 1, lte: 2 }
            """), [new(0, "fail"), new(1, "fail"), new(0, "fail", "bob"), new(1, "fail", "bob"), new(2, "fail", "bob"), new(0, "fail", "carol")]);
        var alert = Assert.Single(alerts);
        Assert.Equal("alice", alert.GroupKey["User"]);
    }

    [Fact]
    public void Value_count_counts_distinct_values()
    {
        var yaml = Correlation("""
            type: value_count
            rules: [failed_login]
            group-by: [User]
            timespan: 1h
            condition: { field: ip, gte: 3 }
            """);
        var (alerts, _, _) = Run(yaml, [new(0, "fail", Ip: "1.1.1.1"), new(1, "fail", Ip: "1.1.1.1"), new(2, "fail", Ip: "2.2.2.2"), new(3, "fail", Ip: "3.3.3.3")]);
        Assert.Equal(3, Assert.Single(alerts).Value);
        var (none, _, _) = Run(yaml, [new(0, "fail", Ip: "1.1.1.1"), new(1, "fail", Ip: "1.1.1.1"), new(2, "fail", Ip: "2.2.2.2"), new(3, "fail")]);
        Assert.Empty(none);
    }

    private const string Temporal = """
        type: temporal
        rules: [failed_login, success_login, transfer]
        group-by: [User]
        timespan: 5m
        """;

    [Fact]
    public void Temporal_needs_every_rule_in_the_window_in_any_order()
    {
        Assert.Single(Run(Correlation(Temporal), [new(0, "transfer"), new(1, "ok"), new(2, "fail")]).Alerts);
        Assert.Empty(Run(Correlation(Temporal), [new(0, "transfer"), new(1, "ok"), new(6, "fail")]).Alerts);
        Assert.Empty(Run(Correlation(Temporal), [new(0, "transfer"), new(1, "ok"), new(2, "fail", "bob")]).Alerts);
    }

    [Fact]
    public void Temporal_with_a_condition_counts_distinct_rules()
    {
        var yaml = Correlation(Temporal + "\ncondition: { gte: 2 }");
        Assert.Single(Run(yaml, [new(0, "transfer"), new(1, "transfer"), new(2, "ok")]).Alerts);
        Assert.Empty(Run(yaml, [new(0, "transfer"), new(1, "transfer")]).Alerts);
    }

    [Fact]
    public void Temporal_ordered_needs_the_given_order()
    {
        var yaml = Correlation(Temporal.Replace("type: temporal", "type: temporal_ordered"));
        var alert = Assert.Single(Run(yaml, [new(0, "fail"), new(1, "transfer"), new(2, "ok"), new(3, "transfer")]).Alerts);
        Assert.Equal(["e0", "e2", "e3"], alert.EventIds);
        Assert.Empty(Run(yaml, [new(0, "transfer"), new(1, "ok"), new(2, "fail")]).Alerts);
        Assert.Empty(Run(yaml, [new(0, "fail"), new(1, "ok"), new(5.5, "transfer")]).Alerts);
    }

    [Fact]
    public void Value_sum_and_avg_and_percentile()
    {
        var sum = Correlation("type: value_sum\nrules: [transfer]\ngroup-by: [User]\ntimespan: 1h\ncondition: { field: bytes, gt: 1000 }");
        Assert.Equal(1100, Assert.Single(Run(sum, [new(0, "transfer", Bytes: 600), new(10, "transfer", Bytes: 500)]).Alerts).Value);
        Assert.Empty(Run(sum, [new(0, "transfer", Bytes: 600), new(70, "transfer", Bytes: 500)]).Alerts);

        var avg = Correlation("type: value_avg\nrules: [transfer]\ngroup-by: [User]\ntimespan: 1h\ncondition: { field: bytes, gte: 300 }");
        Assert.Equal(300, Assert.Single(Run(avg, [new(0, "transfer", Bytes: 100), new(1, "transfer", Bytes: 500)]).Alerts).Value);
        Assert.Empty(Run(avg, [new(0, "transfer", Bytes: 100), new(1, "transfer", Bytes: 400)]).Alerts);

        var rare = Correlation("type: value_percentile\nrules: [failed_login]\ngroup-by: [User]\ntimespan: 1d\ncondition: { field: ip, lte: 10 }");
        var events = Enumerable.Range(0, 19).Select(i => new Ev(i, "fail", Ip: "10.0.0.1")).Append(new Ev(30, "fail", Ip: "6.6.6.6"));
        var alert = Assert.Single(Run(rare, events).Alerts);
        Assert.Equal("6.6.6.6", alert.FieldValue);
        Assert.Equal(5, alert.Value);
    }

    [Fact]
    public void Chained_correlations_and_generate_default()
    {
        // The specification's example: many failed logins (a correlation) followed by a success for the same user.
        var yaml = $"""
            {BaseRules}
            ---
            title: many failed logins
            id: 33333333-0000-0000-0000-000000000001
            name: many_failed
            correlation:
                type: event_count
                rules: [failed_login]
                group-by: [User]
                timespan: 10m
                condition: {"{"} gte: 3 {"}"}
            ---
            title: failed logins then success
            id: 33333333-0000-0000-0000-000000000002
            level: critical
            correlation:
                type: temporal_ordered
                rules: [many_failed, success_login]
                group-by: [User]
                timespan: 10m
            """;
        var (alerts, _, matches) = Run(yaml, [new(0, "fail"), new(1, "fail"), new(2, "fail"), new(3, "ok"), new(4, "ok", "bob"), new(5, "transfer")]);
        Assert.Equal(2, alerts.Count);
        var intermediate = alerts.Single(a => a.RuleId == "33333333-0000-0000-0000-000000000001");
        var final = alerts.Single(a => a.RuleId == "33333333-0000-0000-0000-000000000002");
        Assert.False(intermediate.IsStandaloneAlert);
        Assert.True(final.IsStandaloneAlert);
        Assert.Equal("alice", final.GroupKey["User"]);
        Assert.Equal(["e0", "e1", "e2", "e3"], final.EventIds);
        Assert.Equal(T0, final.FirstSeen);
        Assert.Equal(T0.AddMinutes(3), final.LastSeen);
        // Referenced rules only feed the correlation unless it says generate: true; unreferenced rules alert alone.
        Assert.All(matches.Where(m => m.Title is "failed login" or "successful login"), m => Assert.False(m.IsStandaloneAlert));
        Assert.All(matches.Where(m => m.Title == "transfer"), m => Assert.True(m.IsStandaloneAlert));
    }

    [Fact]
    public void Generate_true_keeps_referenced_rules_as_alerts()
    {
        var (_, _, matches) = Run(Correlation(EventCount + "\ngenerate: true"), [new(0, "fail")]);
        Assert.True(Assert.Single(matches).IsStandaloneAlert);
        var (_, _, top) = Run(Correlation(EventCount, "generate: true"), [new(0, "fail")]);
        Assert.True(Assert.Single(top).IsStandaloneAlert);
    }

    [Fact]
    public void Aliases_group_different_fields_together()
    {
        var yaml = Correlation("""
            type: temporal
            rules: [failed_login, transfer]
            group-by: [who]
            timespan: 5m
            aliases:
                who:
                    failed_login: User
                    transfer: ip
            """);
        var alert = Assert.Single(Run(yaml, [new(0, "fail", "mallory"), new(1, "transfer", "x", Ip: "mallory")]).Alerts);
        Assert.Equal("mallory", alert.GroupKey["who"]);
        Assert.Empty(Run(yaml, [new(0, "fail", "mallory"), new(1, "transfer", "mallory", Ip: "other")]).Alerts);
    }

    [Fact]
    public void Obsolete_aggregation_conditions_become_correlations()
    {
        var yaml = """
            title: brute force (old style)
            id: 44444444-0000-0000-0000-000000000001
            logsource: { product: test }
            detection:
                selection: { action: fail }
                timeframe: 10m
                condition: selection | count() by User > 2
            """;
        var (alerts, _, matches) = Run(yaml, [new(0, "fail"), new(1, "fail"), new(2, "fail"), new(3, "fail", "bob")]);
        Assert.Equal("alice", Assert.Single(alerts).GroupKey["User"]);
        Assert.All(matches, m => Assert.False(m.IsStandaloneAlert));
    }

    [Theory]
    [InlineData("type: event_count\nrules: [failed_login]\ngroup-by: [User]\ntimespan: 10m", "needs a 'condition'")]
    [InlineData("type: value_count\nrules: [failed_login]\ngroup-by: [User]\ntimespan: 10m\ncondition: { gte: 2 }", "needs 'field'")]
    [InlineData("type: event_count\nrules: [failed_login]\ntimespan: ten\ncondition: { gte: 2 }", "timespan")]
    [InlineData("type: sometimes\nrules: [failed_login]\ntimespan: 1m", "unknown correlation type")]
    [InlineData("type: event_count\nrules: [failed_login]\ntimespan: 1m\ncondition: { about: 2 }", "unknown correlation condition operator")]
    public void Invalid_correlations_are_reported(string body, string reason)
    {
        var engine = SigmaEngine.CreateBuilder().AddYaml(Correlation(body), "corr.yml").Build();
        var error = Assert.Single(engine.Report.Errors);
        Assert.Contains(reason, error.Reason);
        Assert.True(error.Line > 20);
        Assert.Equal(3, engine.Report.Loaded);
    }

    [Fact]
    public void Circular_chains_are_rejected()
    {
        var yaml = """
            title: a
            id: a
            correlation: { type: temporal, rules: [b], group-by: [x], timespan: 1m }
            ---
            title: b
            id: b
            correlation: { type: temporal, rules: [a], group-by: [x], timespan: 1m }
            """;
        var engine = SigmaEngine.CreateBuilder().AddYaml(yaml, "loop.yml").Build();
        Assert.NotEmpty(engine.Report.Errors);
        Assert.Contains(engine.Report.Errors, e => e.Reason.Contains("circular"));
    }
}

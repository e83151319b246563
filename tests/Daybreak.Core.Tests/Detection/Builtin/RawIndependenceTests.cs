using Daybreak.Detection;
using Daybreak.Detection.Builtin;
using Daybreak.Events;
using Daybreak.Pipeline;
using Daybreak.TestKit;
using Daybreak.Tests.Correlation.Support;

namespace Daybreak.Tests.Detection.Builtin;

/// <summary>
/// A hunt with only Daybreak's own detections reads no raw records from the case (they say so through
/// <see cref="IDetection.ReadsRawRecords"/>): their alerts must be the same whether events carry their raw records or not.
/// </summary>
public sealed class RawIndependenceTests
{
    [Fact]
    public void Builtin_detections_raise_the_same_alerts_without_raw_records()
    {
        var sim = SimulatedCase.Get(60, 10, 7, "midnight-blizzard", "graph-mail-read", "aitm-token-theft", "mfa-fatigue", "consent-phishing", "bec-forwarding");
        var rules = Path.Combine(Corpus.RepoRoot, "rules");
        var with = Hunt(sim.Events, rules);
        var without = Hunt([.. sim.Events.Select(e => e.WithoutRaw())], rules);

        Assert.True(with.Count > 20, $"only {with.Count} alerts: the simulated attacks should raise more");
        Assert.Equal(with, without);
        Assert.All(BuiltinDetections.Create(null, rules), d => Assert.False(d.ReadsRawRecords, d.Name));
    }

    private static List<(string, string, DateTime)> Hunt(IReadOnlyList<AuditEvent> events, string rules)
    {
        var incidents = Daybreak.Correlation.IncidentComponents.CreateDefault();
        var analysis = new HuntAnalysis(BuiltinDetections.Create(null, rules), incidents.Correlator, incidents.Scoper);
        Assert.False(analysis.ReadsRawRecords);
        return [.. analysis.Run(events).Alerts.Select(a => (a.Id, a.Rule, a.Time))];
    }
}

using Daybreak.Events;
using Daybreak.Storage;

namespace Daybreak.Tests;

public sealed class CoverageQueryTests
{
    [Fact]
    public void Coverage_reports_each_source_period_and_the_days_without_any_record()
    {
        using var dir = new TempDir();
        using var store = CaseStore.Open(dir.File("case.duckdb"));
        var t0 = new DateTime(2024, 1, 1, 10, 0, 0, DateTimeKind.Utc);
        using (var writer = new EventWriter(store))
        {
            var hours = new[] { 0, 5, 20, 30, 90, 95 }; // silent from hour 31 to hour 90: a gap of ~2.5 days
            foreach (var h in hours)
                writer.Write(new AuditEvent { RecordId = $"ual:{h}", Format = "t", Raw = "{}", Time = t0.AddHours(h), Source = SourceKind.Ual, TenantId = "t1" });
            writer.Write(new AuditEvent { RecordId = "signin:1", Format = "t", Raw = "{}", Time = t0, Source = SourceKind.SignIn, TenantId = "t1" });
            writer.Flush();
        }

        var coverage = CoverageQuery.Run(store);
        var ual = coverage.Single(c => c.Source == "ual");
        Assert.Equal((t0, t0.AddHours(95), 6L), (ual.From, ual.To, ual.Records));
        var gap = Assert.Single(ual.Gaps);
        Assert.Equal((t0.AddHours(31), t0.AddHours(90)), (gap.From, gap.To));
        Assert.True(ual.Covers(t0.AddHours(1), t0.AddHours(20)));
        Assert.False(ual.Covers(t0.AddHours(1), t0.AddHours(40)));   // runs into the gap
        Assert.False(ual.Covers(t0.AddHours(-1), t0.AddHours(20)));  // starts before the data
        Assert.Empty(coverage.Single(c => c.Source == "signin").Gaps);
        Assert.Single(CoverageQuery.Run(store, TimeSpan.FromHours(12)).Single(c => c.Source == "ual").Gaps, g => g.From == t0.AddHours(6));
    }
}

using Daybreak.Simulation;

namespace Daybreak.Tests;

public sealed class BenignRateTests
{
    /// <summary>Bounds documented in docs/scenarios.md: a week of a benign tenant averages 100-220 sign-ins and 8-25 audits per user per day.</summary>
    [Fact]
    public void Benign_week_has_documented_rates()
    {
        var dir = Path.Combine(Path.GetTempPath(), "daybreak-rates-" + Guid.NewGuid().ToString("N"));
        try
        {
            const int users = 60;
            var result = new TenantSimulator(new SimulationOptions { Users = users, Days = 7, Scenarios = [], Formats = [OutputFormat.UalApi] }).Run(dir);
            var signIns = result.RecordsBySource[LogSource.SignIns] / (double)users / 7;
            var audits = result.RecordsBySource[LogSource.DirectoryAudits] / (double)users / 7;
            var mail = result.RecordsBySource[LogSource.UnifiedAuditLog] / (double)users / 7;
            Assert.InRange(signIns, 100, 220);
            Assert.InRange(audits, 8, 25);
            Assert.InRange(mail, 5, 40);
            Assert.Equal(0, result.MaliciousRecords);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }
}

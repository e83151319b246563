using Daybreak.Simulation;

namespace Daybreak.Tests.Support;

/// <summary>One small simulation with every scenario and every format, shared by the tests that only read it.</summary>
public sealed class SimulationRun : IDisposable
{
    public static readonly string[] AllScenarios =
        ["midnight-blizzard", "graph-mail-read", "aitm-token-theft", "mfa-fatigue", "consent-phishing", "bec-forwarding"];

    public SimulationRun()
    {
        Directory = Path.Combine(Path.GetTempPath(), "daybreak-sim-" + Guid.NewGuid().ToString("N"));
        Result = new TenantSimulator(Options()).Run(Directory);
    }

    public static SimulationOptions Options() => new()
    {
        Users = 50,
        Days = 3,
        Seed = 42,
        Scenarios = AllScenarios,
        Formats = [OutputFormat.Graph, OutputFormat.Diagnostic, OutputFormat.LogAnalytics, OutputFormat.UalApi, OutputFormat.PurviewCsv, OutputFormat.Mixed],
    };

    public string Directory { get; }

    public SimulationResult Result { get; }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}

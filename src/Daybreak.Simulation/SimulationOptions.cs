using Daybreak.Simulation.Scenarios;

namespace Daybreak.Simulation;

/// <summary>What to simulate. Plain defaults; <see cref="Validate"/> runs before anything is generated.</summary>
public sealed class SimulationOptions
{
    /// <summary>The default start: a Monday, fixed so output never depends on when it was made.</summary>
    public static readonly DateTime DefaultStart = new(2024, 1, 8, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Production tenant users (the test tenant adds a handful of its own).</summary>
    public int Users { get; set; } = 200;

    public int Days { get; set; } = 7;

    /// <summary>First simulated day, midnight UTC.</summary>
    public DateTime Start { get; set; } = DefaultStart;

    public ulong Seed { get; set; } = 1;

    /// <summary>Scenario names (see <see cref="TenantSimulator.ScenarioNames"/>); "none" or empty for benign only.</summary>
    public IList<string> Scenarios { get; set; } = ["midnight-blizzard"];

    /// <summary>Formats to write; a source not available in any of them is written in its default format.</summary>
    public IList<OutputFormat> Formats { get; set; } = [OutputFormat.Diagnostic, OutputFormat.UalApi];

    /// <summary>Records per Graph API page.</summary>
    public int GraphPageSize { get; set; } = 1000;

    /// <summary>Returns the problems with these options; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Users < 20) errors.Add("users must be at least 20 (the organisation needs leaders, security, legal and IT staff)");
        if (Users > 5_000_000) errors.Add("users must be at most 5,000,000");
        if (Days < 1) errors.Add("days must be at least 1");
        if (Days > 3660) errors.Add("days must be at most 3660");
        if (Start.Kind == DateTimeKind.Local) errors.Add("start must be UTC");
        if (Start.TimeOfDay != TimeSpan.Zero) errors.Add("start must be midnight UTC");
        if (GraphPageSize < 1) errors.Add("graph page size must be positive");
        foreach (var name in Scenarios)
        {
            if (!ScenarioCatalog.Names.Contains(name, StringComparer.Ordinal))
                errors.Add($"unknown scenario '{name}' (known: {string.Join(", ", ScenarioCatalog.Names)})");
        }
        if (Formats.Count == 0) errors.Add("at least one format is needed");
        return errors;
    }
}

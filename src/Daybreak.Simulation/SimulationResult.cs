namespace Daybreak.Simulation;

/// <summary>What a simulation wrote.</summary>
public sealed class SimulationResult
{
    public required string OutputDirectory { get; init; }

    /// <summary>The folder holding only the simulated log files (hunt this).</summary>
    public required string LogsDirectory { get; init; }

    /// <summary>Every data file, in the order it was opened (truth.json and manifest.json are not listed).</summary>
    public required IReadOnlyList<OutputFile> Files { get; init; }

    /// <summary>Records generated per source (a record written in two formats counts once).</summary>
    public required IReadOnlyDictionary<LogSource, long> RecordsBySource { get; init; }

    /// <summary>Malicious records listed in truth.json.</summary>
    public required int MaliciousRecords { get; init; }

    public required string TruthPath { get; init; }
}

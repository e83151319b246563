using Daybreak.Cli.Infrastructure;
using Daybreak.Pipeline;

namespace Daybreak.Cli.Commands;

/// <summary>The composition root of a hunt's analysis: which detections, which correlator, which scoper.</summary>
internal static class HuntComponents
{
    /// <summary>The analysis to run, or null while no detection stage is built into this version.</summary>
    public static HuntAnalysis? Create(IngestSettings settings, CliEnvironment env) => null;
}

using Daybreak.Simulation.Organisation;

namespace Daybreak.Simulation.Records;

/// <summary>One log record before it is written in any format.</summary>
internal abstract class SimRecord
{
    public required DateTime Time { get; init; }
    public required SimTenant Tenant { get; init; }
    public AttackLabel? Label { get; set; }
    /// <summary>The record's own id as its format names it (sign-in id, audit id, UAL Id, Graph requestId).</summary>
    public abstract string RecordId { get; }
    public abstract LogSource Source { get; }
    /// <summary>The stream within the source: a diagnostic category, a UAL content type.</summary>
    public abstract string Stream { get; }
}

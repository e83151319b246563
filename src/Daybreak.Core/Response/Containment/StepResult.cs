namespace Daybreak.Response.Containment;

/// <summary>What happened to one step on this run.</summary>
public sealed record StepResult(ContainmentStep Step, StepStatus Status, string? Note);

public enum StepStatus
{
    /// <summary>Done on this run.</summary>
    Done,

    /// <summary>Recorded as done by an earlier run; nothing sent.</summary>
    AlreadyDone,

    /// <summary>Left alone on purpose (e.g. the service principal turned out to be Microsoft's).</summary>
    Skipped,

    Failed,
}

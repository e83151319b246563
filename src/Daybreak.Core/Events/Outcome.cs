namespace Daybreak.Events;

/// <summary>OCSF status: success, failure or unknown, with the source's own code and reason.</summary>
public enum OutcomeStatus
{
    Unknown,
    Success,
    Failure,
}

/// <summary>The result of the action (OCSF <c>status</c>, <c>status_code</c>, <c>status_detail</c>).</summary>
public sealed class Outcome
{
    public OutcomeStatus Status { get; set; }

    /// <summary>The source's code as text: Entra error code ("50126"), UAL ResultStatus, HTTP status.</summary>
    public string? Code { get; set; }

    /// <summary>The source's reason or failure description.</summary>
    public string? Reason { get; set; }
}

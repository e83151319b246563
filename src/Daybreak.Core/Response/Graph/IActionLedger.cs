namespace Daybreak.Response.Graph;

/// <summary>
/// Where every Graph request Daybreak sends (containment steps, notices) and every containment step it finishes is
/// written down, so a rerun skips what is done and the case keeps a record of what was changed in the tenant. The
/// case store implements it.
/// </summary>
public interface IActionLedger
{
    bool IsDone(string incidentId, string stepKey);

    void Record(ActionRecord record);
}

/// <summary>
/// One ledger row: an HTTP request and its response (<see cref="Kind"/> "request"), or the outcome of a step
/// (<see cref="Kind"/> "step", <see cref="Outcome"/> done or failed).
/// </summary>
public sealed record ActionRecord
{
    public required string IncidentId { get; init; }

    public required string StepKey { get; init; }

    public int Step { get; init; }

    public required string Kind { get; init; }

    public string? Method { get; init; }

    public string? Url { get; init; }

    public string? RequestBody { get; init; }

    public int? Status { get; init; }

    /// <summary>The first characters of the response body, or the transport error.</summary>
    public string? ResponseExcerpt { get; init; }

    /// <summary>For requests: ok, retry, gone (404), error. For steps: done, failed.</summary>
    public required string Outcome { get; init; }

    public string? Note { get; init; }

    public DateTime Time { get; init; }
}

namespace Daybreak.Response.Graph;

/// <summary>
/// What a Graph request is for, so each attempt is written to the ledger under it (incident, step key, step number),
/// and whether it may be sent again after an answer that does not say whether it was carried out.
/// </summary>
public sealed record GraphCall(string IncidentId, string Key, int Step = 0)
{
    /// <summary>
    /// False for a request that must not be repeated blindly (sendMail: a second send is a second message). It is then
    /// retried only after 429 or 503, where Graph says it did not take the request; a transport error, 502 or 504
    /// leaves its fate unknown and is returned to the caller as it is.
    /// </summary>
    public bool Repeatable { get; init; } = true;

    /// <summary>What the ledger keeps instead of the request body (a proof redacted, a notice shortened); null keeps the body.</summary>
    public string? LoggedBody { get; init; }
}

namespace Daybreak.Response.Evidence;

/// <summary>
/// One entry of the chain-of-custody log: a run recorded in the case (ingest, hunt, export...) with who ran it, on
/// which machine, with which Daybreak version. User and machine are null for runs recorded before the case kept them.
/// </summary>
public sealed record CustodyEntry(
    string RunId,
    string Command,
    string Version,
    DateTime StartedAt,
    DateTime? FinishedAt,
    string? OsUser,
    string? Machine);

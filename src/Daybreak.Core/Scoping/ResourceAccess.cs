namespace Daybreak.Scoping;

/// <summary>
/// Reach beyond mail: one resource an incident's app or principal touched, aggregated: a SharePoint/OneDrive file
/// (<see cref="Kind"/> "file") or a Microsoft Graph request path (<see cref="Kind"/> "graph", e.g. directory reads).
/// </summary>
public sealed record ResourceAccess(string Kind, string Resource, string Actor, DateTime FirstAccess, DateTime LastAccess, long Count, string Operation);

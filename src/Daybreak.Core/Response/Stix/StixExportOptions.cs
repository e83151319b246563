namespace Daybreak.Response.Stix;

/// <summary>Choices for a STIX export; the defaults share nothing that names the victim's people.</summary>
public sealed class StixExportOptions
{
    /// <summary>An intrusion set to attribute the techniques to; none unless the user names one.</summary>
    public string? IntrusionSet { get; init; }

    /// <summary>Name of the victim organisation's identity; default "Victim organisation" with its tenant ids.</summary>
    public string? Organisation { get; init; }

    /// <summary>Also export the incident's users as individual identities (off by default: they are victims' names).</summary>
    public bool IncludeUsers { get; init; }
}

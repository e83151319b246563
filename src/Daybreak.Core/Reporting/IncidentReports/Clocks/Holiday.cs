namespace Daybreak.Reporting.IncidentReports.Clocks;

/// <summary>A day a business-day clock does not count, with the name the report shows for it.</summary>
public sealed record Holiday(DateOnly Date, string Name);

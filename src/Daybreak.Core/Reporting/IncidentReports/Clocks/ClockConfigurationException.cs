namespace Daybreak.Reporting.IncidentReports.Clocks;

/// <summary>A clocks configuration that cannot be used; the message names the file, line and column.</summary>
public sealed class ClockConfigurationException(string message) : Exception(message);

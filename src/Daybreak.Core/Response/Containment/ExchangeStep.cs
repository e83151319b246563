namespace Daybreak.Response.Containment;

/// <summary>An Exchange Online step an admin runs in PowerShell (Connect-ExchangeOnline first); Graph cannot do these.</summary>
public sealed record ExchangeStep(string Why, string PowerShell);

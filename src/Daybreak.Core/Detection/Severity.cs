namespace Daybreak.Detection;

/// <summary>Alert and incident severity, ordered; Sigma's levels map onto it one to one.</summary>
public enum Severity
{
    Informational,
    Low,
    Medium,
    High,
    Critical,
}

/// <summary>Names used in reports and rules.</summary>
public static class Severities
{
    public static string Name(this Severity s) => s.ToString().ToLowerInvariant();

    /// <summary>Sigma level or built-in rule severity text to <see cref="Severity"/>; unknown text is Medium.</summary>
    public static Severity Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "informational" or "info" => Severity.Informational,
        "low" => Severity.Low,
        "medium" => Severity.Medium,
        "high" => Severity.High,
        "critical" => Severity.Critical,
        _ => Severity.Medium,
    };
}

namespace Daybreak.Detection.Builtin;

/// <summary>Validation of detection options when the detection is built (Polly style): bad tuning fails early, with the option's name.</summary>
internal static class OptionChecks
{
    public static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive");
    }

    public static void AtLeast(int value, int min, string name)
    {
        if (value < min) throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least {min}");
    }

    public static void NotNegative(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero) throw new ArgumentOutOfRangeException(name, value, $"{name} must not be negative");
    }
}

namespace Daybreak.Cli;

/// <summary>The running Daybreak's version, recorded with every run in the case file.</summary>
internal static class Version
{
    public static string Current { get; } =
        typeof(Version).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}

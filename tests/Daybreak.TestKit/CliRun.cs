namespace Daybreak.TestKit;

/// <summary>What an in-process CLI run printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error);

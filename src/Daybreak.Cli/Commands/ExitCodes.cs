namespace Daybreak.Cli.Commands;

/// <summary>Exit codes (DESIGN.md): the run completed, whatever it found, is 0.</summary>
public static class ExitCodes
{
    public const int Completed = 0;
    public const int Usage = 1;
    public const int InputUnreadable = 2;
    public const int StrictRejections = 3;
    public const int ActionsFailed = 4;
}

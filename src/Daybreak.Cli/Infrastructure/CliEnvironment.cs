using Spectre.Console;

namespace Daybreak.Cli.Infrastructure;

/// <summary>The streams a command talks to; tests pass their own, the program passes the process's.</summary>
public sealed class CliEnvironment
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    public Stream? In { get; init; }

    /// <summary>True when stdout is a terminal a person reads: colours, tables and progress are then used.</summary>
    public bool IsTerminal { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Spectre console over <see cref="Out"/>, with colour only on a terminal.</summary>
    public IAnsiConsole Console => _console ??= AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(Out),
        Ansi = IsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = IsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = IsTerminal ? InteractionSupport.Yes : InteractionSupport.No,
    });

    private IAnsiConsole? _console;

    public static CliEnvironment FromProcess() => new()
    {
        Out = System.Console.Out,
        Error = System.Console.Error,
        IsTerminal = !System.Console.IsOutputRedirected,
    };
}

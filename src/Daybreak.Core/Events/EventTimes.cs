namespace Daybreak.Events;

/// <summary>
/// Arithmetic on event times, which come from logs: a record may say year 1 or 9999, and adding a window to such a
/// time (or taking one from it) throws. Detections compute deadlines and window starts with these instead, clamped to
/// the calendar, so an odd time is one more event and not a failed detection (or a stopped watch).
/// </summary>
internal static class EventTimes
{
    /// <summary><paramref name="time"/> + <paramref name="span"/> (a window's length, never negative), or the calendar's end.</summary>
    public static DateTime Plus(DateTime time, TimeSpan span) =>
        DateTime.MaxValue.Ticks - time.Ticks < span.Ticks ? DateTime.SpecifyKind(DateTime.MaxValue, time.Kind) : time + span;

    /// <summary><paramref name="time"/> - <paramref name="span"/> (a window's length, never negative), or the calendar's start.</summary>
    public static DateTime Minus(DateTime time, TimeSpan span) =>
        time.Ticks - DateTime.MinValue.Ticks < span.Ticks ? DateTime.SpecifyKind(DateTime.MinValue, time.Kind) : time - span;

    /// <summary><see cref="Plus(DateTime, TimeSpan)"/> for an offset time, at offset zero (as Sigma correlations keep times).</summary>
    public static DateTimeOffset Plus(DateTimeOffset time, TimeSpan span) => new(Plus(time.UtcDateTime, span), TimeSpan.Zero);

    /// <summary><see cref="Minus(DateTime, TimeSpan)"/> for an offset time, at offset zero.</summary>
    public static DateTimeOffset Minus(DateTimeOffset time, TimeSpan span) => new(Minus(time.UtcDateTime, span), TimeSpan.Zero);
}

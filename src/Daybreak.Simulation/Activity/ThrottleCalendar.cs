namespace Daybreak.Simulation.Activity;

/// <summary>Mailboxes whose Bind logging Exchange has throttled, and when: no Bind records are written inside.</summary>
internal sealed class ThrottleCalendar
{
    private readonly Dictionary<Guid, List<(DateTime From, DateTime To)>> _windows = [];

    public void Add(Guid mailbox, DateTime from, DateTime to)
    {
        if (!_windows.TryGetValue(mailbox, out var list)) _windows[mailbox] = list = [];
        list.Add((from, to));
    }

    public bool IsThrottled(Guid mailbox, DateTime at)
        => _windows.TryGetValue(mailbox, out var list) && list.Exists(w => at >= w.From && at < w.To);
}

using Daybreak.Detection;

namespace Daybreak.Correlation;

/// <summary>
/// An incident's severity as its alerts arrive in event time: the highest alert severity, raised by the length of the
/// kill chain (distinct tactics reached) and by the value of what was reached (a VIP mailbox, or many mailboxes).
/// </summary>
internal sealed class ChainSeverity(EntityGraphCorrelatorOptions options)
{
    private readonly HashSet<Tactic> _tactics = [];
    private readonly HashSet<string> _mailboxes = new(StringComparer.Ordinal);
    private Severity _max = Severity.Informational;

    public int Mailboxes => _mailboxes.Count;

    public bool Vip { get; private set; }

    public int Stages => _tactics.Count;

    public Severity Add(Alert alert)
    {
        if (alert.Severity > _max) _max = alert.Severity;
        foreach (var t in alert.Techniques)
        {
            var tactic = KillChain.TacticOf(t);
            if (tactic != Tactic.Unknown) _tactics.Add(tactic);
        }
        foreach (var m in alert.Entities.Mailboxes)
        {
            _mailboxes.Add(m);
            if (options.VipMailboxes.Contains(m)) Vip = true;
        }
        return Current;
    }

    public Severity Current
    {
        get
        {
            var chain = _tactics.Count switch { <= 1 => Severity.Low, 2 => Severity.Medium, 3 => Severity.High, _ => Severity.Critical };
            var s = chain > _max ? chain : _max;
            if (_mailboxes.Count > 0 && (Vip || _mailboxes.Count >= options.ManyMailboxes) && s < Severity.Critical) s++;
            return s;
        }
    }
}

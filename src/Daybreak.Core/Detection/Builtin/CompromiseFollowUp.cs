using Daybreak.Events;

namespace Daybreak.Detection.Builtin;

/// <summary>
/// Follows a compromised sign-in into the mailbox: after a detection decides a user's session or IP is the attacker's,
/// the first Unified Audit Log record of each operation by that user from that IP or on that session within the follow-up window is
/// raised too, so what the attacker did next is evidence of the same finding rather than an unlabelled read.
/// </summary>
internal sealed class CompromiseFollowUp(TimeSpan window)
{
    private sealed record Marker(string? Ip, string? Session, DateTime Until, AuditEvent Trigger)
    {
        public readonly HashSet<string> Operations = new(StringComparer.OrdinalIgnoreCase);
    }

    private readonly EntityTable<List<Marker>> _marks = new(window, () => []);

    public void Mark(AuditEvent trigger, string? session)
    {
        if (trigger.Actor.Upn is not { } upn) return;
        _marks.Touch(upn.ToLowerInvariant(), trigger.Time).Add(new Marker(trigger.Network.Ip, session?.ToLowerInvariant(), EventTimes.Plus(trigger.Time, window), trigger.WithoutRaw()));
    }

    /// <summary>The trigger this UAL record follows, once per mark and operation; null when it follows none.</summary>
    public AuditEvent? Match(AuditEvent evt)
    {
        if (evt.Source != SourceKind.Ual) return null;
        var upn = (evt.Actor.Upn ?? evt.Mail?.MailboxOwnerUpn)?.ToLowerInvariant();
        if (upn is null || _marks.Peek(upn) is not { Count: > 0 } marks) return null;
        var session = evt.Auth.SessionId?.ToLowerInvariant();
        for (var i = 0; i < marks.Count; i++)
        {
            var m = marks[i];
            if (evt.Time > m.Until) { marks.RemoveAt(i--); continue; }
            if (evt.Time < m.Trigger.Time) continue;
            if ((m.Ip is not null && m.Ip == evt.Network.Ip) || (m.Session is not null && m.Session == session))
            {
                return m.Operations.Add(evt.Operation) ? m.Trigger : null;
            }
        }
        return null;
    }
}

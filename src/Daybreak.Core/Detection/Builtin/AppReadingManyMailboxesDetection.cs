using Daybreak.Events;

namespace Daybreak.Detection.Builtin;

/// <summary>
/// One application reading many mailboxes: distinct mailbox owners per app (ClientAppId, else AppId; Outlook excluded)
/// over a sliding window of days, against a per-app baseline learned in the first days of data (a backup or CRM app
/// reads many mailboxes by design). Raised once per app per window.
/// </summary>
public sealed class AppReadingManyMailboxesDetection : IDetection
{
    private static readonly string[] Techniques = ["T1114.002"];

    private readonly AppReadingManyMailboxesDetectionOptions _o;
    private readonly MailReaders _readers;
    private readonly EntityTable<AppState> _apps;
    private DateTime? _firstEvent;

    public AppReadingManyMailboxesDetection(AppReadingManyMailboxesDetectionOptions? options = null)
    {
        _o = options ?? new AppReadingManyMailboxesDetectionOptions();
        _o.Validate();
        _readers = new MailReaders(_o.ExcludedApps);
        _apps = new EntityTable<AppState>(_o.Window + _o.LearningPeriod, () => new AppState());
    }

    public string Name => "app-reading-many-mailboxes";

    private sealed class AppState
    {
        public readonly Dictionary<string, AuditEvent> LastRead = new(StringComparer.Ordinal); // owner -> latest read
        public readonly HashSet<string> Learned = new(StringComparer.Ordinal);
        public bool Established;
        public DateTime AlertedUntil = DateTime.MinValue;
    }

    public void Observe(AuditEvent evt, IAlertSink alerts)
    {
        _firstEvent ??= evt.Time;
        if (!MailReaders.IsMailRead(evt) || _readers.AppKey(evt) is not { } app || MailReaders.Owner(evt) is not { } owner) return;
        var learning = evt.Time - _firstEvent < _o.LearningPeriod;
        var s = _apps.Touch(app, evt.Time);
        if (learning)
        {
            s.Established = true;
            s.Learned.Add(owner);
        }
        s.LastRead[owner] = evt.WithoutRaw();
        if (learning || evt.Time < s.AlertedUntil) return;
        var from = EventTimes.Minus(evt.Time, _o.Window);
        foreach (var stale in s.LastRead.Where(kv => kv.Value.Time < from).Select(kv => kv.Key).ToList()) s.LastRead.Remove(stale);
        var threshold = s.Established ? Math.Max(_o.MinMailboxes, (int)Math.Ceiling(s.Learned.Count * _o.BaselineMultiplier)) : _o.MinMailboxes;
        if (s.LastRead.Count < threshold) return;
        s.AlertedUntil = EventTimes.Plus(evt.Time, _o.Window);
        alerts.Raise(BuiltinAlert.Create(Name, "One application reading many mailboxes", Severity.High, Techniques, evt, s.LastRead.Values,
            $"Application {app} read {s.LastRead.Count} mailboxes within {_o.Window.TotalDays:0.#} days " +
            $"({(s.Established ? $"baseline {s.Learned.Count} in the learning period" : "not seen reading mail in the learning period")}): " +
            $"{string.Join(", ", s.LastRead.Keys.Order().Take(20))}."));
    }

    public void Flush(IAlertSink alerts)
    {
    }
}

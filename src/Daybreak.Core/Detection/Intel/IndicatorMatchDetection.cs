using Daybreak.Events;

namespace Daybreak.Detection.Intel;

/// <summary>
/// Raises an alert when an event's client IP, app id, acting UPN or UPN domain matches an imported indicator.
/// Matches are grouped per indicator and UTC day, so a bad IP behind ten thousand sign-ins is one alert a day with
/// all its evidence, not ten thousand alerts. A day's group is raised once event time has moved past that day (or
/// at the end of input), so bulk and streaming runs raise the same alerts.
/// </summary>
public sealed class IndicatorMatchDetection(IndicatorSet indicators) : IDetection
{
    public const string RuleId = "builtin.intel-indicator-match";

    /// <summary>Evidence kept per alert; the count of further matches is still given in the description.</summary>
    public const int MaxEvidence = 1000;

    private readonly SortedDictionary<(DateTime Day, string Key), Group> _open = [];

    public string Name => "intel-indicator-match";

    public void Observe(AuditEvent evt, IAlertSink alerts)
    {
        if (indicators.IsEmpty) return;
        RaiseBefore(evt.Time.Date, alerts);
        foreach (var indicator in Matches(evt))
        {
            var key = (evt.Time.Date, indicator.Kind.Name() + "\n" + indicator.Value + "\n" + indicator.Id);
            if (!_open.TryGetValue(key, out var group)) _open[key] = group = new Group(indicator);
            group.Add(evt);
        }
    }

    public void Flush(IAlertSink alerts) => RaiseBefore(DateTime.MaxValue, alerts);

    private IEnumerable<Indicator> Matches(AuditEvent evt)
    {
        var found = new List<Indicator>();
        found.AddRange(indicators.Match(IndicatorKind.Ip, evt.Network.Ip, evt.Time));
        found.AddRange(indicators.Match(IndicatorKind.App, evt.Actor.AppId, evt.Time));
        if (evt.Mail is { } mail)
        {
            found.AddRange(indicators.Match(IndicatorKind.App, mail.ClientAppId, evt.Time));
            found.AddRange(indicators.Match(IndicatorKind.App, mail.AppId, evt.Time));
        }
        found.AddRange(indicators.Match(IndicatorKind.Upn, evt.Actor.Upn, evt.Time));
        if (evt.Actor.Upn is { } upn && upn.LastIndexOf('@') is var at and >= 0)
            found.AddRange(indicators.Match(IndicatorKind.Domain, upn[(at + 1)..], evt.Time));
        return found.Distinct();
    }

    private void RaiseBefore(DateTime day, IAlertSink alerts)
    {
        while (_open.Count > 0)
        {
            var first = _open.First();
            if (first.Key.Day >= day) return;
            _open.Remove(first.Key);
            alerts.Raise(first.Value.ToAlert());
        }
    }

    private sealed class Group(Indicator indicator)
    {
        private readonly List<string> _evidence = [];
        private readonly AlertEntities _entities = new();
        private DateTime _first = DateTime.MaxValue;
        private DateTime _last = DateTime.MinValue;
        private long _count;

        public void Add(AuditEvent evt)
        {
            _count++;
            if (_evidence.Count < MaxEvidence) _evidence.Add(evt.RecordId);
            EntityExtractor.AddTo(_entities, evt);
            if (evt.Time < _first) _first = evt.Time;
            if (evt.Time > _last) _last = evt.Time;
        }

        public Alert ToAlert()
        {
            var what = indicator.Kind switch
            {
                IndicatorKind.Ip => "IP address",
                IndicatorKind.App => "application id",
                IndicatorKind.Upn => "user",
                _ => "domain",
            };
            var context = string.IsNullOrWhiteSpace(indicator.Description) ? "" : $" ({indicator.Description.Trim()})";
            var more = _count > _evidence.Count ? $"; {_count - _evidence.Count} further matching records not listed" : "";
            return new Alert
            {
                Rule = RuleId,
                Title = $"Activity matches a threat-intel indicator: {what} {indicator.Value}",
                Severity = Severity.High,
                Time = _last,
                FirstSeen = _first,
                Entities = _entities,
                Evidence = _evidence,
                Description = $"{_count} record(s) match indicator {indicator.Id} from {indicator.Source}{context}{more}.",
            };
        }
    }
}

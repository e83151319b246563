using Daybreak.Events;

namespace Daybreak.Detection.Builtin;

/// <summary>
/// A VIP mailbox (configured UPNs or file, or a UPN whose words name a leader, legal or security role) read by someone
/// other than its owner: another user (delegate access) or an application. Readers established in the learning period
/// (assistants, the backup app) stay silent. Raised once per reader and mailbox.
/// </summary>
public sealed class VipMailboxAccessDetection : IDetection
{
    private static readonly string[] Techniques = ["T1114.002"];
    private static readonly char[] WordSeparators = ['.', '_', '-', '+'];

    private readonly VipMailboxAccessDetectionOptions _o;
    private readonly HashSet<string> _vips;
    private readonly HashSet<string> _hints;
    private readonly MailReaders _readers;
    private readonly HashSet<string> _learned = new(StringComparer.Ordinal);
    private readonly SeenTexts _raised;
    private DateTime? _firstEvent;

    public VipMailboxAccessDetection(VipMailboxAccessDetectionOptions? options = null)
    {
        _o = options ?? new VipMailboxAccessDetectionOptions();
        _o.Validate();
        var fromFile = _o.VipFile is null ? [] : File.ReadLines(_o.VipFile).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'));
        _vips = new HashSet<string>(_o.VipMailboxes.Concat(fromFile).Select(v => v.Trim().ToLowerInvariant()), StringComparer.Ordinal);
        _hints = new HashSet<string>(_o.VipNameHints.Select(h => h.ToLowerInvariant()), StringComparer.Ordinal);
        _readers = new MailReaders(_o.ExcludedApps);
        _raised = new SeenTexts(_o.RememberPairFor);
    }

    public string Name => "vip-mailbox-access";

    /// <summary>True when <paramref name="upn"/> is a configured VIP or its local part carries a VIP word.</summary>
    public bool IsVip(string upn)
    {
        var u = upn.ToLowerInvariant();
        if (_vips.Contains(u)) return true;
        return u.Split('@')[0].Split(WordSeparators, StringSplitOptions.RemoveEmptyEntries).Any(_hints.Contains);
    }

    public void Observe(AuditEvent evt, IAlertSink alerts)
    {
        _firstEvent ??= evt.Time;
        if (!MailReaders.IsMailRead(evt) || evt.Mail!.MailboxOwnerUpn is not { } ownerUpn) return;
        var owner = ownerUpn.ToLowerInvariant();
        var app = _readers.AppKey(evt);
        var user = evt.Actor.Upn?.ToLowerInvariant();
        var reader = app is not null ? "app:" + app : user is not null && user != owner ? "user:" + user : null;
        if (reader is null) return;
        var pair = reader + "|" + owner;
        if (evt.Time - _firstEvent < _o.LearningPeriod)
        {
            _learned.Add(pair);
            return;
        }
        if (_learned.Contains(pair) || !IsVip(owner) || _raised.IsLive(pair, evt.Time)) return;
        _raised.Touch(pair, evt.Time);
        alerts.Raise(BuiltinAlert.Create(Name, "VIP mailbox read by someone other than its owner", Severity.High, Techniques, evt, [],
            $"Mailbox {owner} was read by {(app is not null ? "application " + app : "user " + user)} from {evt.Network.Ip} ({evt.Mail.AccessType}); " +
            "this reader was not seen on this mailbox before."));
    }

    public void Flush(IAlertSink alerts)
    {
    }
}

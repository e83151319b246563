using Daybreak.Events;

namespace Daybreak.Detection.Builtin;

/// <summary>
/// An application reading mail (MailItemsAccessed through EWS or Graph) that was never seen reading mail before, keyed
/// on ClientAppId, else AppId; Outlook in its desktop, web and mobile forms is excluded. Apps seen in the learning
/// period are the baseline. Raised once per app, on its first read.
/// </summary>
public sealed class NewMailReaderAppDetection : IDetection
{
    private static readonly string[] Techniques = ["T1114.002", "T1550.001"];

    private readonly NewMailReaderAppDetectionOptions _o;
    private readonly MailReaders _readers;
    private readonly SeenTexts _known;
    private DateTime? _firstEvent;

    public NewMailReaderAppDetection(NewMailReaderAppDetectionOptions? options = null)
    {
        _o = options ?? new NewMailReaderAppDetectionOptions();
        _o.Validate();
        _readers = new MailReaders(_o.ExcludedApps);
        _known = new SeenTexts(_o.RememberReaderFor);
    }

    public string Name => "new-mail-reader-app";

    public void Observe(AuditEvent evt, IAlertSink alerts)
    {
        _firstEvent ??= evt.Time;
        if (!MailReaders.IsMailRead(evt) || _readers.AppKey(evt) is not { } app) return;
        var known = _known.IsLive(app, evt.Time);
        _known.Touch(app, evt.Time);
        if (known || evt.Time - _firstEvent < _o.LearningPeriod) return;
        var mail = evt.Mail!;
        var via = mail.ClientInfoString?.Contains("WebServices", StringComparison.OrdinalIgnoreCase) == true ? "EWS"
            : mail.AppId == "00000003-0000-0000-c000-000000000000" ? "Microsoft Graph" : mail.ClientInfoString ?? "unknown client";
        alerts.Raise(BuiltinAlert.Create(Name, "Application reading mail for the first time", Severity.High, Techniques, evt, [],
            $"Application {app} read {mail.AccessType ?? "items of"} mailbox {mail.MailboxOwnerUpn} through {via} from {evt.Network.Ip}; " +
            $"it was not seen reading mail in the {(evt.Time - _firstEvent.Value).TotalDays:0.#} days of data before."));
    }

    public void Flush(IAlertSink alerts)
    {
    }
}

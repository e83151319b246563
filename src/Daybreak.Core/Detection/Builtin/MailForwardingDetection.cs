using Daybreak.Events;

namespace Daybreak.Detection.Builtin;

/// <summary>
/// Mail forwarded outside the tenant: an inbox rule with ForwardTo / ForwardAsAttachmentTo / RedirectTo, or Set-Mailbox
/// ForwardingSmtpAddress / ForwardingAddress, to an address whose domain is not one of the tenant's (configured, or
/// learned from the UPNs in the data). Forwarding to a colleague is ordinary and stays silent unless asked for.
/// </summary>
public sealed class MailForwardingDetection : IDetection
{
    private static readonly string[] Techniques = ["T1114.003"];

    private readonly MailForwardingDetectionOptions _o;
    private readonly HashSet<string> _domains;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _domainLookup;
    private readonly HashSet<string> _operations;
    private readonly HashSet<string> _parameters;
    // The latest successful sign-in per user and IP, for a day: evidence for a forwarding rule made in that session.
    private readonly KeptSignInTable _lastSignIn = new(TimeSpan.FromHours(24));
    private readonly KeptSignInTable.UserNumbers _names = new();

    public MailForwardingDetection(MailForwardingDetectionOptions? options = null)
    {
        _o = options ?? new MailForwardingDetectionOptions();
        _o.Validate();
        _domains = new HashSet<string>(_o.InternalDomains.Select(d => d.Trim().ToLowerInvariant()), StringComparer.Ordinal);
        _domainLookup = _domains.GetAlternateLookup<ReadOnlySpan<char>>();
        _operations = new HashSet<string>(_o.Operations, StringComparer.OrdinalIgnoreCase);
        _parameters = new HashSet<string>(_o.ForwardingParameters, StringComparer.OrdinalIgnoreCase);
    }

    public string Name => "mail-forwarding";

    public void Observe(AuditEvent evt, IAlertSink alerts)
    {
        // The tenant's domains are the domains its own accounts sign in with; a handful, so the set stays small.
        if (evt.Actor.Upn is { } upn && upn.IndexOf('@') is var at and > 0 && (evt.Source == SourceKind.SignIn || evt.Source == SourceKind.Ual && evt.Mail is not null))
            AddDomain(upn.AsSpan(at + 1));
        if (SignIns.IsUserSignIn(evt) && SignIns.IsSuccess(evt) && evt.Actor.Upn is { } who && evt.Network.Ip is { } from)
            KeepSignIn(who, from, evt);
        if (evt.Source != SourceKind.Ual || !_operations.Contains(evt.Operation) || evt.Outcome.Status == OutcomeStatus.Failure) return;
        var destinations = evt.Targets.SelectMany(t => t.ModifiedProperties)
            .Where(p => _parameters.Contains(p.Name) && !Json.IsEmpty(p.NewValue))
            .SelectMany(p => Addresses(p.NewValue!).Select(a => (p.Name, Address: a)))
            .ToList();
        if (destinations.Count == 0) return;
        var external = destinations.Where(d => IsExternal(d.Address)).ToList();
        if (external.Count == 0 && !_o.AlertOnInternalForwarding) return;
        var shown = external.Count > 0 ? external : destinations;
        alerts.Raise(BuiltinAlert.Create(Name, external.Count > 0 ? "Mail forwarded to an external address" : "Mail forwarded to an internal address",
            external.Count > 0 ? Severity.High : Severity.Low, Techniques, evt, SignInBefore(evt),
            $"{evt.Operation} by {evt.Actor.Upn ?? evt.Actor.DisplayName} from {evt.Network.Ip} forwards mail to " +
            $"{string.Join(", ", shown.Select(d => $"{d.Address} ({d.Name})"))}."));
    }

    public void Flush(IAlertSink alerts)
    {
    }

    /// <summary>Adds a domain the tenant signs in with. Asked on every sign-in and mail record, and all but the first of
    /// each domain are known: looked up as a span, lower-cased into a string only when new.</summary>
    private void AddDomain(ReadOnlySpan<char> domain)
    {
        Span<char> lower = domain.Length <= 256 ? stackalloc char[domain.Length] : new char[domain.Length];
        domain.ToLowerInvariant(lower);
        if (!_domainLookup.Contains(lower)) _domains.Add(lower.ToString());
    }

    /// <summary>Keeps the user's latest successful sign-in from the IP (see <see cref="KeyOf"/>).</summary>
    private void KeepSignIn(string upn, string ip, AuditEvent evt)
    {
        Span<char> buffer = stackalloc char[256];
        _lastSignIn.Set(KeyOf(upn, ip, buffer), evt, evt.Time, _names);
    }

    /// <summary>The sign-in that opened the session the change was made in (same user, same IP, within a day): the compromised sign-in, as evidence.</summary>
    private AuditEvent[] SignInBefore(AuditEvent evt)
    {
        if (evt.Actor.Upn is not { } upn || evt.Network.Ip is not { } ip) return [];
        Span<char> buffer = stackalloc char[256];
        var kept = _lastSignIn.Peek(KeyOf(upn, ip, buffer));
        return kept >= 0 && evt.Time - _lastSignIn.TimeOf(kept) <= TimeSpan.FromHours(24) ? [_lastSignIn.ToEvent(kept)] : [];
    }

    /// <summary>"upn|ip", the UPN lower-cased, composed in <paramref name="buffer"/> when it fits (no string per sign-in).</summary>
    private static ReadOnlySpan<char> KeyOf(string upn, string ip, Span<char> buffer)
    {
        var length = upn.Length + 1 + ip.Length;
        var key = length <= buffer.Length ? buffer[..length] : new char[length];
        upn.AsSpan().ToLowerInvariant(key);
        key[upn.Length] = '|';
        ip.AsSpan().CopyTo(key[(upn.Length + 1)..]);
        return key;
    }

    private bool IsExternal(string address)
    {
        var at = address.LastIndexOf('@');
        if (at < 0) return false; // a recipient object name: resolved inside the tenant
        var domain = address[(at + 1)..].Trim().TrimEnd('>').ToLowerInvariant();
        return !_domains.Any(d => domain == d || domain.EndsWith("." + d, StringComparison.Ordinal));
    }

    private static IEnumerable<string> Addresses(string value) =>
        Json.Unquote(value)!.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(a => a.StartsWith("smtp:", StringComparison.OrdinalIgnoreCase) ? a[5..] : a)
            .Select(a => a.Trim('"', '[', ']', ' '));
}

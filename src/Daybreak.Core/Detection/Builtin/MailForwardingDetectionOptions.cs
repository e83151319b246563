namespace Daybreak.Detection.Builtin;

/// <summary>Tuning of <see cref="MailForwardingDetection"/>.</summary>
public sealed class MailForwardingDetectionOptions
{
    /// <summary>The tenant's own mail domains. Domains of the UPNs seen in the data are added as they appear.</summary>
    public IReadOnlyList<string> InternalDomains { get; init; } = [];

    /// <summary>Also raise (Low) on forwarding to internal addresses.</summary>
    public bool AlertOnInternalForwarding { get; init; }

    /// <summary>Exchange cmdlets and Outlook operations that set forwarding.</summary>
    public IReadOnlyList<string> Operations { get; init; } = ["New-InboxRule", "Set-InboxRule", "UpdateInboxRules", "Set-Mailbox", "New-TransportRule", "Set-TransportRule"];

    /// <summary>Parameters that carry a forwarding destination.</summary>
    public IReadOnlyList<string> ForwardingParameters { get; init; } =
        ["ForwardTo", "ForwardAsAttachmentTo", "RedirectTo", "ForwardingSmtpAddress", "ForwardingAddress", "BlindCopyTo", "RedirectMessageTo"];

    internal void Validate()
    {
        if (Operations.Count == 0) throw new ArgumentException("Operations must not be empty", nameof(Operations));
        if (ForwardingParameters.Count == 0) throw new ArgumentException("ForwardingParameters must not be empty", nameof(ForwardingParameters));
    }
}

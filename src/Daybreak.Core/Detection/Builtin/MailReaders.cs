using Daybreak.Events;

namespace Daybreak.Detection.Builtin;

/// <summary>Which application read mail in a MailItemsAccessed record, Microsoft's own mail clients aside.</summary>
internal sealed class MailReaders(IEnumerable<string> excludedApps)
{
    private readonly HashSet<string> _excluded = new(excludedApps.Select(a => a.ToLowerInvariant()), StringComparer.Ordinal);

    public static bool IsMailRead(AuditEvent evt) =>
        evt.Mail is not null && evt.Source == SourceKind.Ual && evt.Operation.Equals("MailItemsAccessed", StringComparison.OrdinalIgnoreCase);

    /// <summary>ClientAppId (the calling app: the attacker's in an app-only read through Graph), else AppId; null for Microsoft's mail clients.</summary>
    public string? AppKey(AuditEvent evt)
    {
        var mail = evt.Mail!;
        var key = (mail.ClientAppId ?? mail.AppId)?.Trim().ToLowerInvariant();
        return key is null or "" || _excluded.Contains(key) ? null : key;
    }

    public static string? Owner(AuditEvent evt) => evt.Mail?.MailboxOwnerUpn?.Trim().ToLowerInvariant() ?? evt.Mail?.MailboxGuid?.ToLowerInvariant();
}

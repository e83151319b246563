using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Daybreak.Correlation;
using Daybreak.Scoping;

namespace Daybreak.Response.Notices;

/// <summary>
/// One notice per mailbox owner of an incident's blast radius: what was read (counts, messages, folders synced,
/// windows where Exchange stopped listing items), when, by which app, and the external correspondents of the
/// messages read where a message trace gives them.
/// </summary>
public sealed class NoticeBuilder(NoticeTemplates templates, NoticeOptions options)
{
    public const string NotAvailable = "not available in these logs";

    public IReadOnlyList<Notice> Build(Incident incident, IReadOnlyDictionary<string, string> appNames)
    {
        var internalDomains = new HashSet<string>(options.InternalDomains, StringComparer.OrdinalIgnoreCase);
        foreach (var m in incident.BlastRadius.Mailboxes) if (Domain(m.Owner) is { } d) internalDomains.Add(d);
        return incident.BlastRadius.Mailboxes
            .Where(m => !string.IsNullOrWhiteSpace(m.Owner))
            .OrderBy(m => m.Owner, StringComparer.Ordinal)
            .Select(m => Build(incident, m, appNames, internalDomains)).ToList();
    }

    private Notice Build(Incident incident, MailboxExposure m, IReadOnlyDictionary<string, string> appNames, HashSet<string> internalDomains)
    {
        var values = Values(incident, m, appNames, internalDomains);
        string Text(string name) => string.Join("\n", values[name].Select(v => SafeText.Plain(v, 1000)));
        string Html(string name) => values[name] switch
        {
            { Count: 1 } one => SafeText.Html(one[0], 1000),
            var many => "<ul>" + string.Concat(many.Select(v => "<li>" + SafeText.Html(v, 1000) + "</li>")) + "</ul>",
        };
        string TextList(string name) => values[name] switch
        {
            { Count: 1 } one => SafeText.Plain(one[0], 1000),
            var many => string.Join("\n", many.Select(v => "  - " + SafeText.Plain(v, 1000))),
        };
        var subject = NoticeTemplates.Render(templates.Subject, n => SafeText.Plain(string.Join(", ", values[n]), 200)).ReplaceLineEndings(" ").Trim();
        var text = NoticeTemplates.Render(templates.Text, n => ListNames.Contains(n) ? TextList(n) : Text(n));
        var html = NoticeTemplates.Render(templates.Html, Html);
        return new Notice(incident.Id, m.Owner.Trim().ToLowerInvariant(), subject, text, html, MessageId(incident.Id, m.Owner));
    }

    private static readonly HashSet<string> ListNames = ["folders_synced", "unknown_windows", "messages", "apps", "external_correspondents"];

    private Dictionary<string, List<string>> Values(Incident incident, MailboxExposure m, IReadOnlyDictionary<string, string> appNames, HashSet<string> internalDomains)
    {
        var messages = new List<string>();
        foreach (var id in m.MessageIds.Take(options.MaxMessagesListed))
        {
            var subject = options.Metadata?.GetValueOrDefault(id)?.Subject;
            messages.Add(string.IsNullOrWhiteSpace(subject) ? id : $"\"{subject}\" {id}");
        }
        if (m.MessageIds.Count > options.MaxMessagesListed) messages.Add($"and {m.MessageIds.Count - options.MaxMessagesListed:N0} more");
        if (messages.Count == 0) messages.Add(m.FoldersSynced.Count > 0 ? "no individual messages logged; see the folders synced" : "no individual messages logged");

        return new Dictionary<string, List<string>>(StringComparer.Ordinal)
        {
            ["recipient"] = [m.Owner],
            ["incident_id"] = [incident.Id],
            ["incident_title"] = [incident.Title],
            ["first_access"] = [Time(m.FirstAccess)],
            ["last_access"] = [Time(m.LastAccess)],
            ["message_count"] = [m.MessageIds.Count.ToString("N0", CultureInfo.InvariantCulture)],
            ["operations"] = [m.Operations.ToString("N0", CultureInfo.InvariantCulture)],
            ["size"] = [m.Bytes > 0 ? Size(m.Bytes) : "not logged"],
            ["folders_synced"] = m.FoldersSynced.Count > 0 ? m.FoldersSynced.Select(f => f + " (the whole folder)").ToList() : ["none"],
            ["unknown_windows"] = m.UnknownWindows.Count > 0
                ? m.UnknownWindows.Select(w => $"{Time(w.From)} to {Time(w.To)}: mail was accessed, but Exchange did not log which items").ToList()
                : ["none"],
            ["messages"] = messages,
            ["apps"] = m.Via.Count > 0 ? m.Via.Select(a => appNames.TryGetValue(a, out var n) ? $"{n} (app id {a})" : $"app id {a}").ToList() : ["not logged"],
            ["external_correspondents"] = Correspondents(m, internalDomains),
            ["contact"] = [options.Contact],
            ["organisation"] = [options.Organisation],
        };
    }

    private List<string> Correspondents(MailboxExposure m, HashSet<string> internalDomains)
    {
        if (options.Metadata is not { Count: > 0 } meta) return [NotAvailable];
        var known = m.MessageIds.Select(id => meta.GetValueOrDefault(id)).OfType<MessageMetadata>().ToList();
        if (known.Count == 0) return [NotAvailable];
        var external = known.SelectMany(k => k.Recipients.Append(k.Sender ?? ""))
            .Where(a => Domain(a) is { } d && !internalDomains.Contains(d))
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        var note = known.Count < m.MessageIds.Count || m.FoldersSynced.Count > 0
            ? $" (from {known.Count:N0} of the messages read; the others are {NotAvailable})" : "";
        return external.Count == 0 ? ["none" + note] : note.Length > 0 ? [.. external, note.Trim()] : external;
    }

    private static string? Domain(string address)
    {
        var at = address.LastIndexOf('@');
        return at > 0 && at < address.Length - 1 ? address[(at + 1)..].Trim().ToLowerInvariant() : null;
    }

    private static string Time(DateTime t) => t == default ? "unknown" : t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes / (1024.0 * 1024):0.#} MB",
    };

    /// <summary>A stable Message-ID per incident and recipient, so a resend after a crash is recognisable as the same message.</summary>
    private static string MessageId(string incident, string owner)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(incident + "\n" + owner.ToLowerInvariant())).AsSpan(0, 12));
        return $"{hash}.notice@daybreak.invalid";
    }
}

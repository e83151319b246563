using System.Globalization;
using System.Text;
using System.Text.Json;
using Daybreak.Cli.Infrastructure;
using Daybreak.Cli.Output;
using Daybreak.Response.Containment;
using Daybreak.Response.Graph;
using Daybreak.Response.Notices;
using Daybreak.Storage;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Daybreak.Cli.Commands;

/// <summary>
/// <c>daybreak notify INCIDENT</c>: one notice per mailbox owner of the incident's blast radius. <c>--preview</c>
/// writes drafts; <c>--send</c> queues them in the case and delivers the unsent ones over SMTP or Graph sendMail
/// (<c>--via</c>), so a rerun never sends one twice and picks up where a crashed run stopped.
/// </summary>
internal sealed class NotifyCommand(CliEnvironment env) : AsyncCommand<NotifySettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, NotifySettings settings, CancellationToken cancellationToken)
    {
        var templates = NoticeTemplates.Load(settings.Templates);
        SmtpSettings? smtp = settings.Send && settings.Via == "smtp" ? Smtp(settings) : null;
        smtp?.Validate();
        var graphOptions = settings.Send && settings.Via == "graph" ? GraphConnection.Options(settings, env.Time) : null;
        graphOptions?.Validate();
        using var store = settings.Send ? CaseStore.Open(settings.Db, env.Time) : CaseStore.OpenReadOnly(settings.Db);
        var incident = FindingsStore.Find(store, settings.Incident)
            ?? throw new ArgumentException($"no incident '{settings.Incident}' in the case (run 'daybreak hunt', then see its incidents)");
        var evidence = IncidentEvidence.From(EvidenceEvents.For(store, incident));
        var names = new Dictionary<string, string>(evidence.AppNames, StringComparer.OrdinalIgnoreCase);
        foreach (var (id, name) in EvidenceEvents.AppNames(store, incident.BlastRadius.Mailboxes.SelectMany(m => m.Via))) names.TryAdd(id, name);
        var builder = new NoticeBuilder(templates, new NoticeOptions
        {
            Contact = settings.Contact,
            Organisation = settings.Organisation,
            InternalDomains = new HashSet<string>(settings.InternalDomains, StringComparer.OrdinalIgnoreCase),
            Metadata = settings.MessageTrace is null ? null : MessageTraceCsv.Read(settings.MessageTrace),
        });
        var notices = builder.Build(incident, names);
        if (notices.Count == 0)
        {
            env.Out.WriteLine($"Incident {TerminalText.Safe(incident.Id)} reached no mailbox: no notices.");
            return ExitCodes.Completed;
        }
        if (settings.Preview)
        {
            WriteDrafts(settings.Out!, notices);
            return ExitCodes.Completed;
        }

        using var http = graphOptions is not null ? GraphConnection.Http() : null;
        await using INoticeTransport transport = graphOptions is not null
            ? new GraphNoticeTransport(new GraphClient(http!, GraphConnection.Token(settings, graphOptions.GraphUrl), new ActionLedger(store), graphOptions), GraphSender(settings))
            : new SmtpNoticeTransport(smtp!);
        var ledger = new NoticeLedger(store);
        var queued = ledger.Queue(notices, env.Time.GetUtcNow().UtcDateTime);
        var unconfirmed = settings.Unconfirmed switch { "resend" => UnconfirmedNotices.Resend, "sent" => UnconfirmedNotices.MarkSent, _ => UnconfirmedNotices.Hold };
        var report = await new NoticeSender(transport, ledger, env.Time, unconfirmed).SendAsync(incident.Id, cancellationToken);
        var states = ledger.States(incident.Id);
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var c in new[] { "recipient", "state", "reason", "sent at" }) table.AddColumn(c);
        foreach (var s in states)
            table.AddRow(TerminalText.Markup(s.Recipient), s.State, TerminalText.Markup(s.Reason ?? "", 200),
                s.SentAt is { } t ? t.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "");
        env.Console.Write(table);
        env.Out.WriteLine($"{queued} queued now, {report.Sent.Count} sent now, {report.Failed.Count} failed, " +
            $"{states.Count(s => s.State == NoticeStates.Unconfirmed)} unconfirmed, {states.Count(s => s.State == NoticeStates.Sent)} of {states.Count} sent in all.");
        if (report.Confirmed > 0) env.Out.WriteLine($"{report.Confirmed} unconfirmed notice(s) marked sent on your word.");
        if (report.Aborted is not null)
            env.Error.WriteLine("daybreak: the run stopped (" + TerminalText.Safe(report.Aborted, 300) + "); run again to send the rest.");
        if (states.Any(s => s.State == NoticeStates.Unconfirmed))
            env.Error.WriteLine("daybreak: unconfirmed notices were handed to the server without a recorded answer and may have been delivered. " +
                $"Look for the header {NoticeHeaders.NoticeId} (their Message-ID) in the sender's Sent Items or the mail server's log, " +
                "then run again with --unconfirmed resend, or --unconfirmed sent if they arrived.");
        return states.All(s => s.State == NoticeStates.Sent) ? ExitCodes.Completed : ExitCodes.ActionsFailed;
    }

    /// <summary>The mailbox Graph sends from: --from, else DAYBREAK_NOTICE_FROM.</summary>
    private static string GraphSender(NotifySettings s) =>
        s.From ?? (Environment.GetEnvironmentVariable("DAYBREAK_NOTICE_FROM") is { Length: > 0 } v ? v : null)
        ?? throw new ArgumentException("give the mailbox that sends the notices (--from or DAYBREAK_NOTICE_FROM)");

    private static SmtpSettings Smtp(NotifySettings s)
    {
        static string? Env(string name) => Environment.GetEnvironmentVariable("DAYBREAK_SMTP_" + name) is { Length: > 0 } v ? v : null;
        var port = s.SmtpPort ?? (Env("PORT") is { } p ? int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
            : throw new ArgumentException("DAYBREAK_SMTP_PORT is not a number") : 587);
        return new SmtpSettings
        {
            Host = s.SmtpHost ?? Env("HOST") ?? "",
            Port = port,
            Tls = s.SmtpTls ?? Env("TLS") ?? "starttls",
            User = s.SmtpUser ?? Env("USER"),
            Password = s.SmtpPassword ?? Env("PASSWORD"),
            From = s.From ?? (Environment.GetEnvironmentVariable("DAYBREAK_NOTICE_FROM") is { Length: > 0 } f ? f : null) ?? Env("FROM") ?? "",
        };
    }

    private void WriteDrafts(string dir, IReadOnlyList<Notice> notices)
    {
        Directory.CreateDirectory(dir);
        using var index = new MemoryStream();
        using (var w = new Utf8JsonWriter(index, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartArray();
            foreach (var n in notices)
            {
                var file = FileName(n.Recipient);
                File.WriteAllText(Path.Combine(dir, file + ".txt"), "Subject: " + n.Subject + "\n\n" + n.Text, new UTF8Encoding(false));
                File.WriteAllText(Path.Combine(dir, file + ".html"), n.Html, new UTF8Encoding(false));
                w.WriteStartObject();
                w.WriteString("recipient", n.Recipient);
                w.WriteString("subject", n.Subject);
                w.WriteString("text", file + ".txt");
                w.WriteString("html", file + ".html");
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        File.WriteAllBytes(Path.Combine(dir, "index.json"), index.ToArray());
        env.Out.WriteLine($"{notices.Count} draft notice(s) written to {TerminalText.Safe(dir)} (nothing sent; review, then run with --send).");
    }

    /// <summary>A recipient as a file name that cannot leave the folder: letters, digits and . _ @ - only.</summary>
    internal static string FileName(string recipient)
    {
        var sb = new StringBuilder();
        foreach (var c in recipient.ToLowerInvariant()) sb.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '@' or '-' ? c : '_');
        var name = sb.ToString().Trim('.');
        return name.Length == 0 ? "recipient" : name.Length > 120 ? name[..120] : name;
    }
}

using Daybreak.Response.Notices;
using Daybreak.Storage;
using MimeKit;
using static Daybreak.Tests.Response.MidnightCase;

namespace Daybreak.Tests.Response;

/// <summary><c>daybreak notify</c>: drafts, delivery to a real SMTP server on loopback, no double sends, resume after a failure.</summary>
public sealed class NotifyTests
{
    private static string[] Send(string db, LocalSmtpServer smtp, params string[] more) =>
        ["notify", IncidentId, "--db", db, "--send", "--smtp-host", "127.0.0.1", "--smtp-port", smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
         "--smtp-tls", "none", "--from", "security@contoso.com", "--contact", "security@contoso.com", .. more];

    [Fact]
    public void Send_delivers_one_notice_per_mailbox_owner_with_both_parts_and_escaped_html()
    {
        using var dir = new TempDir();
        var db = Create(dir);
        var trace = dir.Write("trace.csv", """
            Received,SenderAddress,RecipientAddress,Subject,Status,MessageId
            2023-12-01T10:00:00Z,ceo@contoso.com,counsel@lawfirm.example,Board minutes <draft>,Delivered,<m1@contoso.com>
            2023-12-01T10:00:00Z,ceo@contoso.com,cfo@contoso.com,Board minutes <draft>,Delivered,<m1@contoso.com>
            2023-12-02T10:00:00Z,banker@bank.example,ceo@contoso.com,Q4 numbers,Delivered,<m3@partner.example>
            """);
        using var smtp = new LocalSmtpServer();
        var r = Cli.Run(Send(db, smtp, "--message-trace", trace));
        Assert.True(r.ExitCode == 0, r.Out + r.Error);

        var messages = smtp.Messages;
        Assert.Equal(["ceo@contoso.com", "ciso@contoso.com", "gc@contoso.com"], messages.SelectMany(m => m.To.Mailboxes.Select(a => a.Address)).Order(StringComparer.Ordinal));
        Assert.All(messages, m => Assert.Equal("security@contoso.com", m.From.Mailboxes.Single().Address));
        Assert.All(messages, m => Assert.Equal($"Security notice: your mailbox was accessed without authorisation ({IncidentId})", m.Subject));

        var ceo = messages.Single(m => m.To.Mailboxes.Single().Address == "ceo@contoso.com");
        Assert.NotNull(ceo.TextBody);
        Assert.NotNull(ceo.HtmlBody);
        Assert.Contains("Messages read, identified one by one: 3", ceo.TextBody, StringComparison.Ordinal);
        Assert.Contains("\\Inbox\\Board (the whole folder)", ceo.TextBody, StringComparison.Ordinal);
        Assert.Contains("2023-12-20 02:00 UTC to 2023-12-21 02:00 UTC: mail was accessed, but Exchange did not log which items", ceo.TextBody, StringComparison.Ordinal);
        Assert.Contains("From 2023-12-05 02:00 UTC to 2024-01-09 02:00 UTC.", ceo.TextBody, StringComparison.Ordinal);
        Assert.Contains("\"Board minutes <draft>\" <m1@contoso.com>", ceo.TextBody, StringComparison.Ordinal);
        Assert.Contains("counsel@lawfirm.example", ceo.TextBody, StringComparison.Ordinal);
        Assert.Contains("banker@bank.example", ceo.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("cfo@contoso.com", ceo.TextBody, StringComparison.Ordinal);
        Assert.Contains($"app id {NewApp}", ceo.TextBody, StringComparison.Ordinal);

        // The attacker named its app "<script>...": in the HTML part it is text, never markup.
        Assert.DoesNotContain("<script", ceo.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Mail Archiver", ceo.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&quot;Board minutes &lt;draft&gt;&quot; &lt;m1@contoso.com&gt;", ceo.HtmlBody, StringComparison.Ordinal);
        var gc = messages.Single(m => m.To.Mailboxes.Single().Address == "gc@contoso.com");
        Assert.DoesNotContain("<img", gc.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;x&quot;&gt;&lt;img src=x onerror=alert(1)&gt;@evil&gt;", gc.HtmlBody, StringComparison.Ordinal);
        // No message trace entry for gc's message: said plainly.
        Assert.Contains(NoticeBuilder.NotAvailable, gc.TextBody, StringComparison.Ordinal);

        using var store = CaseStore.OpenReadOnly(db);
        Assert.All(new NoticeLedger(store).States(IncidentId), s => Assert.Equal(("sent", 1), (s.State, s.Attempts)));
    }

    [Fact]
    public void Sending_twice_delivers_one_message_per_recipient()
    {
        using var dir = new TempDir();
        var db = Create(dir);
        using var smtp = new LocalSmtpServer();
        Assert.Equal(0, Cli.Run(Send(db, smtp)).ExitCode);
        var again = Cli.Run(Send(db, smtp));
        Assert.True(again.ExitCode == 0, again.Out + again.Error);
        Assert.Contains("0 queued now, 0 sent now", again.Out, StringComparison.Ordinal);
        Assert.Equal(3, smtp.Messages.Count);
        Assert.Equal(3, smtp.Messages.Select(m => m.To.Mailboxes.Single().Address).Distinct().Count());
    }

    [Fact]
    public void A_server_that_refuses_midway_leaves_failed_notices_that_a_rerun_sends_and_only_those()
    {
        using var dir = new TempDir();
        var db = Create(dir);
        using (var refusing = new LocalSmtpServer(acceptOnly: 1))
        {
            var first = Cli.Run(Send(db, refusing));
            Assert.Equal(4, first.ExitCode);
            Assert.Single(refusing.Messages);
            using var store = CaseStore.OpenReadOnly(db);
            var states = new NoticeLedger(store).States(IncidentId);
            Assert.Equal(["sent", "failed", "failed"], states.Select(s => s.State));
            Assert.All(states.Where(s => s.State == "failed"), s => Assert.Contains("554", s.Reason, StringComparison.Ordinal));
        }
        using var smtp = new LocalSmtpServer();
        var rerun = Cli.Run(Send(db, smtp));
        Assert.True(rerun.ExitCode == 0, rerun.Out + rerun.Error);
        Assert.Equal(["ciso@contoso.com", "gc@contoso.com"], smtp.Messages.Select(m => m.To.Mailboxes.Single().Address).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_crash_after_queueing_resumes_with_the_queued_notices_and_the_same_message_ids()
    {
        using var dir = new TempDir();
        var db = Create(dir);
        string firstMessageId;
        // The state a crash leaves: all queued, the first marked sent, the process gone before the rest.
        using (var store = CaseStore.Open(db))
        {
            var incident = FindingsStore.Find(store, IncidentId)!;
            var notices = new NoticeBuilder(NoticeTemplates.Load(null), new NoticeOptions()).Build(incident, new Dictionary<string, string>());
            var ledger = new NoticeLedger(store);
            Assert.Equal(3, ledger.Queue(notices, T0));
            ledger.MarkSent(IncidentId, notices[0].Recipient, T0);
            firstMessageId = notices[1].MessageId;
        }
        using var smtp = new LocalSmtpServer();
        var r = Cli.Run(Send(db, smtp));
        Assert.True(r.ExitCode == 0, r.Out + r.Error);
        Assert.Equal(["ciso@contoso.com", "gc@contoso.com"], smtp.Messages.Select(m => m.To.Mailboxes.Single().Address).Order(StringComparer.Ordinal));
        Assert.Contains(smtp.Messages, m => m.MessageId == firstMessageId);
    }

    [Fact]
    public void A_notice_a_crash_left_in_sending_is_held_and_sent_again_only_when_asked_with_the_same_ids()
    {
        using var dir = new TempDir();
        var db = Create(dir);
        string cisoId;
        // The state a crash between handing ciso's message to the server and recording the answer leaves.
        using (var store = CaseStore.Open(db))
        {
            var incident = FindingsStore.Find(store, IncidentId)!;
            var notices = new NoticeBuilder(NoticeTemplates.Load(null), new NoticeOptions()).Build(incident, new Dictionary<string, string>());
            var ledger = new NoticeLedger(store);
            ledger.Queue(notices, T0);
            ledger.MarkSending(IncidentId, "ceo@contoso.com", T0);
            ledger.MarkSent(IncidentId, "ceo@contoso.com", T0);
            ledger.MarkSending(IncidentId, "ciso@contoso.com", T0);
            cisoId = notices.Single(n => n.Recipient == "ciso@contoso.com").MessageId;
        }
        using var smtp = new LocalSmtpServer();
        var held = Cli.Run(Send(db, smtp));
        Assert.Equal(4, held.ExitCode);
        Assert.Equal(["gc@contoso.com"], smtp.Messages.Select(m => m.To.Mailboxes.Single().Address));
        Assert.Contains("1 unconfirmed", held.Out, StringComparison.Ordinal);
        Assert.Contains("--unconfirmed resend", held.Error, StringComparison.Ordinal);

        var resent = Cli.Run(Send(db, smtp, "--unconfirmed", "resend"));
        Assert.True(resent.ExitCode == 0, resent.Out + resent.Error);
        var ciso = smtp.Messages.Single(m => m.To.Mailboxes.Single().Address == "ciso@contoso.com");
        Assert.Equal(cisoId, ciso.MessageId);
        Assert.Equal(cisoId, ciso.Headers["X-Daybreak-Notice"]);
        Assert.Equal(2, smtp.Messages.Count);
        using var check = CaseStore.OpenReadOnly(db);
        Assert.Equal(("sent", 2), new NoticeLedger(check).States(IncidentId).Where(s => s.Recipient == "ciso@contoso.com").Select(s => (s.State, s.Attempts)).Single());
    }

    [Fact]
    public void Preview_writes_text_and_html_drafts_and_sends_nothing()
    {
        using var dir = new TempDir();
        var db = Create(dir);
        var outDir = dir.File("drafts");
        var r = Cli.Run("notify", IncidentId, "--db", db, "--preview", "--out", outDir);
        Assert.True(r.ExitCode == 0, r.Out + r.Error);
        Assert.Equal(["ceo@contoso.com.html", "ceo@contoso.com.txt", "ciso@contoso.com.html", "ciso@contoso.com.txt", "gc@contoso.com.html", "gc@contoso.com.txt", "index.json"],
            Directory.GetFiles(outDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var ceo = File.ReadAllText(Path.Combine(outDir, "ceo@contoso.com.txt"));
        Assert.StartsWith("Subject: Security notice", ceo, StringComparison.Ordinal);
        Assert.Contains(NoticeBuilder.NotAvailable, ceo, StringComparison.Ordinal); // no message trace given
        Assert.DoesNotContain("<script", File.ReadAllText(Path.Combine(outDir, "ceo@contoso.com.html")), StringComparison.OrdinalIgnoreCase);
        using var store = CaseStore.OpenReadOnly(db);
        Assert.Equal(0L, Convert.ToInt64(store.Query("SELECT count(*) FROM notices").Rows[0][0])); // preview queues nothing
    }

    [Fact]
    public void Edited_templates_are_used_and_unknown_placeholders_are_refused()
    {
        using var dir = new TempDir();
        var db = Create(dir);
        dir.Write("t/subject.txt", "Notice {{incident_id}}");
        dir.Write("t/notice.txt", "{{recipient}}: {{message_count}} read via {{apps}}");
        dir.Write("t/notice.html", "<p>{{apps}}</p>");
        var r = Cli.Run("notify", IncidentId, "--db", db, "--preview", "--out", dir.File("o"), "--templates", dir.File("t"));
        Assert.True(r.ExitCode == 0, r.Out + r.Error);
        Assert.Equal($"Subject: Notice {IncidentId}\n\nceo@contoso.com: 3 read via app id {NewApp}".Replace("app id", "<script>alert('x')</script> Mail Archiver (app id", StringComparison.Ordinal) + ")",
            File.ReadAllText(dir.File("o/ceo@contoso.com.txt")));
        Assert.Equal("<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Mail Archiver (app id " + NewApp + ")</p>", File.ReadAllText(dir.File("o/ceo@contoso.com.html")));

        dir.Write("t/notice.html", "<p>{{secret_token}}</p>");
        var bad = Cli.Run("notify", IncidentId, "--db", db, "--preview", "--out", dir.File("o2"), "--templates", dir.File("t"));
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("secret_token", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Send_without_a_host_or_sender_is_a_usage_error()
    {
        using var dir = new TempDir();
        var db = Create(dir);
        var r = Cli.Run("notify", IncidentId, "--db", db, "--send", "--from", "security@contoso.com");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("SMTP host", r.Error, StringComparison.Ordinal);
    }
}

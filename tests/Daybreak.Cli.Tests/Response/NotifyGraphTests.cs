using System.Diagnostics;
using Daybreak.Response.Notices;
using Daybreak.Storage;
using static Daybreak.Tests.Response.MidnightCase;

namespace Daybreak.Tests.Response;

/// <summary>
/// <c>daybreak notify --send --via graph</c>: notices through sendMail on the local Graph, with the same ledger
/// guarantees as SMTP: each delivered once, refusals recorded with Graph's code and message, resumable after a crash.
/// </summary>
public sealed class NotifyGraphTests
{
    private const string Sender = "security@contoso.com";
    private static readonly string[] Recipients = ["ceo@contoso.com", "ciso@contoso.com", "gc@contoso.com"];

    private static string[] Send(string db, LocalGraphServer graph, params string[] more) =>
        ["notify", IncidentId, "--db", db, "--send", "--via", "graph", "--from", Sender, "--graph-url", graph.BaseUrl, "--token", LocalGraphServer.Token,
         "--contact", Sender, .. more];

    private static LocalGraphServer Graph()
    {
        var graph = new LocalGraphServer();
        graph.Mailboxes.Add(Sender);
        return graph;
    }

    [Fact]
    public void Each_notice_goes_once_through_sendMail_with_its_html_and_notice_id_and_the_ledger_says_sent()
    {
        using var dir = new TempDir();
        var db = Create(dir);
        using var graph = Graph();
        var r = Cli.Run(Send(db, graph));
        Assert.True(r.ExitCode == 0, r.Out + r.Error);

        var mails = graph.AcceptedSnapshot();
        Assert.Equal(Recipients, mails.SelectMany(m => m.To).Order(StringComparer.Ordinal));
        Assert.All(mails, m => Assert.Equal((Sender, "HTML", true), (m.Sender, m.ContentType, m.SaveToSentItems)));
        Assert.All(mails, m => Assert.Equal($"Security notice: your mailbox was accessed without authorisation ({IncidentId})", m.Subject));
        Assert.All(graph.Snapshot(), q => Assert.Equal(("POST", "Bearer " + LocalGraphServer.Token), (q.Method, q.Authorization)));
        Assert.All(graph.Snapshot(), q => Assert.Equal($"/users/{Sender}/sendMail", q.Path));

        // The attacker named its app "<script>...": in the HTML it is text, never markup.
        var ceo = mails.Single(m => m.To.Single() == "ceo@contoso.com");
        Assert.DoesNotContain("<script", ceo.Content, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Mail Archiver", ceo.Content, StringComparison.Ordinal);
        var gc = mails.Single(m => m.To.Single() == "gc@contoso.com");
        Assert.DoesNotContain("<img", gc.Content, StringComparison.OrdinalIgnoreCase);

        using var store = CaseStore.OpenReadOnly(db);
        var ids = store.Query("SELECT recipient, message_id FROM notices WHERE incident_id = $1", IncidentId).Rows
            .ToDictionary(row => (string)row[0]!, row => (string)row[1]!);
        // Each message carries its notice id (the SMTP Message-ID) and the incident as x- headers.
        Assert.All(mails, m => Assert.Equal(ids[m.To.Single()], m.Headers["x-daybreak-notice"]));
        Assert.All(mails, m => Assert.Equal(IncidentId, m.Headers["x-daybreak-incident"]));
        Assert.All(new NoticeLedger(store).States(IncidentId), s => Assert.Equal(("sent", 1), (s.State, s.Attempts)));
        // Every sendMail is in the actions ledger with Graph's 202; the notice text is not copied there.
        var requests = new ActionLedger(store).Read(IncidentId).Where(a => a.Kind == "request").ToList();
        Assert.Equal(Recipients.Select(x => "notice:" + x), requests.Select(a => a.StepKey));
        Assert.All(requests, a => Assert.Equal((202, "ok"), (a.Status!.Value, a.Outcome)));
        Assert.All(requests, a => Assert.DoesNotContain("Mail Archiver", a.RequestBody, StringComparison.Ordinal));
    }

    [Fact]
    public void A_429_is_retried_after_Retry_After_and_the_notice_is_sent_once()
    {
        using var dir = new TempDir();
        var db = Create(dir);
        using var graph = Graph();
        graph.SendMailFaults["ciso@contoso.com"] = new Queue<int>([429]);
        var clock = Stopwatch.StartNew();
        var r = Cli.Run(Send(db, graph));
        clock.Stop();
        Assert.True(r.ExitCode == 0, r.Out + r.Error);
        Assert.Equal(4, graph.Snapshot().Count);
        Assert.Equal(Recipients, graph.AcceptedSnapshot().SelectMany(m => m.To).Order(StringComparer.Ordinal));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"Retry-After not honoured: {clock.Elapsed}");
        using var store = CaseStore.OpenReadOnly(db);
        var ciso = new ActionLedger(store).Read(IncidentId).Where(a => a.StepKey == "notice:ciso@contoso.com").ToList();
        Assert.Equal([(429, "retry"), (202, "ok")], ciso.Select(a => (a.Status!.Value, a.Outcome)));
        Assert.Equal(("sent", 1), new NoticeLedger(store).States(IncidentId).Where(s => s.Recipient == "ciso@contoso.com").Select(s => (s.State, s.Attempts)).Single());
    }

    [Fact]
    public void A_403_or_500_leaves_the_notice_failed_with_graphs_reason_and_a_rerun_sends_those_only()
    {
        using var dir = new TempDir();
        var db = Create(dir);
        using var graph = Graph();
        graph.SendMailFaults["ciso@contoso.com"] = new Queue<int>([403]);
        graph.SendMailFaults["gc@contoso.com"] = new Queue<int>([500]);
        var r = Cli.Run(Send(db, graph));
        Assert.Equal(4, r.ExitCode);
        Assert.Equal(3, graph.Snapshot().Count); // neither 403 nor 500 is retried: sendMail is not idempotent
        Assert.Equal(["ceo@contoso.com"], graph.AcceptedSnapshot().SelectMany(m => m.To));
        using (var store = CaseStore.OpenReadOnly(db))
        {
            var states = new NoticeLedger(store).States(IncidentId).ToDictionary(s => s.Recipient);
            Assert.Equal("sent", states["ceo@contoso.com"].State);
            Assert.Equal(("failed", "HTTP 403 ErrorAccessDenied: Access is denied. Check credentials and try again."), (states["ciso@contoso.com"].State, states["ciso@contoso.com"].Reason));
            Assert.Equal(("failed", "HTTP 500 InternalServerError: An internal server error occurred. The operation failed."), (states["gc@contoso.com"].State, states["gc@contoso.com"].Reason));
        }

        var rerun = Cli.Run(Send(db, graph));
        Assert.True(rerun.ExitCode == 0, rerun.Out + rerun.Error);
        Assert.Equal(Recipients, graph.AcceptedSnapshot().SelectMany(m => m.To).Order(StringComparer.Ordinal));
        Assert.Contains("0 queued now, 2 sent now", rerun.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rerun_sends_nothing_new()
    {
        using var dir = new TempDir();
        var db = Create(dir);
        using var graph = Graph();
        Assert.Equal(0, Cli.Run(Send(db, graph)).ExitCode);
        var again = Cli.Run(Send(db, graph));
        Assert.True(again.ExitCode == 0, again.Out + again.Error);
        Assert.Contains("0 queued now, 0 sent now", again.Out, StringComparison.Ordinal);
        Assert.Equal(3, graph.Snapshot().Count);
        Assert.Equal(3, graph.AcceptedSnapshot().Count);
    }

    [Fact]
    public async Task A_process_killed_after_graph_took_a_notice_resumes_without_sending_it_twice()
    {
        using var dir = new TempDir();
        var db = Create(dir);
        using var graph = Graph();
        // Graph takes ciso's message, then the process dies before its answer is recorded.
        graph.HoldAfterAccepting = "ciso@contoso.com";
        using (var process = Daybreak(Send(db, graph)))
        {
            var reached = await Task.WhenAny(graph.Held.Task, Task.Delay(TimeSpan.FromSeconds(60))) == graph.Held.Task;
            process.Kill(entireProcessTree: true);
            if (!reached) Assert.Fail("the notice never reached the server: " + await process.StandardError.ReadToEndAsync());
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);
        }
        graph.ReleaseHeld();
        using (var store = CaseStore.OpenReadOnly(db))
            Assert.Equal(["sent", "sending", "queued"], new NoticeLedger(store).States(IncidentId).Select(s => s.State));

        // The rerun sends the one never handed over, and holds the one whose fate is unknown.
        var rerun = Cli.Run(Send(db, graph));
        Assert.Equal(4, rerun.ExitCode);
        Assert.Contains("--unconfirmed resend", rerun.Error, StringComparison.Ordinal);
        Assert.Equal(Recipients, graph.AcceptedSnapshot().SelectMany(m => m.To).Order(StringComparer.Ordinal));
        using (var store = CaseStore.OpenReadOnly(db))
        {
            var ciso = new NoticeLedger(store).States(IncidentId).Single(s => s.Recipient == "ciso@contoso.com");
            Assert.Equal("unconfirmed", ciso.State);
            Assert.Contains("may have been delivered", ciso.Reason, StringComparison.Ordinal);
        }

        // The responder finds it in Sent Items and says so: nothing more is sent.
        var confirmed = Cli.Run(Send(db, graph, "--unconfirmed", "sent"));
        Assert.True(confirmed.ExitCode == 0, confirmed.Out + confirmed.Error);
        Assert.Equal(3, graph.AcceptedSnapshot().Count);
        using (var store = CaseStore.OpenReadOnly(db))
            Assert.All(new NoticeLedger(store).States(IncidentId), s => Assert.Equal("sent", s.State));
    }

    [Fact]
    public void Graph_delivery_needs_a_sender_and_refuses_smtp_options()
    {
        using var dir = new TempDir();
        var db = Create(dir);
        using var graph = Graph();
        var noSender = Cli.Run("notify", IncidentId, "--db", db, "--send", "--via", "graph", "--graph-url", graph.BaseUrl, "--token", LocalGraphServer.Token);
        Assert.Equal(1, noSender.ExitCode);
        Assert.Contains("--from", noSender.Error, StringComparison.Ordinal);
        var mixed = Cli.Run(Send(db, graph, "--smtp-host", "127.0.0.1"));
        Assert.Equal(1, mixed.ExitCode);
        var unknown = Cli.Run("notify", IncidentId, "--db", db, "--send", "--via", "fax");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Empty(graph.Snapshot());
    }

    /// <summary>The real CLI as a child process (to be killed), from the build output next to the tests.</summary>
    private static Process Daybreak(string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "daybreak.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        return Process.Start(start)!;
    }
}

using System.Text.Encodings.Web;
using System.Text.Json;
using Daybreak.Cli.Infrastructure;
using Daybreak.Cli.Output;
using Daybreak.Response.Containment;
using Daybreak.Storage;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Daybreak.Cli.Commands;

/// <summary>
/// <c>daybreak contain INCIDENT</c>: the ordered Graph requests (and Exchange Online PowerShell) that stop an
/// incident. A dry run by default; <c>--execute</c> sends them, recording every request in the case's ledger.
/// </summary>
internal sealed class ContainCommand(CliEnvironment env) : AsyncCommand<ContainSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ContainSettings settings, CancellationToken cancellationToken)
    {
        using var store = settings.Execute ? CaseStore.Open(settings.Db, env.Time) : CaseStore.OpenReadOnly(settings.Db);
        var incident = FindingsStore.Find(store, settings.Incident)
            ?? throw new ArgumentException($"no incident '{settings.Incident}' in the case (run 'daybreak hunt', then see its incidents)");
        var proof = Proof(settings);
        var planner = new ContainmentPlanner(new ContainmentOptions
        {
            Exclude = new HashSet<string>(settings.Exclude.Select(e => e.Trim()), StringComparer.OrdinalIgnoreCase),
            RestrictGroup = settings.RestrictGroup,
            ProofThumbprint = proof?.Thumbprint,
        });
        var plan = planner.Plan(incident, EvidenceEvents.For(store, incident));
        var ledger = store.SchemaVersion >= 3 ? new ActionLedger(store) : null;

        if (!settings.Execute)
        {
            if (settings.Json) WriteJson(plan, ledger, null);
            else WritePlan(plan, ledger);
            return ExitCodes.Completed;
        }

        var options = GraphConnection.Options(settings, env.Time);
        using var http = GraphConnection.Http();
        var executor = new ContainmentExecutor(http, GraphConnection.Token(settings, options.GraphUrl), ledger!, options, proof);
        var results = await executor.ExecuteAsync(plan, cancellationToken);
        if (settings.Json) WriteJson(plan, ledger, results);
        else WriteResults(results, plan);
        return results.Any(r => r.Status == StepStatus.Failed) ? ExitCodes.ActionsFailed : ExitCodes.Completed;
    }

    /// <summary>The removeKey proof signer, when a proof certificate is given; its private key stays in memory only.</summary>
    private KeyProof? Proof(ContainSettings s)
    {
        var path = s.ProofCertificate ?? (Environment.GetEnvironmentVariable("DAYBREAK_PROOF_CERTIFICATE") is { Length: > 0 } p ? p : null);
        if (path is null) return null;
        var password = s.ProofCertificatePassword ?? Environment.GetEnvironmentVariable("DAYBREAK_PROOF_CERTIFICATE_PASSWORD");
        return new KeyProof(KeyProof.Load(path, password), env.Time);
    }

    private void WritePlan(ContainmentPlan plan, ActionLedger? ledger)
    {
        env.Console.MarkupLine($"[bold]Containment plan for {TerminalText.Markup(plan.IncidentId)}[/] (dry run: nothing sent; add --execute to send)");
        if (!env.IsTerminal)
        {
            // Piped or saved: one block per step, so long URLs and bodies are never wrapped mid-word.
            foreach (var s in plan.Steps)
            {
                var done = ledger?.IsDone(plan.IncidentId, s.Key) == true ? " (done)" : "";
                env.Out.WriteLine($"{s.Order}. {s.Action.Name()}{done}: {s.Method} {TerminalText.Safe(s.Path, 400)}{(s.Body is null ? "" : " " + TerminalText.Safe(s.Body, 300))}");
                if (s.Lookup is not null) env.Out.WriteLine("   found with GET " + TerminalText.Safe(s.Lookup, 400));
                env.Out.WriteLine("   why: " + TerminalText.Safe(s.Why, 600));
            }
        }
        else WriteTable(plan, ledger);
        WriteExchangeAndNotes(plan);
    }

    private void WriteTable(ContainmentPlan plan, ActionLedger? ledger)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var c in new[] { "#", "step", "why", "method", "URL", "body" }) table.AddColumn(c);
        foreach (var s in plan.Steps)
        {
            var done = ledger?.IsDone(plan.IncidentId, s.Key) == true ? " (done)" : "";
            var url = s.Path + (s.Lookup is null ? "" : "\nfound with GET " + s.Lookup);
            table.AddRow(s.Order.ToString(System.Globalization.CultureInfo.InvariantCulture), TerminalText.Markup(s.Action.Name() + done),
                TerminalText.Markup(s.Why, 400), s.Method, TerminalText.Markup(url, 400), TerminalText.Markup(s.Body ?? "", 300));
        }
        env.Console.Write(table);
    }

    private void WriteExchangeAndNotes(ContainmentPlan plan)
    {
        if (plan.Exchange.Count > 0)
        {
            env.Out.WriteLine();
            env.Out.WriteLine("Exchange Online (run in PowerShell after Connect-ExchangeOnline):");
            foreach (var x in plan.Exchange)
            {
                env.Out.WriteLine("# " + TerminalText.Safe(x.Why, 400));
                env.Out.WriteLine(TerminalText.Safe(x.PowerShell, 1000));
            }
        }
        if (plan.Notes.Count > 0)
        {
            env.Out.WriteLine();
            env.Out.WriteLine("Notes:");
            foreach (var n in plan.Notes) env.Out.WriteLine("  - " + TerminalText.Safe(n, 400));
        }
    }

    private void WriteResults(IReadOnlyList<StepResult> results, ContainmentPlan plan)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var c in new[] { "#", "step", "result", "note" }) table.AddColumn(c);
        foreach (var r in results)
            table.AddRow(r.Step.Order.ToString(System.Globalization.CultureInfo.InvariantCulture), TerminalText.Markup(r.Step.Action.Name() + " " + r.Step.Path, 200),
                Status(r.Status), TerminalText.Markup(r.Note ?? "", 300));
        env.Console.Write(table);
        var failed = results.Count(r => r.Status == StepStatus.Failed);
        env.Out.WriteLine($"{results.Count(r => r.Status == StepStatus.Done)} done, {results.Count(r => r.Status == StepStatus.AlreadyDone)} already done, " +
            $"{results.Count(r => r.Status == StepStatus.Skipped)} skipped, {failed} failed. Every request is in the case's actions table.");
        if (plan.Exchange.Count > 0) env.Out.WriteLine("The Exchange Online steps are PowerShell for an admin: see the dry run.");
    }

    private static string Status(StepStatus s) => s switch
    {
        StepStatus.Done => "done",
        StepStatus.AlreadyDone => "already done",
        StepStatus.Skipped => "skipped",
        _ => "FAILED",
    };

    private void WriteJson(ContainmentPlan plan, ActionLedger? ledger, IReadOnlyList<StepResult>? results)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.Default }))
        {
            w.WriteStartObject();
            w.WriteString("schema", "daybreak.contain/1");
            w.WriteString("incident", plan.IncidentId);
            w.WriteBoolean("executed", results is not null);
            w.WriteStartArray("steps");
            foreach (var s in plan.Steps)
            {
                w.WriteStartObject();
                w.WriteNumber("order", s.Order);
                w.WriteString("key", s.Key);
                w.WriteString("action", s.Action.Name());
                w.WriteString("why", s.Why);
                w.WriteString("method", s.Method);
                w.WriteString("path", s.Path);
                if (s.Body is null) w.WriteNull("body"); else w.WriteString("body", s.Body);
                if (s.Lookup is null) w.WriteNull("lookup"); else w.WriteString("lookup", s.Lookup);
                var result = results?.FirstOrDefault(r => r.Step.Key == s.Key);
                w.WriteString("status", result is not null ? Status(result.Status) : ledger?.IsDone(plan.IncidentId, s.Key) == true ? "done" : "planned");
                if (result?.Note is { } note) w.WriteString("note", note);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("exchange");
            foreach (var x in plan.Exchange)
            {
                w.WriteStartObject();
                w.WriteString("why", x.Why);
                w.WriteString("powershell", x.PowerShell);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("notes");
            foreach (var n in plan.Notes) w.WriteStringValue(n);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        env.Out.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}

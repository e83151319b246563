using Daybreak.Cli.Infrastructure;
using Daybreak.Cli.Output;
using Daybreak.Pipeline;
using Daybreak.Reporting;
using Daybreak.Response.Evidence;
using Daybreak.Storage;
using Spectre.Console.Cli;

namespace Daybreak.Cli.Commands;

/// <summary>
/// <c>daybreak export INCIDENT --out case.zip</c>: the incident's evidence bundle (timeline, raw records, hunt report,
/// chain of custody, manifest of SHA-256 hashes); <c>daybreak export --verify case.zip</c> re-hashes one.
/// </summary>
internal sealed class ExportCommand(CliEnvironment env) : Command<ExportSettings>
{
    /// <summary>Exit code when a bundle does not match its manifest.</summary>
    public const int VerificationFailed = 4;

    public override int Execute(CommandContext context, ExportSettings settings, CancellationToken cancellationToken) =>
        settings.Verify is { } zip ? Verify(zip, settings.ManifestSha256, settings.PublicKey) : Export(settings);

    private int Export(ExportSettings settings)
    {
        using var store = IncidentLookup.OpenExisting(settings.Db, env.Time);
        var incident = IncidentLookup.Require(store, settings.Incident!);
        var out_ = Path.GetFullPath(settings.Out!);
        var log = new RunLog(store, env.Time);
        var runId = log.Start($"export {incident.Id} --out {out_}", Version.Current);

        var wanted = incident.Alerts.SelectMany(a => a.Evidence).Distinct(StringComparer.Ordinal).ToList();
        var records = CaseEvidence.Records(store, wanted);
        var held = records.Select(r => r.RecordId).ToHashSet(StringComparer.Ordinal);
        var sources = CaseEvidence.SourceFiles(store).Select(SourceFileHash.Of).ToList();
        var totals = CaseEvidence.InputTotals(store);
        var content = new EvidenceBundleContent
        {
            Incident = incident,
            Records = records,
            MissingRecords = wanted.Where(id => !held.Contains(id)).Order(StringComparer.Ordinal).ToList(),
            Custody = CaseEvidence.Runs(store),
            SourceFiles = sources,
            HuntReport = new HuntReport
            {
                Input = new IngestSummary { Files = sources.Count, Records = totals.Records, Accepted = totals.Accepted, Rejected = totals.Rejected },
                Coverage = CoverageQuery.Run(store),
                Alerts = incident.Alerts,
                Incidents = [incident],
            },
            CreatedAt = env.Time.GetUtcNow().UtcDateTime,
            Version = Version.Current,
            CaseFile = store.Path,
        };

        var dir = Path.GetDirectoryName(out_);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var temp = out_ + ".partial";
        string manifestHash;
        using var signer = settings.SignKey is null ? null : ManifestSigner.FromPem(File.ReadAllText(settings.SignKey));
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write))
            manifestHash = EvidenceBundleWriter.Write(content, file, signer);
        File.Move(temp, out_, overwrite: true);
        log.Finish(runId);

        env.Out.WriteLine($"evidence bundle: {TerminalText.Safe(out_, 300)}");
        env.Out.WriteLine($"incident {TerminalText.Safe(incident.Id, 80)}: {incident.Steps.Count} steps, {incident.Alerts.Count} alerts, {records.Count} source records"
            + (content.MissingRecords.Count > 0 ? $" ({content.MissingRecords.Count} no longer in the case)" : ""));
        env.Out.WriteLine($"source files: {sources.Count(s => s.Sha256 is not null)} hashed, {sources.Count(s => s.Sha256 is null)} unavailable");
        env.Out.WriteLine($"manifest sha256: {manifestHash}  (record this outside the bundle)");
        env.Out.WriteLine(signer is null
            ? "not signed (give --sign-key key.pem to sign the manifest)"
            : $"signed: {EvidenceBundle.Signature} ({signer.Algorithm}), public key SHA-256 {signer.PublicKeyFingerprint}");
        return ExitCodes.Completed;
    }

    private int Verify(string zip, string? expectedManifest, string? publicKeyFile)
    {
        if (!File.Exists(zip)) throw new IOException($"no bundle at {Path.GetFullPath(zip)}");
        EvidenceVerification result;
        var publicKey = publicKeyFile is null ? null : File.ReadAllText(publicKeyFile);
        using (var stream = File.OpenRead(zip)) result = EvidenceVerifier.Verify(stream, expectedManifest, publicKey);
        if (result.Error is not null)
        {
            env.Out.WriteLine($"FAILED: {TerminalText.Safe(result.Error, 300)}");
            return VerificationFailed;
        }
        foreach (var (path, status) in result.Files)
            env.Out.WriteLine($"{(status == EvidenceVerification.Ok ? "ok      " : "MISMATCH")}  {TerminalText.Safe(path, 200)}{(status is EvidenceVerification.Ok or EvidenceVerification.Mismatch ? "" : " (" + status + ")")}");
        env.Out.WriteLine($"manifest sha256: {result.ManifestSha256}");
        env.Out.WriteLine(result.Signature switch
        {
            EvidenceVerification.Unsigned when result.SignatureChecked => "SIGNATURE MISSING: the bundle is unsigned (no manifest.sig), but a public key was given",
            EvidenceVerification.Unsigned => "signature: none, the bundle is unsigned",
            EvidenceVerification.NotChecked => "signature: present but not checked (give --public-key pub.pem)",
            EvidenceVerification.Valid => $"signature: valid ({result.SignatureKey})",
            EvidenceVerification.Invalid => $"SIGNATURE INVALID: manifest.sig is not a signature of this manifest by {result.SignatureKey}",
            _ => "SIGNATURE UNREADABLE: manifest.sig cannot be read from the zip",
        });
        var filesOk = result.Files.All(f => f.Status == EvidenceVerification.Ok);
        env.Out.WriteLine(result.IsOk ? "OK: every file matches the manifest" + (result.Signature == EvidenceVerification.Valid ? " and the manifest is signed by the given key" : "")
            : filesOk ? "FAILED: the files match the manifest, but the signature does not hold" : "MISMATCH: the bundle is not as exported");
        return result.IsOk ? ExitCodes.Completed : VerificationFailed;
    }
}

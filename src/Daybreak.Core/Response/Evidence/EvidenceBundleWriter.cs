using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Daybreak.Reporting;

namespace Daybreak.Response.Evidence;

/// <summary>
/// Writes an incident's evidence bundle as a zip: timeline (CSV and JSON), the raw source records behind every alert,
/// the hunt report, the chain-of-custody log, and last a manifest with the SHA-256 of every other entry and of every
/// source file the case ingested. Entry order and timestamps are fixed, so the same content gives the same bytes.
/// </summary>
public static class EvidenceBundleWriter
{
    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Writes the bundle; returns the manifest's own SHA-256, to be recorded outside the bundle. With a
    /// <paramref name="signer"/>, a detached signature of the manifest follows it as manifest.sig.
    /// </summary>
    public static string Write(EvidenceBundleContent content, Stream output, ManifestSigner? signer = null)
    {
        var files = new List<(string Name, byte[] Bytes)>
        {
            (EvidenceBundle.Readme, Utf8.GetBytes(Readme(content, signer))),
            (EvidenceBundle.TimelineCsv, Utf8.GetBytes(TimelineCsv(content))),
            (EvidenceBundle.TimelineJson, Json(w => TimelineJson(w, content))),
            (EvidenceBundle.Records, RecordsJsonl(content)),
            (EvidenceBundle.HuntReport, HuntReportBytes(content.HuntReport)),
            (EvidenceBundle.Custody, Json(w => CustodyJson(w, content))),
        };
        var manifest = Json(w => ManifestJson(w, content, files));
        files.Add((EvidenceBundle.Manifest, manifest));
        if (signer is not null) files.Add((EvidenceBundle.Signature, signer.Sign(manifest)));

        // DOS timestamps cannot go below 1980; a test clock at the epoch must still give a valid zip.
        var stamp = content.CreatedAt.Year < 1980 ? new DateTime(1980, 1, 1, 0, 0, 0, DateTimeKind.Utc) : content.CreatedAt;
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in files)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = new DateTimeOffset(DateTime.SpecifyKind(stamp, DateTimeKind.Unspecified), TimeSpan.Zero);
                using var s = entry.Open();
                s.Write(bytes);
            }
        }
        return Sha256(manifest);
    }

    internal static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static string Readme(EvidenceBundleContent c, ManifestSigner? signer) => $"""
        Daybreak evidence bundle ({EvidenceBundle.Schema})
        Incident: {c.Incident.Id}
        Exported: {HuntReportJson.Iso(c.CreatedAt)} by Daybreak {c.Version}

        {EvidenceBundle.TimelineCsv}        the incident's steps in event time (spreadsheet-safe: formula cells are prefixed)
        {EvidenceBundle.TimelineJson}       the same steps, with every alert's evidence record ids
        {EvidenceBundle.Records}  the source records behind every alert, exactly as stored ("raw"), with file and line
        {EvidenceBundle.HuntReport}     the hunt report (daybreak.hunt/1) for this incident
        {EvidenceBundle.Custody} every run recorded in the case, ending with this export
        {EvidenceBundle.Manifest}        SHA-256 of every file above and of every source file the case ingested

        Verify with: daybreak export --verify THIS.zip
        The manifest's own SHA-256 was printed at export; record it outside the bundle.

        {(signer is null ? "This bundle is not signed." : SignedReadme(signer))}

        """.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string SignedReadme(ManifestSigner signer) => $"""
        {EvidenceBundle.Signature}         signature of {EvidenceBundle.Manifest} ({signer.Algorithm}),
                             by the key whose public key has SHA-256 fingerprint {signer.PublicKeyFingerprint}
        Check it with the signer's public key, obtained separately (never from this bundle):
          daybreak export --verify THIS.zip --public-key pub.pem
          openssl dgst -sha256 -verify pub.pem -signature {EvidenceBundle.Signature} {EvidenceBundle.Manifest}
        """;

    private static string TimelineCsv(EvidenceBundleContent c)
    {
        var alerts = c.Incident.Alerts.ToDictionary(a => a.Id, StringComparer.Ordinal);
        var rows = c.Incident.Steps.Select(s =>
        {
            alerts.TryGetValue(s.Alert, out var a);
            return (IReadOnlyList<string?>)
            [
                HuntReportJson.Iso(s.Time), s.Technique, s.Alert, a?.Rule, a?.Severity.ToString().ToLowerInvariant(), s.Title,
                a is null ? null : string.Join(' ', a.Entities.Users), a is null ? null : string.Join(' ', a.Entities.Apps),
                a is null ? null : string.Join(' ', a.Entities.Ips), a is null ? null : string.Join(' ', a.Entities.Mailboxes),
                a?.Evidence.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                a is null ? null : string.Join(' ', a.Evidence), a?.Description,
            ];
        });
        return SafeCsv.ToText(["time", "technique", "alert", "rule", "severity", "title", "users", "apps", "ips", "mailboxes",
            "evidence_count", "evidence_records", "description"], rows);
    }

    private static void TimelineJson(Utf8JsonWriter w, EvidenceBundleContent c)
    {
        var i = c.Incident;
        var alerts = i.Alerts.ToDictionary(a => a.Id, StringComparer.Ordinal);
        w.WriteStartObject();
        w.WriteString("schema", "daybreak.timeline/1");
        w.WriteString("incident", i.Id);
        w.WriteString("title", i.Title);
        w.WriteString("first_seen", HuntReportJson.Iso(i.FirstSeen));
        w.WriteString("last_seen", HuntReportJson.Iso(i.LastSeen));
        w.WriteString("detected_at", HuntReportJson.Iso(i.DetectedAt));
        w.WriteString("dwell", System.Xml.XmlConvert.ToString(i.Dwell));
        w.WriteStartArray("steps");
        foreach (var s in i.Steps)
        {
            alerts.TryGetValue(s.Alert, out var a);
            w.WriteStartObject();
            w.WriteString("time", HuntReportJson.Iso(s.Time));
            w.WriteString("technique", s.Technique);
            w.WriteString("alert", s.Alert);
            w.WriteString("title", s.Title);
            if (a is not null)
            {
                w.WriteString("rule", a.Rule);
                w.WriteString("severity", a.Severity.ToString().ToLowerInvariant());
                if (a.FirstSeen is { } first) w.WriteString("first_seen", HuntReportJson.Iso(first));
                w.WriteStartArray("evidence");
                foreach (var e in a.Evidence) w.WriteStringValue(e);
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static byte[] RecordsJsonl(EvidenceBundleContent c)
    {
        var byRecord = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var a in c.Incident.Alerts)
            foreach (var id in a.Evidence)
            {
                if (!byRecord.TryGetValue(id, out var list)) byRecord[id] = list = [];
                if (!list.Contains(a.Id)) list.Add(a.Id);
            }
        using var ms = new MemoryStream();
        foreach (var r in c.Records)
        {
            var buffer = new ArrayBufferWriter<byte>(r.Raw.Length + 256);
            using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                w.WriteStartObject();
                w.WriteString("record_id", r.RecordId);
                w.WriteString("time", HuntReportJson.Iso(r.Time));
                w.WriteString("source", r.Source);
                w.WriteString("category", r.Category);
                w.WriteString("format", r.Format);
                w.WriteString("file", r.File);
                w.WriteNumber("line", r.Line);
                w.WriteStartArray("alerts");
                foreach (var a in byRecord.GetValueOrDefault(r.RecordId) ?? []) w.WriteStringValue(a);
                w.WriteEndArray();
                // The record as stored, as a string: byte-for-byte what the case holds, not a re-serialised copy.
                w.WriteString("raw", r.Raw);
                w.WriteEndObject();
            }
            ms.Write(buffer.WrittenSpan);
            ms.WriteByte((byte)'\n');
        }
        return ms.ToArray();
    }

    private static byte[] HuntReportBytes(HuntReport report)
    {
        using var ms = new MemoryStream();
        HuntReportJson.Write(report, ms);
        return ms.ToArray();
    }

    private static void CustodyJson(Utf8JsonWriter w, EvidenceBundleContent c)
    {
        w.WriteStartObject();
        w.WriteString("schema", "daybreak.custody/1");
        w.WriteString("incident", c.Incident.Id);
        w.WriteString("case_file", c.CaseFile);
        w.WriteStartArray("entries");
        foreach (var e in c.Custody)
        {
            w.WriteStartObject();
            w.WriteString("run_id", e.RunId);
            w.WriteString("command", e.Command);
            w.WriteString("daybreak_version", e.Version);
            w.WriteString("started_at", HuntReportJson.Iso(e.StartedAt));
            if (e.FinishedAt is { } f) w.WriteString("finished_at", HuntReportJson.Iso(f));
            else w.WriteNull("finished_at");
            w.WriteString("os_user", e.OsUser ?? "not recorded");
            w.WriteString("machine", e.Machine ?? "not recorded");
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void ManifestJson(Utf8JsonWriter w, EvidenceBundleContent c, List<(string Name, byte[] Bytes)> files)
    {
        w.WriteStartObject();
        w.WriteString("schema", EvidenceBundle.Schema);
        w.WriteString("incident", c.Incident.Id);
        w.WriteString("created_at", HuntReportJson.Iso(c.CreatedAt));
        w.WriteString("daybreak_version", c.Version);
        w.WriteString("hash_algorithm", "SHA-256");
        w.WriteStartArray("files");
        foreach (var (name, bytes) in files)
        {
            w.WriteStartObject();
            w.WriteString("path", name);
            w.WriteNumber("bytes", bytes.Length);
            w.WriteString("sha256", Sha256(bytes));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("source_files");
        foreach (var f in c.SourceFiles)
        {
            w.WriteStartObject();
            w.WriteString("path", f.Path);
            if (f.Bytes is { } b) w.WriteNumber("bytes", b);
            else w.WriteNull("bytes");
            w.WriteString("sha256", f.Sha256 ?? f.Status);
            w.WriteString("status", f.Status);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumber("records", c.Records.Count);
        w.WriteStartArray("records_missing_from_case");
        foreach (var id in c.MissingRecords) w.WriteStringValue(id);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer, JsonOptions)) write(w);
        return [.. buffer.WrittenSpan, (byte)'\n'];
    }
}

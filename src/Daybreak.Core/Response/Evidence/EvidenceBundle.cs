namespace Daybreak.Response.Evidence;

/// <summary>Names of the files inside an evidence bundle (stable: documented in docs/evidence.md).</summary>
public static class EvidenceBundle
{
    public const string Schema = "daybreak.evidence/1";
    public const string Readme = "README.txt";
    public const string TimelineCsv = "timeline.csv";
    public const string TimelineJson = "timeline.json";
    public const string Records = "evidence/records.jsonl";
    public const string HuntReport = "hunt-report.json";
    public const string Custody = "chain-of-custody.json";
    public const string Manifest = "manifest.json";

    /// <summary>Detached signature of manifest.json, when the bundle was exported with a signing key (the manifest cannot list it).</summary>
    public const string Signature = "manifest.sig";
}

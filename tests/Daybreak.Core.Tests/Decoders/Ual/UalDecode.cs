using Daybreak.Decoders;
using Daybreak.Events;
using Daybreak.Sources;

namespace Daybreak.Tests.Decoders.Ual;

/// <summary>Decodes a file with the default registry and collects what came out.</summary>
internal static class UalDecode
{
    public sealed record Result(List<AuditEvent> Events, List<Rejection> Rejections);

    public static Result File(string path)
    {
        var decoder = new FileDecoder(NormaliserRegistry.CreateDefault(), new DecodeOptions());
        var events = new List<AuditEvent>();
        var rejections = new List<Rejection>();
        foreach (var r in decoder.Decode(new InputSource(path)))
        {
            if (r.Event is not null) events.Add(r.Event);
            if (r.Rejection is not null) rejections.Add(r.Rejection);
        }
        return new Result(events, rejections);
    }

    /// <summary>Decodes text written to a temporary file (UTF-8, no BOM).</summary>
    public static Result Text(string content, string extension = ".json")
    {
        var path = Path.Combine(Path.GetTempPath(), "daybreak-ual-" + Guid.NewGuid().ToString("N") + extension);
        System.IO.File.WriteAllText(path, content);
        try { return File(path); }
        finally { System.IO.File.Delete(path); }
    }

    public static string Fixture(string name) => Path.Combine(Corpus.RepoRoot, "tests", "fixtures", "ual", name);

    public static string Describe(IEnumerable<Rejection> rejections) =>
        string.Join("\n", rejections.Select(r => $"{Path.GetFileName(r.File)}:{r.Line}: {r.Reason}"));
}

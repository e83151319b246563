using Daybreak.Decoders;
using Daybreak.Events;
using Daybreak.Sources;

namespace Daybreak.Tests.Decoders.Entra;

/// <summary>Decodes a file with the default registry and keeps events and rejections apart, for assertions.</summary>
internal sealed record Decoded(IReadOnlyList<AuditEvent> Events, IReadOnlyList<Rejection> Rejections)
{
    public static string Fixture(string relative) => Path.Combine(Corpus.RepoRoot, "tests", "fixtures", relative);

    public static Decoded File(string path, string? format = null)
    {
        var decoder = new FileDecoder(NormaliserRegistry.CreateDefault(), new DecodeOptions { Format = format });
        var results = decoder.Decode(new InputSource(path)).ToList();
        return new Decoded(
            results.Where(r => r.Event is not null).Select(r => r.Event!).ToList(),
            results.Where(r => r.Rejection is not null).Select(r => r.Rejection!).ToList());
    }

    /// <summary>Decodes text written to a temporary file.</summary>
    public static Decoded Text(string content, string extension = ".json")
    {
        var path = Path.Combine(Path.GetTempPath(), "daybreak-" + Guid.NewGuid().ToString("N") + extension);
        System.IO.File.WriteAllText(path, content);
        try
        {
            return File(path);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    /// <summary>The events, failing with the rejection reasons when there are any.</summary>
    public IReadOnlyList<AuditEvent> Clean()
    {
        Assert.True(Rejections.Count == 0, "rejected: " + string.Join("; ", Rejections.Select(r => $"{Path.GetFileName(r.File)}:{r.Line} {r.Reason}")));
        return Events;
    }

    public static DateTime Utc(string iso) =>
        DateTime.Parse(iso, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
}

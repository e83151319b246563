using Daybreak.Decoders;
using Daybreak.Events;

namespace Daybreak.TestKit;

/// <summary>
/// A normaliser for framing tests: accepts objects with a "t" (time) field, takes "id" as the record id and
/// "name" as the actor's display name. Throws on a non-string "t", as a real normaliser does on wrong types.
/// </summary>
public sealed class TestNormaliser : IRecordNormaliser
{
    public string Family => "test";

    public IReadOnlyList<FormatInfo> Formats { get; } = [new("test.plain", "framing tests", "{\"t\":\"2024-01-01T00:00:00Z\"}")];

    public bool Accepts(in RawRecord record) => record.Root.TryGetProperty("t", out _);

    public AuditEvent Normalise(in RawRecord record)
    {
        var evt = new AuditEvent
        {
            RecordId = RecordIds.For(SourceKind.Audit, record.Root.Str("id"), record.Raw),
            Format = "test.plain",
            Raw = record.Raw,
            Time = Timestamps.Parse(record.Root.GetProperty("t").GetString()),
            Operation = record.Root.Str("op") ?? "test",
        };
        evt.Actor.DisplayName = record.Root.Str("name");
        return evt;
    }

    public static NormaliserRegistry Registry() => new([new TestNormaliser()]);

    /// <summary>Decodes a file with the test normaliser and splits accepted events from rejections.</summary>
    public static (List<AuditEvent> Events, List<Rejection> Rejections) Decode(string path, DecodeOptions? options = null)
    {
        var decoder = new FileDecoder(Registry(), options ?? new DecodeOptions());
        var events = new List<AuditEvent>();
        var rejections = new List<Rejection>();
        foreach (var r in decoder.Decode(new Sources.InputSource(path)))
        {
            if (r.Event is not null) events.Add(r.Event);
            else rejections.Add(r.Rejection!);
        }
        return (events, rejections);
    }
}

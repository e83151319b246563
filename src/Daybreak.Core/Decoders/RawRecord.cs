using System.Text.Json;
using Daybreak.Events;

namespace Daybreak.Decoders;

/// <summary>
/// One record as framed from its file, before normalising. <see cref="Root"/> is the record as a JSON object (for
/// CSV, the row with Log Analytics portal quirks undone: see the CSV framer);
/// <see cref="Raw"/> is the exact source text of the record, kept untouched in the store.
/// <see cref="Envelope"/> is the framed object before <c>EnvelopeUnwrapper</c> peeled it (a Purview CSV row, a
/// Defender CloudAppEvents row, an Elastic document); it is the same object as <see cref="Root"/> when there was no
/// wrapper, and <c>default</c> when the record was built without one. Normalisers read it to name the format variant.
/// </summary>
public readonly record struct RawRecord(JsonElement Root, string Raw, SourcePosition Position, ContainerKind Container, JsonElement Envelope = default);

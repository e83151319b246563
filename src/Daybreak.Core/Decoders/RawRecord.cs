using System.Text.Json;
using Daybreak.Events;

namespace Daybreak.Decoders;

/// <summary>
/// One record as framed from its file, before normalising. <see cref="Root"/> is the record as a JSON object (for
/// CSV, the row with Log Analytics portal quirks undone: see the CSV framer);
/// <see cref="Raw"/> is the exact source text of the record, kept untouched in the store.
/// </summary>
public readonly record struct RawRecord(JsonElement Root, string Raw, SourcePosition Position, ContainerKind Container);

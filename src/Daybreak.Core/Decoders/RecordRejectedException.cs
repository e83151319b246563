namespace Daybreak.Decoders;

/// <summary>Thrown by a normaliser for a record it recognises but cannot accept (no time, wrong value type...).</summary>
public sealed class RecordRejectedException(string reason) : Exception(reason);

namespace Daybreak.Decoders;

/// <summary>A record (or a whole file, with Line 0) that could not be read, and why.</summary>
public sealed record Rejection(string File, long Line, string Reason);

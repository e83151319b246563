namespace Daybreak.Pipeline;

/// <summary>Progress of a run, reported after each file and every few thousand records.</summary>
public readonly record struct IngestProgress(int FileIndex, int FileCount, string File, long Records, long BytesRead);

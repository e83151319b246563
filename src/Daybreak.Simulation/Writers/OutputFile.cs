namespace Daybreak.Simulation;

/// <summary>One file the simulator wrote: its path relative to the output folder, what it holds and how many records.</summary>
public sealed record OutputFile(string Path, LogSource Source, string Tenant, string Format, string Stream, bool Gzip, long Records);

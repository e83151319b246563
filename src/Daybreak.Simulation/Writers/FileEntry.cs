namespace Daybreak.Simulation.Writers;

internal sealed class FileEntry
{
    public required string Path { get; init; }
    public required LogSource Source { get; init; }
    public required string Tenant { get; init; }
    public required string Format { get; init; }
    public required string Stream { get; init; }
    public required bool Gzip { get; init; }
    public long Records { get; set; }

    public OutputFile ToPublic() => new(Path, Source, Tenant, Format, Stream, Gzip, Records);
}

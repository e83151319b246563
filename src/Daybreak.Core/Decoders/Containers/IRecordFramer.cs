namespace Daybreak.Decoders.Containers;

/// <summary>Cuts a UTF-8 stream into records. Errors are yielded, never thrown, so one bad record never stops a file.</summary>
internal interface IRecordFramer
{
    IEnumerable<FramedRecord> Frame(Stream utf8);
}

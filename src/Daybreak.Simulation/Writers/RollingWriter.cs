using Daybreak.Simulation.Records;

namespace Daybreak.Simulation.Writers;

/// <summary>Rolls to a new file whenever the record's file key (hour, day) changes. Records arrive in time order.</summary>
internal abstract class RollingWriter : IRecordWriter
{
    private string? _key;

    protected FileEntry? Entry { get; set; }

    protected abstract string KeyFor(SimRecord record);

    protected abstract void OpenFile(SimRecord first);

    protected abstract void WriteOne(SimRecord record);

    protected abstract void CloseFile();

    public void Write(SimRecord record)
    {
        var key = KeyFor(record);
        if (!string.Equals(key, _key, StringComparison.Ordinal))
        {
            if (_key is not null) CloseFile();
            OpenFile(record);
            _key = key;
        }
        WriteOne(record);
        Entry!.Records++;
    }

    public void Close()
    {
        if (_key is not null) CloseFile();
        _key = null;
    }

    protected static string Day(DateTime t) => JsonText.Format(t, "yyyy-MM-dd");

    protected static string Hour(DateTime t) => JsonText.Format(t, "yyyy-MM-dd'T'HH");
}

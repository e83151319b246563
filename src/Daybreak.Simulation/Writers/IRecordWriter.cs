using Daybreak.Simulation.Records;

namespace Daybreak.Simulation.Writers;

/// <summary>Writes a time-ordered stream of records of one tenant and stream into one format's files.</summary>
internal interface IRecordWriter
{
    void Write(SimRecord record);

    void Close();
}

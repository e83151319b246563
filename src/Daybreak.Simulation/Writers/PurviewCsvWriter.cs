using System.Text;
using Daybreak.Simulation.Records;

namespace Daybreak.Simulation.Writers;

/// <summary>The Purview audit search export: one CSV per day, the UAL record as JSON in the AuditData column.</summary>
internal sealed class PurviewCsvWriter(WriterSpec spec) : RollingWriter
{
    private static readonly byte[] Header = "RecordId,CreationDate,RecordType,Operation,UserId,AuditData,AssociatedAdminUnits,AssociatedAdminUnitsNames\r\n"u8.ToArray();
    private Stream? _stream;
    private readonly Scratch _scratch = new();
    private readonly MemoryStream _line = new();

    protected override string KeyFor(SimRecord r) => Day(r.Time);

    protected override void OpenFile(SimRecord first)
    {
        var (stream, entry) = spec.Folder.Open($"{spec.Prefix}/{Day(first.Time)}.csv", spec.Source, spec.Tenant, spec.Variant, "purview", spec.Gzip);
        Entry = entry;
        _stream = new BufferedStream(stream, 1 << 16);
        _stream.Write(Header);
    }

    protected override void WriteOne(SimRecord record)
    {
        var r = (UalRecord)record;
        _line.SetLength(0);
        Cell(r.RecordId);
        Comma();
        Cell(JsonText.Format(r.Time, "yyyy-MM-dd'T'HH:mm:ss'.0000000Z'"));
        Comma();
        Cell(r.RecordTypeName);
        Comma();
        Cell(r.Operation);
        Comma();
        Cell(r.UserId);
        Comma();
        Quoted(_scratch.Render(w => UalJson.Object(w, r)));
        Comma();
        Comma();
        _line.Write("\r\n"u8);
        _stream!.Write(_line.GetBuffer(), 0, (int)_line.Length);
    }

    private void Comma() => _line.WriteByte((byte)',');

    private void Cell(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        if (value.AsSpan().IndexOfAny(",\"\r\n") >= 0) Quoted(bytes);
        else _line.Write(bytes);
    }

    private void Quoted(ReadOnlySpan<byte> utf8)
    {
        _line.WriteByte((byte)'"');
        foreach (var b in utf8)
        {
            if (b == (byte)'"') _line.WriteByte(b);
            _line.WriteByte(b);
        }
        _line.WriteByte((byte)'"');
    }

    protected override void CloseFile()
    {
        _stream?.Dispose();
        _stream = null;
    }
}

using System.Text.Json;
using System.Text.Unicode;
using Daybreak.Events;

namespace Daybreak.Decoders;

/// <summary>
/// The text values of one record that a single-pass reader keeps as UTF-8 instead of making .NET text of them (message
/// and folder ids: most of a mail record's text, which the store writes as bytes and few stages read). Their bytes are
/// gathered while the record is read and, once it is read whole, copied into one array of the record's own, which the
/// values then point into: one allocation per record instead of one string per value, and half the bytes. Reused from
/// record to record on the reader's thread.
/// </summary>
internal sealed class Utf8Texts
{
    private const int Start = 1024, MaxKept = 1 << 20;

    private byte[] _bytes = new byte[Start];
    private int _used;
    private readonly List<(int Start, int Length, object? Owner)> _kept = [];

    /// <summary>The bytes the buffer holds room for (for tests of its giving back).</summary>
    internal int Capacity => _bytes.Length;

    public void Clear()
    {
        _used = 0;
        _kept.Clear();
        // One record of megabytes of ids (a 50 MB line is read like any other) must not keep its buffer for the thread's life.
        if (_bytes.Length > MaxKept) _bytes = new byte[Start];
    }

    /// <summary>
    /// Keeps the UTF-8 of the current string token's text and returns its index for <see cref="Give(int, MailItem)"/>:
    /// its bytes as they are, or unescaped when its escapes stand for ASCII characters (.NET's JSON writers escape
    /// <c>&lt;</c> and <c>&gt;</c>, which every message id has). -1 for an empty string, any other token, other escapes
    /// or bytes that are no UTF-8: the caller reads those as text, as before.
    /// </summary>
    public int Keep(ref JsonLineReader reader)
    {
        if (reader.TokenType != JsonTokenType.String) return -1;
        var value = reader.ValueSpan;
        if (value.IsEmpty) return -1;
        if (_used + value.Length > _bytes.Length) Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _used + value.Length));
        var into = _bytes.AsSpan(_used);
        int length;
        if (!reader.ValueIsEscaped)
        {
            value.CopyTo(into);
            length = value.Length;
        }
        else if (!JsonText.TryUnescapeToUtf8(value, into, out length) || length == 0) return -1;
        if (!Utf8.IsValid(into[..length])) return -1;
        _kept.Add((_used, length, null));
        _used += length;
        return _kept.Count - 1;
    }

    /// <summary>Says which value kept bytes <paramref name="index"/> are: a message's id or a folder's.</summary>
    public void Give(int index, MailItem item) => _kept[index] = _kept[index] with { Owner = item };

    /// <inheritdoc cref="Give(int, MailItem)"/>
    public void Give(int index, MailFolder folder) => _kept[index] = _kept[index] with { Owner = folder };

    /// <summary>Copies the kept bytes into an array of the record's own and points each value into it.</summary>
    public void Bind()
    {
        if (_kept.Count == 0) return;
        var block = _bytes.AsSpan(0, _used).ToArray();
        foreach (var (start, length, owner) in _kept)
        {
            var utf8 = new ReadOnlyMemory<byte>(block, start, length);
            switch (owner)
            {
                case MailItem item: item.SetInternetMessageIdUtf8(utf8); break;
                case MailFolder folder: folder.SetIdUtf8(utf8); break;
            }
        }
    }
}

using System.Buffers;
using System.Text;
using Daybreak.Collections;
using Daybreak.Events;

namespace Daybreak.Scoping;

/// <summary>
/// What the scoper's kept mail reads touched, folder paths and message ids with sizes, as texts in an arena and structs
/// in chunks rather than the decoder's folder and item objects. The scoper keeps every read that could be a breach's
/// until the hunt ends, which includes an owner's reads from an IP not yet familiar for them: on data where owners'
/// IPs change often, most reads. Kept as objects (a folder list, folders, item lists, items and an array of id bytes per
/// read), a 10x UAL hunt held 336 MB of them that every full collection traced. Exact: ids and paths come back as the
/// texts they were. Written by one thread while observing; read by several once observing is done.
/// </summary>
internal sealed class KeptMailContents
{
    private struct Folder
    {
        public TextRef Path;
        public int FirstItem;
        public int Items;
    }

    private struct Item
    {
        public TextRef MessageId;
        public long Size;   // long.MinValue: no size logged
    }

    private const long NoSize = long.MinValue;
    private readonly TextArena _texts = new();
    private readonly ChunkedArray<Folder> _folders = new(256);
    private readonly ChunkedArray<Item> _items = new(256);
    // Folder paths repeat from read to read (\Inbox, \Sent Items): one copy each, up to a bound (a log may name a new
    // path in every record; past the bound each is kept as it comes).
    private readonly Dictionary<string, TextRef> _paths = new(StringComparer.Ordinal);
    private const int MaxPooledPaths = 4096;
    private int _folderCount;
    private int _itemCount;

    /// <summary>Keeps <paramref name="folders"/>; the range of folder numbers they were given.</summary>
    public (int First, int Count) Keep(IReadOnlyList<MailFolder> folders)
    {
        var first = _folderCount;
        _folders.EnsureCapacity(first + folders.Count);
        foreach (var folder in folders)
        {
            var items = folder.Items;
            _items.EnsureCapacity(_itemCount + items.Count);
            _folders[_folderCount++] = new Folder { Path = KeepPath(folder.Path), FirstItem = _itemCount, Items = items.Count };
            foreach (var item in items) _items[_itemCount++] = new Item { MessageId = KeepMessageId(item), Size = item.SizeInBytes ?? NoSize };
        }
        return (first, folders.Count);
    }

    /// <summary>The path of folder <paramref name="folder"/>.</summary>
    public string? PathOf(int folder) => _texts.Text(_folders[folder].Path);

    /// <summary>The range of item numbers of folder <paramref name="folder"/>.</summary>
    public (int First, int Count) ItemsOf(int folder) => (_folders[folder].FirstItem, _folders[folder].Items);

    public string? MessageIdOf(int item) => _texts.Text(_items[item].MessageId);

    public long? SizeOf(int item) => _items[item].Size is var size && size == NoSize ? null : size;

    private TextRef KeepPath(string? path)
    {
        if (path is null) return TextRef.Null;
        if (_paths.TryGetValue(path, out var kept)) return kept;
        kept = _texts.Add(path);
        if (_paths.Count < MaxPooledPaths) _paths[path] = kept;
        return kept;
    }

    /// <summary>The item's id as its UTF-8 (valid, so its characters are exact) when the reader kept it so, else its text.</summary>
    private TextRef KeepMessageId(MailItem item)
    {
        var utf8 = item.InternetMessageIdUtf8().Span;
        if (utf8.IsEmpty) return _texts.Add(item.InternetMessageId);
        char[]? rented = null;
        Span<char> chars = utf8.Length <= 256 ? stackalloc char[256] : rented = ArrayPool<char>.Shared.Rent(utf8.Length);
        var length = Encoding.UTF8.GetChars(utf8, chars);
        var kept = _texts.Add(chars[..length]);
        if (rented is not null) ArrayPool<char>.Shared.Return(rented);
        return kept;
    }
}

using System.Text;
using Daybreak.Events;
using Daybreak.Scoping;

namespace Daybreak.Tests.Scoping;

/// <summary>Kept reads' folders and items come back exactly as the decoder gave them, whether a reader kept an id as
/// UTF-8 or as text, whatever characters it holds.</summary>
public sealed class KeptMailContentsTests
{
    private static MailItem Utf8Item(string id, long? size)
    {
        var item = new MailItem(null, size);
        item.SetInternetMessageIdUtf8(Encoding.UTF8.GetBytes(id));
        return item;
    }

    private static MailFolder Folder(string? path, params MailItem[] items)
    {
        var folder = new MailFolder { Path = path };
        folder.Items.AddRange(items);
        return folder;
    }

    [Fact]
    public void Folders_and_items_come_back_exactly()
    {
        var longId = "<" + new string('x', 400) + "\u00e9@contoso.com>";
        List<MailFolder> first =
        [
            Folder("\\Inbox", Utf8Item("<a@x>", 100), Utf8Item("<caf\u00e9-\U0001F600@x>", null), new MailItem("<text\ud800@x>", -5)),
            Folder(null),
            Folder("\\Inbox\\Legal \u00e9", new MailItem(null, 7), new MailItem("", 8), Utf8Item(longId, 9)),
        ];
        List<MailFolder> second = [Folder("\\Inbox", new MailItem("<b@x>", long.MaxValue))];
        var contents = new KeptMailContents();
        var a = contents.Keep(first);
        var b = contents.Keep(second);
        var none = contents.Keep([]);
        Assert.Equal((0, 3), a);
        Assert.Equal((3, 1), b);
        Assert.Equal(0, none.Count);
        foreach (var (range, folders) in new[] { (a, first), (b, second) })
        {
            for (var f = 0; f < range.Count; f++)
            {
                var folder = folders[f];
                Assert.Equal(folder.Path, contents.PathOf(range.First + f));
                var (firstItem, count) = contents.ItemsOf(range.First + f);
                Assert.Equal(folder.Items.Count, count);
                for (var i = 0; i < count; i++)
                {
                    Assert.Equal(folder.Items[i].InternetMessageId, contents.MessageIdOf(firstItem + i));
                    Assert.Equal(folder.Items[i].SizeInBytes, contents.SizeOf(firstItem + i));
                }
            }
        }
        Assert.Equal("<text\ud800@x>", contents.MessageIdOf(2)); // a lone surrogate survives
        Assert.Null(contents.SizeOf(1));
    }
}

using Daybreak.Pipeline;

namespace Daybreak.Tests.Pipeline;

/// <summary>The hunt reads its events through <see cref="ReadAhead"/>: same items, same order, the source's errors and an early stop handled.</summary>
public sealed class ReadAheadTests
{
    private sealed class Source(int count, int? throwAt = null)
    {
        public int Produced;
        public bool Disposed;
        public int ThreadId;

        public IEnumerable<int> Items()
        {
            ThreadId = Environment.CurrentManagedThreadId;
            try
            {
                for (var i = 0; i < count; i++)
                {
                    if (i == throwAt) throw new InvalidDataException($"bad record {i}");
                    Produced++;
                    yield return i;
                }
            }
            finally
            {
                Disposed = true;
            }
        }
    }

    [Fact]
    public void Gives_every_item_in_order_read_on_another_thread()
    {
        var source = new Source(10_000);
        var items = ReadAhead.Of(source.Items(), chunkSize: 7, chunksAhead: 3).ToList();
        Assert.Equal(Enumerable.Range(0, 10_000), items);
        Assert.True(source.Disposed);
        Assert.NotEqual(Environment.CurrentManagedThreadId, source.ThreadId);
    }

    [Fact]
    public void An_error_of_the_source_reaches_the_caller_after_the_items_before_it()
    {
        var source = new Source(1_000, throwAt: 500);
        var seen = new List<int>();
        var e = Assert.Throws<InvalidDataException>(() =>
        {
            foreach (var i in ReadAhead.Of(source.Items(), chunkSize: 16, chunksAhead: 2)) seen.Add(i);
        });
        Assert.Equal("bad record 500", e.Message);
        Assert.Equal(Enumerable.Range(0, 500), seen);
        Assert.True(source.Disposed);
    }

    [Fact]
    public void Stopping_early_stops_and_disposes_the_source_without_reading_it_all()
    {
        var source = new Source(1_000_000);
        var taken = ReadAhead.Of(source.Items(), chunkSize: 10, chunksAhead: 2).Take(25).ToList();
        Assert.Equal(Enumerable.Range(0, 25), taken);
        Assert.True(source.Disposed, "disposed before the enumeration's Dispose returned");
        // At most the chunks queued and the one being filled, past what was taken.
        Assert.InRange(source.Produced, 25, 25 + 10 * 4);
    }

    [Fact]
    public void A_caller_that_throws_stops_the_source()
    {
        var source = new Source(1_000_000);
        Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var i in ReadAhead.Of(source.Items(), chunkSize: 10, chunksAhead: 2))
            {
                if (i == 42) throw new InvalidOperationException("detection failed");
            }
        });
        Assert.True(source.Disposed);
        Assert.True(source.Produced < 1_000_000);
    }

    [Fact]
    public void Rejects_bad_arguments_when_called()
    {
        Assert.Throws<ArgumentNullException>(() => ReadAhead.Of<int>(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReadAhead.Of(new[] { 1 }, chunkSize: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReadAhead.Of(new[] { 1 }, chunksAhead: 0));
    }
}

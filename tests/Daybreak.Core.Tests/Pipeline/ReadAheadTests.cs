using Daybreak.Pipeline;

namespace Daybreak.Tests.Pipeline;

public sealed class ReadAheadTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(511)]
    [InlineData(512)]
    [InlineData(100_003)]
    public void Every_item_arrives_once_in_order(int count)
    {
        Assert.Equal(Enumerable.Range(0, count), ReadAhead.Of(Enumerable.Range(0, count)));
    }

    [Fact]
    public void The_source_runs_on_another_thread()
    {
        var consumer = Environment.CurrentManagedThreadId;
        var producers = ReadAhead.Of(Enumerable.Range(0, 2000).Select(_ => Environment.CurrentManagedThreadId)).Distinct().ToList();
        Assert.DoesNotContain(consumer, producers);
    }

    [Fact]
    public void A_failing_source_fails_the_consumer_with_its_own_exception_after_the_items_before_it()
    {
        static IEnumerable<int> Failing()
        {
            for (var i = 0; i < 1000; i++) yield return i;
            throw new InvalidDataException("broken case");
        }
        var seen = new List<int>();
        var ex = Assert.Throws<InvalidDataException>(() => { foreach (var i in ReadAhead.Of(Failing(), chunkSize: 64)) seen.Add(i); });
        Assert.Equal("broken case", ex.Message);
        Assert.Equal(Enumerable.Range(0, 1000), seen);
    }

    [Fact]
    public void Stopping_early_stops_the_source_and_disposes_it_before_returning()
    {
        var produced = 0;
        var disposed = false;
        IEnumerable<int> Endless()
        {
            try
            {
                for (var i = 0; ; i++)
                {
                    Interlocked.Increment(ref produced);
                    yield return i;
                }
            }
            finally
            {
                disposed = true;
            }
        }

        var first = ReadAhead.Of(Endless(), chunkSize: 10, chunks: 2).Take(5).ToList();

        Assert.Equal([0, 1, 2, 3, 4], first);
        Assert.True(disposed);
        var after = Volatile.Read(ref produced);
        Thread.Sleep(50);
        Assert.Equal(after, Volatile.Read(ref produced));
        Assert.True(after <= 10 * 4, $"produced {after} items ahead of a consumer that took 5");
    }
}

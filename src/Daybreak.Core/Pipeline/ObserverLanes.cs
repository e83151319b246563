using System.Runtime.ExceptionServices;

namespace Daybreak.Pipeline;

/// <summary>
/// Runs several observers of one ordered stream on a few threads. Every observer sees every chunk, in order, one chunk
/// at a time: an observer written for one thread (a stateful detection) needs no locks, and what runs in parallel
/// is different observers. No observer is pinned to a thread: a free thread takes the observer furthest behind, so
/// the cheap ones do not wait while one expensive observer holds a thread, and the chunks kept in memory are bounded
/// by how far the slowest observer lags.
/// </summary>
/// <remarks>
/// An observer that throws stops the run: the failure is rethrown to the caller from the next <see cref="Post"/> or
/// from <see cref="Complete"/>. Observers that must survive bad events (detections) catch their own errors.
/// </remarks>
public sealed class ObserverLanes<T> : IDisposable
{
    private readonly Action<List<T>>[] _observers;
    private readonly Action<List<T>>? _seenByAll;
    private readonly long[] _next;      // per observer: the index of the next chunk it sees
    private readonly bool[] _busy;      // per observer: a thread is running it now
    private readonly List<List<T>> _window = [];   // chunks not yet seen by every observer, from index _base
    private readonly int _chunksAhead;
    private readonly Thread[] _threads;
    private readonly object _gate = new();
    private long _base;
    private long _posted;
    private bool _completed;
    private bool _stopping;
    private ExceptionDispatchInfo? _failure;

    /// <param name="chunksAhead">How many chunks the stream may run ahead of the slowest observer before
    /// <see cref="Post"/> waits.</param>
    /// <param name="seenByAll">Called with each chunk once, after every observer has seen it, on a lane thread (chunks
    /// in no particular order; all of them before <see cref="Complete"/> returns): where a pipeline gives back what only
    /// the observers needed.</param>
    public ObserverLanes(IReadOnlyList<Action<List<T>>> observers, int threads, int chunksAhead = 16, Action<List<T>>? seenByAll = null)
    {
        _seenByAll = seenByAll;
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunksAhead, 1);
        _observers = [.. observers];
        _next = new long[_observers.Length];
        _busy = new bool[_observers.Length];
        _chunksAhead = chunksAhead;
        _threads = new Thread[Math.Min(threads, Math.Max(1, _observers.Length))];
        for (var i = 0; i < _threads.Length; i++)
        {
            _threads[i] = new Thread(Work) { IsBackground = true, Name = $"daybreak-observe-{i}" };
            _threads[i].Start();
        }
    }

    /// <summary>Hands a chunk to every observer; waits while the slowest is <c>chunksAhead</c> chunks behind.</summary>
    public void Post(List<T> chunk)
    {
        lock (_gate)
        {
            if (_completed) throw new InvalidOperationException("the stream is complete");
            while (_failure is null && _posted - Slowest() >= _chunksAhead) Monitor.Wait(_gate);
            _failure?.Throw();
            _window.Add(chunk);
            _posted++;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Ends the stream and waits until every observer has seen every chunk.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            Monitor.PulseAll(_gate);
            while (_failure is null && !AllDone()) Monitor.Wait(_gate);
        }
        Stop();
        _failure?.Throw();
    }

    public void Dispose() => Stop();

    private void Stop()
    {
        lock (_gate)
        {
            _stopping = true;
            Monitor.PulseAll(_gate);
        }
        foreach (var thread in _threads) thread.Join();
    }

    private void Work()
    {
        while (Take() is var (observer, chunk) && chunk is not null)
        {
            List<List<T>>? seen;
            try
            {
                _observers[observer](chunk);
                lock (_gate)
                {
                    _next[observer]++;
                    _busy[observer] = false;
                    seen = Release();
                    Monitor.PulseAll(_gate);
                }
                // Outside the lock: each chunk leaves the window once, so it is handed on once.
                if (seen is not null && _seenByAll is not null)
                {
                    foreach (var done in seen) _seenByAll(done);
                }
            }
            catch (Exception ex)
            {
                lock (_gate)
                {
                    _failure ??= ExceptionDispatchInfo.Capture(ex);
                    Monitor.PulseAll(_gate);
                }
                return;
            }
        }
    }

    /// <summary>The next (observer, chunk) to run, marking the observer busy; (-1, null) when the thread should end.</summary>
    private (int Observer, List<T>? Chunk) Take()
    {
        lock (_gate)
        {
            while (true)
            {
                if (_stopping || _failure is not null) return (-1, null);
                var pick = -1;
                for (var i = 0; i < _observers.Length; i++)
                    if (!_busy[i] && _next[i] < _posted && (pick < 0 || _next[i] < _next[pick])) pick = i;
                if (pick >= 0)
                {
                    _busy[pick] = true;
                    return (pick, _window[(int)(_next[pick] - _base)]);
                }
                Monitor.Wait(_gate);
            }
        }
    }

    /// <summary>Drops the chunks every observer has seen, returning them when someone wants them.</summary>
    private List<List<T>>? Release()
    {
        var seen = Slowest() - _base;
        if (seen <= 0) return null;
        var done = _seenByAll is null ? null : _window.GetRange(0, (int)seen);
        _window.RemoveRange(0, (int)seen);
        _base += seen;
        return done;
    }

    private long Slowest()
    {
        var min = _posted;
        foreach (var next in _next) min = Math.Min(min, next);
        return min;
    }

    private bool AllDone()
    {
        for (var i = 0; i < _observers.Length; i++)
            if (_busy[i] || _next[i] < _posted) return false;
        return true;
    }
}

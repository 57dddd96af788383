namespace KubeSharp.Client.Queues;

/// <summary>
/// A work queue of keys with the guarantees controllers rely on:
/// <list type="bullet">
/// <item>a key waiting in the queue is held once, however often it is added (de-duplication);</item>
/// <item>a key handed to a worker is not handed to another until <see cref="Done"/> (no concurrent processing of one key);</item>
/// <item>a key added while being processed is queued again when <see cref="Done"/> is called (no lost update);</item>
/// <item>keys come out in the order they were first added.</item>
/// </list>
/// <see cref="AddAfter"/> delays an add; <see cref="AddRateLimited"/> delays by the rate limiter's
/// per-key back-off, reset by <see cref="Forget"/>.
/// </summary>
public sealed class WorkQueue<TKey> : IDisposable
    where TKey : notnull
{
    private readonly Lock _lock = new();
    private readonly LinkedList<TKey> _queue = new();
    private readonly HashSet<TKey> _dirty = [];
    private readonly HashSet<TKey> _processing = [];
    private readonly LinkedList<TaskCompletionSource<TKey>> _waiters = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IRateLimiter<TKey> _rateLimiter;
    private readonly TimeProvider _time;
    // Delayed adds: the earliest time each key is due, and a heap ordered by that time.
    private readonly Dictionary<TKey, long> _dueAt = [];
    private readonly PriorityQueue<TKey, long> _delayed = new();
    private readonly ITimer _timer;
    private bool _shuttingDown;

    public WorkQueue(IRateLimiter<TKey>? rateLimiter = null, TimeProvider? timeProvider = null)
    {
        _rateLimiter = rateLimiter ?? RateLimiters.DefaultController<TKey>(timeProvider);
        _time = timeProvider ?? TimeProvider.System;
        _timer = _time.CreateTimer(_ => PromoteDueItems(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Keys waiting to be handed out (not counting delayed or in-process keys).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    public bool IsShuttingDown
    {
        get
        {
            lock (_lock)
            {
                return _shuttingDown;
            }
        }
    }

    public void Add(TKey key)
    {
        lock (_lock)
        {
            AddLocked(key);
        }
    }

    private void AddLocked(TKey key)
    {
        if (_shuttingDown || !_dirty.Add(key))
        {
            return;
        }

        if (_processing.Contains(key))
        {
            // Re-queued by Done so that no two workers hold the key at once.
            return;
        }

        HandOutOrEnqueue(key);
    }

    private void HandOutOrEnqueue(TKey key)
    {
        while (_waiters.First is { } waiter)
        {
            _waiters.RemoveFirst();
            if (waiter.Value.TrySetResult(key))
            {
                _dirty.Remove(key);
                _processing.Add(key);
                return;
            }
        }

        _queue.AddLast(key);
    }

    /// <summary>Adds <paramref name="key"/> once <paramref name="delay"/> has passed; an earlier pending delayed add wins.</summary>
    public void AddAfter(TKey key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }

        lock (_lock)
        {
            if (_shuttingDown)
            {
                return;
            }

            var due = _time.GetTimestamp() + (long)(delay.TotalSeconds * _time.TimestampFrequency);
            if (_dueAt.TryGetValue(key, out var existing) && existing <= due)
            {
                return;
            }

            _dueAt[key] = due;
            _delayed.Enqueue(key, due);
            if (_delayed.TryPeek(out _, out var first) && first == due)
            {
                ArmTimer(due);
            }
        }
    }

    /// <summary>Adds <paramref name="key"/> after the rate limiter's delay for it (per-key exponential back-off and the overall limit).</summary>
    public void AddRateLimited(TKey key) => AddAfter(key, _rateLimiter.When(key));

    /// <summary>Resets the rate limiter's back-off for <paramref name="key"/>; call after it was processed successfully.</summary>
    public void Forget(TKey key) => _rateLimiter.Forget(key);

    /// <summary>How many times <paramref name="key"/> has been added rate-limited since it was last forgotten.</summary>
    public int NumRequeues(TKey key) => _rateLimiter.NumRequeues(key);

    /// <summary>
    /// Waits for a key and marks it as being processed; the caller must call <see cref="Done"/>.
    /// Returns shutDown=true (and no key) once the queue is shut down and empty.
    /// </summary>
    public async Task<(TKey Key, bool ShutDown)> GetAsync(CancellationToken cancellationToken = default)
    {
        TaskCompletionSource<TKey> waiter;
        LinkedListNode<TaskCompletionSource<TKey>> node;
        lock (_lock)
        {
            if (_queue.First is { } first)
            {
                _queue.RemoveFirst();
                _dirty.Remove(first.Value);
                _processing.Add(first.Value);
                return (first.Value, false);
            }

            if (_shuttingDown)
            {
                return (default!, true);
            }

            waiter = new TaskCompletionSource<TKey>(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _waiters.AddLast(waiter);
        }

        using (cancellationToken.Register(() =>
               {
                   lock (_lock)
                   {
                       if (node.List is not null)
                       {
                           _waiters.Remove(node);
                       }
                   }

                   waiter.TrySetCanceled(cancellationToken);
               }))
        {
            try
            {
                return (await waiter.Task.ConfigureAwait(false), false);
            }
            catch (QueueShutDownException)
            {
                return (default!, true);
            }
        }
    }

    /// <summary>Marks <paramref name="key"/> as processed; if it was added meanwhile it is queued again.</summary>
    public void Done(TKey key)
    {
        lock (_lock)
        {
            _processing.Remove(key);
            if (_dirty.Contains(key))
            {
                HandOutOrEnqueue(key);
            }
            else if (_shuttingDown && _processing.Count == 0 && _queue.Count == 0)
            {
                _drained.TrySetResult();
            }
        }
    }

    /// <summary>Stops accepting keys; waiting workers get shutDown=true once the queued keys are handed out.</summary>
    public void ShutDown()
    {
        lock (_lock)
        {
            ShutDownLocked();
        }
    }

    /// <summary>Shuts down, then waits until every key handed out has been marked <see cref="Done"/>.</summary>
    public Task ShutDownWithDrainAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            ShutDownLocked();
            if (_processing.Count == 0 && _queue.Count == 0)
            {
                _drained.TrySetResult();
            }
        }

        return _drained.Task.WaitAsync(cancellationToken);
    }

    private void ShutDownLocked()
    {
        if (_shuttingDown)
        {
            return;
        }

        _shuttingDown = true;
        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _delayed.Clear();
        _dueAt.Clear();
        foreach (var waiter in _waiters)
        {
            waiter.TrySetException(new QueueShutDownException());
        }

        _waiters.Clear();
    }

    private void PromoteDueItems()
    {
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            while (_delayed.TryPeek(out var key, out var due) && due <= now)
            {
                _delayed.Dequeue();
                // Skip stale heap entries superseded by an earlier AddAfter of the same key.
                if (_dueAt.TryGetValue(key, out var current) && current == due)
                {
                    _dueAt.Remove(key);
                    AddLocked(key);
                }
            }

            if (_delayed.TryPeek(out _, out var next))
            {
                ArmTimer(next);
            }
        }
    }

    private void ArmTimer(long due)
    {
        var wait = TimeSpan.FromSeconds(Math.Max(0, due - _time.GetTimestamp()) / (double)_time.TimestampFrequency);
        _timer.Change(wait, Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        ShutDown();
        _timer.Dispose();
    }

    private sealed class QueueShutDownException : Exception;
}

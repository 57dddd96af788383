using System.Collections.Concurrent;

namespace KubeSharp.Client.Queues;

/// <summary>Decides how long a key re-added after a failure waits.</summary>
public interface IRateLimiter<in TKey>
    where TKey : notnull
{
    /// <summary>The delay before this key may be processed again; records one more failure.</summary>
    TimeSpan When(TKey key);
    /// <summary>Forgets the key's failures (after a success).</summary>
    void Forget(TKey key);
    int NumRequeues(TKey key);
}

public static class RateLimiters
{
    /// <summary>
    /// The usual controller limiter: per key 5 ms doubling to 1000 s, and overall at most 10 per second
    /// with bursts of 100; the longer delay wins.
    /// </summary>
    public static IRateLimiter<TKey> DefaultController<TKey>(TimeProvider? timeProvider = null)
        where TKey : notnull =>
        new MaxOfRateLimiter<TKey>(
            new ItemExponentialRateLimiter<TKey>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000)),
            new BucketRateLimiter<TKey>(10, 100, timeProvider));
}

/// <summary>Per-key exponential back-off: the n-th failure (from 0) waits baseDelay·2ⁿ, capped at maxDelay.</summary>
public sealed class ItemExponentialRateLimiter<TKey>(TimeSpan baseDelay, TimeSpan maxDelay) : IRateLimiter<TKey>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, int> _failures = new();

    public TimeSpan When(TKey key)
    {
        var n = _failures.AddOrUpdate(key, 1, (_, f) => f + 1) - 1;
        var ticks = baseDelay.Ticks * Math.Pow(2, Math.Min(n, 62));
        return ticks >= maxDelay.Ticks ? maxDelay : TimeSpan.FromTicks((long)ticks);
    }

    public void Forget(TKey key) => _failures.TryRemove(key, out _);

    public int NumRequeues(TKey key) => _failures.GetValueOrDefault(key);
}

/// <summary>
/// A token bucket shared by all keys: <c>burst</c> adds pass at once, then one per 1/qps seconds; each
/// call reserves a token and returns how long until it is available.
/// </summary>
public sealed class BucketRateLimiter<TKey> : IRateLimiter<TKey>
    where TKey : notnull
{
    private readonly double _qps;
    private readonly double _burst;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private double _tokens;
    private long _last;

    public BucketRateLimiter(double qps, int burst, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(qps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        _qps = qps;
        _burst = burst;
        _tokens = burst;
        _time = timeProvider ?? TimeProvider.System;
        _last = _time.GetTimestamp();
    }

    public TimeSpan When(TKey key)
    {
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            _tokens = Math.Min(_burst, _tokens + (_time.GetElapsedTime(_last, now).TotalSeconds * _qps));
            _last = now;
            _tokens -= 1;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _qps);
        }
    }

    public void Forget(TKey key)
    {
    }

    public int NumRequeues(TKey key) => 0;
}

/// <summary>Combines limiters: the longest delay wins; requeue counts are the largest.</summary>
public sealed class MaxOfRateLimiter<TKey>(params IRateLimiter<TKey>[] limiters) : IRateLimiter<TKey>
    where TKey : notnull
{
    public TimeSpan When(TKey key) => limiters.Select(l => l.When(key)).Max();

    public void Forget(TKey key)
    {
        foreach (var limiter in limiters)
        {
            limiter.Forget(key);
        }
    }

    public int NumRequeues(TKey key) => limiters.Max(l => l.NumRequeues(key));
}

namespace KubeSharp.Node.Stats;

/// <summary>
/// Turns cumulative CPU time (nanoseconds of CPU used since start) into a usage rate (nanocores) between two samples
/// of the same key (a container id, or the node). Samples closer together than <see cref="MinimumInterval"/> to the
/// remembered one keep the remembered sample and answer the last rate, so frequent callers still measure over a
/// meaningful interval.
/// </summary>
internal sealed class CpuUsageRates
{
    private readonly Dictionary<string, Sample> _previous = [];
    private readonly Dictionary<string, ulong> _rates = [];
    private readonly Lock _lock = new();

    /// <summary>The shortest interval a rate is computed over.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The average rate in nanocores between two cumulative samples; null when time did not advance or the counter
    /// went back (the container restarted).
    /// </summary>
    public static ulong? NanoCores(DateTimeOffset previousTime, ulong previousTotal, DateTimeOffset time, ulong total)
    {
        var elapsed = time - previousTime;
        if (elapsed <= TimeSpan.Zero || total < previousTotal)
        {
            return null;
        }

        return (ulong)((total - previousTotal) / elapsed.TotalSeconds);
    }

    /// <summary>Records a sample of <paramref name="key"/> and answers its current rate; null until a rate is known.</summary>
    public ulong? Observe(string key, DateTimeOffset time, ulong total)
    {
        lock (_lock)
        {
            if (_previous.TryGetValue(key, out var previous))
            {
                if (time - previous.Time < MinimumInterval && total >= previous.Total)
                {
                    return _rates.TryGetValue(key, out var last) ? last : null;
                }

                _previous[key] = new Sample(time, total);
                if (NanoCores(previous.Time, previous.Total, time, total) is { } rate)
                {
                    _rates[key] = rate;
                    return rate;
                }

                _rates.Remove(key);
                return null;
            }

            _previous[key] = new Sample(time, total);
            return null;
        }
    }

    /// <summary>Forgets keys not in <paramref name="live"/> (containers that are gone).</summary>
    public void Retain(IReadOnlySet<string> live)
    {
        lock (_lock)
        {
            foreach (var key in _previous.Keys.Where(k => !live.Contains(k)).ToList())
            {
                _previous.Remove(key);
                _rates.Remove(key);
            }
        }
    }

    private readonly record struct Sample(DateTimeOffset Time, ulong Total);
}

namespace KubeSharp.Client;

/// <summary>
/// Capped exponential back-off with jitter: the n-th consecutive failure waits a random time in
/// [d/2, d] where d = min(initial·2ⁿ, max). <see cref="Reset"/> after a success. Not thread-safe.
/// </summary>
public sealed class Backoff(TimeSpan initial, TimeSpan max)
{
    private int _failures;

    public TimeSpan Next()
    {
        var ceiling = Math.Min(initial.TotalMilliseconds * Math.Pow(2, Math.Min(_failures, 30)), max.TotalMilliseconds);
        _failures++;
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (Random.Shared.NextDouble() * 0.5)));
    }

    public void Reset() => _failures = 0;
}

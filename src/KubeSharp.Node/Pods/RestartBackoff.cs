namespace KubeSharp.Node.Pods;

/// <summary>
/// The kubelet's per-container back-off: 10 s after the first restart, doubling to at most 5 minutes; an entry
/// untouched for twice the maximum starts over. A container that ended within the current delay of its last
/// restart waits (CrashLoopBackOff) until the delay has passed since it ended.
/// </summary>
internal sealed class RestartBackoff
{
    public static readonly TimeSpan Initial = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Maximum = TimeSpan.FromMinutes(5);

    private readonly Dictionary<string, (DateTimeOffset LastUpdate, TimeSpan Delay)> _entries = new(StringComparer.Ordinal);

    /// <summary>Whether something that happened at <paramref name="eventTime"/> must still wait; <paramref name="until"/> says until when.</summary>
    public bool InBackoff(string key, DateTimeOffset eventTime, DateTimeOffset now, out DateTimeOffset until, out TimeSpan delay)
    {
        until = default;
        delay = default;
        if (!_entries.TryGetValue(key, out var entry) || now - entry.LastUpdate > 2 * Maximum)
        {
            return false;
        }

        delay = entry.Delay;
        until = eventTime + entry.Delay;
        return now < until;
    }

    /// <summary>Records a restart (or a failed pull) at <paramref name="now"/> and lengthens the next delay.</summary>
    public void Next(string key, DateTimeOffset now)
    {
        var delay = _entries.TryGetValue(key, out var entry) && now - entry.LastUpdate <= 2 * Maximum
            ? TimeSpan.FromTicks(Math.Min(entry.Delay.Ticks * 2, Maximum.Ticks))
            : Initial;
        _entries[key] = (now, delay);
    }

    /// <summary>When the last <see cref="Next"/> happened, if ever.</summary>
    public DateTimeOffset? LastUpdate(string key) => _entries.TryGetValue(key, out var entry) ? entry.LastUpdate : null;

    public void Reset(string key) => _entries.Remove(key);
}

using System.Collections.Concurrent;

namespace KubeSharp.Controllers.ReplicaSets;

/// <summary>
/// Creations and deletions a controller has asked for but not yet seen in its informer, per
/// controller key. While some are outstanding the controller must not act on the (stale) cache,
/// or it would create or delete the same pods twice. Records expire so a lost event cannot wedge a key.
/// </summary>
internal sealed class ControllerExpectations(TimeProvider time)
{
    /// <summary>How long outstanding expectations are trusted before the cache is believed anyway.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, Record> _records = new(StringComparer.Ordinal);

    public void ExpectCreations(string key, int count) =>
        _records[key] = new Record(count, [], time.GetUtcNow());

    public void ExpectDeletions(string key, IEnumerable<string> podKeys) =>
        _records[key] = new Record(0, [.. podKeys], time.GetUtcNow());

    public void CreationObserved(string key)
    {
        if (_records.TryGetValue(key, out var record))
        {
            Interlocked.Decrement(ref record.PendingCreations);
        }
    }

    public void DeletionObserved(string key, string podKey)
    {
        if (_records.TryGetValue(key, out var record))
        {
            lock (record.PendingDeletions)
            {
                record.PendingDeletions.Remove(podKey);
            }
        }
    }

    /// <summary>True when nothing is outstanding (or the record expired): the cache can be acted on.</summary>
    public bool Satisfied(string key)
    {
        if (!_records.TryGetValue(key, out var record))
        {
            return true;
        }

        int deletions;
        lock (record.PendingDeletions)
        {
            deletions = record.PendingDeletions.Count;
        }

        return (Volatile.Read(ref record.PendingCreations) <= 0 && deletions == 0) || time.GetUtcNow() - record.SetAt > Timeout;
    }

    public void Forget(string key) => _records.TryRemove(key, out _);

    private sealed class Record(int creations, HashSet<string> deletions, DateTimeOffset setAt)
    {
        public int PendingCreations = creations;
        public readonly HashSet<string> PendingDeletions = deletions;
        public readonly DateTimeOffset SetAt = setAt;
    }
}

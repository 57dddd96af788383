namespace KubeSharp.Storage.Sqlite;

/// <summary>Where the live value of a key sits in the revision log.</summary>
internal readonly record struct IndexEntry(long CreateRevision, long ModRevision);

/// <summary>
/// The latest revision of every live key, so point reads and compare-and-swap checks never scan
/// history. Only the writer loop mutates it, after the batch that produced the change has
/// committed; readers take a consistent view under the same lock.
/// </summary>
internal sealed class KeyIndex
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, IndexEntry> _entries = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _orderedKeys = new(StringComparer.Ordinal);
    private long _revision;

    /// <summary>The revision the index reflects (that of the newest committed write).</summary>
    public long Revision
    {
        get
        {
            lock (_lock)
            {
                return _revision;
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public bool TryGet(string key, out IndexEntry entry)
    {
        lock (_lock)
        {
            return _entries.TryGetValue(key, out entry);
        }
    }

    /// <summary>The live keys starting with <paramref name="prefix"/> in ordinal order, and the revision they are as of.</summary>
    public (List<KeyValuePair<string, IndexEntry>> Entries, long Revision) Snapshot(string prefix)
    {
        var result = new List<KeyValuePair<string, IndexEntry>>();
        lock (_lock)
        {
            // Every key with the prefix sorts between the prefix and the prefix followed by the highest
            // UTF-16 unit, except keys continuing with U+FFFF itself (a noncharacter, not used in keys).
            IEnumerable<string> candidates = prefix.Length == 0 || _orderedKeys.Count == 0
                ? _orderedKeys
                : _orderedKeys.GetViewBetween(prefix, prefix + '\uffff');
            foreach (var key in candidates)
            {
                if (key.StartsWith(prefix, StringComparison.Ordinal))
                {
                    result.Add(new(key, _entries[key]));
                }
            }

            return (result, _revision);
        }
    }

    /// <summary>Applies the final state of each key touched by a committed batch (null: deleted).</summary>
    public void Apply(Dictionary<string, IndexEntry?> changes, long revision)
    {
        lock (_lock)
        {
            foreach (var (key, entry) in changes)
            {
                if (entry is { } live)
                {
                    if (_entries.TryAdd(key, live))
                    {
                        _orderedKeys.Add(key);
                    }
                    else
                    {
                        _entries[key] = live;
                    }
                }
                else if (_entries.Remove(key))
                {
                    _orderedKeys.Remove(key);
                }
            }

            _revision = revision;
        }
    }

    /// <summary>Loads state during start-up, before any reader or writer runs.</summary>
    public void Load(IEnumerable<KeyValuePair<string, IndexEntry>> entries, long revision)
    {
        lock (_lock)
        {
            foreach (var (key, entry) in entries)
            {
                _entries[key] = entry;
                _orderedKeys.Add(key);
            }

            _revision = revision;
        }
    }
}

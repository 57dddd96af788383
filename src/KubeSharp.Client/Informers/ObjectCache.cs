using KubeSharp.Api;

namespace KubeSharp.Client.Informers;

/// <summary>
/// A thread-safe map from "namespace/name" (or "name" for cluster-scoped objects) to the latest known
/// object, with secondary indexes. Objects handed out are the cache's own instances: treat them as
/// read-only (copy before modifying).
/// </summary>
public sealed class ObjectCache<T>
    where T : KubernetesObject
{
    /// <summary>Name of the built-in index from namespace to keys.</summary>
    public const string NamespaceIndex = "namespace";

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, T> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<T, IEnumerable<string>>> _indexers = new(StringComparer.Ordinal);
    // index name → index value → keys
    private readonly Dictionary<string, Dictionary<string, HashSet<string>>> _indexes = new(StringComparer.Ordinal);

    public ObjectCache()
    {
        AddIndexer(NamespaceIndex, o => [o.Metadata?.Namespace ?? ""]);
    }

    /// <summary>"namespace/name", or "name" when the object has no namespace.</summary>
    public static string KeyOf(KubernetesObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var name = obj.Metadata?.Name ?? throw new ArgumentException("object has no metadata.name", nameof(obj));
        return KeyOf(obj.Metadata.Namespace, name);
    }

    public static string KeyOf(string? ns, string name) => string.IsNullOrEmpty(ns) ? name : $"{ns}/{name}";

    /// <summary>Splits a key into namespace ("" for cluster-scoped) and name.</summary>
    public static (string Namespace, string Name) SplitKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? ("", key) : (key[..slash], key[(slash + 1)..]);
    }

    /// <summary>Adds an index: <paramref name="indexFunc"/> maps an object to the values it is found under.</summary>
    public void AddIndexer(string name, Func<T, IEnumerable<string>> indexFunc)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_indexers.TryAdd(name, indexFunc))
            {
                throw new ArgumentException($"index \"{name}\" already exists", nameof(name));
            }

            _indexes[name] = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            foreach (var (key, item) in _items)
            {
                Index(name, key, item);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>
    /// Adds the index unless one of that name exists (several controllers sharing an informer may
    /// each ask for the same index); returns false when it already existed.
    /// </summary>
    public bool TryAddIndexer(string name, Func<T, IEnumerable<string>> indexFunc)
    {
        _lock.EnterUpgradeableReadLock();
        try
        {
            if (_indexers.ContainsKey(name))
            {
                return false;
            }

            AddIndexer(name, indexFunc);
            return true;
        }
        finally
        {
            _lock.ExitUpgradeableReadLock();
        }
    }

    public int Count => Read(() => _items.Count);

    public T? Get(string key) => Read(() => _items.GetValueOrDefault(key));

    public IReadOnlyList<T> List() => Read(() => _items.Values.ToList());

    public IReadOnlyList<string> ListKeys() => Read(() => _items.Keys.ToList());

    /// <summary>Objects found under <paramref name="value"/> in index <paramref name="indexName"/>.</summary>
    public IReadOnlyList<T> ByIndex(string indexName, string value) => Read(() =>
    {
        if (!_indexes.TryGetValue(indexName, out var index))
        {
            throw new ArgumentException($"no index \"{indexName}\"", nameof(indexName));
        }

        return index.TryGetValue(value, out var keys) ? keys.Select(k => _items[k]).ToList() : (IReadOnlyList<T>)[];
    });

    /// <summary>Stores <paramref name="obj"/> and returns the object it replaced, if any.</summary>
    internal T? Upsert(T obj)
    {
        var key = KeyOf(obj);
        _lock.EnterWriteLock();
        try
        {
            var old = RemoveLocked(key);
            _items[key] = obj;
            foreach (var name in _indexers.Keys)
            {
                Index(name, key, obj);
            }

            return old;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Removes the object under <paramref name="key"/> and returns it, if it was present.</summary>
    internal T? Remove(string key)
    {
        _lock.EnterWriteLock();
        try
        {
            return RemoveLocked(key);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    private T? RemoveLocked(string key)
    {
        if (!_items.Remove(key, out var old))
        {
            return null;
        }

        foreach (var (name, indexFunc) in _indexers)
        {
            var index = _indexes[name];
            foreach (var value in indexFunc(old))
            {
                if (index.TryGetValue(value, out var keys) && keys.Remove(key) && keys.Count == 0)
                {
                    index.Remove(value);
                }
            }
        }

        return old;
    }

    private void Index(string name, string key, T obj)
    {
        var index = _indexes[name];
        foreach (var value in _indexers[name](obj))
        {
            if (!index.TryGetValue(value, out var keys))
            {
                index[value] = keys = new HashSet<string>(StringComparer.Ordinal);
            }

            keys.Add(key);
        }
    }

    private TResult Read<TResult>(Func<TResult> read)
    {
        _lock.EnterReadLock();
        try
        {
            return read();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }
}

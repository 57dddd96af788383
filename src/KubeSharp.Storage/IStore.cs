namespace KubeSharp.Storage;

/// <summary>
/// The key/value store the API server persists objects in (SQLite embedded, etcd for HA).
/// Contract, shared by every backend and checked by the same test suite:
/// - Every successful write gets a new revision, strictly increasing across the whole store;
///   an entry's ModRevision is the revision of the write that produced it.
/// - A write is acknowledged (its task completes) only once it is durable.
/// - Create fails with <see cref="KeyExistsException"/> if the key exists; Update/Delete compare
///   <c>expectedModRevision</c> with the entry's ModRevision (0 = unconditional) and fail with
///   <see cref="RevisionConflictException"/> on mismatch, <see cref="KeyNotFoundInStoreException"/> if absent.
/// - Watch delivers every change under a prefix with revision &gt; fromRevision, in revision order,
///   without gaps; asking for a compacted revision fails with <see cref="RevisionCompactedException"/>.
/// </summary>
public interface IStore : IAsyncDisposable
{
    /// <summary>The revision of the newest acknowledged write.</summary>
    long CurrentRevision { get; }

    /// <summary>The oldest revision a watch can still start after.</summary>
    long CompactedRevision { get; }

    Task<StoreEntry?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>All live entries whose key starts with <paramref name="prefix"/>, ordered by key, as of <see cref="StoreList.Revision"/>.</summary>
    Task<StoreList> ListAsync(string prefix, CancellationToken cancellationToken = default);

    Task<StoreEntry> CreateAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default);

    Task<StoreEntry> UpdateAsync(string key, long expectedModRevision, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default);

    /// <summary>Deletes the key; the returned entry holds the last value and the revision of the delete.</summary>
    Task<StoreEntry> DeleteAsync(string key, long expectedModRevision, CancellationToken cancellationToken = default);

    /// <summary>
    /// Streams changes under <paramref name="prefix"/> after <paramref name="fromRevision"/> (which may
    /// be ahead of <see cref="CurrentRevision"/>). The enumeration ends only when cancelled or when the
    /// store is disposed. Events are never dropped silently: a watcher too slow to keep up either
    /// catches up or fails with <see cref="RevisionCompactedException"/> (the caller relists).
    /// </summary>
    IAsyncEnumerable<StoreEvent> WatchAsync(string prefix, long fromRevision, CancellationToken cancellationToken = default);

    /// <summary>
    /// Forgets history up to and including <paramref name="revision"/> (never the entries live at it,
    /// so watches after it still carry previous values). An already compacted revision is a no-op;
    /// one beyond <see cref="CurrentRevision"/> throws <see cref="ArgumentOutOfRangeException"/>.
    /// </summary>
    Task CompactAsync(long revision, CancellationToken cancellationToken = default);
}

/// <param name="CreateRevision">Revision of the write that created the key.</param>
/// <param name="ModRevision">Revision of the write that produced this value (for a delete: the delete's revision).</param>
public sealed record StoreEntry(string Key, ReadOnlyMemory<byte> Value, long CreateRevision, long ModRevision);

public sealed record StoreList(IReadOnlyList<StoreEntry> Entries, long Revision);

public enum StoreEventType
{
    Created,
    Updated,
    Deleted,
}

/// <param name="Entry">The new value; for <see cref="StoreEventType.Deleted"/> the last value, with ModRevision = the delete's revision.</param>
/// <param name="PreviousValue">The value before this change (empty for Created).</param>
public sealed record StoreEvent(StoreEventType Type, StoreEntry Entry, ReadOnlyMemory<byte> PreviousValue);

public class StoreException(string message) : Exception(message);

public sealed class KeyExistsException(string key) : StoreException($"key exists: {key}")
{
    public string Key { get; } = key;
}

public sealed class KeyNotFoundInStoreException(string key) : StoreException($"key not found: {key}")
{
    public string Key { get; } = key;
}

public sealed class RevisionConflictException(string key, long expected, long actual)
    : StoreException($"revision conflict on {key}: expected {expected}, found {actual}")
{
    public string Key { get; } = key;
    public long Actual { get; } = actual;
}

public sealed class RevisionCompactedException(long requested, long compacted)
    : StoreException($"required revision {requested} has been compacted (oldest available after {compacted})")
{
    public long Requested { get; } = requested;
    public long Compacted { get; } = compacted;
}

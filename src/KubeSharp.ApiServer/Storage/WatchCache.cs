using System.Collections.Immutable;
using System.Threading.Channels;
using KubeSharp.Api;
using KubeSharp.ApiServer.Registry;
using KubeSharp.Storage;
using Microsoft.Extensions.Logging;

namespace KubeSharp.ApiServer.Storage;

/// <summary>
/// The in-memory view of the store that serves every read: one sorted snapshot per resource, fed
/// by a single in-process watch on the store, plus a bounded history of recent events so watches
/// can resume from a resourceVersion. Writers publish through the store; readers never touch it.
/// </summary>
public sealed class WatchCache : IAsyncDisposable
{
    /// <summary>Events kept by default for resuming watches and paged lists; older resourceVersions answer 410 Gone.</summary>
    public const int DefaultHistoryCapacity = 20_000;

    /// <summary>Events a watcher may have queued before it is cut off (it then re-watches or relists).</summary>
    public const int WatcherBuffer = 10_000;

    private readonly IStore _store;
    private readonly ResourceCatalog _catalog;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<ResourceDefinition, ImmutableSortedDictionary<string, StoredObject>> _snapshots = [];
    private readonly CacheEvent?[] _history;
    private readonly List<Watcher> _watchers = [];
    private readonly CancellationTokenSource _stop = new();
    private long _historyCount;
    private long _revision;
    private long _oldestResumableRevision;
    private TaskCompletionSource _advanced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _pump;

    public WatchCache(IStore store, ResourceCatalog catalog, ILogger logger, int historyCapacity = DefaultHistoryCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(historyCapacity, 1);
        _history = new CacheEvent?[historyCapacity];
        _store = store;
        _catalog = catalog;
        _logger = logger;
    }

    private long _deletionActivity;

    /// <summary>Counts deletes and changes of objects being deleted: a cheap "is there deletion work" signal for the garbage collector.</summary>
    public long DeletionActivity => Interlocked.Read(ref _deletionActivity);

    /// <summary>All resources' current objects (storage definitions only), for cluster-wide scans.</summary>
    public IReadOnlyList<(ResourceDefinition Definition, ImmutableSortedDictionary<string, StoredObject> Items)> AllSnapshots()
    {
        lock (_lock)
        {
            return _snapshots.Select(kv => (kv.Key, kv.Value)).ToList();
        }
    }

    /// <summary>The store's newest committed revision (a consistent read waits for the cache to reach it).</summary>
    public long CurrentStoreRevision => _store.CurrentRevision;

    /// <summary>The revision up to which the cache has applied the store's changes.</summary>
    public long Revision => Volatile.Read(ref _revision);

    /// <summary>Defines resources from stored objects (CustomResourceDefinitions); set before <see cref="StartAsync"/>.</summary>
    public IResourceDefiner? Definer { get; set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var list = await _store.ListAsync("/registry/", cancellationToken).ConfigureAwait(false);
        if (Definer is { } definer)
        {
            // The defining objects first, so the keys of the resources they define are recognised below.
            foreach (var entry in list.Entries.Where(e => e.Key.StartsWith(definer.KeyPrefix, StringComparison.Ordinal)))
            {
                if (_catalog.FindByKey(entry.Key) is { } defining)
                {
                    definer.Observe(Decode(defining, entry.Key, entry.Value, entry.ModRevision), deleted: false);
                }
            }
        }

        var builders = new Dictionary<ResourceDefinition, ImmutableSortedDictionary<string, StoredObject>.Builder>();
        foreach (var entry in list.Entries)
        {
            var definition = _catalog.FindByKey(entry.Key);
            if (definition is null)
            {
                continue;
            }

            if (!builders.TryGetValue(definition, out var b))
            {
                builders[definition] = b = ImmutableSortedDictionary.CreateBuilder<string, StoredObject>(StringComparer.Ordinal);
            }

            b[entry.Key] = Decode(definition, entry.Key, entry.Value, entry.ModRevision);
        }

        foreach (var definition in _catalog.All.Where(d => d.StorageDefinition is null))
        {
            _snapshots[definition] = builders.TryGetValue(definition, out var b) ? b.ToImmutable() : ImmutableSortedDictionary.Create<string, StoredObject>(StringComparer.Ordinal);
        }

        _revision = list.Revision;
        _oldestResumableRevision = list.Revision;
        _pump = Task.Run(() => PumpAsync(list.Revision));
    }

    private async Task PumpAsync(long fromRevision)
    {
        var revision = fromRevision;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await foreach (var ev in _store.WatchAsync("/registry/", revision, _stop.Token).ConfigureAwait(false))
                {
                    try
                    {
                        Apply(ev);
                    }
                    catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or FormatException)
                    {
                        // A stored value this version cannot read must not stall every reader behind it.
                        _logger.LogError(ex, "watch cache: skipping undecodable value of {Key} at revision {Revision}", ev.Entry.Key, ev.Entry.ModRevision);
                        AdvanceTo(ev.Entry.ModRevision);
                    }

                    revision = ev.Entry.ModRevision;
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The store cut this watch (e.g. it fell behind); resume from what we applied.
                _logger.LogWarning(ex, "watch cache: store watch ended, resuming from revision {Revision}", revision);
                await Task.Delay(100).ConfigureAwait(false);
            }
        }
    }

    internal static StoredObject Decode(ResourceDefinition definition, string key, ReadOnlyMemory<byte> value, long revision)
    {
        var obj = (KubernetesObject)KubeJson.Deserialize(value.Span, definition.ClrType)!;
        if (definition.Custom is not { ConvertsByWebhook: true } || string.IsNullOrEmpty(obj.ApiVersion))
        {
            // Webhook-converted custom resources keep their stored version; reads convert them.
            obj.ApiVersion = definition.ApiVersion;
        }

        obj.Kind = definition.Kind;
        var rv = revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
        obj.Meta.ResourceVersion = rv;
        var json = WithResourceVersion(definition, value.Span, rv) ?? KubeJson.SerializeToUtf8Bytes(obj, definition.ClrType);
        return new StoredObject(key, obj, json, revision);
    }

    /// <summary>
    /// The stored JSON with <c>metadata.resourceVersion</c> added, when the stored value has the
    /// form the registry writes (apiVersion and kind of <paramref name="definition"/> before a
    /// metadata object without resourceVersion); null otherwise, and the object is re-encoded.
    /// Saves encoding every object a second time on the single path every write goes through.
    /// </summary>
    internal static byte[]? WithResourceVersion(ResourceDefinition definition, ReadOnlySpan<byte> stored, string resourceVersion)
    {
        var reader = new System.Text.Json.Utf8JsonReader(stored);
        if (!reader.Read() || reader.TokenType != System.Text.Json.JsonTokenType.StartObject)
        {
            return null;
        }

        var apiVersionSeen = false;
        var kindSeen = false;
        while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("apiVersion"u8) || reader.ValueTextEquals("kind"u8))
            {
                var isKind = reader.ValueTextEquals("kind"u8);
                if (!reader.Read() || reader.TokenType != System.Text.Json.JsonTokenType.String || !reader.ValueTextEquals(isKind ? definition.Kind : definition.ApiVersion))
                {
                    return null;
                }

                apiVersionSeen |= !isKind;
                kindSeen |= isKind;
                continue;
            }

            if (!reader.ValueTextEquals("metadata"u8))
            {
                return null;
            }

            if (!apiVersionSeen || !kindSeen || !reader.Read() || reader.TokenType != System.Text.Json.JsonTokenType.StartObject)
            {
                return null;
            }

            var insertAt = (int)reader.TokenStartIndex + 1;
            var empty = true;
            while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
            {
                empty = false;
                if (reader.ValueTextEquals("resourceVersion"u8))
                {
                    return null;
                }

                reader.Read();
                reader.Skip();
            }

            Span<byte> field = stackalloc byte[24 + resourceVersion.Length];
            var length = System.Text.Encoding.UTF8.GetBytes($"\"resourceVersion\":\"{resourceVersion}\"{(empty ? "" : ",")}", field);
            var result = new byte[stored.Length + length];
            stored[..insertAt].CopyTo(result);
            field[..length].CopyTo(result.AsSpan(insertAt));
            stored[insertAt..].CopyTo(result.AsSpan(insertAt + length));
            return result;
        }

        return null;
    }

    private void Apply(StoreEvent ev)
    {
        var definition = _catalog.FindByKey(ev.Entry.Key);
        var revision = ev.Entry.ModRevision;
        List<Watcher> cut = [];
        // Decoded before taking the lock that every reader takes.
        var current = definition is null ? null : Decode(definition, ev.Entry.Key, ev.Entry.Value, revision);
        if (current is not null && Definer is { } definer && ev.Entry.Key.StartsWith(definer.KeyPrefix, StringComparison.Ordinal))
        {
            // Before this revision is visible: a client that saw the definition's write can use the resource.
            ApplyStorageChanges(definer.Observe(current, ev.Type == StoreEventType.Deleted));
        }

        lock (_lock)
        {
            if (definition is not null && current is not null && _snapshots.TryGetValue(definition, out var snapshot))
            {
                snapshot.TryGetValue(ev.Entry.Key, out var previous);
                CacheEvent cacheEvent;
                if (ev.Type == StoreEventType.Deleted)
                {
                    _snapshots[definition] = snapshot.Remove(ev.Entry.Key);
                    cacheEvent = new CacheEvent(WatchEventType.Deleted, current, previous, revision);
                }
                else
                {
                    _snapshots[definition] = snapshot.SetItem(ev.Entry.Key, current);
                    cacheEvent = new CacheEvent(previous is null ? WatchEventType.Added : WatchEventType.Modified, current, previous, revision);
                }

                if (cacheEvent.Type == WatchEventType.Deleted || current.Object.Metadata?.DeletionTimestamp is not null)
                {
                    Interlocked.Increment(ref _deletionActivity);
                }

                var slot = _historyCount % _history.Length;
                if (_history[slot] is { } overwritten)
                {
                    _oldestResumableRevision = overwritten.Revision;
                }

                _history[slot] = cacheEvent;
                _historyCount++;

                foreach (var watcher in _watchers)
                {
                    if (watcher.Definition == definition && !watcher.Offer(cacheEvent))
                    {
                        cut.Add(watcher);
                    }
                }

                foreach (var w in cut)
                {
                    _watchers.Remove(w);
                }
            }

            AdvanceTo(revision);
        }

        foreach (var w in cut)
        {
            _logger.LogInformation("watch cache: watcher on {Resource} fell {Buffer} events behind and was closed", w.Definition, WatcherBuffer);
            w.Close(new TooSlowException());
        }
    }

    /// <summary>Adds, re-binds or drops the snapshots of resources whose storage definition changed.</summary>
    private void ApplyStorageChanges(IReadOnlyList<StorageChange> changes)
    {
        List<Watcher> closed = [];
        lock (_lock)
        {
            foreach (var (old, added) in changes)
            {
                var items = old is not null && _snapshots.Remove(old, out var existing) ? existing : Empty;
                if (added is not null)
                {
                    if (old is not null && old.ApiVersion != added.ApiVersion)
                    {
                        var builder = items.ToBuilder();
                        foreach (var (key, item) in items)
                        {
                            builder[key] = Decode(added, key, item.Json, item.Revision);
                        }

                        items = builder.ToImmutable();
                    }

                    _snapshots[added] = items;
                }

                foreach (var watcher in _watchers.Where(w => old is not null && w.Definition == old).ToList())
                {
                    if (added is null)
                    {
                        _watchers.Remove(watcher);
                        closed.Add(watcher);
                    }
                    else
                    {
                        watcher.Definition = added;
                    }
                }
            }
        }

        foreach (var watcher in closed)
        {
            watcher.Close(null);
        }
    }

    private static readonly ImmutableSortedDictionary<string, StoredObject> Empty = ImmutableSortedDictionary.Create<string, StoredObject>(StringComparer.Ordinal);

    private void AdvanceTo(long revision)
    {
        lock (_lock)
        {
            Volatile.Write(ref _revision, revision);
            var advanced = _advanced;
            _advanced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            advanced.TrySetResult();
        }
    }

    /// <summary>
    /// Waits until the cache has applied every write up to <paramref name="revision"/> (consistent reads, and a
    /// write's answer). A busy store can take seconds to deliver its own acknowledged writes, so without a
    /// <paramref name="limit"/> this waits as long as the request lives; with one (a client-chosen resourceVersion)
    /// it answers 504 Timeout "Too large resource version" after it, as Kubernetes' watch cache does.
    /// </summary>
    public async Task WaitForRevisionAsync(long revision, CancellationToken cancellationToken, TimeSpan? limit = null)
    {
        var deadline = limit is { } l ? DateTime.UtcNow + l : DateTime.MaxValue;
        while (true)
        {
            Task wait;
            lock (_lock)
            {
                if (_revision >= revision)
                {
                    return;
                }

                wait = _advanced.Task;
            }

            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw Http.ApiException.TooLargeResourceVersion(revision, Revision);
            }

            try
            {
                await wait.WaitAsync(remaining < RecheckInterval ? remaining : RecheckInterval, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Check again: the loop ends on the revision or the deadline, not on one quiet interval.
            }
        }
    }

    private static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(1);

    /// <summary>A consistent snapshot of a resource: waits for the store's newest revision first.</summary>
    public async Task<(ImmutableSortedDictionary<string, StoredObject> Items, long Revision)> SnapshotAsync(ResourceDefinition definition, bool consistent, CancellationToken cancellationToken)
    {
        if (consistent)
        {
            await WaitForRevisionAsync(_store.CurrentRevision, cancellationToken).ConfigureAwait(false);
        }

        lock (_lock)
        {
            return (_snapshots.GetValueOrDefault(definition.StorageDefinition ?? definition, Empty), _revision);
        }
    }

    /// <summary>
    /// A resource's objects as they were at <paramref name="revision"/> (Exact lists and the pages
    /// after the first of a paged list): the current snapshot with the newer history undone.
    /// Throws <see cref="RevisionCompactedException"/> when the history no longer reaches back that far.
    /// </summary>
    public async Task<ImmutableSortedDictionary<string, StoredObject>> SnapshotAtAsync(ResourceDefinition definition, long revision, CancellationToken cancellationToken)
    {
        await WaitForRevisionAsync(revision, cancellationToken).ConfigureAwait(false);
        var storage = definition.StorageDefinition ?? definition;
        ImmutableSortedDictionary<string, StoredObject> items;
        var newer = new List<CacheEvent>();
        lock (_lock)
        {
            if (revision < _oldestResumableRevision)
            {
                throw new RevisionCompactedException(revision, _oldestResumableRevision);
            }

            items = _snapshots.GetValueOrDefault(storage, Empty);
            var count = Math.Min(_historyCount, _history.Length);
            for (var i = _historyCount - 1; i >= _historyCount - count; i--)
            {
                var ev = _history[i % _history.Length]!;
                if (ev.Revision <= revision)
                {
                    break;
                }

                if (ev.Object.Key.StartsWith(storage.KeyPrefix, StringComparison.Ordinal))
                {
                    newer.Add(ev);
                }
            }
        }

        if (newer.Count == 0)
        {
            return items;
        }

        // Undo newest first: a create is removed, an update or delete restores the previous state.
        var builder = items.ToBuilder();
        foreach (var ev in newer)
        {
            if (ev.Type == WatchEventType.Added || ev.Previous is null)
            {
                builder.Remove(ev.Object.Key);
            }
            else
            {
                builder[ev.Object.Key] = ev.Previous;
            }
        }

        return builder.ToImmutable();
    }

    public async Task<StoredObject?> GetAsync(ResourceDefinition definition, string key, CancellationToken cancellationToken)
    {
        var (items, _) = await SnapshotAsync(definition, consistent: true, cancellationToken).ConfigureAwait(false);
        return items.GetValueOrDefault(key);
    }

    /// <summary>
    /// Starts a watch on a resource. With <paramref name="fromRevision"/> = null the current state is
    /// delivered first as ADDED events; otherwise every change after that revision is replayed from
    /// history (410 if it is no longer there), then live changes follow without gap.
    /// </summary>
    public Watcher Watch(ResourceDefinition definition, long? fromRevision, Func<StoredObject, bool> filter)
    {
        var storage = definition.StorageDefinition ?? definition;
        var watcher = new Watcher(this, storage, filter);
        lock (_lock)
        {
            watcher.InitialRevision = _revision;
            if (fromRevision is null)
            {
                foreach (var item in _snapshots.GetValueOrDefault(storage, Empty).Values)
                {
                    watcher.OfferInitial(item);
                }
            }
            else
            {
                if (fromRevision < _oldestResumableRevision)
                {
                    throw new RevisionCompactedException(fromRevision.Value, _oldestResumableRevision);
                }

                var count = Math.Min(_historyCount, _history.Length);
                for (var i = _historyCount - count; i < _historyCount; i++)
                {
                    var ev = _history[i % _history.Length]!;
                    if (ev.Revision > fromRevision && (ev.Object.Key.StartsWith(storage.KeyPrefix, StringComparison.Ordinal)))
                    {
                        watcher.Offer(ev);
                    }
                }
            }

            _watchers.Add(watcher);
        }

        return watcher;
    }

    internal void Unregister(Watcher watcher)
    {
        lock (_lock)
        {
            _watchers.Remove(watcher);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_pump is not null)
        {
            await _pump.ConfigureAwait(false);
        }

        lock (_lock)
        {
            foreach (var w in _watchers)
            {
                w.Close(null);
            }

            _watchers.Clear();
        }

        _stop.Dispose();
    }

    /// <summary>One watch: a bounded queue of events that already passed the filter, as the client will see them.</summary>
    public sealed class Watcher
    {
        // Unbounded so the initial state always fits; live events are bounded by WatcherBuffer in Offer.
        private readonly Channel<CacheEvent> _channel = Channel.CreateUnbounded<CacheEvent>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
        private readonly Func<StoredObject, bool> _filter;
        private readonly WatchCache _cache;

        internal Watcher(WatchCache cache, ResourceDefinition definition, Func<StoredObject, bool> filter)
        {
            _cache = cache;
            Definition = definition;
            _filter = filter;
        }

        public ResourceDefinition Definition { get; internal set; }
        public ChannelReader<CacheEvent> Events => _channel.Reader;

        /// <summary>The revision of the state the initial ADDED events describe (the cache's revision when the watch started).</summary>
        public long InitialRevision { get; internal set; }

        /// <summary>How many of the first queued events are the synthetic ADDED events of the initial state.</summary>
        public int InitialCount { get; private set; }

        internal void OfferInitial(StoredObject item)
        {
            if (_filter(item))
            {
                _channel.Writer.TryWrite(new CacheEvent(WatchEventType.Added, item, null, item.Revision));
                InitialCount++;
            }
        }

        /// <summary>Translates a change through the filter (an object leaving the selection is DELETED for this watcher). False when the buffer is full.</summary>
        internal bool Offer(CacheEvent ev)
        {
            var now = ev.Type != WatchEventType.Deleted && _filter(ev.Object);
            var before = ev.Previous is not null && _filter(ev.Previous);
            CacheEvent? translated = ev.Type switch
            {
                WatchEventType.Deleted => before || (ev.Previous is null && _filter(ev.Object)) ? ev : null,
                // The shared event as it is when this watcher sees it the same way (no copy per watcher).
                _ when now && before => ev.Type == WatchEventType.Modified ? ev : ev with { Type = WatchEventType.Modified },
                _ when now => ev.Type == WatchEventType.Added ? ev : ev with { Type = WatchEventType.Added },
                _ when before => ev with { Type = WatchEventType.Deleted },
                _ => null,
            };
            return translated is null || (_channel.Reader.Count < WatcherBuffer && _channel.Writer.TryWrite(translated));
        }

        internal void Close(Exception? error) => _channel.Writer.TryComplete(error);

        /// <summary>Stops delivery (the client went away).</summary>
        public void Stop()
        {
            _cache.Unregister(this);
            Close(null);
        }
    }
}

/// <summary>A watcher could not keep up and was closed; the client resumes or relists.</summary>
public sealed class TooSlowException() : Exception("watcher fell too far behind and was closed");

/// <summary>
/// Defines resources from stored objects (CustomResourceDefinitions). The watch cache hands it
/// every change under <see cref="KeyPrefix"/> in revision order, before that revision is visible
/// to readers, so no object of a defined resource is seen before its definition.
/// </summary>
public interface IResourceDefiner
{
    string KeyPrefix { get; }

    /// <summary>Updates the catalog for a changed (or deleted) defining object; returns the storage definitions that changed.</summary>
    IReadOnlyList<StorageChange> Observe(StoredObject obj, bool deleted);
}

/// <summary>A resource's storage definition replaced: Old null = a new resource; New null = a resource gone.</summary>
public sealed record StorageChange(ResourceDefinition? Old, ResourceDefinition? New);

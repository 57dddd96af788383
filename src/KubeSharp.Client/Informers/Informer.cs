using System.Threading.Channels;
using KubeSharp.Api;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KubeSharp.Client.Informers;

public sealed record InformerOptions
{
    /// <summary>Namespace to watch; null watches all namespaces (and is required for cluster-scoped kinds).</summary>
    public string? Namespace { get; init; }
    public string? LabelSelector { get; init; }
    public string? FieldSelector { get; init; }
    /// <summary>Page size of lists.</summary>
    public int PageSize { get; init; } = 500;
    /// <summary>Every watch asks the server to end it after a random time in this range, so no watch lives forever.</summary>
    public int MinWatchTimeoutSeconds { get; init; } = 300;
    public int MaxWatchTimeoutSeconds { get; init; } = 600;
    /// <summary>If set, every object is re-delivered as OnUpdate(obj, obj) this often, so level-triggered controllers catch up.</summary>
    public TimeSpan? ResyncPeriod { get; init; }
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(800);
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Keeps a local cache of one kind in step with the API server and tells handlers about changes
/// (reflector + indexer + processor). Lists first (resourceVersion=0, paginated), then watches from
/// the list's resourceVersion with bookmarks. A watch that ends (server timeout, disconnect) is
/// restarted from the last resourceVersion seen; an expired resourceVersion (410) relists with a
/// consistent read; failures back off exponentially with jitter. It runs until cancelled.
/// </summary>
public sealed class Informer<T>
    where T : KubernetesObject
{
    private readonly IListWatch<T> _listWatch;
    private readonly InformerOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Backoff _backoff;
    // Serialises cache mutations with the enqueueing of their notifications, so every handler sees
    // changes in cache order and a handler added late gets a consistent snapshot.
    private readonly Lock _gate = new();
    private readonly List<Listener> _listeners = [];
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _lastResourceVersion;
    private int _running;

    public Informer(KubernetesClient client, InformerOptions? options = null, ILogger? logger = null)
        : this(new ClientListWatch<T>(client, options?.Namespace), options, logger)
    {
    }

    public Informer(IListWatch<T> listWatch, InformerOptions? options = null, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        _listWatch = listWatch;
        _options = options ?? new InformerOptions();
        _logger = logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _backoff = new Backoff(_options.InitialBackoff, _options.MaxBackoff);
        Cache = new ObjectCache<T>();
        Lister = new Lister<T>(Cache);
    }

    public ObjectCache<T> Cache { get; }
    public Lister<T> Lister { get; }

    /// <summary>True once the first list has been stored in the cache.</summary>
    public bool HasSynced => _synced.Task.IsCompleted;

    /// <summary>The resourceVersion of the last list, event or bookmark applied.</summary>
    public string? LastSyncResourceVersion => Volatile.Read(ref _lastResourceVersion);

    public Task WaitForSyncAsync(CancellationToken cancellationToken = default) => _synced.Task.WaitAsync(cancellationToken);

    /// <summary>
    /// Registers a handler. If the cache already holds objects, the handler first receives each as an
    /// add (initial list). Dispose the result to unregister.
    /// </summary>
    public IDisposable AddEventHandler(ResourceEventHandler<T> handler)
    {
        var listener = new Listener(this, handler);
        lock (_gate)
        {
            foreach (var item in Cache.List())
            {
                listener.Enqueue(new Notification(NotificationKind.Add, item, null, true));
            }

            _listeners.Add(listener);
        }

        return listener;
    }

    /// <summary>Runs the list/watch loop until <paramref name="cancellationToken"/> is cancelled. Call once.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, 1) != 0)
        {
            throw new InvalidOperationException("informer is already running");
        }

        using var resync = _options.ResyncPeriod is { } period ? new PeriodicTimer(period, _time) : null;
        var resyncTask = resync is null ? Task.CompletedTask : ResyncLoopAsync(resync, cancellationToken);
        try
        {
            await ReflectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Normal shutdown.
        }
        finally
        {
            resync?.Dispose();
            await resyncTask.ConfigureAwait(false);
            lock (_gate)
            {
                foreach (var listener in _listeners)
                {
                    listener.Complete();
                }
            }
        }
    }

    private async Task ReflectAsync(CancellationToken cancellationToken)
    {
        // "0" lets the server answer from its cache; after a 410 only a consistent read ("") is safe.
        var listFrom = "0";
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await ListAndReplaceAsync(listFrom, cancellationToken).ConfigureAwait(false);
                await WatchUntilExpiredAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (WatchExpiredException e)
            {
                _logger.LogInformation("{Kind} watch from resourceVersion {Rv} expired ({Message}); relisting", typeof(T).Name, LastSyncResourceVersion, e.Status.Message);
                listFrom = "";
                continue;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var delay = _backoff.Next();
                _logger.LogWarning(e, "{Kind} list failed; retrying in {Delay}", typeof(T).Name, delay);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }

            // Relist after other failures from where the cache is, which the server can usually serve.
            listFrom = LastSyncResourceVersion ?? "0";
        }
    }

    private async Task ListAndReplaceAsync(string resourceVersion, CancellationToken cancellationToken)
    {
        var options = new ListOptions
        {
            LabelSelector = _options.LabelSelector,
            FieldSelector = _options.FieldSelector,
            Limit = _options.PageSize,
            ResourceVersion = resourceVersion.Length == 0 ? null : resourceVersion,
        };
        var items = new List<T>();
        KubernetesList<T> page;
        string? listVersion = null;
        try
        {
            page = await _listWatch.ListAsync(options, cancellationToken).ConfigureAwait(false);
            listVersion = page.Metadata?.ResourceVersion;
            items.AddRange(page.Items);
            while (!string.IsNullOrEmpty(page.Metadata?.Continue))
            {
                page = await _listWatch.ListAsync(options with { Continue = page.Metadata.Continue, ResourceVersion = null }, cancellationToken).ConfigureAwait(false);
                items.AddRange(page.Items);
            }
        }
        catch (KubernetesApiException e) when (e.IsExpired)
        {
            // The continue token's snapshot was compacted mid-way: one unpaginated consistent list instead.
            _logger.LogInformation("{Kind} paginated list expired; listing without pages", typeof(T).Name);
            page = await _listWatch.ListAsync(options with { Limit = null, ResourceVersion = null }, cancellationToken).ConfigureAwait(false);
            listVersion = page.Metadata?.ResourceVersion;
            items = page.Items;
        }

        if (string.IsNullOrEmpty(listVersion))
        {
            throw new InvalidOperationException($"{typeof(T).Name} list has no metadata.resourceVersion to watch from");
        }

        Replace(items, listVersion);
        _backoff.Reset();
    }

    private async Task WatchUntilExpiredAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var timeout = Random.Shared.Next(_options.MinWatchTimeoutSeconds, _options.MaxWatchTimeoutSeconds + 1);
            var options = new ListOptions
            {
                LabelSelector = _options.LabelSelector,
                FieldSelector = _options.FieldSelector,
                ResourceVersion = LastSyncResourceVersion,
                TimeoutSeconds = timeout,
                AllowWatchBookmarks = true,
            };
            var started = _time.GetTimestamp();
            var received = 0;
            try
            {
                await foreach (var e in _listWatch.WatchAsync(options, cancellationToken).ConfigureAwait(false))
                {
                    received++;
                    Apply(e);
                }

                if (received > 0 || _time.GetElapsedTime(started) > TimeSpan.FromSeconds(1))
                {
                    _backoff.Reset();
                    continue;
                }

                // A watch the server closes at once with nothing in it would otherwise spin.
                var delay = _backoff.Next();
                _logger.LogDebug("{Kind} watch ended immediately; rewatching in {Delay}", typeof(T).Name, delay);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TimeoutException
                                      || (e is KubernetesApiException api && (int)api.StatusCode >= 500)
                                      || (e is KubernetesApiException { IsTooManyRequests: true }))
            {
                // The connection broke or the server is briefly unavailable: the cache is still valid
                // up to the last resourceVersion, so watch again from there after a pause.
                var delay = _backoff.Next();
                _logger.LogInformation("{Kind} watch interrupted ({Error}); rewatching from {Rv} in {Delay}", typeof(T).Name, e.Message, LastSyncResourceVersion, delay);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void Apply(WatchEvent<T> e)
    {
        if (e.Object is null)
        {
            return;
        }

        var rv = e.Object.Metadata?.ResourceVersion;
        lock (_gate)
        {
            switch (e.Type)
            {
                case WatchEventType.Added:
                case WatchEventType.Modified:
                    var old = Cache.Upsert(e.Object);
                    Notify(old is null
                        ? new Notification(NotificationKind.Add, e.Object, null, false)
                        : new Notification(NotificationKind.Update, e.Object, old, false));
                    break;
                case WatchEventType.Deleted:
                    Cache.Remove(ObjectCache<T>.KeyOf(e.Object));
                    Notify(new Notification(NotificationKind.Delete, e.Object, null, false));
                    break;
                case WatchEventType.Bookmark:
                    break;
                default:
                    _logger.LogWarning("{Kind} watch sent unknown event type {Type}", typeof(T).Name, e.Type);
                    return;
            }

            if (!string.IsNullOrEmpty(rv))
            {
                Volatile.Write(ref _lastResourceVersion, rv);
            }
        }
    }

    private void Replace(List<T> items, string resourceVersion)
    {
        lock (_gate)
        {
            var initial = !HasSynced;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in items)
            {
                seen.Add(ObjectCache<T>.KeyOf(item));
                var old = Cache.Upsert(item);
                Notify(old is null
                    ? new Notification(NotificationKind.Add, item, null, initial)
                    : new Notification(NotificationKind.Update, item, old, false));
            }

            foreach (var key in Cache.ListKeys().Where(k => !seen.Contains(k)))
            {
                // Deleted while we were not watching: the final state is unknown, pass the last one seen.
                var gone = Cache.Remove(key);
                if (gone is not null)
                {
                    Notify(new Notification(NotificationKind.DeleteFinalStateUnknown, gone, null, false));
                }
            }

            Volatile.Write(ref _lastResourceVersion, resourceVersion);
        }

        _synced.TrySetResult();
    }

    private async Task ResyncLoopAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                lock (_gate)
                {
                    foreach (var item in Cache.List())
                    {
                        Notify(new Notification(NotificationKind.Update, item, item, false));
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutdown.
        }
    }

    private void Notify(Notification notification)
    {
        foreach (var listener in _listeners)
        {
            listener.Enqueue(notification);
        }
    }

    private void RemoveListener(Listener listener)
    {
        lock (_gate)
        {
            _listeners.Remove(listener);
        }

        listener.Complete();
    }

    private enum NotificationKind
    {
        Add,
        Update,
        Delete,
        DeleteFinalStateUnknown,
    }

    private readonly record struct Notification(NotificationKind Kind, T Object, T? Old, bool InInitialList);

    /// <summary>One handler's ordered, unbounded queue of notifications and the task that delivers them.</summary>
    private sealed class Listener : IDisposable
    {
        private readonly Informer<T> _informer;
        private readonly ResourceEventHandler<T> _handler;
        private readonly Channel<Notification> _queue = Channel.CreateUnbounded<Notification>(new UnboundedChannelOptions { SingleReader = true });

        public Listener(Informer<T> informer, ResourceEventHandler<T> handler)
        {
            _informer = informer;
            _handler = handler;
            _ = Task.Run(DeliverAsync);
        }

        public void Enqueue(Notification notification) => _queue.Writer.TryWrite(notification);

        public void Complete() => _queue.Writer.TryComplete();

        public void Dispose() => _informer.RemoveListener(this);

        private async Task DeliverAsync()
        {
            await foreach (var n in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                try
                {
                    switch (n.Kind)
                    {
                        case NotificationKind.Add:
                            _handler.OnAdd?.Invoke(n.Object, n.InInitialList);
                            break;
                        case NotificationKind.Update:
                            _handler.OnUpdate?.Invoke(n.Old!, n.Object);
                            break;
                        case NotificationKind.Delete:
                            _handler.OnDelete?.Invoke(n.Object, false);
                            break;
                        case NotificationKind.DeleteFinalStateUnknown:
                            _handler.OnDelete?.Invoke(n.Object, true);
                            break;
                    }
                }
#pragma warning disable CA1031 // A handler's bug must not stop delivery to it or stall the informer.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    _informer._logger.LogError(e, "{Kind} event handler failed on {Event}", typeof(T).Name, n.Kind);
                }
            }
        }
    }
}

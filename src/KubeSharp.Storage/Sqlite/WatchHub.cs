using System.Threading.Channels;

namespace KubeSharp.Storage.Sqlite;

/// <summary>
/// One live watcher's buffer. The hub writes to it in revision order; if the buffer is full the
/// hub detaches the subscription and marks it <see cref="Overflowed"/>, after which the watcher
/// reads the revision log from its last delivered revision instead of losing events.
/// </summary>
internal sealed class WatchSubscription(string prefix, int capacity)
{
    public string Prefix { get; } = prefix;

    public Channel<StoreEvent> Events { get; } = Channel.CreateBounded<StoreEvent>(
        new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Set (before the channel completes) when the hub dropped this subscription for falling behind.</summary>
    public volatile bool Overflowed;
}

/// <summary>
/// Pushes committed events to live watchers. The writer loop publishes each committed batch in
/// revision order; a subscription registered under the same lock receives exactly the events
/// after the revision <see cref="Subscribe"/> returns, so replay-then-live has no gap or duplicate.
/// </summary>
internal sealed class WatchHub
{
    private readonly Lock _lock = new();
    private readonly List<WatchSubscription> _subscriptions = [];
    private long _publishedRevision;
    private bool _closed;

    public int SubscriberCount
    {
        get
        {
            lock (_lock)
            {
                return _subscriptions.Count;
            }
        }
    }

    public void Start(long revision) => _publishedRevision = revision;

    /// <summary>Registers a subscription; it will receive every event with a revision above the returned one.</summary>
    public (WatchSubscription Subscription, long Revision) Subscribe(string prefix, int capacity)
    {
        var subscription = new WatchSubscription(prefix, capacity);
        lock (_lock)
        {
            if (_closed)
            {
                subscription.Events.Writer.TryComplete();
            }
            else
            {
                _subscriptions.Add(subscription);
            }

            return (subscription, _publishedRevision);
        }
    }

    public void Unsubscribe(WatchSubscription subscription)
    {
        lock (_lock)
        {
            _subscriptions.Remove(subscription);
        }

        subscription.Events.Writer.TryComplete();
    }

    /// <summary>Delivers a committed batch; <paramref name="events"/> are in revision order ending at <paramref name="revision"/>.</summary>
    public void Publish(List<StoreEvent> events, long revision)
    {
        lock (_lock)
        {
            for (var i = _subscriptions.Count - 1; i >= 0; i--)
            {
                var subscription = _subscriptions[i];
                foreach (var storeEvent in events)
                {
                    if (!storeEvent.Entry.Key.StartsWith(subscription.Prefix, StringComparison.Ordinal))
                    {
                        continue;
                    }

                    if (!subscription.Events.Writer.TryWrite(storeEvent))
                    {
                        subscription.Overflowed = true;
                        subscription.Events.Writer.TryComplete();
                        _subscriptions.RemoveAt(i);
                        break;
                    }
                }
            }

            _publishedRevision = revision;
        }
    }

    /// <summary>Ends every subscription (the store is closing); watchers finish their enumeration.</summary>
    public void Close()
    {
        lock (_lock)
        {
            _closed = true;
            foreach (var subscription in _subscriptions)
            {
                subscription.Events.Writer.TryComplete();
            }

            _subscriptions.Clear();
        }
    }
}

using KubeSharp.Api.Core.V1;
using KubeSharp.ApiServer.Http;
using KubeSharp.ApiServer.Storage;
using Microsoft.Extensions.Logging;

namespace KubeSharp.ApiServer.Lifecycle;

/// <summary>
/// Deletes Events an hour (<c>--event-ttl</c>) after they were last recorded, as Kubernetes does with its storage
/// lease on events: without it, events would pile up in the store and the watch cache for ever.
/// </summary>
public sealed class EventExpiry(ResourceStore store, TimeSpan ttl, ILogger logger)
{
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    public IAsyncDisposable Start() => new BackgroundLoop(async ct =>
    {
        while (!ct.IsCancellationRequested)
        {
            await PassAsync(DateTimeOffset.UtcNow, ct).ConfigureAwait(false);
            await Task.Delay(Period, ct).ConfigureAwait(false);
        }
    });

    /// <summary>When an event was last recorded: the newest of its timestamps.</summary>
    public static DateTimeOffset LastRecorded(Event ev) => new[]
    {
        ev.LastTimestamp, ev.EventTime, ev.Series?.LastObservedTime, ev.FirstTimestamp, ev.Metadata?.CreationTimestamp,
    }.Max() ?? DateTimeOffset.MinValue;

    public async Task PassAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var events = store.Catalog.Get<Event>();
        var (items, _) = await store.Cache.SnapshotAsync(events, true, cancellationToken).ConfigureAwait(false);
        foreach (var item in items.Values)
        {
            var ev = (Event)item.Object;
            if (now - LastRecorded(ev) < ttl)
            {
                continue;
            }

            try
            {
                await store.DeleteAsync(events, ev.Metadata?.Namespace, ev.Metadata?.Name ?? "", null, cancellationToken).ConfigureAwait(false);
            }
            catch (ApiException e) when (e.Code is 404 or 409)
            {
            }
            catch (ApiException e)
            {
                logger.LogWarning("could not delete expired event {Namespace}/{Name}: {Message}", ev.Metadata?.Namespace, ev.Metadata?.Name, e.Message);
            }
        }
    }
}

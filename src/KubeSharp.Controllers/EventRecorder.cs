using System.Globalization;
using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Client;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Controllers;

/// <summary>
/// Writes core/v1 Events about objects (what kubectl describe shows), as one component, correlated as client-go does
/// (<see cref="EventCorrelator"/>: repeats counted, similar ones combined, floods dropped). Best effort: a failed
/// write is logged at debug level and never fails the caller.
/// </summary>
internal sealed class EventRecorder(KubernetesClient client, string component, ILogger logger, TimeProvider? time = null)
{
    private readonly EventCorrelator _correlator = new(time ?? TimeProvider.System);

    public async Task RecordAsync(KubernetesObject obj, string apiVersion, string kind, string type, string reason, string message, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var seconds = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        var meta = obj.Metadata;
        var ev = new Event
        {
            Metadata = new ObjectMeta
            {
                Name = $"{meta?.Name}.{(now.ToUnixTimeMilliseconds() * 1_000_000 + Random.Shared.Next(1_000_000)).ToString("x", CultureInfo.InvariantCulture)}",
                Namespace = string.IsNullOrEmpty(meta?.Namespace) ? "default" : meta.Namespace,
            },
            InvolvedObject = new ObjectReference { ApiVersion = apiVersion, Kind = kind, Name = meta?.Name, Namespace = meta?.Namespace, Uid = meta?.Uid, ResourceVersion = meta?.ResourceVersion },
            Type = type,
            Reason = reason,
            Message = message,
            Source = new EventSource { Component = component },
            ReportingComponent = component,
            FirstTimestamp = seconds,
            LastTimestamp = seconds,
            Count = 1,
        };
        try
        {
            switch (_correlator.Correlate(ev))
            {
                case EventDecision.Create create:
                    var created = await client.CreateAsync(create.Event, cancellationToken: cancellationToken).ConfigureAwait(false);
                    _correlator.Written(create.Key, created.Metadata?.Name ?? "", created.Metadata?.Namespace ?? "", created.Count ?? 1);
                    break;
                case EventDecision.Update update:
                    var patch = new Patch(PatchType.Merge, new Dictionary<string, object>
                    {
                        ["count"] = update.Count,
                        ["message"] = update.Message,
                        ["lastTimestamp"] = DateTimeOffset.FromUnixTimeSeconds(update.LastTimestamp.ToUnixTimeSeconds()),
                    });
                    try
                    {
                        await client.PatchAsync<Event>(update.Name, patch, update.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                    }
                    catch (KubernetesApiException e) when (e.IsNotFound)
                    {
                        _correlator.Forget(update.Key);
                    }

                    break;
            }
        }
        catch (Exception e) when (e is KubernetesApiException or HttpRequestException or TimeoutException)
        {
            logger.LogDebug("could not record event {Reason} on {Kind} {Name}: {Message}", reason, kind, meta?.Name, e.Message);
        }
    }
}

using System.Collections.Concurrent;
using System.Globalization;
using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Client;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Node.Pods;

/// <summary>
/// Records the kubelet's core/v1 Events about pods (Pulled, Created, Started, Killing, BackOff …) for `kubectl describe`.
/// A repeat of the same event (same pod, container, reason and message) raises its count instead of adding one.
/// Recording never blocks or fails a sync: events are written in the background, failures only logged.
/// </summary>
internal sealed partial class PodEventRecorder(KubernetesClient client, string nodeName, ILogger logger)
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";
    private const int MaxRemembered = 4096;

    private readonly ConcurrentDictionary<string, Event> _recent = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _serial = new(1, 1);

    /// <param name="container">The container the event is about (fieldPath spec.containers{name}), or null for the pod.</param>
    public void Record(Pod pod, string? container, bool isInit, string type, string reason, string message)
    {
        _ = Task.Run(async () =>
        {
            await _serial.WaitAsync().ConfigureAwait(false);
            try
            {
                await WriteAsync(pod, container, isInit, type, reason, message).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Events are best effort.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Log.EventFailed(logger, reason, pod.Metadata?.Name ?? "", e.Message);
            }
            finally
            {
                _serial.Release();
            }
        });
    }

    private async Task WriteAsync(Pod pod, string? container, bool isInit, string type, string reason, string message)
    {
        var meta = pod.Metadata!;
        var fieldPath = container is null ? null : $"spec.{(isInit ? "initContainers" : "containers")}{{{container}}}";
        var key = $"{meta.Uid}|{fieldPath}|{reason}|{message}";
        var now = DateTimeOffset.UtcNow;
        if (_recent.TryGetValue(key, out var existing))
        {
            existing.Count = (existing.Count ?? 1) + 1;
            existing.LastTimestamp = now;
            try
            {
                _recent[key] = await client.UpdateAsync(existing).ConfigureAwait(false);
                return;
            }
            catch (KubernetesApiException e) when (e.IsNotFound || e.IsConflict)
            {
                _recent.TryRemove(key, out _);
            }
        }

        var created = await client.CreateAsync(new Event
        {
            Metadata = new ObjectMeta
            {
                Name = $"{meta.Name}.{(now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100:x}",
                Namespace = meta.Namespace,
            },
            InvolvedObject = new ObjectReference
            {
                Kind = "Pod",
                Namespace = meta.Namespace,
                Name = meta.Name,
                Uid = meta.Uid,
                ApiVersion = "v1",
                ResourceVersion = meta.ResourceVersion,
                FieldPath = fieldPath,
            },
            Reason = reason,
            Message = message,
            Source = new EventSource { Component = "kubelet", Host = nodeName },
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
            Type = type,
            ReportingComponent = "kubelet",
            ReportingInstance = nodeName,
        }).ConfigureAwait(false);
        if (_recent.Count > MaxRemembered)
        {
            _recent.Clear();
        }

        _recent[key] = created;
    }

    /// <summary>Go's time.Duration formatting with fractional seconds, as "Successfully pulled image … in 1.2s" shows it.</summary>
    public static string Seconds(TimeSpan elapsed) =>
        elapsed.TotalSeconds >= 1
            ? elapsed.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s"
            : elapsed.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + "ms";

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "could not record event {Reason} for pod {Pod}: {Error}")]
        public static partial void EventFailed(ILogger logger, string reason, string pod, string error);
    }
}

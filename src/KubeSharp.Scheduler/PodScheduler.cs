using System.Collections.Concurrent;
using System.Globalization;
using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Client;
using KubeSharp.Client.Informers;
using KubeSharp.Client.Queues;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Scheduler;

/// <summary>
/// kube-scheduler for pods with schedulerName default-scheduler: watches pods without a node and
/// the nodes, places each pod with <see cref="SchedulingAlgorithm"/> and binds it through
/// pods/{name}/binding. A pod that fits nowhere gets PodScheduled=False (Unschedulable) and a
/// FailedScheduling event, and is retried when nodes or pods change (and at least every 30 s).
/// Pods it has bound count on their node at once, before the informer shows the binding.
/// </summary>
public sealed class PodScheduler
{
    public const string DefaultSchedulerName = "default-scheduler";
    private static readonly TimeSpan RetryUnschedulable = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RepeatSameEvent = TimeSpan.FromMinutes(1);
    /// <summary>Bindings (and their Scheduled events) in flight while the next pods are placed.</summary>
    private const int MaxBindingsInFlight = 32;

    private readonly KubernetesClient _client;
    private readonly ILogger _logger;
    private readonly Informer<Pod> _pods;
    private readonly Informer<Node> _nodes;
    private readonly WorkQueue<string> _queue = new(RateLimiters.DefaultController<string>());
    private readonly ConcurrentDictionary<string, Pod> _assumed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Message, DateTimeOffset At)> _lastFailure = new(StringComparer.Ordinal);
    private readonly Lock _placement = new();
    private readonly SemaphoreSlim _bindingSlots = new(MaxBindingsInFlight);

    public PodScheduler(KubernetesClient client, ILoggerFactory loggerFactory)
    {
        _client = client;
        _logger = loggerFactory.CreateLogger("scheduler");
        _pods = new Informer<Pod>(client, new InformerOptions(), loggerFactory.CreateLogger("scheduler.informer.Pod"));
        _nodes = new Informer<Node>(client, new InformerOptions(), loggerFactory.CreateLogger("scheduler.informer.Node"));
        _pods.AddEventHandler(new ResourceEventHandler<Pod>
        {
            OnAdd = (p, _) => PodChanged(p),
            OnUpdate = (_, p) => PodChanged(p),
            OnDelete = (p, _) => PodGone(p),
        });
        _nodes.AddEventHandler(new ResourceEventHandler<Node>
        {
            OnAdd = (_, _) => RetryPending(),
            OnUpdate = (old, node) =>
            {
                if (SchedulingRelevantChange(old, node))
                {
                    RetryPending();
                }
            },
        });
    }

    public Random Random { get; init; } = Random.Shared;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var informers = new[] { _pods.RunAsync(cancellationToken), _nodes.RunAsync(cancellationToken) };
        try
        {
            await Task.WhenAll(_pods.WaitForSyncAsync(cancellationToken), _nodes.WaitForSyncAsync(cancellationToken)).ConfigureAwait(false);
            _logger.LogInformation("scheduler started");
            // One worker: each decision must see the placements made before it.
            await new ControllerWorker<string>("scheduler", _queue, ScheduleAsync, _logger).RunAsync(1, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(informers).ConfigureAwait(false);
    }

    /// <summary>Pods this scheduler is responsible for placing.</summary>
    internal static bool NeedsScheduling(Pod pod) =>
        string.IsNullOrEmpty(pod.Spec?.NodeName)
        && (pod.Spec?.SchedulerName ?? DefaultSchedulerName) is DefaultSchedulerName or ""
        && pod.Metadata?.DeletionTimestamp is null
        && pod.Status?.Phase is not ("Succeeded" or "Failed")
        && pod.Spec?.SchedulingGates is not { Count: > 0 };

    private static bool SchedulingRelevantChange(Node old, Node node) =>
        KubeJson.Serialize(old.Spec) != KubeJson.Serialize(node.Spec)
        || KubeJson.Serialize(old.Metadata?.Labels) != KubeJson.Serialize(node.Metadata?.Labels)
        || KubeJson.Serialize(old.Status?.Allocatable) != KubeJson.Serialize(node.Status?.Allocatable)
        || old.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Status != node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Status;

    private void PodChanged(Pod pod)
    {
        var key = ObjectCache<Pod>.KeyOf(pod);
        if (NeedsScheduling(pod))
        {
            _queue.Add(key);
        }
        else
        {
            _assumed.TryRemove(key, out _);
            _lastFailure.TryRemove(key, out _);
        }
    }

    private void PodGone(Pod pod)
    {
        var key = ObjectCache<Pod>.KeyOf(pod);
        _assumed.TryRemove(key, out _);
        _lastFailure.TryRemove(key, out _);
        if (!string.IsNullOrEmpty(pod.Spec?.NodeName))
        {
            // Resources were freed: pending pods may fit now.
            RetryPending();
        }
    }

    private void RetryPending()
    {
        foreach (var key in _lastFailure.Keys)
        {
            _queue.Add(key);
        }
    }

    /// <summary>Nodes with the pods bound to them, including pods this scheduler bound that the informer has not shown yet.</summary>
    private List<NodeInfo> Snapshot()
    {
        var byNode = new Dictionary<string, List<Pod>>(StringComparer.Ordinal);
        foreach (var pod in _pods.Lister.List())
        {
            if (!string.IsNullOrEmpty(pod.Spec?.NodeName) && pod.Status?.Phase is not ("Succeeded" or "Failed"))
            {
                Place(byNode, pod.Spec.NodeName, pod);
            }
        }

        foreach (var (key, pod) in _assumed)
        {
            var current = _pods.Lister.Get(ObjectCache<Pod>.SplitKey(key).Name, pod.Metadata?.Namespace);
            if (current is not null && string.IsNullOrEmpty(current.Spec?.NodeName))
            {
                Place(byNode, pod.Spec!.NodeName!, pod);
            }
        }

        return _nodes.Lister.List().Select(n => new NodeInfo(n, byNode.GetValueOrDefault(n.Metadata?.Name ?? "") ?? [])).ToList();
    }

    private static void Place(Dictionary<string, List<Pod>> byNode, string node, Pod pod)
    {
        if (!byNode.TryGetValue(node, out var list))
        {
            byNode[node] = list = [];
        }

        list.Add(pod);
    }

    private async Task ScheduleAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = ObjectCache<Pod>.SplitKey(key);
        var pod = _pods.Lister.Get(name, ns);
        if (pod is null || !NeedsScheduling(pod) || _assumed.ContainsKey(key))
        {
            return;
        }

        SchedulingResult result;
        lock (_placement)
        {
            result = SchedulingAlgorithm.Schedule(pod, Snapshot(), Random);
        }

        if (result.NodeName is { } node)
        {
            // The pod counts on its node from here on (BindAsync assumes it before its first await), so the
            // next decision need not wait for this binding's round trip to the API server.
            await _bindingSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
            _ = FinishBindingAsync(key, BindAsync(key, pod, node, cancellationToken), cancellationToken);
            return;
        }

        await ReportUnschedulableAsync(key, pod, result.FailureMessage!, cancellationToken).ConfigureAwait(false);
        _queue.AddAfter(key, RetryUnschedulable);
    }

    private async Task FinishBindingAsync(string key, Task binding, CancellationToken cancellationToken)
    {
        try
        {
            await binding.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // A failed binding is retried like a failed sync: the pod goes back to the queue.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _logger.LogWarning("binding pod {Pod} failed: {Message}", key, e.Message);
            _queue.AddRateLimited(key);
        }
        finally
        {
            _bindingSlots.Release();
        }
    }

    private async Task BindAsync(string key, Pod pod, string node, CancellationToken cancellationToken)
    {
        var assumed = ObjectCopy(pod);
        assumed.Spec!.NodeName = node;
        _assumed[key] = assumed;
        var binding = new Binding
        {
            ApiVersion = "v1",
            Kind = "Binding",
            Metadata = new ObjectMeta { Name = pod.Metadata!.Name, Namespace = pod.Metadata.Namespace, Uid = pod.Metadata.Uid },
            Target = new ObjectReference { ApiVersion = "v1", Kind = "Node", Name = node },
        };
        try
        {
            await _client.CreateSubresourceAsync<Pod, Status>(pod.Metadata.Name!, "binding", binding, pod.Metadata.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsConflict || e.IsNotFound)
        {
            // Bound by someone else, or gone: nothing to do.
            _assumed.TryRemove(key, out _);
            return;
        }
        catch
        {
            _assumed.TryRemove(key, out _);
            throw;
        }

        _lastFailure.TryRemove(key, out _);
        _logger.LogInformation("bound pod {Pod} to node {Node}", key, node);
        await RecordEventAsync(pod, "Normal", "Scheduled", $"Successfully assigned {key} to {node}", cancellationToken).ConfigureAwait(false);
    }

    private async Task ReportUnschedulableAsync(string key, Pod pod, string message, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var repeat = _lastFailure.TryGetValue(key, out var last) && last.Message == message && now - last.At < RepeatSameEvent;
        _lastFailure[key] = repeat ? last : (message, now);
        if (repeat)
        {
            return;
        }

        _logger.LogInformation("pod {Pod} is unschedulable: {Message}", key, message);
        var condition = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled");
        if (condition is null || condition.Status != "False" || condition.Reason != "Unschedulable" || condition.Message != message)
        {
            var transition = condition?.Status == "False" && condition.LastTransitionTime is { } t ? t : DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
            var patch = new
            {
                status = new
                {
                    conditions = new[]
                    {
                        new PodCondition { Type = "PodScheduled", Status = "False", Reason = "Unschedulable", Message = message, LastTransitionTime = transition },
                    },
                },
            };
            try
            {
                await _client.PatchAsync<Pod>(pod.Metadata!.Name!, new Patch(PatchType.StrategicMerge, KubeJson.Serialize(patch)), pod.Metadata.Namespace, subresource: "status", cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesApiException e) when (e.IsNotFound)
            {
                return;
            }
        }

        await RecordEventAsync(pod, "Warning", "FailedScheduling", message, cancellationToken).ConfigureAwait(false);
    }

    private async Task RecordEventAsync(Pod pod, string type, string reason, string message, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var seconds = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        var ev = new Event
        {
            Metadata = new ObjectMeta
            {
                Name = $"{pod.Metadata!.Name}.{(now.ToUnixTimeMilliseconds() * 1_000_000 + Random.Shared.Next(1_000_000)).ToString("x", CultureInfo.InvariantCulture)}",
                Namespace = pod.Metadata.Namespace,
            },
            InvolvedObject = new ObjectReference
            {
                ApiVersion = "v1",
                Kind = "Pod",
                Name = pod.Metadata.Name,
                Namespace = pod.Metadata.Namespace,
                Uid = pod.Metadata.Uid,
                ResourceVersion = pod.Metadata.ResourceVersion,
            },
            Type = type,
            Reason = reason,
            Message = message,
            Source = new EventSource { Component = DefaultSchedulerName },
            ReportingComponent = DefaultSchedulerName,
            ReportingInstance = DefaultSchedulerName,
            FirstTimestamp = seconds,
            LastTimestamp = seconds,
            Count = 1,
        };
        try
        {
            await _client.CreateAsync(ev, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e)
        {
            // Events are best effort.
            _logger.LogDebug("could not record event {Reason} for pod {Pod}: {Message}", reason, pod.Metadata.Name, e.Message);
        }
    }

    private static Pod ObjectCopy(Pod pod) => KubeJson.Deserialize<Pod>(KubeJson.SerializeToUtf8Bytes(pod))!;
}

using System.Collections.Concurrent;
using System.Globalization;
using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Client;
using KubeSharp.Api.Policy.V1;
using KubeSharp.Api.Storage.V1;
using KubeSharp.Client.Informers;
using KubeSharp.Client.LeaderElection;
using KubeSharp.Client.Queues;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Scheduler;

/// <summary>
/// kube-scheduler for pods with schedulerName default-scheduler, leader-elected through the Lease
/// kube-system/kube-scheduler: watches pods without a node and the nodes, places each pod with
/// <see cref="SchedulingAlgorithm"/> and binds it through pods/{name}/binding. A pod that fits
/// nowhere gets PodScheduled=False (Unschedulable) and a FailedScheduling event, and is retried when
/// nodes or pods change (and at least every 30 s); if lower-priority pods stand in its way it is
/// nominated to a node (status.nominatedNodeName) and those pods are deleted. Pods it has bound
/// count on their node at once, before the informer shows the binding.
/// </summary>
public sealed class PodScheduler
{
    public const string DefaultSchedulerName = "default-scheduler";
    public const string LeaseName = "kube-scheduler";
    public const string LeaseNamespace = "kube-system";
    private static readonly TimeSpan RetryUnschedulable = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RepeatSameEvent = TimeSpan.FromMinutes(1);
    private const int MaxBindingsInFlight = 32;

    private readonly KubernetesClient _client;
    private readonly ILogger _logger;
    private readonly Informer<Pod> _pods;
    private readonly Informer<Node> _nodes;
    private readonly Informer<Namespace> _namespaces;
    private readonly Informer<PersistentVolumeClaim> _claims;
    private readonly Informer<PersistentVolume> _volumes;
    private readonly Informer<StorageClass> _storageClasses;
    private readonly Informer<PodDisruptionBudget> _budgets;
    private readonly ILoggerFactory _loggerFactory;
    private readonly WorkQueue<string> _queue = new(RateLimiters.DefaultController<string>());
    private readonly SchedulerCache _cache = new();
    private readonly SchedulingOptions _options;
    private readonly ClusterObjects _cluster;
    private readonly ConcurrentDictionary<string, (string Message, DateTimeOffset At)> _lastFailure = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _bindings = new(MaxBindingsInFlight);

    public PodScheduler(KubernetesClient client, ILoggerFactory loggerFactory)
    {
        _client = client;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger("scheduler");
        _pods = new Informer<Pod>(client, new InformerOptions(), loggerFactory.CreateLogger("scheduler.informer.Pod"));
        _nodes = new Informer<Node>(client, new InformerOptions(), loggerFactory.CreateLogger("scheduler.informer.Node"));
        _namespaces = new Informer<Namespace>(client, new InformerOptions(), loggerFactory.CreateLogger("scheduler.informer.Namespace"));
        _claims = new Informer<PersistentVolumeClaim>(client, new InformerOptions(), loggerFactory.CreateLogger("scheduler.informer.PersistentVolumeClaim"));
        _volumes = new Informer<PersistentVolume>(client, new InformerOptions(), loggerFactory.CreateLogger("scheduler.informer.PersistentVolume"));
        _storageClasses = new Informer<StorageClass>(client, new InformerOptions(), loggerFactory.CreateLogger("scheduler.informer.StorageClass"));
        _budgets = new Informer<PodDisruptionBudget>(client, new InformerOptions(), loggerFactory.CreateLogger("scheduler.informer.PodDisruptionBudget"));
        _cluster = new ClusterObjects
        {
            NamespaceLabels = name => _namespaces.Lister.Get(name, null)?.Metadata?.Labels,
            Claim = (ns, name) => _claims.Lister.Get(name, ns),
            Volume = name => _volumes.Lister.Get(name, null),
            StorageClass = name => _storageClasses.Lister.Get(name, null),
            DisruptionBudgets = () => _budgets.Lister.List(),
            NodesWithImage = _cache.NodesWithImage,
        };
        _options = new SchedulingOptions { Nominated = _cache.NominatedByNode };
        _pods.AddEventHandler(new ResourceEventHandler<Pod>
        {
            OnAdd = (p, _) => PodChanged(p),
            OnUpdate = (_, p) => PodChanged(p),
            OnDelete = (p, _) => PodGone(p),
        });
        _nodes.AddEventHandler(new ResourceEventHandler<Node>
        {
            OnAdd = (node, _) =>
            {
                lock (_cache.Lock)
                {
                    _cache.SetNode(node);
                }

                RetryPending();
            },
            OnUpdate = (old, node) =>
            {
                lock (_cache.Lock)
                {
                    _cache.SetNode(node);
                }

                if (SchedulingRelevantChange(old, node))
                {
                    RetryPending();
                }
            },
            OnDelete = (node, _) =>
            {
                lock (_cache.Lock)
                {
                    _cache.RemoveNode(node.Metadata?.Name ?? "");
                }
            },
        });
        _claims.AddEventHandler(new ResourceEventHandler<PersistentVolumeClaim> { OnAdd = (_, _) => RetryPending(), OnUpdate = (_, _) => RetryPending() });
        _volumes.AddEventHandler(new ResourceEventHandler<PersistentVolume> { OnAdd = (_, _) => RetryPending(), OnUpdate = (_, _) => RetryPending() });
    }

    /// <summary>This candidate's identity in the lease.</summary>
    public string Identity { get; init; } = $"{Environment.MachineName}_{Guid.NewGuid():N}";

    public Random Random { get; init; } = Random.Shared;

    /// <summary>Schedules while holding the Lease kube-system/kube-scheduler; keeps contending until cancelled.</summary>
    /// <remarks>Each term runs on fresh informers and an empty cache, as a newly started scheduler would.</remarks>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var elector = new LeaderElector(
            _client,
            new LeaderElectionConfig { LeaseNamespace = LeaseNamespace, LeaseName = LeaseName, Identity = Identity },
            _loggerFactory.CreateLogger("scheduler.leader-election"))
        {
            OnStartedLeading = ct => new PodScheduler(_client, _loggerFactory) { Random = Random }.RunSchedulingAsync(ct),
        };
        await elector.RunAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Schedules until <paramref name="cancellationToken"/> is cancelled, without leader election.</summary>
    public async Task RunSchedulingAsync(CancellationToken cancellationToken)
    {
        var informers = new[]
        {
            _pods.RunAsync(cancellationToken), _nodes.RunAsync(cancellationToken), _namespaces.RunAsync(cancellationToken),
            _claims.RunAsync(cancellationToken), _volumes.RunAsync(cancellationToken), _storageClasses.RunAsync(cancellationToken),
            _budgets.RunAsync(cancellationToken),
        };
        try
        {
            await Task.WhenAll(
                _pods.WaitForSyncAsync(cancellationToken), _nodes.WaitForSyncAsync(cancellationToken), _namespaces.WaitForSyncAsync(cancellationToken),
                _claims.WaitForSyncAsync(cancellationToken), _volumes.WaitForSyncAsync(cancellationToken), _storageClasses.WaitForSyncAsync(cancellationToken),
                _budgets.WaitForSyncAsync(cancellationToken)).ConfigureAwait(false);
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
        lock (_cache.Lock)
        {
            _cache.UpdatePod(pod);
        }

        if (NeedsScheduling(pod))
        {
            _queue.Add(key);
        }
        else
        {
            _lastFailure.TryRemove(key, out _);
        }
    }

    private void PodGone(Pod pod)
    {
        var key = ObjectCache<Pod>.KeyOf(pod);
        lock (_cache.Lock)
        {
            _cache.RemovePod(key);
        }

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

    private async Task ScheduleAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = ObjectCache<Pod>.SplitKey(key);
        var pod = _pods.Lister.Get(name, ns);
        if (pod is null || !NeedsScheduling(pod))
        {
            return;
        }

        SchedulingResult result;
        lock (_cache.Lock)
        {
            if (_cache.IsAssumed(key))
            {
                return;
            }

            result = SchedulingAlgorithm.Schedule(pod, _cache.Nodes, _cluster, _options, Random);
            if (result.NodeName is { } chosen)
            {
                _cache.Assume(ObjectCopyOnNode(pod, chosen), chosen);
            }
            else if (result.Preemption is { } plan)
            {
                _cache.Nominate(pod, plan.NodeName);
            }
        }

        if (result.NodeName is { } node)
        {
            // Binding runs beside the next decisions (the pod already counts on its node), as upstream's binding cycle does.
            await _bindings.WaitAsync(cancellationToken).ConfigureAwait(false);
            _ = BindInBackgroundAsync(key, pod, node, cancellationToken);
            return;
        }

        if (result.Preemption is { } preemption)
        {
            await PreemptAsync(pod, preemption, cancellationToken).ConfigureAwait(false);
        }

        await ReportUnschedulableAsync(key, pod, result.FailureMessage!, cancellationToken).ConfigureAwait(false);
        _queue.AddAfter(key, RetryUnschedulable);
    }

    /// <summary>Nominates the preemptor to the node, then deletes the victims (marked DisruptionTarget first, as upstream does).</summary>
    private async Task PreemptAsync(Pod preemptor, PreemptionPlan plan, CancellationToken cancellationToken)
    {
        var key = ObjectCache<Pod>.KeyOf(preemptor);
        _logger.LogInformation("pod {Pod} preempts {Victims} pod(s) on node {Node}", key, plan.Victims.Count, plan.NodeName);
        try
        {
            var nominate = KubeJson.Serialize(new { status = new { nominatedNodeName = plan.NodeName } });
            await _client.PatchAsync<Pod>(preemptor.Metadata!.Name!, new Patch(PatchType.Merge, nominate), preemptor.Metadata.Namespace, subresource: "status", cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsNotFound)
        {
            return;
        }

        foreach (var victim in plan.Victims.Select(v => v.Pod))
        {
            var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            try
            {
                var condition = new PodCondition
                {
                    Type = "DisruptionTarget",
                    Status = "True",
                    Reason = "PreemptionByScheduler",
                    Message = $"{DefaultSchedulerName}: preempting to accommodate a higher priority pod",
                    LastTransitionTime = now,
                };
                var patch = KubeJson.Serialize(new { status = new { conditions = new[] { condition } } });
                await _client.PatchAsync<Pod>(victim.Metadata!.Name!, new Patch(PatchType.StrategicMerge, patch), victim.Metadata.Namespace, subresource: "status", cancellationToken: cancellationToken).ConfigureAwait(false);
                await _client.DeleteAsync<Pod>(
                    victim.Metadata.Name!,
                    victim.Metadata.Namespace,
                    new DeleteOptions { Preconditions = new Preconditions { Uid = victim.Metadata.Uid } },
                    cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesApiException e) when (e.IsNotFound || e.IsConflict)
            {
                continue;
            }

            await RecordEventAsync(victim, "Normal", "Preempted", $"Preempted by pod {preemptor.Metadata.Uid} on node {plan.NodeName}", cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task BindInBackgroundAsync(string key, Pod pod, string node, CancellationToken cancellationToken)
    {
        try
        {
            await BindAsync(key, pod, node, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            _logger.LogWarning("binding pod {Pod} to node {Node} failed: {Message}", key, node, e.Message);
            _queue.AddRateLimited(key);
        }
        finally
        {
            _bindings.Release();
        }
    }

    private async Task BindAsync(string key, Pod pod, string node, CancellationToken cancellationToken)
    {
        var binding = new Binding
        {
            ApiVersion = "v1",
            Kind = "Binding",
            Metadata = new ObjectMeta { Name = pod.Metadata!.Name, Namespace = pod.Metadata.Namespace, Uid = pod.Metadata.Uid },
            Target = new ObjectReference { ApiVersion = "v1", Kind = "Node", Name = node },
        };
        try
        {
            await SelectNodeForClaimsAsync(pod, node, cancellationToken).ConfigureAwait(false);
            await _client.CreateSubresourceAsync<Pod, Status>(pod.Metadata.Name!, "binding", binding, pod.Metadata.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsConflict || e.IsNotFound)
        {
            // Bound by someone else, or gone: nothing to do.
            Forget(key);
            return;
        }
        catch
        {
            Forget(key);
            throw;
        }

        _lastFailure.TryRemove(key, out _);
        _logger.LogInformation("bound pod {Pod} to node {Node}", key, node);
        await RecordEventAsync(pod, "Normal", "Scheduled", $"Successfully assigned {key} to {node}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Names the chosen node on the pod's unbound WaitForFirstConsumer claims (upstream's PreBind), so the
    /// provisioner creates their volumes there. The pod is bound without waiting for the volumes: its node
    /// agent keeps it in ContainerCreating until the claims are bound.
    /// </summary>
    private async Task SelectNodeForClaimsAsync(Pod pod, string node, CancellationToken cancellationToken)
    {
        foreach (var claim in VolumeState.ClaimsAwaitingNode(pod, _cluster))
        {
            var patch = KubeJson.Serialize(new { metadata = new { annotations = new Dictionary<string, string> { [VolumeState.SelectedNodeAnnotation] = node } } });
            await _client.PatchAsync<PersistentVolumeClaim>(claim.Metadata!.Name!, new Patch(PatchType.Merge, patch), claim.Metadata.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
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

    private void Forget(string key)
    {
        lock (_cache.Lock)
        {
            _cache.Forget(key);
        }
    }

    private static Pod ObjectCopyOnNode(Pod pod, string node)
    {
        var copy = KubeJson.Deserialize<Pod>(KubeJson.SerializeToUtf8Bytes(pod))!;
        copy.Spec!.NodeName = node;
        return copy;
    }
}

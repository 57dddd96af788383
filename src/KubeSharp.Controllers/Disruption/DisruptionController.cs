using KubeSharp.Api;
using KubeSharp.Api.Apps.V1;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Policy.V1;
using KubeSharp.Api.Selectors;
using KubeSharp.Client;
using KubeSharp.Client.Informers;
using KubeSharp.Client.Queues;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Controllers.Disruption;

/// <summary>
/// Keeps every PodDisruptionBudget's status (healthy/desired/expected counts, disruptionsAllowed,
/// the DisruptionAllowed condition) current, written through /status. The eviction subresource of
/// the API server reads disruptionsAllowed and decrements it.
/// </summary>
internal sealed class DisruptionController
{
    private readonly KubernetesClient _client;
    private readonly Informer<PodDisruptionBudget> _budgets;
    private readonly Informer<Pod> _pods;
    private readonly Informer<ReplicaSet> _replicaSets;
    private readonly Informer<Deployment> _deployments;
    private readonly Informer<StatefulSet> _statefulSets;
    private readonly Informer<ReplicationController> _replicationControllers;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly WorkQueue<string> _queue;

    public DisruptionController(KubernetesClient client, SharedInformers informers, ILogger logger, TimeProvider? time = null)
    {
        _client = client;
        _budgets = informers.For<PodDisruptionBudget>();
        _pods = informers.For<Pod>();
        _replicaSets = informers.For<ReplicaSet>();
        _deployments = informers.For<Deployment>();
        _statefulSets = informers.For<StatefulSet>();
        _replicationControllers = informers.For<ReplicationController>();
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _queue = new WorkQueue<string>(RateLimiters.DefaultController<string>(_time), _time);
        _budgets.AddEventHandler(new ResourceEventHandler<PodDisruptionBudget>
        {
            OnAdd = (b, _) => _queue.Add(ObjectCache<PodDisruptionBudget>.KeyOf(b)),
            OnUpdate = (_, b) => _queue.Add(ObjectCache<PodDisruptionBudget>.KeyOf(b)),
        });
        _pods.AddEventHandler(new ResourceEventHandler<Pod>
        {
            OnAdd = (p, _) => EnqueueBudgetsOf(p),
            OnUpdate = (old, p) =>
            {
                EnqueueBudgetsOf(old);
                EnqueueBudgetsOf(p);
            },
            OnDelete = (p, _) => EnqueueBudgetsOf(p),
        });
        // A controller's scale changes the expected pod count of budgets relative to it.
        _replicaSets.AddEventHandler(new ResourceEventHandler<ReplicaSet> { OnUpdate = (_, r) => EnqueueNamespace(r.Metadata?.Namespace) });
        _deployments.AddEventHandler(new ResourceEventHandler<Deployment> { OnUpdate = (_, d) => EnqueueNamespace(d.Metadata?.Namespace) });
        _statefulSets.AddEventHandler(new ResourceEventHandler<StatefulSet> { OnUpdate = (_, s) => EnqueueNamespace(s.Metadata?.Namespace) });
    }

    public Task RunAsync(int workers, CancellationToken cancellationToken) =>
        new ControllerWorker<string>("disruption", _queue, SyncAsync, _logger).RunAsync(workers, cancellationToken);

    private void EnqueueBudgetsOf(Pod pod)
    {
        foreach (var budget in _budgets.Lister.List(pod.Metadata?.Namespace))
        {
            if (LabelQuery.FromObject(budget.Spec?.Selector).Matches(pod.Metadata?.Labels))
            {
                _queue.Add(ObjectCache<PodDisruptionBudget>.KeyOf(budget));
            }
        }
    }

    private void EnqueueNamespace(string? ns)
    {
        foreach (var budget in _budgets.Lister.List(ns))
        {
            _queue.Add(ObjectCache<PodDisruptionBudget>.KeyOf(budget));
        }
    }

    private async Task SyncAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = ObjectCache<PodDisruptionBudget>.SplitKey(key);
        var cached = _budgets.Lister.Get(name, ns);
        if (cached is null || cached.Metadata?.DeletionTimestamp is not null)
        {
            return;
        }

        var selector = LabelQuery.FromObject(cached.Spec?.Selector);
        var pods = _pods.Lister.List(ns, p => selector.Matches(p.Metadata?.Labels));
        var now = _time.GetUtcNow();
        var status = DisruptionPlan.Status(cached, pods, ControllerScale(pods), now);
        if (DisruptionPlan.NextExpiry(status) is { } expiry)
        {
            _queue.AddAfter(key, expiry - now + TimeSpan.FromSeconds(1));
        }

        if (KubeJson.Serialize(status) == KubeJson.Serialize(cached.Status ?? new PodDisruptionBudgetStatus()))
        {
            return;
        }

        var budget = ObjectCopy.Clone(cached);
        budget.Status = status;
        try
        {
            await _client.UpdateStatusAsync(budget, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsConflict)
        {
            _queue.AddRateLimited(key);
        }
        catch (KubernetesApiException e) when (e.IsNotFound)
        {
        }
    }

    /// <summary>Summed desired replicas of the pods' distinct controllers; null if some pod's controller is unknown.</summary>
    private int? ControllerScale(IReadOnlyList<Pod> pods)
    {
        var seen = new HashSet<string>();
        var total = 0;
        foreach (var pod in pods)
        {
            if (PodState.ControllerOf(pod) is not { Uid: { } uid } owner)
            {
                return null;
            }

            if (!seen.Add(uid))
            {
                continue;
            }

            var ns = pod.Metadata?.Namespace;
            int? scale = owner.Kind switch
            {
                "ReplicaSet" => _replicaSets.Lister.Get(owner.Name ?? "", ns) is { } rs
                    ? PodState.ControllerOf(rs) is { Kind: "Deployment" } d && _deployments.Lister.Get(d.Name ?? "", ns) is { } deployment
                        ? DeploymentScale(deployment, seen)
                        : rs.Spec?.Replicas ?? 1
                    : null,
                "StatefulSet" => _statefulSets.Lister.Get(owner.Name ?? "", ns)?.Spec is { } s ? s.Replicas ?? 1 : null,
                "ReplicationController" => _replicationControllers.Lister.Get(owner.Name ?? "", ns)?.Spec is { } r ? r.Replicas ?? 1 : null,
                _ => null,
            };
            if (scale is null)
            {
                return null;
            }

            total += scale.Value;
        }

        return total;
    }

    /// <summary>A Deployment's scale, counted once however many of its ReplicaSets own matching pods.</summary>
    private static int DeploymentScale(Deployment deployment, HashSet<string> seen) =>
        seen.Add("deployment/" + deployment.Metadata?.Uid) ? deployment.Spec?.Replicas ?? 1 : 0;
}

using KubeSharp.Api;
using KubeSharp.Api.Apps.V1;
using KubeSharp.Api.Core.V1;
using KubeSharp.Client;
using KubeSharp.Client.Informers;
using KubeSharp.Client.Queues;
using KubeSharp.Controllers.ReplicaSets;
using KubeSharp.Controllers.Revisions;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Controllers.DaemonSets;

/// <summary>
/// Runs one pod of each DaemonSet on every node it fits (see <see cref="DaemonSetPlan"/>). Pods are
/// created pinned to their node by required node affinity on metadata.name and bound by the
/// scheduler; every template gets a ControllerRevision for kubectl rollout history/undo.
/// </summary>
internal sealed class DaemonSetController
{
    private readonly KubernetesClient _client;
    private readonly Informer<DaemonSet> _daemonSets;
    private readonly Informer<Node> _nodes;
    private readonly Informer<Pod> _pods;
    private readonly Informer<ControllerRevision> _revisions;
    private readonly ControllerRevisionHistory _history;
    private readonly ControllerExpectations _expectations;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly WorkQueue<string> _queue;

    public DaemonSetController(KubernetesClient client, SharedInformers informers, ILogger logger, TimeProvider? time = null)
    {
        _client = client;
        _daemonSets = informers.For<DaemonSet>();
        _nodes = informers.For<Node>();
        _pods = informers.For<Pod>();
        _revisions = informers.For<ControllerRevision>();
        _history = new ControllerRevisionHistory(client);
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _expectations = new ControllerExpectations(_time);
        _queue = new WorkQueue<string>(RateLimiters.DefaultController<string>(_time), _time);
        _daemonSets.AddEventHandler(new ResourceEventHandler<DaemonSet>
        {
            OnAdd = (d, _) => _queue.Add(ObjectCache<DaemonSet>.KeyOf(d)),
            OnUpdate = (_, d) => _queue.Add(ObjectCache<DaemonSet>.KeyOf(d)),
            OnDelete = (d, _) => _expectations.Forget(ObjectCache<DaemonSet>.KeyOf(d)),
        });
        _nodes.AddEventHandler(new ResourceEventHandler<Node>
        {
            OnAdd = (_, _) => EnqueueAll(),
            OnUpdate = (old, node) =>
            {
                if (KubeJson.Serialize(old.Spec) != KubeJson.Serialize(node.Spec) || KubeJson.Serialize(old.Metadata?.Labels) != KubeJson.Serialize(node.Metadata?.Labels)
                    || old.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Status != node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Status)
                {
                    EnqueueAll();
                }
            },
            OnDelete = (_, _) => EnqueueAll(),
        });
        _pods.AddEventHandler(new ResourceEventHandler<Pod>
        {
            OnAdd = (p, _) =>
            {
                if (OwnerKeyOf(p) is { } key)
                {
                    _expectations.CreationObserved(key);
                    _queue.Add(key);
                }
            },
            OnUpdate = (_, p) =>
            {
                if (OwnerKeyOf(p) is { } key)
                {
                    _queue.Add(key);
                }
            },
            OnDelete = (p, _) =>
            {
                if (OwnerKeyOf(p) is { } key)
                {
                    _expectations.DeletionObserved(key, ObjectCache<Pod>.KeyOf(p));
                    _queue.Add(key);
                }
            },
        });
    }

    public Task RunAsync(int workers, CancellationToken cancellationToken) =>
        new ControllerWorker<string>("daemonset", _queue, SyncAsync, _logger).RunAsync(workers, cancellationToken);

    private void EnqueueAll()
    {
        foreach (var ds in _daemonSets.Lister.List())
        {
            _queue.Add(ObjectCache<DaemonSet>.KeyOf(ds));
        }
    }

    private static string? OwnerKeyOf(Pod pod) =>
        PodState.ControllerOf(pod) is { Kind: "DaemonSet", Name: { } name } ? ObjectCache<DaemonSet>.KeyOf(pod.Metadata?.Namespace, name) : null;

    private async Task SyncAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = ObjectCache<DaemonSet>.SplitKey(key);
        var cached = _daemonSets.Lister.Get(name, ns);
        if (cached is null || cached.Metadata?.DeletionTimestamp is not null)
        {
            return;
        }

        var ds = ObjectCopy.Clone(cached);
        var uid = ds.Metadata?.Uid;
        var revisions = _revisions.Lister.List(ns, r => PodState.ControllerOf(r)?.Uid == uid);
        var current = await _history.EnsureCurrentAsync(ds, "apps/v1", "DaemonSet", ds.Spec?.Template, ds.Spec?.Selector?.MatchLabels, revisions, cancellationToken).ConfigureAwait(false);
        var hash = ControllerRevisionHistory.HashOf(current, name);
        var pods = _pods.Lister.List(ns, p => PodState.ControllerOf(p)?.Uid == uid);
        var decision = DaemonSetPlan.Decide(ds, _nodes.Lister.List(), pods, hash, _time.GetUtcNow());

        if (_expectations.Satisfied(key))
        {
            if (decision.PodsToDelete.Count > 0)
            {
                _expectations.ExpectDeletions(key, decision.PodsToDelete.Select(ObjectCache<Pod>.KeyOf));
                foreach (var pod in decision.PodsToDelete)
                {
                    try
                    {
                        await _client.DeleteAsync<Pod>(pod.Metadata!.Name!, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
                    }
                    catch (KubernetesApiException e) when (e.IsNotFound)
                    {
                        _expectations.DeletionObserved(key, ObjectCache<Pod>.KeyOf(pod));
                    }
                }
            }
            else if (decision.NodesNeedingPods.Count > 0)
            {
                _expectations.ExpectCreations(key, decision.NodesNeedingPods.Count);
                foreach (var node in decision.NodesNeedingPods)
                {
                    try
                    {
                        await _client.CreateAsync(PodFor(ds, node, hash), cancellationToken: cancellationToken).ConfigureAwait(false);
                    }
                    catch (KubernetesApiException)
                    {
                        _expectations.CreationObserved(key);
                        throw;
                    }
                }
            }
        }

        var inUse = pods.Select(p => p.Metadata?.Labels?.GetValueOrDefault(ControllerRevisionHistory.HashLabel)).OfType<string>().Select(h => $"{name}-{h}").ToHashSet(StringComparer.Ordinal);
        inUse.Add(current.Metadata!.Name!);
        await _history.PruneAsync(revisions.Where(r => r.Metadata?.Name != current.Metadata.Name).Append(current).ToList(), inUse, ds.Spec?.RevisionHistoryLimit ?? 10, cancellationToken).ConfigureAwait(false);

        if (KubeJson.Serialize(decision.Status) != KubeJson.Serialize(cached.Status ?? new DaemonSetStatus()))
        {
            ds.Status = decision.Status;
            try
            {
                await _client.UpdateStatusAsync(ds, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesApiException e) when (e.IsConflict)
            {
                _queue.AddRateLimited(key);
            }
        }

        if ((ds.Spec?.MinReadySeconds ?? 0) > 0 && decision.Status.NumberReady > (decision.Status.NumberAvailable ?? 0))
        {
            _queue.AddAfter(key, TimeSpan.FromSeconds(ds.Spec!.MinReadySeconds!.Value));
        }
    }

    private static Pod PodFor(DaemonSet ds, string node, string hash)
    {
        var pod = DaemonSetPlan.PodTemplate(ds);
        var meta = pod.Meta;
        meta.Name = null;
        meta.GenerateName = ds.Metadata!.Name + "-";
        meta.Namespace = ds.Metadata.Namespace;
        (meta.Labels ??= [])[ControllerRevisionHistory.HashLabel] = hash;
        meta.OwnerReferences = [new OwnerReference { ApiVersion = "apps/v1", Kind = "DaemonSet", Name = ds.Metadata.Name, Uid = ds.Metadata.Uid, Controller = true, BlockOwnerDeletion = true }];

        // Pin the pod to its node; the scheduler still checks resources and binds it.
        var pin = new NodeSelectorRequirement { Key = "metadata.name", Operator = "In", Values = [node] };
        var affinity = (pod.Spec!.Affinity ??= new Affinity()).NodeAffinity ??= new NodeAffinity();
        var required = affinity.RequiredDuringSchedulingIgnoredDuringExecution ??= new NodeSelector();
        var terms = required.NodeSelectorTerms ??= [];
        if (terms.Count == 0)
        {
            terms.Add(new NodeSelectorTerm());
        }

        foreach (var term in terms)
        {
            term.MatchFields = [pin];
        }

        return pod;
    }
}

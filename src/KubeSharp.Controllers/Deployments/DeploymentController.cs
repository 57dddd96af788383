using System.Globalization;
using KubeSharp.Api;
using KubeSharp.Api.Apps.V1;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Selectors;
using KubeSharp.Client;
using KubeSharp.Client.Informers;
using KubeSharp.Client.Queues;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Controllers.Deployments;

/// <summary>
/// Rolls Deployments out through ReplicaSets: one ReplicaSet per pod template (named
/// &lt;deployment&gt;-&lt;pod-template-hash&gt;), scaled by the RollingUpdate or Recreate strategy,
/// with revision annotations for kubectl rollout history/undo, old ReplicaSets pruned to
/// revisionHistoryLimit, and status/conditions for kubectl rollout status.
/// </summary>
internal sealed class DeploymentController
{
    public const string RevisionAnnotation = "deployment.kubernetes.io/revision";
    public const string RevisionHistoryAnnotation = "deployment.kubernetes.io/revision-history";
    public const string DesiredReplicasAnnotation = "deployment.kubernetes.io/desired-replicas";
    public const string MaxReplicasAnnotation = "deployment.kubernetes.io/max-replicas";

    /// <summary>Deployment annotations that are not copied to its ReplicaSets.</summary>
    private static readonly HashSet<string> NotCopied = new(StringComparer.Ordinal)
    {
        "kubectl.kubernetes.io/last-applied-configuration",
        RevisionAnnotation,
        RevisionHistoryAnnotation,
        DesiredReplicasAnnotation,
        MaxReplicasAnnotation,
        "deprecated.deployment.rollback.to",
    };

    private readonly KubernetesClient _client;
    private readonly Informer<Deployment> _deployments;
    private readonly Informer<ReplicaSet> _replicaSets;
    private readonly Informer<Pod> _pods;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly WorkQueue<string> _queue;
    private readonly EventRecorder _events;

    public DeploymentController(KubernetesClient client, SharedInformers informers, ILogger logger, TimeProvider? time = null)
    {
        _client = client;
        _deployments = informers.For<Deployment>();
        _replicaSets = informers.For<ReplicaSet>();
        _pods = informers.For<Pod>();
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _queue = new WorkQueue<string>(RateLimiters.DefaultController<string>(_time), _time);
        _events = new EventRecorder(client, "deployment-controller", logger);
        _deployments.AddEventHandler(new ResourceEventHandler<Deployment>
        {
            OnAdd = (d, _) => _queue.Add(ObjectCache<Deployment>.KeyOf(d)),
            OnUpdate = (_, d) => _queue.Add(ObjectCache<Deployment>.KeyOf(d)),
            OnDelete = (d, _) => _queue.Add(ObjectCache<Deployment>.KeyOf(d)),
        });
        _replicaSets.AddEventHandler(new ResourceEventHandler<ReplicaSet>
        {
            OnAdd = (rs, _) => EnqueueOwner(rs),
            OnUpdate = (_, rs) => EnqueueOwner(rs),
            OnDelete = (rs, _) => EnqueueOwner(rs),
        });
        // A Recreate rollout waits for the old pods to be gone, so their deletion may be what lets it go on.
        _pods.AddEventHandler(new ResourceEventHandler<Pod> { OnDelete = (pod, _) => EnqueueDeploymentOfPod(pod) });
    }

    private void EnqueueDeploymentOfPod(Pod pod)
    {
        if (PodState.ControllerOf(pod) is { Kind: "ReplicaSet", Name: { } rsName }
            && _replicaSets.Cache.Get(ObjectCache<ReplicaSet>.KeyOf(pod.Metadata?.Namespace, rsName)) is { } rs)
        {
            EnqueueOwner(rs);
        }
    }

    /// <summary>
    /// Whether a pod of the old ReplicaSets still exists and has not finished (terminating pods still run), as
    /// Kubernetes' Recreate strategy checks before it starts any new pod.
    /// </summary>
    private bool OldPodsRunning(List<ReplicaSet> old)
    {
        var oldUids = old.Select(rs => rs.Metadata?.Uid).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return _pods.Cache.List().Any(pod => PodState.ControllerOf(pod) is { Uid: { } uid } && oldUids.Contains(uid)
            && pod.Status?.Phase is not ("Succeeded" or "Failed"));
    }

    public Task RunAsync(int workers, CancellationToken cancellationToken) =>
        new ControllerWorker<string>("deployment", _queue, SyncAsync, _logger).RunAsync(workers, cancellationToken);

    private void EnqueueOwner(ReplicaSet rs)
    {
        var controller = PodState.ControllerOf(rs);
        if (controller is { Kind: "Deployment", Name: { } name })
        {
            _queue.Add(ObjectCache<Deployment>.KeyOf(rs.Metadata?.Namespace, name));
            return;
        }

        if (controller is null)
        {
            // An orphan: deployments that select it may adopt it.
            foreach (var d in _deployments.Lister.List(rs.Metadata?.Namespace ?? ""))
            {
                try
                {
                    var selector = LabelQuery.FromObject(d.Spec?.Selector);
                    if (!selector.IsEverything && selector.Matches(rs.Metadata?.Labels))
                    {
                        _queue.Add(ObjectCache<Deployment>.KeyOf(d));
                    }
                }
                catch (SelectorException)
                {
                }
            }
        }
    }

    private async Task SyncAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = ObjectCache<Deployment>.SplitKey(key);
        var cached = _deployments.Lister.Get(name, ns);
        if (cached is null)
        {
            return;
        }

        var deployment = ObjectCopy.Clone(cached);
        var owned = (await ClaimReplicaSetsAsync(deployment, cancellationToken).ConfigureAwait(false))
            .OrderBy(rs => rs.Metadata?.CreationTimestamp ?? DateTimeOffset.MinValue)
            .ThenBy(rs => rs.Metadata?.Name, StringComparer.Ordinal)
            .ToList();
        var desired = deployment.Spec?.Replicas ?? 1;
        var rolling = deployment.Spec?.Strategy?.Type != "Recreate";
        var (maxSurge, maxUnavailable) = rolling
            ? RollingUpdatePlan.Resolve(desired, deployment.Spec?.Strategy?.RollingUpdate?.MaxSurge, deployment.Spec?.Strategy?.RollingUpdate?.MaxUnavailable)
            : (0, 0);

        var newRs = owned.FirstOrDefault(rs => PodTemplateHash.EqualIgnoringHash(rs.Spec?.Template, deployment.Spec?.Template));
        var old = owned.Where(rs => !ReferenceEquals(rs, newRs)).ToList();
        var rsEvent = NewReplicaSetEvent.None;
        var scaling = deployment.Metadata?.DeletionTimestamp is null && rolling && newRs is not null && IsScalingEvent(owned, desired);
        if (scaling)
        {
            // Resized during a rollout: share the change among the ReplicaSets first, roll on next sync.
            var sizes = RollingUpdatePlan.ProportionalSizes(desired, maxSurge, deployment.Status?.Replicas ?? 0, owned.Where(rs => (rs.Spec?.Replicas ?? 0) > 0).Select(ToScalable).ToList());
            foreach (var rs in owned)
            {
                if (sizes.TryGetValue(rs.Metadata!.Name!, out var size))
                {
                    var scaled = await ScaleAsync(deployment, rs, size, desired, desired + maxSurge, cancellationToken).ConfigureAwait(false);
                    rs.Spec = scaled.Spec;
                    rs.Metadata = scaled.Metadata;
                }
            }
        }
        else if (deployment.Metadata?.DeletionTimestamp is null && deployment.Spec?.Paused != true)
        {
            if (newRs is null)
            {
                (newRs, rsEvent) = await CreateNewReplicaSetAsync(deployment, old, rolling, maxSurge, cancellationToken).ConfigureAwait(false);
                if (newRs is null)
                {
                    return;
                }
            }
            else
            {
                newRs = await SyncNewReplicaSetAnnotationsAsync(deployment, newRs, old, maxSurge, cancellationToken).ConfigureAwait(false);
            }

            await SyncDeploymentRevisionAsync(deployment, newRs, cancellationToken).ConfigureAwait(false);
            if (rolling)
            {
                await RollAsync(deployment, newRs, old, desired, maxSurge, maxUnavailable, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await RecreateAsync(deployment, newRs, old, desired, cancellationToken).ConfigureAwait(false);
            }

            await CleanUpOldReplicaSetsAsync(deployment, old, cancellationToken).ConfigureAwait(false);
        }
        else if (deployment.Spec?.Paused == true && newRs is not null && old.All(rs => (rs.Spec?.Replicas ?? 0) == 0) && newRs.Spec?.Replicas != desired)
        {
            // Scaling while paused: with a single active ReplicaSet it simply takes the new size.
            newRs = await ScaleAsync(deployment, newRs, desired, desired, desired + maxSurge, cancellationToken).ConfigureAwait(false);
        }

        var all = newRs is null ? old : [.. old, newRs];
        var now = _time.GetUtcNow();
        var status = DeploymentStatusPlan.Compute(deployment, newRs, all, maxUnavailable, rsEvent, now);
        if (KubeJson.Serialize(status) != KubeJson.Serialize(deployment.Status ?? new DeploymentStatus()))
        {
            deployment.Status = status;
            try
            {
                await _client.UpdateStatusAsync(deployment, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesApiException e) when (e.IsConflict)
            {
                _queue.AddRateLimited(key);
                return;
            }
        }

        if (DeploymentStatusPlan.UntilDeadline(deployment, status, now) is { } wait)
        {
            _queue.AddAfter(key, wait);
        }
    }

    /// <summary>
    /// The deployment's ReplicaSets (copies): those it controls whose labels still match its selector,
    /// plus orphans that match, which it adopts; controlled ones that stopped matching are released.
    /// </summary>
    private async Task<List<ReplicaSet>> ClaimReplicaSetsAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        LabelQuery selector;
        try
        {
            selector = LabelQuery.FromObject(deployment.Spec?.Selector);
        }
        catch (SelectorException)
        {
            selector = LabelQuery.Nothing;
        }

        var uid = deployment.Metadata?.Uid;
        var deleting = deployment.Metadata?.DeletionTimestamp is not null;
        var claimed = new List<ReplicaSet>();
        foreach (var rs in _replicaSets.Lister.List(deployment.Metadata?.Namespace ?? ""))
        {
            var controller = PodState.ControllerOf(rs);
            var matches = !selector.IsEverything && selector.Matches(rs.Metadata?.Labels);
            if (controller is not null)
            {
                if (controller.Uid != uid)
                {
                    continue;
                }

                if (matches || deleting)
                {
                    claimed.Add(ObjectCopy.Clone(rs));
                }
                else
                {
                    await PatchOwnerAsync(rs, $"{{\"$patch\":\"delete\",\"uid\":\"{uid}\"}}", cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            if (matches && !deleting && rs.Metadata?.DeletionTimestamp is null)
            {
                var reference = new OwnerReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = deployment.Metadata?.Name, Uid = uid, Controller = true, BlockOwnerDeletion = true };
                if (await PatchOwnerAsync(rs, KubeJson.Serialize(reference), cancellationToken).ConfigureAwait(false) is { } adopted)
                {
                    _logger.LogInformation("deployment {Namespace}/{Name}: adopted replica set {ReplicaSet}", deployment.Metadata?.Namespace, deployment.Metadata?.Name, rs.Metadata?.Name);
                    claimed.Add(adopted);
                }
            }
        }

        return claimed;
    }

    private async Task<ReplicaSet?> PatchOwnerAsync(ReplicaSet rs, string ownerReferenceJson, CancellationToken cancellationToken)
    {
        var patch = $"{{\"metadata\":{{\"ownerReferences\":[{ownerReferenceJson}],\"uid\":\"{rs.Metadata?.Uid}\"}}}}";
        try
        {
            return await _client.PatchAsync<ReplicaSet>(rs.Metadata!.Name!, new Patch(PatchType.StrategicMerge, patch), rs.Metadata.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsNotFound || e.IsConflict || e.IsInvalid)
        {
            return null;
        }
    }

    private static int? IntAnnotation(KubernetesObject obj, string name) =>
        obj.Metadata?.Annotations?.TryGetValue(name, out var text) == true && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>The deployment was resized while more than one ReplicaSet has pods: some active one was sized for another replica count.</summary>
    private static bool IsScalingEvent(List<ReplicaSet> owned, int desired)
    {
        var active = owned.Where(rs => (rs.Spec?.Replicas ?? 0) > 0).ToList();
        return active.Count > 1 && active.Any(rs => IntAnnotation(rs, DesiredReplicasAnnotation) is int sizedFor && sizedFor != desired);
    }

    private static ScalableReplicaSet ToScalable(ReplicaSet rs) =>
        new(rs.Metadata!.Name!, rs.Spec?.Replicas ?? 0, IntAnnotation(rs, MaxReplicasAnnotation), rs.Metadata.CreationTimestamp ?? DateTimeOffset.MinValue);

    private static long Revision(KubernetesObject obj) =>
        obj.Metadata?.Annotations?.TryGetValue(RevisionAnnotation, out var text) == true && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? r : 0;

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Copies the deployment's annotations and sets revision, desired and max replicas; true when something changed.</summary>
    private static bool SetReplicaSetAnnotations(Deployment deployment, ReplicaSet rs, long revision, int maxSurge)
    {
        var annotations = rs.Meta.Annotations ??= [];
        var before = string.Join("\n", annotations.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Key + "=" + a.Value));
        foreach (var (k, v) in deployment.Metadata?.Annotations ?? [])
        {
            if (!NotCopied.Contains(k))
            {
                annotations[k] = v;
            }
        }

        var desired = deployment.Spec?.Replicas ?? 1;
        annotations[RevisionAnnotation] = Text(revision);
        annotations[DesiredReplicasAnnotation] = Text(desired);
        annotations[MaxReplicasAnnotation] = Text(desired + maxSurge);
        var after = string.Join("\n", annotations.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Key + "=" + a.Value));
        return before != after;
    }

    private async Task<(ReplicaSet?, NewReplicaSetEvent)> CreateNewReplicaSetAsync(Deployment deployment, List<ReplicaSet> old, bool rolling, int maxSurge, CancellationToken cancellationToken)
    {
        var desired = deployment.Spec?.Replicas ?? 1;
        var hash = PodTemplateHash.Compute(deployment.Spec?.Template, deployment.Status?.CollisionCount);
        var template = ObjectCopy.Clone(deployment.Spec?.Template ?? new Api.Core.V1.PodTemplateSpec());
        var templateLabels = (template.Metadata ??= new ObjectMeta()).Labels ??= [];
        templateLabels[PodTemplateHash.Label] = hash;
        var selector = ObjectCopy.Clone(deployment.Spec?.Selector ?? new LabelSelector());
        (selector.MatchLabels ??= [])[PodTemplateHash.Label] = hash;

        var oldViews = old.Select(View).ToList();
        var replicas = rolling
            ? RollingUpdatePlan.NewReplicaSetReplicas(desired, maxSurge, null, old.Select(SurgeView).ToList())
            : oldViews.Any(v => v.Replicas > 0) || old.Any(rs => (rs.Status?.Replicas ?? 0) > 0) ? 0 : desired;
        var rs = new ReplicaSet
        {
            Metadata = new ObjectMeta
            {
                Name = $"{deployment.Metadata!.Name}-{hash}",
                Namespace = deployment.Metadata.Namespace,
                Labels = new Dictionary<string, string>(templateLabels),
                OwnerReferences =
                [
                    new OwnerReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = deployment.Metadata.Name, Uid = deployment.Metadata.Uid, Controller = true, BlockOwnerDeletion = true },
                ],
            },
            Spec = new ReplicaSetSpec { Replicas = replicas, MinReadySeconds = deployment.Spec?.MinReadySeconds, Selector = selector, Template = template },
        };
        SetReplicaSetAnnotations(deployment, rs, old.Select(Revision).DefaultIfEmpty(0).Max() + 1, maxSurge);
        try
        {
            var created = await _client.CreateAsync(rs, cancellationToken: cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("deployment {Namespace}/{Name}: created replica set {ReplicaSet} with {Replicas} replicas", deployment.Metadata.Namespace, deployment.Metadata.Name, rs.Metadata.Name, replicas);
            if (replicas > 0)
            {
                await _events.RecordAsync(deployment, "apps/v1", "Deployment", "Normal", "ScalingReplicaSet", $"Scaled up replica set {rs.Metadata.Name} from 0 to {Text(replicas)}", cancellationToken).ConfigureAwait(false);
            }

            return (created, NewReplicaSetEvent.Created);
        }
        catch (KubernetesApiException e) when (e.IsAlreadyExists)
        {
            var existing = await _client.GetAsync<ReplicaSet>(rs.Metadata.Name, rs.Metadata.Namespace, cancellationToken).ConfigureAwait(false);
            if (PodState.ControllerOf(existing)?.Uid == deployment.Metadata.Uid && PodTemplateHash.EqualIgnoringHash(existing.Spec?.Template, deployment.Spec?.Template))
            {
                return (existing, NewReplicaSetEvent.Found);
            }

            // A different object holds the name: change the hash input and try again next sync.
            deployment.Status ??= new DeploymentStatus();
            deployment.Status.CollisionCount = (deployment.Status.CollisionCount ?? 0) + 1;
            await _client.UpdateStatusAsync(deployment, cancellationToken: cancellationToken).ConfigureAwait(false);
            return (null, NewReplicaSetEvent.None);
        }
    }

    private async Task<ReplicaSet> SyncNewReplicaSetAnnotationsAsync(Deployment deployment, ReplicaSet newRs, List<ReplicaSet> old, int maxSurge, CancellationToken cancellationToken)
    {
        var maxOld = old.Select(Revision).DefaultIfEmpty(0).Max();
        var revision = Revision(newRs) > maxOld ? Revision(newRs) : maxOld + 1;
        var minReadyChanged = newRs.Spec?.MinReadySeconds != deployment.Spec?.MinReadySeconds;
        if (!SetReplicaSetAnnotations(deployment, newRs, revision, maxSurge) && !minReadyChanged)
        {
            return newRs;
        }

        newRs.Spec!.MinReadySeconds = deployment.Spec?.MinReadySeconds;
        return await UpdateReplicaSetAsync(newRs, r =>
        {
            SetReplicaSetAnnotations(deployment, r, revision, maxSurge);
            (r.Spec ??= new ReplicaSetSpec()).MinReadySeconds = deployment.Spec?.MinReadySeconds;
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task SyncDeploymentRevisionAsync(Deployment deployment, ReplicaSet newRs, CancellationToken cancellationToken)
    {
        var revision = Text(Revision(newRs));
        if (deployment.Metadata?.Annotations?.GetValueOrDefault(RevisionAnnotation) == revision)
        {
            return;
        }

        (deployment.Meta.Annotations ??= [])[RevisionAnnotation] = revision;
        var updated = await _client.UpdateAsync(deployment, cancellationToken: cancellationToken).ConfigureAwait(false);
        deployment.Meta.ResourceVersion = updated.Metadata?.ResourceVersion;
    }

    private static ReplicaSetView View(ReplicaSet rs) =>
        new(rs.Metadata!.Name!, rs.Spec?.Replicas ?? 0, rs.Status?.AvailableReplicas ?? 0);

    /// <summary>
    /// An old ReplicaSet as the surge budget sees it: its pods count until its controller reports them gone
    /// (status.replicas), not from the moment its spec was lowered, so the new ReplicaSet never adds pods while the
    /// old ones still exist and the total stays within replicas + maxSurge at every moment.
    /// </summary>
    private static ReplicaSetView SurgeView(ReplicaSet rs) =>
        new(rs.Metadata!.Name!, Math.Max(rs.Spec?.Replicas ?? 0, rs.Status?.Replicas ?? 0), rs.Status?.AvailableReplicas ?? 0);

    private async Task RollAsync(Deployment deployment, ReplicaSet newRs, List<ReplicaSet> old, int desired, int maxSurge, int maxUnavailable, CancellationToken cancellationToken)
    {
        var oldViews = old.Select(View).ToList();
        var newReplicas = RollingUpdatePlan.NewReplicaSetReplicas(desired, maxSurge, View(newRs), old.Select(SurgeView).ToList());
        if (newReplicas != (newRs.Spec?.Replicas ?? 0))
        {
            var scaled = await ScaleAsync(deployment, newRs, newReplicas, desired, desired + maxSurge, cancellationToken).ConfigureAwait(false);
            newRs.Spec = scaled.Spec;
            newRs.Metadata = scaled.Metadata;
            return;
        }

        var scaleDown = RollingUpdatePlan.ScaleDownOld(desired, maxUnavailable, View(newRs), oldViews);
        foreach (var rs in old)
        {
            if (scaleDown.TryGetValue(rs.Metadata!.Name!, out var replicas))
            {
                var scaled = await ScaleAsync(deployment, rs, replicas, desired, desired + maxSurge, cancellationToken).ConfigureAwait(false);
                rs.Spec = scaled.Spec;
                rs.Metadata = scaled.Metadata;
            }
        }
    }

    private async Task RecreateAsync(Deployment deployment, ReplicaSet newRs, List<ReplicaSet> old, int desired, CancellationToken cancellationToken)
    {
        var active = old.Where(rs => (rs.Spec?.Replicas ?? 0) > 0).ToList();
        foreach (var rs in active)
        {
            var scaled = await ScaleAsync(deployment, rs, 0, desired, desired, cancellationToken).ConfigureAwait(false);
            rs.Spec = scaled.Spec;
            rs.Metadata = scaled.Metadata;
        }

        // The new pods start only once every old pod is gone.
        if (active.Count > 0 || old.Any(rs => (rs.Status?.Replicas ?? 0) > 0) || OldPodsRunning(old))
        {
            return;
        }

        if ((newRs.Spec?.Replicas ?? 0) != desired)
        {
            var scaled = await ScaleAsync(deployment, newRs, desired, desired, desired, cancellationToken).ConfigureAwait(false);
            newRs.Spec = scaled.Spec;
            newRs.Metadata = scaled.Metadata;
        }
    }

    /// <summary>Sets spec.replicas, recording the deployment's size and surge limit at the time in the annotations.</summary>
    private async Task<ReplicaSet> ScaleAsync(Deployment deployment, ReplicaSet rs, int replicas, int desired, int maxReplicas, CancellationToken cancellationToken)
    {
        var from = rs.Spec?.Replicas ?? 0;
        rs.Spec ??= new ReplicaSetSpec();
        rs.Spec.Replicas = replicas;
        var annotations = rs.Meta.Annotations ??= [];
        annotations[DesiredReplicasAnnotation] = Text(desired);
        annotations[MaxReplicasAnnotation] = Text(maxReplicas);

        _logger.LogInformation("scaling replica set {Namespace}/{Name} to {Replicas}", rs.Metadata?.Namespace, rs.Metadata?.Name, replicas);
        var scaled = await UpdateReplicaSetAsync(rs, r =>
        {
            (r.Spec ??= new ReplicaSetSpec()).Replicas = replicas;
            var a = r.Meta.Annotations ??= [];
            a[DesiredReplicasAnnotation] = Text(desired);
            a[MaxReplicasAnnotation] = Text(maxReplicas);
        }, cancellationToken).ConfigureAwait(false);
        if (from != replicas)
        {
            var direction = replicas > from ? "up" : "down";
            await _events.RecordAsync(deployment, "apps/v1", "Deployment", "Normal", "ScalingReplicaSet", $"Scaled {direction} replica set {rs.Metadata?.Name} from {Text(from)} to {Text(replicas)}", cancellationToken).ConfigureAwait(false);
        }

        return scaled;
    }

    /// <summary>PUTs <paramref name="rs"/>; on a conflict (the cache was stale) re-reads it and applies <paramref name="change"/> again.</summary>
    private async Task<ReplicaSet> UpdateReplicaSetAsync(ReplicaSet rs, Action<ReplicaSet> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await _client.UpdateAsync(rs, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesApiException e) when (e.IsConflict && attempt < 3)
            {
                rs = await _client.GetAsync<ReplicaSet>(rs.Metadata!.Name!, rs.Metadata.Namespace, cancellationToken).ConfigureAwait(false);
                change(rs);
            }
        }
    }

    private async Task CleanUpOldReplicaSetsAsync(Deployment deployment, List<ReplicaSet> old, CancellationToken cancellationToken)
    {
        var limit = deployment.Spec?.RevisionHistoryLimit ?? 10;
        var candidates = old
            .Where(rs => (rs.Spec?.Replicas ?? 0) == 0 && (rs.Status?.Replicas ?? 0) == 0 && rs.Metadata?.DeletionTimestamp is null
                         && (rs.Status?.ObservedGeneration ?? 0) >= (rs.Metadata?.Generation ?? 0))
            .OrderBy(Revision)
            .ThenBy(rs => rs.Metadata?.CreationTimestamp ?? DateTimeOffset.MinValue)
            .ToList();
        foreach (var rs in candidates.Take(Math.Max(candidates.Count - limit, 0)))
        {
            try
            {
                await _client.DeleteAsync<ReplicaSet>(rs.Metadata!.Name!, rs.Metadata.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                _logger.LogInformation("deployment {Namespace}/{Name}: deleted old replica set {ReplicaSet} (revision history limit {Limit})", deployment.Metadata?.Namespace, deployment.Metadata?.Name, rs.Metadata.Name, limit);
            }
            catch (KubernetesApiException e) when (e.IsNotFound)
            {
            }
        }
    }
}

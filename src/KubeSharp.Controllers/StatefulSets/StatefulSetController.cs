using System.Globalization;
using KubeSharp.Api;
using KubeSharp.Api.Apps.V1;
using KubeSharp.Api.Core.V1;
using KubeSharp.Client;
using KubeSharp.Client.Informers;
using KubeSharp.Client.Queues;
using KubeSharp.Controllers.Revisions;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Controllers.StatefulSets;

/// <summary>
/// Gives each StatefulSet its stable, ordered pods (see <see cref="StatefulSetPlan"/>): pod
/// &lt;set&gt;-&lt;n&gt; with hostname &lt;set&gt;-&lt;n&gt; and subdomain serviceName, its claims
/// &lt;template&gt;-&lt;set&gt;-&lt;n&gt; created from volumeClaimTemplates (kept when pods go), and
/// ControllerRevisions for current/update revisions and kubectl rollout history/undo.
/// </summary>
internal sealed class StatefulSetController
{
    private readonly KubernetesClient _client;
    private readonly Informer<StatefulSet> _sets;
    private readonly Informer<Pod> _pods;
    private readonly Informer<ControllerRevision> _revisions;
    private readonly ControllerRevisionHistory _history;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly WorkQueue<string> _queue;
    private readonly EventRecorder _events;

    public StatefulSetController(KubernetesClient client, SharedInformers informers, ILogger logger, TimeProvider? time = null)
    {
        _client = client;
        _sets = informers.For<StatefulSet>();
        _pods = informers.For<Pod>();
        _revisions = informers.For<ControllerRevision>();
        _history = new ControllerRevisionHistory(client);
        _logger = logger;
        _events = new EventRecorder(client, "statefulset-controller", logger);
        _time = time ?? TimeProvider.System;
        _queue = new WorkQueue<string>(RateLimiters.DefaultController<string>(_time), _time);
        _sets.AddEventHandler(new ResourceEventHandler<StatefulSet>
        {
            OnAdd = (s, _) => _queue.Add(ObjectCache<StatefulSet>.KeyOf(s)),
            OnUpdate = (_, s) => _queue.Add(ObjectCache<StatefulSet>.KeyOf(s)),
        });
        _pods.AddEventHandler(new ResourceEventHandler<Pod>
        {
            OnAdd = (p, _) => EnqueueOwner(p),
            OnUpdate = (_, p) => EnqueueOwner(p),
            OnDelete = (p, _) => EnqueueOwner(p),
        });
    }

    public Task RunAsync(int workers, CancellationToken cancellationToken) =>
        new ControllerWorker<string>("statefulset", _queue, SyncAsync, _logger).RunAsync(workers, cancellationToken);

    private void EnqueueOwner(Pod pod)
    {
        if (PodState.ControllerOf(pod) is { Kind: "StatefulSet", Name: { } name })
        {
            _queue.Add(ObjectCache<StatefulSet>.KeyOf(pod.Metadata?.Namespace, name));
        }
    }

    private async Task SyncAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = ObjectCache<StatefulSet>.SplitKey(key);
        var cached = _sets.Lister.Get(name, ns);
        if (cached is null || cached.Metadata?.DeletionTimestamp is not null)
        {
            return;
        }

        var set = ObjectCopy.Clone(cached);
        var uid = set.Metadata?.Uid;
        var revisions = _revisions.Lister.List(ns, r => PodState.ControllerOf(r)?.Uid == uid).ToList();
        var update = await _history.EnsureCurrentAsync(set, "apps/v1", "StatefulSet", set.Spec?.Template, set.Spec?.Selector?.MatchLabels, revisions, cancellationToken).ConfigureAwait(false);
        revisions.RemoveAll(r => r.Metadata?.Name == update.Metadata?.Name);
        revisions.Add(update);
        var updateName = update.Metadata!.Name!;
        var current = revisions.FirstOrDefault(r => r.Metadata?.Name == set.Status?.CurrentRevision) ?? update;
        var currentName = current.Metadata!.Name!;

        var pods = _pods.Lister.List(ns, p => PodState.ControllerOf(p)?.Uid == uid);
        var decision = StatefulSetPlan.Decide(set, pods, currentName, updateName, _time.GetUtcNow());
        foreach (var pod in decision.Delete)
        {
            try
            {
                await _client.DeleteAsync<Pod>(pod.Metadata!.Name!, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
                await _events.RecordAsync(set, "apps/v1", "StatefulSet", "Normal", "SuccessfulDelete", PodEventMessage("delete", pod.Metadata.Name!, set.Metadata!.Name!), cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesApiException e) when (e.IsNotFound)
            {
            }
        }

        foreach (var create in decision.Create)
        {
            var template = create.UpdateRevision ? set.Spec?.Template : ControllerRevisionHistory.TemplateOf(current) ?? set.Spec?.Template;
            await CreatePodAsync(set, create.Ordinal, template, create.UpdateRevision ? updateName : currentName, cancellationToken).ConfigureAwait(false);
        }

        var inUse = pods.Select(p => p.Metadata?.Labels?.GetValueOrDefault(StatefulSetPlan.RevisionLabel)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        inUse.Add(updateName);
        inUse.Add(currentName);
        await _history.PruneAsync(revisions, inUse, set.Spec?.RevisionHistoryLimit ?? 10, cancellationToken).ConfigureAwait(false);

        if (KubeJson.Serialize(decision.Status) != KubeJson.Serialize(cached.Status ?? new StatefulSetStatus()))
        {
            set.Status = decision.Status;
            try
            {
                await _client.UpdateStatusAsync(set, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesApiException e) when (e.IsConflict)
            {
                _queue.AddRateLimited(key);
            }
        }

        if ((set.Spec?.MinReadySeconds ?? 0) > 0 && (decision.Status.ReadyReplicas ?? 0) > (decision.Status.AvailableReplicas ?? 0))
        {
            _queue.AddAfter(key, TimeSpan.FromSeconds(set.Spec!.MinReadySeconds!.Value));
        }
    }

    private async Task CreatePodAsync(StatefulSet set, int ordinal, PodTemplateSpec? template, string revision, CancellationToken cancellationToken)
    {
        var copy = ObjectCopy.Clone(template ?? new PodTemplateSpec());
        var podName = $"{set.Metadata!.Name}-{ordinal.ToString(CultureInfo.InvariantCulture)}";
        var labels = copy.Metadata?.Labels ?? [];
        labels[StatefulSetPlan.RevisionLabel] = revision;
        labels[StatefulSetPlan.PodNameLabel] = podName;
        labels[StatefulSetPlan.PodIndexLabel] = ordinal.ToString(CultureInfo.InvariantCulture);
        var spec = copy.Spec ?? new PodSpec();
        spec.Hostname = podName;
        if (!string.IsNullOrEmpty(set.Spec?.ServiceName))
        {
            spec.Subdomain = set.Spec.ServiceName;
        }

        foreach (var claimTemplate in set.Spec?.VolumeClaimTemplates ?? [])
        {
            var claimName = $"{claimTemplate.Metadata?.Name}-{podName}";
            await EnsureClaimAsync(set, claimTemplate, claimName, podName, cancellationToken).ConfigureAwait(false);
            var volumes = spec.Volumes ??= [];
            volumes.RemoveAll(v => v.Name == claimTemplate.Metadata?.Name);
            volumes.Add(new Volume { Name = claimTemplate.Metadata?.Name, PersistentVolumeClaim = new PersistentVolumeClaimVolumeSource { ClaimName = claimName } });
        }

        var pod = new Pod
        {
            Metadata = new ObjectMeta
            {
                Name = podName,
                Namespace = set.Metadata.Namespace,
                Labels = labels,
                Annotations = copy.Metadata?.Annotations,
                Finalizers = copy.Metadata?.Finalizers,
                OwnerReferences = [new OwnerReference { ApiVersion = "apps/v1", Kind = "StatefulSet", Name = set.Metadata.Name, Uid = set.Metadata.Uid, Controller = true, BlockOwnerDeletion = true }],
            },
            Spec = spec,
        };
        try
        {
            await _client.CreateAsync(pod, cancellationToken: cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("statefulset {Namespace}/{Name}: created pod {Pod}", set.Metadata.Namespace, set.Metadata.Name, podName);
            await _events.RecordAsync(set, "apps/v1", "StatefulSet", "Normal", "SuccessfulCreate", PodEventMessage("create", podName, set.Metadata.Name!), cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsAlreadyExists)
        {
            // The informer has not shown it yet.
        }
    }

    /// <summary>The message of a StatefulSet event about one of its pods, worded as the upstream controller words it.</summary>
    internal static string PodEventMessage(string verb, string podName, string setName) => $"{verb} Pod {podName} in StatefulSet {setName} successful";

    /// <summary>The message of a StatefulSet event about a claim made for one of its pods, worded as upstream words it.</summary>
    internal static string ClaimEventMessage(string verb, string claimName, string podName, string setName) => $"{verb} Claim {claimName} Pod {podName} in StatefulSet {setName} success";

    private async Task EnsureClaimAsync(StatefulSet set, PersistentVolumeClaim template, string claimName, string podName, CancellationToken cancellationToken)
    {
        if (await _client.TryGetAsync<PersistentVolumeClaim>(claimName, set.Metadata!.Namespace, cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }

        var claim = ObjectCopy.Clone(template);
        claim.Status = null;
        claim.Metadata = new ObjectMeta
        {
            Name = claimName,
            Namespace = set.Metadata.Namespace,
            Labels = set.Spec?.Selector?.MatchLabels is { } selector ? new Dictionary<string, string>(selector) : template.Metadata?.Labels,
            Annotations = template.Metadata?.Annotations,
        };
        try
        {
            await _client.CreateAsync(claim, cancellationToken: cancellationToken).ConfigureAwait(false);
            await _events.RecordAsync(set, "apps/v1", "StatefulSet", "Normal", "SuccessfulCreate", ClaimEventMessage("create", claimName, podName, set.Metadata.Name!), cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsAlreadyExists)
        {
        }
    }
}

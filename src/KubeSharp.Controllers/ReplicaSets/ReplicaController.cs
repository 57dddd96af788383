using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Client;
using KubeSharp.Client.Informers;
using KubeSharp.Client.Queues;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Controllers.ReplicaSets;

/// <summary>
/// Keeps the number of active pods of a ReplicaSet or ReplicationController equal to its replicas:
/// claims pods (adopts matching orphans, releases owned pods that no longer match), creates pods from
/// the template or deletes the least valuable ones, and reports counts through the status subresource.
/// Expectations stop it from acting again before its informer has seen its own writes.
/// </summary>
internal sealed class ReplicaController<TOwner>
    where TOwner : KubernetesObject
{
    private readonly KubernetesClient _client;
    private readonly Informer<TOwner> _owners;
    private readonly Informer<Pod> _pods;
    private readonly IReplicatedKind<TOwner> _kind;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ControllerExpectations _expectations;
    private readonly WorkQueue<string> _queue;
    private readonly EventRecorder _events;

    public ReplicaController(KubernetesClient client, SharedInformers informers, IReplicatedKind<TOwner> kind, ILogger logger, TimeProvider? time = null)
    {
        _client = client;
        _owners = informers.For<TOwner>();
        _pods = informers.For<Pod>();
        _kind = kind;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _expectations = new ControllerExpectations(_time);
        _queue = new WorkQueue<string>(RateLimiters.DefaultController<string>(_time), _time);
        _events = new EventRecorder(client, kind.Kind == "ReplicaSet" ? "replicaset-controller" : "replication-controller", logger);
        _owners.AddEventHandler(new ResourceEventHandler<TOwner>
        {
            OnAdd = (o, _) => Enqueue(o),
            OnUpdate = (_, o) => Enqueue(o),
            OnDelete = (o, _) => Enqueue(o),
        });
        _pods.AddEventHandler(new ResourceEventHandler<Pod>
        {
            OnAdd = (p, _) => PodAdded(p),
            OnUpdate = PodUpdated,
            OnDelete = (p, _) => PodDeleted(p),
        });
    }

    public Task RunAsync(int workers, CancellationToken cancellationToken) =>
        new ControllerWorker<string>(_kind.Kind, _queue, SyncAsync, _logger).RunAsync(workers, cancellationToken);

    private void Enqueue(KubernetesObject owner) => _queue.Add(ObjectCache<TOwner>.KeyOf(owner));

    private string? OwnerKeyOf(Pod pod) =>
        PodState.ControllerOf(pod) is { } c && c.Kind == _kind.Kind && c.ApiVersion == _kind.ApiVersion && c.Name is not null
            ? ObjectCache<TOwner>.KeyOf(pod.Metadata?.Namespace, c.Name)
            : null;

    private void PodAdded(Pod pod)
    {
        if (OwnerKeyOf(pod) is { } key)
        {
            _expectations.CreationObserved(key);
            _queue.Add(key);
            return;
        }

        EnqueueMatchingOwners(pod);
    }

    private void PodUpdated(Pod old, Pod pod)
    {
        var oldKey = OwnerKeyOf(old);
        var newKey = OwnerKeyOf(pod);
        if (oldKey is not null && oldKey != newKey)
        {
            _queue.Add(oldKey);
        }

        if (newKey is not null)
        {
            _queue.Add(newKey);
        }
        else
        {
            EnqueueMatchingOwners(pod);
        }
    }

    private void PodDeleted(Pod pod)
    {
        if (OwnerKeyOf(pod) is { } key)
        {
            _expectations.DeletionObserved(key, ObjectCache<Pod>.KeyOf(pod));
            _queue.Add(key);
        }
    }

    private void EnqueueMatchingOwners(Pod pod)
    {
        if (pod.Metadata?.DeletionTimestamp is not null)
        {
            return;
        }

        foreach (var owner in _owners.Lister.List(pod.Metadata?.Namespace ?? ""))
        {
            if (_kind.Selector(owner).Matches(pod.Metadata?.Labels))
            {
                Enqueue(owner);
            }
        }
    }

    private async Task SyncAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = ObjectCache<TOwner>.SplitKey(key);
        var owner = _owners.Lister.Get(name, ns);
        if (owner is null)
        {
            _expectations.Forget(key);
            return;
        }

        var satisfied = _expectations.Satisfied(key);
        var pods = await ClaimPodsAsync(owner, cancellationToken).ConfigureAwait(false);
        var active = pods.Where(PodState.IsActive).ToList();
        ReplicaFailure? failure = null;
        if (satisfied && owner.Metadata?.DeletionTimestamp is null)
        {
            try
            {
                await ManageReplicasAsync(key, owner, active, cancellationToken).ConfigureAwait(false);
            }
            catch (ReplicaFailure e)
            {
                failure = e;
            }
        }

        var now = _time.GetUtcNow();
        var minReady = _kind.MinReadySeconds(owner);
        var counts = ReplicaPlan.Count(active, _kind.Template(owner)?.Metadata?.Labels, minReady, now);
        var keepFailure = !satisfied && _kind.StatusOf(owner) is not null;
        await UpdateStatusAsync(owner, counts, failure, keepFailure, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            throw failure;
        }

        if (ReplicaPlan.NextAvailabilityCheck(active, minReady, now) is { } wait)
        {
            _queue.AddAfter(key, wait);
        }
    }

    /// <summary>Pods could not be created or deleted: reported as the ReplicaFailure condition, and the sync retried.</summary>
    private sealed class ReplicaFailure(string reason, string message) : Exception(message)
    {
        public string Reason { get; } = reason;
    }

    /// <summary>The pods this owner controls after adopting matching orphans and releasing non-matching pods.</summary>
    private async Task<List<Pod>> ClaimPodsAsync(TOwner owner, CancellationToken cancellationToken)
    {
        var selector = _kind.Selector(owner);
        var uid = owner.Metadata?.Uid;
        var deleting = owner.Metadata?.DeletionTimestamp is not null;
        var claimed = new List<Pod>();
        foreach (var pod in _pods.Lister.List(owner.Metadata?.Namespace ?? ""))
        {
            var controller = PodState.ControllerOf(pod);
            var matches = selector.Matches(pod.Metadata?.Labels);
            if (controller is not null)
            {
                if (controller.Uid != uid)
                {
                    continue;
                }

                if (matches || deleting)
                {
                    claimed.Add(pod);
                    continue;
                }

                await PatchOwnerReferenceAsync(pod, $"{{\"$patch\":\"delete\",\"uid\":\"{uid}\"}}", "release", cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (!matches || deleting || pod.Metadata?.DeletionTimestamp is not null)
            {
                continue;
            }

            var reference = KubeJson.Serialize(ControllerReference(owner));
            if (await PatchOwnerReferenceAsync(pod, reference, "adopt", cancellationToken).ConfigureAwait(false) is { } adopted)
            {
                claimed.Add(adopted);
            }
        }

        return claimed;
    }

    private async Task<Pod?> PatchOwnerReferenceAsync(Pod pod, string ownerReferenceJson, string action, CancellationToken cancellationToken)
    {
        var patch = $"{{\"metadata\":{{\"ownerReferences\":[{ownerReferenceJson}],\"uid\":\"{pod.Metadata?.Uid}\"}}}}";
        try
        {
            var result = await _client.PatchAsync<Pod>(pod.Metadata!.Name!, new Patch(PatchType.StrategicMerge, patch), pod.Metadata.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("{Kind} controller: {Action} pod {Namespace}/{Pod}", _kind.Kind, action, pod.Metadata.Namespace, pod.Metadata.Name);
            return result;
        }
        catch (KubernetesApiException e) when (e.IsNotFound || e.IsConflict || e.StatusCode == System.Net.HttpStatusCode.UnprocessableEntity)
        {
            // Gone, or changed under us (the uid precondition failed): the next sync sees the truth.
            return null;
        }
    }

    private OwnerReference ControllerReference(TOwner owner) => new()
    {
        ApiVersion = _kind.ApiVersion,
        Kind = _kind.Kind,
        Name = owner.Metadata?.Name,
        Uid = owner.Metadata?.Uid,
        Controller = true,
        BlockOwnerDeletion = true,
    };

    private async Task ManageReplicasAsync(string key, TOwner owner, List<Pod> active, CancellationToken cancellationToken)
    {
        var diff = ReplicaPlan.Diff(active.Count, _kind.Replicas(owner));
        if (diff > 0)
        {
            var template = _kind.Template(owner);
            if (template is null)
            {
                return;
            }

            _expectations.ExpectCreations(key, diff);
            var created = 0;
            foreach (var batch in ReplicaPlan.SlowStartBatches(diff))
            {
                var results = await Task.WhenAll(Enumerable.Range(0, batch).Select(_ => CreatePodAsync(owner, template, cancellationToken))).ConfigureAwait(false);
                var failed = results.Count(error => error is not null);
                created += batch - failed;
                if (failed > 0)
                {
                    // Creations never attempted or failed will not be observed: stop waiting for them.
                    for (var i = 0; i < diff - created; i++)
                    {
                        _expectations.CreationObserved(key);
                    }

                    throw new ReplicaFailure("FailedCreate", results.First(r => r is not null)!);
                }
            }
        }
        else if (diff < 0)
        {
            var victims = ReplicaPlan.PodsToDelete(active, -diff);
            _expectations.ExpectDeletions(key, victims.Select(ObjectCache<Pod>.KeyOf));
            await Task.WhenAll(victims.Select(async pod =>
            {
                try
                {
                    await _client.DeleteAsync<Pod>(pod.Metadata!.Name!, pod.Metadata.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                    await _events.RecordAsync(owner, _kind.ApiVersion, _kind.Kind, "Normal", "SuccessfulDelete", $"Deleted pod: {pod.Metadata.Name}", cancellationToken).ConfigureAwait(false);
                }
                catch (KubernetesApiException e) when (e.IsNotFound)
                {
                    _expectations.DeletionObserved(key, ObjectCache<Pod>.KeyOf(pod));
                }
                catch
                {
                    _expectations.DeletionObserved(key, ObjectCache<Pod>.KeyOf(pod));
                    throw;
                }
            })).ConfigureAwait(false);
        }
    }

    /// <summary>Creates one pod; null on success, else the server's error message.</summary>
    private async Task<string?> CreatePodAsync(TOwner owner, PodTemplateSpec template, CancellationToken cancellationToken)
    {
        var copy = ObjectCopy.Clone(template);
        var pod = new Pod
        {
            Metadata = new ObjectMeta
            {
                GenerateName = owner.Metadata!.Name + "-",
                Namespace = owner.Metadata.Namespace,
                Labels = copy.Metadata?.Labels,
                Annotations = copy.Metadata?.Annotations,
                Finalizers = copy.Metadata?.Finalizers,
                OwnerReferences = [ControllerReference(owner)],
            },
            Spec = copy.Spec,
        };
        try
        {
            var created = await _client.CreateAsync(pod, cancellationToken: cancellationToken).ConfigureAwait(false);
            await _events.RecordAsync(owner, _kind.ApiVersion, _kind.Kind, "Normal", "SuccessfulCreate", $"Created pod: {created.Metadata?.Name}", cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (KubernetesApiException e) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning("{Kind} {Namespace}/{Name}: creating a pod failed: {Message}", _kind.Kind, owner.Metadata.Namespace, owner.Metadata.Name, e.Message);
            await _events.RecordAsync(owner, _kind.ApiVersion, _kind.Kind, "Warning", "FailedCreate", $"Error creating: {e.Message}", cancellationToken).ConfigureAwait(false);
            return e.Message;
        }
    }

    /// <summary>
    /// Writes counts and the ReplicaFailure condition (set from <paramref name="failure"/>, cleared
    /// after a successful sync, left as is when <paramref name="keepFailure"/>) if they changed.
    /// </summary>
    private async Task UpdateStatusAsync(TOwner owner, ReplicaCounts counts, ReplicaFailure? failure, bool keepFailure, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(_time.GetUtcNow().ToUnixTimeSeconds());
        var copy = ObjectCopy.Clone(owner);
        _kind.SetStatus(copy, counts, copy.Metadata?.Generation);
        if (!keepFailure)
        {
            _kind.SetReplicaFailure(copy, failure?.Reason, failure?.Message, now);
        }

        if (KubeJson.Serialize(_kind.StatusOf(copy)) == KubeJson.Serialize(_kind.StatusOf(owner)))
        {
            return;
        }

        for (var attempt = 0; ; attempt++)
        {
            _kind.SetStatus(copy, counts, copy.Metadata?.Generation);
            if (!keepFailure)
            {
                _kind.SetReplicaFailure(copy, failure?.Reason, failure?.Message, now);
            }

            try
            {
                await _client.UpdateStatusAsync(copy, cancellationToken: cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (KubernetesApiException e) when (e.IsConflict && attempt < 2)
            {
                copy = await _client.GetAsync<TOwner>(copy.Metadata!.Name!, copy.Metadata.Namespace, cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesApiException e) when (e.IsNotFound)
            {
                return;
            }
        }
    }
}

using KubeSharp.Api;
using KubeSharp.Api.Apps.V1;
using KubeSharp.Api.Batch.V1;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Quota;
using KubeSharp.Client;
using KubeSharp.Client.Informers;
using KubeSharp.Client.Queues;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Controllers.ResourceQuotas;

/// <summary>
/// Keeps every ResourceQuota's status current: <c>hard</c> as the spec says and <c>used</c> summed over the objects of
/// its namespace that its scopes select (pods that have not finished, services and their node ports, claims and their
/// storage, object counts). The API server's ResourceQuota admission enforces the limits on create; this status is
/// what `kubectl get/describe quota` shows. Counts of kinds other than those tracked here stay 0.
/// </summary>
internal sealed class ResourceQuotaController
{
    private readonly KubernetesClient _client;
    private readonly Informer<ResourceQuota> _quotas;
    private readonly List<(string Group, string Plural, Func<string, IEnumerable<KubernetesObject>> List)> _tracked = [];
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly WorkQueue<string> _queue;

    public ResourceQuotaController(KubernetesClient client, SharedInformers informers, ILogger logger, TimeProvider? time = null)
    {
        _client = client;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _queue = new WorkQueue<string>(RateLimiters.DefaultController<string>(_time), _time);
        _quotas = informers.For<ResourceQuota>();
        _quotas.AddEventHandler(new ResourceEventHandler<ResourceQuota>
        {
            OnAdd = (q, _) => _queue.Add(ObjectCache<ResourceQuota>.KeyOf(q)),
            OnUpdate = (_, q) => _queue.Add(ObjectCache<ResourceQuota>.KeyOf(q)),
        });
        Track<Pod>(informers, "", "pods");
        Track<Service>(informers, "", "services");
        Track<ConfigMap>(informers, "", "configmaps");
        Track<Secret>(informers, "", "secrets");
        Track<PersistentVolumeClaim>(informers, "", "persistentvolumeclaims");
        Track<ReplicationController>(informers, "", "replicationcontrollers");
        Track<Deployment>(informers, "apps", "deployments");
        Track<ReplicaSet>(informers, "apps", "replicasets");
        Track<StatefulSet>(informers, "apps", "statefulsets");
        Track<DaemonSet>(informers, "apps", "daemonsets");
        Track<Job>(informers, "batch", "jobs");
        Track<CronJob>(informers, "batch", "cronjobs");
        _tracked.Add(("", "resourcequotas", ns => _quotas.Lister.List(ns)));
    }

    public Task RunAsync(int workers, CancellationToken cancellationToken) =>
        new ControllerWorker<string>("resourcequota", _queue, SyncAsync, _logger).RunAsync(workers, cancellationToken);

    private void Track<T>(SharedInformers informers, string group, string plural)
        where T : KubernetesObject
    {
        var informer = informers.For<T>();
        _tracked.Add((group, plural, ns => informer.Lister.List(ns)));
        informer.AddEventHandler(new ResourceEventHandler<T>
        {
            OnAdd = (o, _) => EnqueueNamespace(o.Metadata?.Namespace),
            OnUpdate = (_, o) => EnqueueNamespace(o.Metadata?.Namespace),
            OnDelete = (o, _) => EnqueueNamespace(o.Metadata?.Namespace),
        });
    }

    private void EnqueueNamespace(string? ns)
    {
        if (ns is null)
        {
            return;
        }

        foreach (var quota in _quotas.Lister.List(ns))
        {
            _queue.Add(ObjectCache<ResourceQuota>.KeyOf(quota));
        }
    }

    private async Task SyncAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = ObjectCache<ResourceQuota>.SplitKey(key);
        var cached = _quotas.Lister.Get(name, ns);
        if (cached is null || cached.Metadata?.DeletionTimestamp is not null || ns is null)
        {
            return;
        }

        var now = _time.GetUtcNow();
        var usages = _tracked.SelectMany(t => t.List(ns)
            .Where(o => ResourceQuotaUsage.Matches(cached, o))
            .Select(o => ResourceQuotaUsage.Of(t.Group, t.Plural, o, now)));
        var status = new ResourceQuotaStatus
        {
            Hard = new Dictionary<string, Quantity>(cached.Spec?.Hard ?? [], StringComparer.Ordinal),
            Used = ResourceQuotaUsage.Used(cached, usages),
        };
        if (KubeJson.Serialize(status) == KubeJson.Serialize(cached.Status ?? new ResourceQuotaStatus()))
        {
            return;
        }

        var quota = ObjectCopy.Clone(cached);
        quota.Status = status;
        try
        {
            await _client.UpdateStatusAsync(quota, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsConflict)
        {
            _queue.AddRateLimited(key);
        }
        catch (KubernetesApiException e) when (e.IsNotFound)
        {
        }
    }
}

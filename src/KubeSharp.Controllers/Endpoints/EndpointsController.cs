using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Discovery.V1;
using KubeSharp.Client;
using KubeSharp.Client.Informers;
using KubeSharp.Client.Queues;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Controllers.Endpoints;

/// <summary>
/// Keeps, for every Service with a selector, an Endpoints object of the same name and the
/// EndpointSlices labelled with its name listing the selected pods (see <see cref="EndpointsPlan"/>).
/// Services without a selector are left to whoever writes their endpoints; when a selector service
/// goes, its Endpoints goes too (its slices are owned by it and garbage-collected, and also deleted here).
/// </summary>
internal sealed class EndpointsController
{
    private readonly KubernetesClient _client;
    private readonly Informer<Service> _services;
    private readonly Informer<Pod> _pods;
    private readonly Informer<EndpointSlice> _slices;
    private readonly ILogger _logger;
    private readonly WorkQueue<string> _queue;

    public EndpointsController(KubernetesClient client, SharedInformers informers, ILogger logger)
    {
        _client = client;
        _services = informers.For<Service>();
        _pods = informers.For<Pod>();
        _slices = informers.For<EndpointSlice>();
        _logger = logger;
        _queue = new WorkQueue<string>(RateLimiters.DefaultController<string>(TimeProvider.System), TimeProvider.System);
        _services.AddEventHandler(new ResourceEventHandler<Service>
        {
            OnAdd = (s, _) => _queue.Add(ObjectCache<Service>.KeyOf(s)),
            OnUpdate = (_, s) => _queue.Add(ObjectCache<Service>.KeyOf(s)),
            OnDelete = (s, _) => _queue.Add(ObjectCache<Service>.KeyOf(s)),
        });
        _pods.AddEventHandler(new ResourceEventHandler<Pod>
        {
            OnAdd = (p, _) => EnqueueServicesOf(p, null),
            OnUpdate = EnqueueServicesOf,
            OnDelete = (p, _) => EnqueueServicesOf(p, null),
        });
    }

    public Task RunAsync(int workers, CancellationToken cancellationToken) =>
        new ControllerWorker<string>("endpoints", _queue, SyncAsync, _logger).RunAsync(workers, cancellationToken);

    private void EnqueueServicesOf(Pod pod, Pod? other)
    {
        foreach (var service in _services.Lister.List(pod.Metadata?.Namespace))
        {
            if (service.Spec?.Selector is { Count: > 0 } selector && (Selects(selector, pod) || (other is not null && Selects(selector, other))))
            {
                _queue.Add(ObjectCache<Service>.KeyOf(service));
            }
        }
    }

    private static bool Selects(Dictionary<string, string> selector, Pod pod) =>
        selector.All(p => pod.Metadata?.Labels is { } labels && labels.TryGetValue(p.Key, out var v) && v == p.Value);

    private async Task SyncAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = ObjectCache<Service>.SplitKey(key);
        var service = _services.Lister.Get(name, ns);
        var managedSlices = _slices.Lister.List(ns, s => s.Metadata?.Labels is { } l
            && l.GetValueOrDefault(EndpointsPlan.ServiceNameLabel) == name && l.GetValueOrDefault(EndpointsPlan.ManagedByLabel) == EndpointsPlan.ManagedByValue);
        if (service is null)
        {
            await DeleteAsync<Api.Core.V1.Endpoints>(name, ns, cancellationToken).ConfigureAwait(false);
            foreach (var slice in managedSlices)
            {
                await DeleteAsync<EndpointSlice>(slice.Metadata!.Name!, ns, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        if (service.Spec?.Selector is not { Count: > 0 } selector || service.Spec.Type == "ExternalName" || service.Metadata?.DeletionTimestamp is not null)
        {
            return;
        }

        var pods = _pods.Lister.List(ns, p => Selects(selector, p));
        await SyncEndpointsAsync(service, EndpointsPlan.Subsets(service, pods), cancellationToken).ConfigureAwait(false);
        await SyncSlicesAsync(service, EndpointsPlan.Slices(service, pods), managedSlices, cancellationToken).ConfigureAwait(false);
    }

    private async Task SyncEndpointsAsync(Service service, List<EndpointSubset> subsets, CancellationToken cancellationToken)
    {
        var ns = service.Metadata!.Namespace;
        var name = service.Metadata.Name!;
        var current = await _client.TryGetAsync<Api.Core.V1.Endpoints>(name, ns, cancellationToken).ConfigureAwait(false);
        var labels = service.Metadata.Labels is { } l ? new Dictionary<string, string>(l) : [];
        if (service.Spec?.ClusterIP == "None")
        {
            labels["service.kubernetes.io/headless"] = "";
        }

        if (current is null)
        {
            var created = new Api.Core.V1.Endpoints
            {
                Metadata = new ObjectMeta { Name = name, Namespace = ns, Labels = labels.Count == 0 ? null : labels },
                Subsets = subsets.Count == 0 ? null : subsets,
            };
            try
            {
                await _client.CreateAsync(created, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesApiException e) when (e.IsAlreadyExists)
            {
                _queue.AddRateLimited(ObjectCache<Service>.KeyOf(service));
            }

            return;
        }

        var desiredLabels = labels.Count == 0 ? null : labels;
        if (KubeJson.Serialize(current.Subsets ?? []) == KubeJson.Serialize(subsets)
            && KubeJson.Serialize(current.Metadata?.Labels ?? []) == KubeJson.Serialize(desiredLabels ?? []))
        {
            return;
        }

        current.Subsets = subsets.Count == 0 ? null : subsets;
        current.Meta.Labels = desiredLabels;
        try
        {
            await _client.UpdateAsync(current, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsConflict || e.IsNotFound)
        {
            _queue.AddRateLimited(ObjectCache<Service>.KeyOf(service));
        }
    }

    private async Task SyncSlicesAsync(Service service, List<EndpointsPlan.SliceContent> desired, IReadOnlyList<EndpointSlice> existing, CancellationToken cancellationToken)
    {
        // A service always has at least one slice, empty when no pod is selected.
        if (desired.Count == 0)
        {
            desired.Add(new EndpointsPlan.SliceContent("", [], []));
        }

        var unused = existing.OrderBy(s => s.Metadata?.Name, StringComparer.Ordinal).ToList();
        foreach (var content in desired)
        {
            var match = unused.FirstOrDefault(s => SlicePortKey(s) == content.PortKey) ?? unused.FirstOrDefault(s => !desired.Any(d => d.PortKey == SlicePortKey(s)));
            try
            {
                if (match is null)
                {
                    await _client.CreateAsync(BuildSlice(service, content, null), cancellationToken: cancellationToken).ConfigureAwait(false);
                    continue;
                }

                unused.Remove(match);
                var wanted = BuildSlice(service, content, match);
                if (KubeJson.Serialize(Comparable(wanted)) != KubeJson.Serialize(Comparable(match)))
                {
                    await _client.UpdateAsync(wanted, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
            }
            catch (KubernetesApiException e) when (e.IsConflict || e.IsNotFound || e.IsAlreadyExists)
            {
                _queue.AddRateLimited(ObjectCache<Service>.KeyOf(service));
            }
        }

        foreach (var extra in unused)
        {
            await DeleteAsync<EndpointSlice>(extra.Metadata!.Name!, extra.Metadata.Namespace, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string SlicePortKey(EndpointSlice slice) =>
        string.Join(";", (slice.Ports ?? []).Select(p => $"{p.Name}/{p.Port}/{p.Protocol}").Order(StringComparer.Ordinal));

    private static object Comparable(EndpointSlice slice) => new { slice.Metadata?.Labels, slice.Metadata?.OwnerReferences, slice.AddressType, slice.Endpoints, slice.Ports };

    private static EndpointSlice BuildSlice(Service service, EndpointsPlan.SliceContent content, EndpointSlice? existing)
    {
        var labels = service.Metadata!.Labels is { } l ? new Dictionary<string, string>(l) : [];
        labels[EndpointsPlan.ServiceNameLabel] = service.Metadata.Name!;
        labels[EndpointsPlan.ManagedByLabel] = EndpointsPlan.ManagedByValue;
        if (service.Spec?.ClusterIP == "None")
        {
            labels["service.kubernetes.io/headless"] = "";
        }

        var metadata = existing is null
            ? new ObjectMeta { GenerateName = service.Metadata.Name + "-", Namespace = service.Metadata.Namespace }
            : ObjectCopy.Clone(existing.Metadata!);
        metadata.Labels = labels;
        metadata.OwnerReferences = [new OwnerReference { ApiVersion = "v1", Kind = "Service", Name = service.Metadata.Name, Uid = service.Metadata.Uid, Controller = true, BlockOwnerDeletion = true }];
        return new EndpointSlice
        {
            Metadata = metadata,
            AddressType = "IPv4",
            Endpoints = content.Endpoints.Count == 0 ? null : content.Endpoints,
            Ports = content.Ports.Count == 0 ? null : content.Ports,
        };
    }

    private async Task DeleteAsync<T>(string name, string? ns, CancellationToken cancellationToken)
        where T : KubernetesObject
    {
        try
        {
            await _client.DeleteAsync<T>(name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsNotFound)
        {
        }
    }
}

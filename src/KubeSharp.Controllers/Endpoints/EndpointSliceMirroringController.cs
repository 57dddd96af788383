using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Discovery.V1;
using KubeSharp.Client;
using KubeSharp.Client.Informers;
using KubeSharp.Client.Queues;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Controllers.Endpoints;

/// <summary>
/// The EndpointSlice mirroring controller: Endpoints written by users for a Service without a selector
/// are mirrored into EndpointSlices (one per subset, labelled with the service name and managed by
/// <see cref="ManagedByValue"/>, owned by the Endpoints), kept in step with them, and deleted when the
/// Endpoints or the Service goes, or the Service gains a selector. Endpoints labelled
/// <see cref="SkipMirrorLabel"/>=true are not mirrored.
/// </summary>
internal sealed class EndpointSliceMirroringController
{
    public const string ManagedByValue = "endpointslicemirroring-controller.k8s.io";
    public const string SkipMirrorLabel = "endpointslice.kubernetes.io/skip-mirror";

    private readonly KubernetesClient _client;
    private readonly Informer<Service> _services;
    private readonly Informer<Api.Core.V1.Endpoints> _endpoints;
    private readonly Informer<EndpointSlice> _slices;
    private readonly ILogger _logger;
    private readonly WorkQueue<string> _queue;

    public EndpointSliceMirroringController(KubernetesClient client, SharedInformers informers, ILogger logger)
    {
        _client = client;
        _services = informers.For<Service>();
        _endpoints = informers.For<Api.Core.V1.Endpoints>();
        _slices = informers.For<EndpointSlice>();
        _logger = logger;
        _queue = new WorkQueue<string>(RateLimiters.DefaultController<string>(TimeProvider.System), TimeProvider.System);
        _services.AddEventHandler(new ResourceEventHandler<Service>
        {
            OnAdd = (s, _) => _queue.Add(ObjectCache<Service>.KeyOf(s)),
            OnUpdate = (_, s) => _queue.Add(ObjectCache<Service>.KeyOf(s)),
            OnDelete = (s, _) => _queue.Add(ObjectCache<Service>.KeyOf(s)),
        });
        _endpoints.AddEventHandler(new ResourceEventHandler<Api.Core.V1.Endpoints>
        {
            OnAdd = (e, _) => _queue.Add(ObjectCache<Api.Core.V1.Endpoints>.KeyOf(e)),
            OnUpdate = (_, e) => _queue.Add(ObjectCache<Api.Core.V1.Endpoints>.KeyOf(e)),
            OnDelete = (e, _) => _queue.Add(ObjectCache<Api.Core.V1.Endpoints>.KeyOf(e)),
        });
    }

    public Task RunAsync(int workers, CancellationToken cancellationToken) =>
        new ControllerWorker<string>("endpointslice-mirroring", _queue, SyncAsync, _logger).RunAsync(workers, cancellationToken);

    private async Task SyncAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = ObjectCache<Service>.SplitKey(key);
        var service = _services.Lister.Get(name, ns);
        var endpoints = _endpoints.Lister.Get(name, ns);
        var existing = _slices.Lister.List(ns, s => s.Metadata?.Labels is { } l
            && l.GetValueOrDefault(EndpointsPlan.ServiceNameLabel) == name && l.GetValueOrDefault(EndpointsPlan.ManagedByLabel) == ManagedByValue)
            .OrderBy(s => s.Metadata?.Name, StringComparer.Ordinal)
            .ToList();
        var mirrored = service is not null && service.Spec?.Selector is not { Count: > 0 } && endpoints is not null
            && endpoints.Metadata?.Labels?.GetValueOrDefault(SkipMirrorLabel) != "true" && endpoints.Metadata?.DeletionTimestamp is null;
        var desired = mirrored ? endpoints!.Subsets ?? [] : [];
        for (var i = 0; i < desired.Count; i++)
        {
            var current = i < existing.Count ? existing[i] : null;
            var wanted = BuildSlice(endpoints!, desired[i], current);
            try
            {
                if (current is null)
                {
                    await _client.CreateAsync(wanted, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                else if (KubeJson.Serialize(Comparable(wanted)) != KubeJson.Serialize(Comparable(current)))
                {
                    await _client.UpdateAsync(wanted, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
            }
            catch (KubernetesApiException e) when (e.IsConflict || e.IsNotFound || e.IsAlreadyExists)
            {
                _queue.AddRateLimited(key);
            }
        }

        foreach (var extra in existing.Skip(desired.Count))
        {
            try
            {
                await _client.DeleteAsync<EndpointSlice>(extra.Metadata!.Name!, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesApiException e) when (e.IsNotFound)
            {
            }
        }
    }

    private static object Comparable(EndpointSlice slice) => new { slice.Metadata?.Labels, slice.Metadata?.OwnerReferences, slice.AddressType, slice.Endpoints, slice.Ports };

    private static EndpointSlice BuildSlice(Api.Core.V1.Endpoints endpoints, EndpointSubset subset, EndpointSlice? existing)
    {
        var name = endpoints.Metadata!.Name!;
        var labels = endpoints.Metadata.Labels is { } l ? new Dictionary<string, string>(l) : [];
        labels[EndpointsPlan.ServiceNameLabel] = name;
        labels[EndpointsPlan.ManagedByLabel] = ManagedByValue;
        var metadata = existing is null
            ? new ObjectMeta { GenerateName = name + "-", Namespace = endpoints.Metadata.Namespace }
            : ObjectCopy.Clone(existing.Metadata!);
        metadata.Labels = labels;
        metadata.OwnerReferences = [new OwnerReference { ApiVersion = "v1", Kind = "Endpoints", Name = name, Uid = endpoints.Metadata.Uid, Controller = true, BlockOwnerDeletion = true }];
        var addresses = (subset.Addresses ?? []).Select(a => Endpoint(a, ready: true))
            .Concat((subset.NotReadyAddresses ?? []).Select(a => Endpoint(a, ready: false)))
            .ToList();
        var ports = (subset.Ports ?? []).Select(p => new Api.Discovery.V1.EndpointPort { Name = p.Name ?? "", Port = p.Port, Protocol = p.Protocol ?? "TCP", AppProtocol = p.AppProtocol }).ToList();
        var ipv6 = addresses.Count > 0 && addresses.All(a => a.Addresses![0].Contains(':', StringComparison.Ordinal));
        return new EndpointSlice
        {
            Metadata = metadata,
            AddressType = ipv6 ? "IPv6" : "IPv4",
            Endpoints = addresses.Count == 0 ? null : addresses,
            Ports = ports.Count == 0 ? null : ports,
        };
    }

    private static Endpoint Endpoint(EndpointAddress address, bool ready) => new()
    {
        Addresses = [address.Ip ?? ""],
        Conditions = new EndpointConditions { Ready = ready },
        Hostname = address.Hostname,
        NodeName = address.NodeName,
        TargetRef = address.TargetRef,
    };
}

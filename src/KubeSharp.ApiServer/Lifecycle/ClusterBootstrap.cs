using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Discovery.V1;
using KubeSharp.ApiServer.Http;
using KubeSharp.ApiServer.Security;
using KubeSharp.ApiServer.Storage;
using Microsoft.Extensions.Logging;

namespace KubeSharp.ApiServer.Lifecycle;

/// <summary>
/// The objects every cluster has: the system namespaces, the `kubernetes` Service in default, the
/// default StorageClass `local-path` (as k3s ships it), and in every namespace the `default`
/// ServiceAccount and the `kube-root-ca.crt` ConfigMap.
/// Idempotent: runs at every start and only creates what is missing.
/// </summary>
public sealed class ClusterBootstrap
{
    private static readonly string[] SystemNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];

    private readonly ResourceStore _store;
    private readonly ApiServerOptions _options;
    private readonly ClusterCertificates _certificates;
    private readonly ILogger _logger;

    public ClusterBootstrap(ResourceStore store, ApiServerOptions options, ClusterCertificates certificates, ILogger logger)
    {
        _store = store;
        _options = options;
        _certificates = certificates;
        _logger = logger;
    }

    private static readonly WriteOptions Manager = new(FieldManager: "kube-apiserver");

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var namespaces = _store.Catalog.Get<Namespace>();
        foreach (var ns in SystemNamespaces)
        {
            await CreateIfMissingAsync(namespaces, null, new Namespace { Metadata = new ObjectMeta { Name = ns } }, cancellationToken).ConfigureAwait(false);
        }

        var priorityClasses = _store.Catalog.Get<KubeSharp.Api.Scheduling.V1.PriorityClass>();
        foreach (var priorityClass in Admission.PriorityAdmission.SystemClasses)
        {
            await CreateIfMissingAsync(priorityClasses, null, KubeJson.Deserialize<KubeSharp.Api.Scheduling.V1.PriorityClass>(KubeJson.SerializeToUtf8Bytes(priorityClass))!, cancellationToken).ConfigureAwait(false);
        }

        await CreateIfMissingAsync(_store.Catalog.Get<KubeSharp.Api.Storage.V1.StorageClass>(), null, LocalPathStorageClass(), cancellationToken).ConfigureAwait(false);

        var services = _store.Catalog.Get<Service>();
        var kubernetes = new Service
        {
            Metadata = new ObjectMeta
            {
                Name = "kubernetes",
                Namespace = "default",
                Labels = new Dictionary<string, string> { ["component"] = "apiserver", ["provider"] = "kubernetes" },
            },
            Spec = new ServiceSpec
            {
                Type = "ClusterIP",
                ClusterIP = ServiceNetwork.Parse(_options.ServiceCidr).First.ToString(),
                Ports = [new ServicePort { Name = "https", Port = 443, Protocol = "TCP", TargetPort = _options.HttpsPort }],
                SessionAffinity = "None",
            },
        };
        await CreateIfMissingAsync(services, "default", kubernetes, cancellationToken).ConfigureAwait(false);
        await EnsureApiServerEndpointsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Points the `kubernetes` Service at this API server, as kube-apiserver's endpoint reconciler does: the
    /// Endpoints object and the EndpointSlice the service proxy reads. A server bound to every address is
    /// reached on loopback; node proxies DNAT loopback endpoints with route_localnet, so pods reach it too.
    /// Rewritten at start when the address or port changed.
    /// </summary>
    private async Task EnsureApiServerEndpointsAsync(CancellationToken cancellationToken)
    {
        var hostIp = _options.BindAddress.Equals(System.Net.IPAddress.Any) ? "127.0.0.1" : _options.BindAddress.ToString();
        var port = _options.HttpsPort;
        List<EndpointSubset> subsets = [new EndpointSubset { Addresses = [new EndpointAddress { Ip = hostIp }], Ports = [new KubeSharp.Api.Core.V1.EndpointPort { Name = "https", Port = port, Protocol = "TCP" }] }];
        await EnsureAsync(_store.Catalog.Get<Endpoints>(), "kubernetes", current =>
        {
            if (current is Endpoints { Subsets: [{ Addresses: [{ } address], Ports: [{ } existing] }] } && address.Ip == hostIp && existing.Port == port)
            {
                return null;
            }

            return new Endpoints
            {
                Metadata = DefaultNamespaceMeta("kubernetes", current, new() { ["endpointslice.kubernetes.io/skip-mirror"] = "true" }),
                Subsets = subsets,
            };
        }, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(_store.Catalog.Get<EndpointSlice>(), "kubernetes", current =>
        {
            if (current is EndpointSlice { Endpoints: [{ Addresses: [{ } address] }], Ports: [{ } existing] } && address == hostIp && existing.Port == port)
            {
                return null;
            }

            return new EndpointSlice
            {
                Metadata = DefaultNamespaceMeta("kubernetes", current, new() { ["kubernetes.io/service-name"] = "kubernetes" }),
                AddressType = "IPv4",
                Endpoints = [new Endpoint { Addresses = [hostIp], Conditions = new EndpointConditions { Ready = true, Serving = true, Terminating = false } }],
                Ports = [new KubeSharp.Api.Discovery.V1.EndpointPort { Name = "https", Port = port, Protocol = "TCP" }],
            };
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Metadata for a rewrite of <paramref name="current"/> (its resourceVersion guards the write), or for a new object.</summary>
    private static ObjectMeta DefaultNamespaceMeta(string name, KubernetesObject? current, Dictionary<string, string> labels) =>
        new() { Name = name, Namespace = "default", Labels = labels, ResourceVersion = current?.Meta.ResourceVersion };

    /// <summary>Creates or rewrites default/<paramref name="name"/>; <paramref name="desired"/> answers null when the current object is right.</summary>
    private async Task EnsureAsync(Registry.ResourceDefinition definition, string name, Func<KubernetesObject?, KubernetesObject?> desired, CancellationToken cancellationToken)
    {
        var current = await _store.TryGetAsync(definition, "default", name, cancellationToken).ConfigureAwait(false);
        if (desired(current?.Object) is not { } wanted)
        {
            return;
        }

        try
        {
            await _store.UpdateAsync(definition, "default", name, _ => wanted, Manager, allowCreate: true, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException e) when (e.Reason is "AlreadyExists" or "Conflict")
        {
            // Another server of the cluster wrote it at the same time.
        }
    }

    /// <summary>k3s's default class: provisioned by rancher.io/local-path on the consuming pod's node, deleted with its claim.</summary>
    public static KubeSharp.Api.Storage.V1.StorageClass LocalPathStorageClass() => new()
    {
        ApiVersion = "storage.k8s.io/v1",
        Kind = "StorageClass",
        Metadata = new ObjectMeta
        {
            Name = "local-path",
            Annotations = new Dictionary<string, string> { [Admission.DefaultStorageClassAdmission.DefaultClassAnnotation] = "true" },
        },
        Provisioner = "rancher.io/local-path",
        ReclaimPolicy = "Delete",
        VolumeBindingMode = "WaitForFirstConsumer",
    };

    private async Task CreateIfMissingAsync(Registry.ResourceDefinition definition, string? ns, KubernetesObject obj, CancellationToken cancellationToken)
    {
        if (await _store.TryGetAsync(definition, ns, obj.Meta.Name!, cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }

        try
        {
            await _store.CreateAsync(definition, ns, obj, Manager, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException e) when (e.Reason == "AlreadyExists")
        {
        }
    }

    /// <summary>Keeps the per-namespace defaults present in every active namespace.</summary>
    public IAsyncDisposable StartNamespaceDefaults() => new BackgroundLoop(async ct =>
    {
        var namespaces = _store.Catalog.Get<Namespace>();
        var watcher = _store.Cache.Watch(namespaces, null, _ => true);
        try
        {
            await foreach (var ev in watcher.Events.ReadAllAsync(ct).ConfigureAwait(false))
            {
                if (ev.Type == WatchEventType.Deleted || ev.Object.Object.Meta.DeletionTimestamp is not null)
                {
                    continue;
                }

                try
                {
                    await EnsureNamespaceDefaultsAsync(ev.Object.Name, ct).ConfigureAwait(false);
                }
                catch (ApiException e)
                {
                    _logger.LogDebug("namespace defaults for {Namespace}: {Message}", ev.Object.Name, e.Message);
                }
            }
        }
        finally
        {
            watcher.Stop();
        }
    });

    private async Task EnsureNamespaceDefaultsAsync(string ns, CancellationToken cancellationToken)
    {
        await CreateIfMissingAsync(_store.Catalog.Get<ServiceAccount>(), ns, new ServiceAccount { Metadata = new ObjectMeta { Name = "default", Namespace = ns } }, cancellationToken).ConfigureAwait(false);
        await CreateIfMissingAsync(_store.Catalog.Get<ConfigMap>(), ns, new ConfigMap
        {
            Metadata = new ObjectMeta { Name = "kube-root-ca.crt", Namespace = ns, Annotations = new Dictionary<string, string> { ["kubernetes.io/description"] = "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters." } },
            Data = new Dictionary<string, string> { ["ca.crt"] = ClusterCertificates.ToPem(_certificates.CertificateAuthority) },
        }, cancellationToken).ConfigureAwait(false);
    }
}

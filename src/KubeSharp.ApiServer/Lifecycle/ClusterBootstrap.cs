using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
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
        var endpoints = _store.Catalog.Get<Endpoints>();
        var hostIp = _options.BindAddress.Equals(System.Net.IPAddress.Any) ? "127.0.0.1" : _options.BindAddress.ToString();
        await CreateIfMissingAsync(endpoints, "default", new Endpoints
        {
            Metadata = new ObjectMeta { Name = "kubernetes", Namespace = "default", Labels = new Dictionary<string, string> { ["endpointslice.kubernetes.io/skip-mirror"] = "true" } },
            Subsets = [new EndpointSubset { Addresses = [new EndpointAddress { Ip = hostIp }], Ports = [new EndpointPort { Name = "https", Port = _options.HttpsPort, Protocol = "TCP" }] }],
        }, cancellationToken).ConfigureAwait(false);
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

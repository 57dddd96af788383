using System.Net;
using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Discovery.V1;
using KubeSharp.Client;
using KubeSharp.Client.Informers;
using KubeSharp.Client.Queues;
using Microsoft.Extensions.Logging;
using NetV1 = KubeSharp.Api.Networking.V1;

namespace KubeSharp.Networking.Ingress;

/// <summary>Settings of one node's ingress controller.</summary>
public sealed record IngressControllerOptions
{
    /// <summary>The IngressClass this controller serves (k3s's Traefik serves "traefik").</summary>
    public const string DefaultClassName = "kubesharp";

    /// <summary>The IngressClass's spec.controller.</summary>
    public const string ControllerName = "kubesharp.io/ingress-controller";

    /// <summary>The annotation that makes an IngressClass the default for Ingresses without one.</summary>
    public const string DefaultClassAnnotation = "ingressclass.kubernetes.io/is-default-class";

    /// <summary>The deprecated per-Ingress class annotation, honoured when spec.ingressClassName is unset.</summary>
    public const string LegacyClassAnnotation = "kubernetes.io/ingress.class";

    public string ClassName { get; init; } = DefaultClassName;

    /// <summary>Addresses both ports listen on (the node's address and 127.0.0.1).</summary>
    public required IReadOnlyList<IPAddress> ListenAddresses { get; init; }

    /// <summary>HTTP port; 0 picks a free one (tests).</summary>
    public int HttpPort { get; init; } = 80;

    /// <summary>HTTPS port; 0 picks a free one (tests).</summary>
    public int HttpsPort { get; init; } = 443;

    /// <summary>The node addresses written to status.loadBalancer.ingress of the Ingresses served (merged with other nodes').</summary>
    public IReadOnlyList<string> StatusAddresses { get; init; } = [];

    /// <summary>Create the IngressClass (marked default) if it does not exist; the server's controller does.</summary>
    public bool CreateIngressClass { get; init; } = true;

    /// <summary>The least time between two rebuilds of the routes: a burst of changes is applied together.</summary>
    public TimeSpan MinSyncInterval { get; init; } = TimeSpan.FromMilliseconds(100);
}

/// <summary>
/// The packaged ingress controller (what Traefik is to k3s): informers on Ingresses, IngressClasses, Services,
/// EndpointSlices and Secrets rebuild the routes and certificates of an <see cref="IngressProxy"/> listening on the
/// node, and the Ingresses served get this node's address in their status. It serves Ingresses of its class, and
/// Ingresses without a class while its IngressClass is marked default.
/// </summary>
public sealed partial class IngressController : IAsyncDisposable
{
    private const string SyncKey = "sync";
    private static readonly WriteOptions Manager = new() { FieldManager = "kubesharp-ingress" };

    private readonly KubernetesClient _client;
    private readonly IngressControllerOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private readonly IngressCertificates.SecretCertificateCache _secretCertificates = new();
    private readonly IngressProxy _proxy;
    private Informer<NetV1.Ingress>? _ingresses;
    private Informer<NetV1.IngressClass>? _classes;
    private Informer<Service>? _services;
    private Informer<EndpointSlice>? _slices;
    private Informer<Secret>? _secrets;
    private volatile IngressRouteTable _routes = IngressRouteTable.Empty;
    private volatile IngressCertificates? _certificates;
    private readonly Lazy<System.Net.Security.SslStreamCertificateContext> _fallback = new(IngressCertificates.CreateSelfSigned);
    private bool _classEnsured;
    private bool _stopped;

    public IngressController(KubernetesClient client, IngressControllerOptions options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _client = client;
        _options = options;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger("KubeSharp.Networking.Ingress");
        _proxy = new IngressProxy(() => _routes, Certificates, _logger);
    }

    /// <summary>The bound HTTP endpoints (valid after <see cref="StartAsync"/>).</summary>
    public IReadOnlyList<IPEndPoint> HttpEndpoints => _proxy.HttpEndpoints;

    /// <summary>The bound HTTPS endpoints (valid after <see cref="StartAsync"/>).</summary>
    public IReadOnlyList<IPEndPoint> HttpsEndpoints => _proxy.HttpsEndpoints;

    /// <summary>The number of route rebuilds so far.</summary>
    public int SyncCount { get; private set; }

    /// <summary>
    /// Binds the ports (throws <see cref="IOException"/> when one is taken or not permitted), starts the informers and
    /// returns once they are listed and the first routes are built.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _proxy.StartAsync(_options.ListenAddresses, _options.HttpPort, _options.HttpsPort, cancellationToken).ConfigureAwait(false);
        var queue = new WorkQueue<string>();
        var informerLogger = _loggerFactory.CreateLogger("ingress.informer");
        _ingresses = Watch<NetV1.Ingress>(queue, informerLogger);
        _classes = Watch<NetV1.IngressClass>(queue, informerLogger);
        _services = Watch<Service>(queue, informerLogger);
        _slices = Watch<EndpointSlice>(queue, informerLogger);
        _secrets = Watch<Secret>(queue, informerLogger);
        await Task.WhenAll(
            _ingresses.WaitForSyncAsync(cancellationToken),
            _classes.WaitForSyncAsync(cancellationToken),
            _services.WaitForSyncAsync(cancellationToken),
            _slices.WaitForSyncAsync(cancellationToken),
            _secrets.WaitForSyncAsync(cancellationToken)).ConfigureAwait(false);
        await SyncAsync(SyncKey, cancellationToken).ConfigureAwait(false);
        var worker = new ControllerWorker<string>("ingress controller", queue, SyncAsync, _logger);
        var stopping = _stop.Token;
        _loops.Add(Task.Run(() => worker.RunAsync(1, stopping), CancellationToken.None));
        Log.Serving(_logger, string.Join(", ", _proxy.HttpEndpoints), string.Join(", ", _proxy.HttpsEndpoints), _options.ClassName);
    }

    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_loops).ConfigureAwait(false);
        await _proxy.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    /// <summary>Whether this controller serves <paramref name="ingress"/>, given whether its IngressClass is the default.</summary>
    internal static bool Serves(NetV1.Ingress ingress, string className, bool isDefaultClass)
    {
        if (ingress.Spec?.IngressClassName is { Length: > 0 } named)
        {
            return named == className;
        }

        if (ingress.Metadata?.Annotations?.GetValueOrDefault(IngressControllerOptions.LegacyClassAnnotation) is { Length: > 0 } annotated)
        {
            return annotated == className;
        }

        return isDefaultClass;
    }

    private IngressCertificates Certificates() => _certificates ?? IngressCertificates.Build([], (_, _) => null, _secretCertificates, _fallback.Value);

    private Informer<T> Watch<T>(WorkQueue<string> queue, ILogger logger)
        where T : KubernetesObject
    {
        var informer = new Informer<T>(_client, null, logger);
        informer.AddEventHandler(new ResourceEventHandler<T>
        {
            OnAdd = (_, _) => queue.Add(SyncKey),
            OnUpdate = (_, _) => queue.Add(SyncKey),
            OnDelete = (_, _) => queue.Add(SyncKey),
        });
        var stopping = _stop.Token;
        _loops.Add(Task.Run(() => informer.RunAsync(stopping), CancellationToken.None));
        return informer;
    }

    private async Task SyncAsync(string key, CancellationToken cancellationToken)
    {
        if (_options.CreateIngressClass && !_classEnsured)
        {
            await EnsureIngressClassAsync(cancellationToken).ConfigureAwait(false);
        }

        var ourClass = _classes!.Cache.Get(_options.ClassName);
        var isDefault = ourClass?.Metadata?.Annotations?.GetValueOrDefault(IngressControllerOptions.DefaultClassAnnotation) == "true";
        var served = _ingresses!.Cache.List().Where(i => Serves(i, _options.ClassName, isDefault)).ToList();
        _routes = IngressRouteTable.Build(served, _services!.Cache.List(), _slices!.Cache.List());
        var secrets = _secrets!.Cache;
        _certificates = IngressCertificates.Build(served, (ns, name) => secrets.Get(ObjectCache<Secret>.KeyOf(ns, name)), _secretCertificates, _fallback.Value);
        SyncCount++;
        Log.Synced(_logger, served.Count, _routes.HostCount);

        foreach (var ingress in served)
        {
            await ReportStatusAsync(ingress, cancellationToken).ConfigureAwait(false);
        }

        // Changes arriving meanwhile mark the key dirty; they are applied together after this pause.
        await Task.Delay(_options.MinSyncInterval, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds this node's addresses to the Ingress's status.loadBalancer.ingress (keeping other nodes').</summary>
    private async Task ReportStatusAsync(NetV1.Ingress ingress, CancellationToken cancellationToken)
    {
        var current = ingress.Status?.LoadBalancer?.Ingress ?? [];
        var known = current.Select(i => i.Ip).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (_options.StatusAddresses.All(known.Contains))
        {
            return;
        }

        var addresses = current
            .Where(i => i.Ip is not null || i.Hostname is not null)
            .Select(i => new NetV1.IngressLoadBalancerIngress { Ip = i.Ip, Hostname = i.Hostname })
            .Concat(_options.StatusAddresses.Where(a => !known.Contains(a)).Select(a => new NetV1.IngressLoadBalancerIngress { Ip = a }))
            .OrderBy(i => i.Ip ?? i.Hostname, StringComparer.Ordinal)
            .Select(i => i.Ip is not null ? (object)new { ip = i.Ip } : new { hostname = i.Hostname })
            .ToList();
        var name = ingress.Metadata?.Name ?? "";
        var body = new { status = new { loadBalancer = new { ingress = addresses } } };
        try
        {
            await _client.PatchAsync<NetV1.Ingress>(name, new Patch(PatchType.Merge, body), ingress.Metadata?.Namespace, Manager, subresource: "status", cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            // Deleted or changed meanwhile: the informer's next event brings its new state.
        }
        catch (KubernetesApiException e)
        {
            // Routing matters more than the status; the next sync tries again.
            Log.StatusFailed(_logger, name, e);
        }
    }

    private async Task EnsureIngressClassAsync(CancellationToken cancellationToken)
    {
        if (_classes!.Cache.Get(_options.ClassName) is null)
        {
            var ingressClass = new NetV1.IngressClass
            {
                Metadata = new ObjectMeta
                {
                    Name = _options.ClassName,
                    Annotations = new Dictionary<string, string> { [IngressControllerOptions.DefaultClassAnnotation] = "true" },
                    Labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "kubesharp" },
                },
                Spec = new NetV1.IngressClassSpec { Controller = IngressControllerOptions.ControllerName },
            };
            try
            {
                await _client.CreateAsync(ingressClass, Manager, cancellationToken).ConfigureAwait(false);
                Log.ClassCreated(_logger, _options.ClassName);
            }
            catch (KubernetesApiException e) when (e.Reason == "AlreadyExists")
            {
            }
            catch (KubernetesApiException e)
            {
                Log.ClassFailed(_logger, _options.ClassName, e);
                return;
            }
        }

        _classEnsured = true;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "ingress controller serving HTTP on {Http} and HTTPS on {Https} for IngressClass {Class}")]
        public static partial void Serving(ILogger logger, string http, string https, string @class);

        [LoggerMessage(Level = LogLevel.Debug, Message = "ingress routes rebuilt: {Ingresses} ingresses, {Hosts} hosts")]
        public static partial void Synced(ILogger logger, int ingresses, int hosts);

        [LoggerMessage(Level = LogLevel.Information, Message = "created IngressClass {Class} (default)")]
        public static partial void ClassCreated(ILogger logger, string @class);

        [LoggerMessage(Level = LogLevel.Warning, Message = "could not create IngressClass {Class}")]
        public static partial void ClassFailed(ILogger logger, string @class, Exception e);

        [LoggerMessage(Level = LogLevel.Warning, Message = "could not report the address of ingress {Ingress}")]
        public static partial void StatusFailed(ILogger logger, string ingress, Exception e);
    }
}

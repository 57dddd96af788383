using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using KubeSharp.ApiServer.Http;
using KubeSharp.ApiServer.Lifecycle;
using KubeSharp.ApiServer.Printing;
using KubeSharp.ApiServer.Registry;
using KubeSharp.ApiServer.Security;
using KubeSharp.ApiServer.Storage;
using KubeSharp.Storage;
using KubeSharp.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KubeSharp.ApiServer;

/// <summary>
/// The API server process: opens the store, fills the watch cache, bootstraps the cluster's
/// built-in objects and serves the Kubernetes REST API over HTTPS with client-certificate and
/// token authentication.
/// </summary>
public sealed class ApiServerHost : IAsyncDisposable
{
    private readonly ApiServerOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private Admission.Webhooks.WebhookClient? _webhookClient;
    private readonly CustomResources.CustomResourceConverter _customResourceConverter = new();
    private IStore? _store;
    private WatchCache? _cache;
    private WebApplication? _app;
    private readonly List<IAsyncDisposable> _background = [];
    private ServiceAccountTokens? _serviceAccountTokens;

    public ApiServerHost(ApiServerOptions options, ILoggerFactory loggerFactory)
    {
        _options = options;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger("apiserver");
    }

    public ClusterCertificates Certificates { get; private set; } = null!;
    public ResourceStore Store { get; private set; } = null!;
    public ResourceHandler Resources { get; private set; } = null!;
    public Discovery Discovery { get; private set; } = null!;

    /// <summary>The Table printers of every kind (for routes outside the registry that answer `as=Table`).</summary>
    public TablePrinters Printers { get; private set; } = null!;
    public OpenApi.OpenApiDocuments OpenApi { get; private set; } = null!;
    public Authenticator Authenticator { get; private set; } = null!;
    public global::KubeSharp.ApiServer.Authorization.RequestAuthorization Authorizer { get; private set; } = null!;

    public ApiMetrics Metrics { get; } = new();

    /// <summary>The https URL clients use (loopback when bound to all addresses).</summary>
    public string ServerUrl { get; private set; } = "";

    /// <summary>Extra HTTP routes (metrics API, node proxy …) registered by other components before start.</summary>
    public List<Func<HttpContext, Task<bool>>> ExtraRoutes { get; } = [];

    /// <summary>
    /// Run once the store, certificates and discovery exist and before the server listens: the place to add
    /// <see cref="ExtraRoutes"/> and discovery entries that need them.
    /// </summary>
    public List<Action<ApiServerHost>> BeforeServing { get; } = [];

    public async Task StartAsync(IReadOnlyDictionary<Type, ResourceStrategy> strategies, Action<TablePrinters> registerPrinters, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_options.DataDir);
        var hostNames = new List<string> { "localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc", $"kubernetes.default.svc.{_options.ClusterDomain}", Dns.GetHostName() };
        var addresses = new List<IPAddress> { IPAddress.Loopback, ServiceNetwork.Parse(_options.ServiceCidr).First };
        if (!_options.BindAddress.Equals(IPAddress.Any) && !_options.BindAddress.Equals(IPAddress.Loopback))
        {
            addresses.Add(_options.BindAddress);
        }

        foreach (var a in LocalAddresses())
        {
            if (!addresses.Contains(a))
            {
                addresses.Add(a);
            }
        }

        Certificates = ClusterCertificates.LoadOrCreate(_options.DataDir, hostNames.Distinct(), addresses);
        _store = await OpenStoreAsync(cancellationToken).ConfigureAwait(false);
        var catalog = new ResourceCatalog(strategies);
        _cache = new WatchCache(_store, catalog, _loggerFactory.CreateLogger("watchcache"), _options.WatchHistoryCapacity)
        {
            Definer = new CustomResources.CustomResourceDefiner(catalog, _customResourceConverter),
        };
        await _cache.StartAsync(cancellationToken).ConfigureAwait(false);
        Store = new ResourceStore(_store, _cache, catalog);
        Store.AddAdmission(new Admission.ServiceAllocation(ServiceNetwork.Parse(_options.ServiceCidr)));
        Store.AddAdmission(new Admission.PodDefaultsAdmission());
        Store.AddAdmission(new Admission.PriorityAdmission());
        Store.AddAdmission(new Admission.DefaultStorageClassAdmission());
        Store.AddAdmission(new Admission.DefaultIngressClassAdmission());
        Store.AddAdmission(new Admission.RuntimeClassAdmission());
        Store.AddAdmission(new Admission.LimitRangerAdmission());
        // Last, as upstream: quota counts the object as the other plugins left it.
        Store.AddAdmission(new Admission.ResourceQuotaAdmission());
        _webhookClient = new Admission.Webhooks.WebhookClient(Store);
        _customResourceConverter.Client = _webhookClient;
        Store.Webhooks = new Admission.Webhooks.WebhookAdmission(Store, _webhookClient, _loggerFactory.CreateLogger("admission-webhooks"));
        Store.Policies = new Admission.Policies.ValidatingAdmissionPolicies(Store);
        var printers = new TablePrinters();
        registerPrinters(printers);
        printers.Register<Api.ApiExtensions.V1.CustomResourceDefinition>(new CustomResources.CustomResourceDefinitionPrinter());
        Printers = printers;
        var patches = new PatchApplier();
        Resources = new ResourceHandler(Store, printers, patches);
        BindingHandler.Register(this);
        EphemeralContainersHandler.Register(this, patches);
        EvictionHandler.Register(this);
        Discovery = new Discovery(catalog);
        OpenApi = new OpenApi.OpenApiDocuments(catalog);
        var serviceAccountTokens = new ServiceAccountTokens(_options.DataDir);
        _serviceAccountTokens = serviceAccountTokens;
        Authenticator = new Authenticator(Certificates, serviceAccountTokens);
        Authorizer = new global::KubeSharp.ApiServer.Authorization.RequestAuthorization(_cache, catalog, _options.AuthorizationMode);
        Resources.RegisterSubresource("serviceaccounts", "token", new TokenRequestHandler(Store, serviceAccountTokens).HandleAsync);
        global::KubeSharp.ApiServer.Authorization.ReviewHandlers.Register(this);
        if (!string.IsNullOrEmpty(_options.Token))
        {
            Authenticator.AddToken(_options.Token, new UserInfo("system:kubesharp-agent", ["system:nodes", "system:authenticated"]));
        }

        var bootstrap = new ClusterBootstrap(Store, _options, Certificates, _loggerFactory.CreateLogger("bootstrap"));
        await bootstrap.RunAsync(cancellationToken).ConfigureAwait(false);
        await new global::KubeSharp.ApiServer.Authorization.BootstrapPolicy(Store, _loggerFactory.CreateLogger("rbac-bootstrap")).RunAsync(cancellationToken).ConfigureAwait(false);
        _background.Add(new GarbageCollector(Store, _loggerFactory.CreateLogger("garbage-collector")).Start());
        _background.Add(new NamespaceLifecycle(Store, _loggerFactory.CreateLogger("namespace-lifecycle")).Start());
        _background.Add(new EventExpiry(Store, _options.EventTtl, _loggerFactory.CreateLogger("event-expiry")).Start());
        _background.Add(new CustomResources.CustomResourceCleanup(Store, _loggerFactory.CreateLogger("customresource-cleanup")).Start());
        _background.Add(bootstrap.StartNamespaceDefaults());
        _background.Add(new CertificateSigner(Store, Certificates, _loggerFactory.CreateLogger("certificate-signer")).Start());

        foreach (var configure in BeforeServing)
        {
            configure(this);
        }

        _app = BuildApp();
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        var host = _options.BindAddress.Equals(IPAddress.Any) ? "127.0.0.1" : _options.BindAddress.ToString();
        ServerUrl = $"https://{host}:{_options.HttpsPort}";
        var kubeconfig = KubeconfigWriter.Render(ServerUrl, Certificates);
        KubeconfigWriter.Write(_options.KubeconfigPath, kubeconfig);
        if (!string.IsNullOrEmpty(_options.WriteKubeconfig))
        {
            KubeconfigWriter.Write(_options.WriteKubeconfig, kubeconfig);
        }

        _logger.LogInformation("kube-apiserver serving on {Url}, store revision {Revision}, kubeconfig {Path}", ServerUrl, _store.CurrentRevision, _options.KubeconfigPath);
    }

    private static IEnumerable<IPAddress> LocalAddresses()
    {
        try
        {
            return System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(i => i.GetIPProperties().UnicastAddresses)
                .Select(a => a.Address)
                .Where(a => a.AddressFamily == AddressFamily.InterNetwork)
                .ToList();
        }
        catch (System.Net.NetworkInformation.NetworkInformationException)
        {
            return [];
        }
    }

    private async Task<IStore> OpenStoreAsync(CancellationToken cancellationToken)
    {
        var endpoint = _options.DatastoreEndpoint;
        if (endpoint.StartsWith("http://", StringComparison.Ordinal) || endpoint.StartsWith("https://", StringComparison.Ordinal) || endpoint.StartsWith("etcd", StringComparison.Ordinal))
        {
            throw new NotSupportedException("the etcd datastore is not available yet; use sqlite");
        }

        var path = endpoint is "sqlite" or "" ? Path.Combine(_options.DataDir, "server", "db", "state.db")
            : endpoint.StartsWith("sqlite://", StringComparison.Ordinal) ? endpoint["sqlite://".Length..] : endpoint;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return await SqliteStore.OpenAsync(path, _loggerFactory.CreateLogger("sqlite"), cancellationToken).ConfigureAwait(false);
    }

    private WebApplication BuildApp()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_loggerFactory);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = RequestBody.MaxBytes + 1;
            k.Limits.Http2.MaxStreamsPerConnection = 1000;
            k.Limits.KeepAliveTimeout = TimeSpan.FromMinutes(10);
            k.Limits.MinRequestBodyDataRate = null;
            k.Listen(_options.BindAddress, _options.HttpsPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = Certificates.Serving,
                    ClientCertificateMode = ClientCertificateMode.AllowCertificate,
                    ClientCertificateValidation = (_, _, _) => true,
                    SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    CheckCertificateRevocation = false,
                });
            });
        });
        var app = builder.Build();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.Run(HandleAsync);
        return app;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var path = context.Request.Path.Value ?? "/";
        try
        {
            if (!Authenticator.IsPublicPath(path))
            {
                var user = await Authenticator.AuthenticateAsync(context).ConfigureAwait(false);
                if (user is null)
                {
                    throw ApiException.Unauthorized();
                }

                var effective = await Authorizer.AuthorizeAsync(context, user, path).ConfigureAwait(false);
                context.Items["user"] = effective;
                Admission.RequestUser.Current = effective;
            }

            await RouteAsync(context, path).ConfigureAwait(false);
        }
        catch (ApiException e)
        {
            if (!context.Response.HasStarted)
            {
                await ResponseWriter.WriteStatusAsync(context, e).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException e)
        {
            if (!context.Response.HasStarted)
            {
                await ResponseWriter.WriteStatusAsync(context, e.StatusCode == 413 ? ApiException.RequestEntityTooLarge(RequestBody.MaxBytes) : ApiException.BadRequest(e.Message)).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            _logger.LogError(e, "internal error serving {Method} {Path}", context.Request.Method, path);
            if (!context.Response.HasStarted)
            {
                await ResponseWriter.WriteStatusAsync(context, ApiException.Internal(e.Message)).ConfigureAwait(false);
            }
        }
        finally
        {
            Metrics.Observe(context.Request.Method, context.Response.StatusCode, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
    }

    private async Task RouteAsync(HttpContext context, string path)
    {
        switch (path)
        {
            case "/version":
                // Indented, as kube-apiserver writes it (what `curl .../version` shows in the tutorials).
                await ResponseWriter.WriteJsonAsync(context, 200, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(ServerVersion.Current, ServerVersion.IndentedJson)).ConfigureAwait(false);
                return;
            case "/healthz" or "/livez" or "/readyz" or "/healthz/ping" or "/livez/ping" or "/readyz/ping":
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync("ok").ConfigureAwait(false);
                return;
            case "/.well-known/openid-configuration":
                // Service account issuer discovery (OIDC), as kube-apiserver serves it.
                context.Response.Headers.CacheControl = "public, max-age=3600";
                await ResponseWriter.WriteJsonAsync(context, 200, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(_serviceAccountTokens!.DiscoveryDocument())).ConfigureAwait(false);
                return;
            case ServiceAccountTokens.KeySetPath:
                context.Response.Headers.CacheControl = "public, max-age=3600";
                context.Response.ContentType = "application/jwk-set+json";
                await context.Response.Body.WriteAsync(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(_serviceAccountTokens!.KeySet()), context.RequestAborted).ConfigureAwait(false);
                return;
            case "/metrics":
                context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
                await context.Response.WriteAsync(Metrics.Render(Store)).ConfigureAwait(false);
                return;
        }

        if (path == "/openapi/v2")
        {
            var protobuf = context.Request.Headers.Accept.ToString().Contains(global::KubeSharp.ApiServer.OpenApi.OpenApiDocuments.V2ProtobufMediaType, StringComparison.Ordinal);
            var body = protobuf ? OpenApi.V2Protobuf() : OpenApi.V2Json();
            context.Response.Headers.ETag = "\"" + OpenApi.V2Hash + "\"";
            context.Response.ContentType = protobuf ? global::KubeSharp.ApiServer.OpenApi.OpenApiDocuments.V2ProtobufContentType : MediaTypes.Json;
            await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (path == "/openapi/v3")
        {
            await ResponseWriter.WriteJsonAsync(context, 200, OpenApi.V3Index()).ConfigureAwait(false);
            return;
        }

        if (path.StartsWith("/openapi/v3/", StringComparison.Ordinal))
        {
            var gv = path["/openapi/v3/".Length..];
            var doc = OpenApi.V3Document(gv) ?? throw ApiException.NoSuchResource();
            context.Response.Headers.ETag = "\"" + OpenApi.V3Hash(gv) + "\"";
            await ResponseWriter.WriteJsonAsync(context, 200, doc).ConfigureAwait(false);
            return;
        }

        if (path == KubeletCertificateHandler.Path)
        {
            await new KubeletCertificateHandler(Certificates).HandleAsync(context).ConfigureAwait(false);
            return;
        }

        foreach (var route in ExtraRoutes)
        {
            if (await route(context).ConfigureAwait(false))
            {
                return;
            }
        }

        if (await Discovery.TryHandleAsync(context).ConfigureAwait(false))
        {
            return;
        }

        if (RequestInfo.Parse(path) is { } request)
        {
            await Resources.HandleAsync(context, request).ConfigureAwait(false);
            return;
        }

        throw ApiException.NoSuchResource();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var b in _background)
        {
            await b.DisposeAsync().ConfigureAwait(false);
        }

        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        _webhookClient?.Dispose();
        if (_cache is not null)
        {
            await _cache.DisposeAsync().ConfigureAwait(false);
        }

        if (_store is not null)
        {
            await _store.DisposeAsync().ConfigureAwait(false);
        }
    }
}

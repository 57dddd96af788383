using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Discovery.V1;
using KubeSharp.Client;
using KubeSharp.Client.Informers;
using KubeSharp.Client.Queues;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Networking.Proxy;

/// <summary>
/// The node's service proxy (kube-proxy's nftables mode): watches Services and EndpointSlices and keeps one
/// nftables table equal to the rules they call for, replacing it in a single <c>nft -f -</c> transaction per
/// (debounced) change. Stopping deletes the table (unless told to keep it). Only that table is ever touched.
/// </summary>
public sealed partial class ServiceProxy : IAsyncDisposable
{
    private const string SyncKey = "sync";
    private readonly ServiceProxyOptions _options;
    private readonly KubernetesClient _client;
    private readonly ILogger _logger;
    private readonly ILoggerFactory _loggerFactory;
    private readonly Nft _nft;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private Informer<Service>? _services;
    private Informer<EndpointSlice>? _slices;
    private string? _applied;
    private bool _stopped;

    public ServiceProxy(ServiceProxyOptions options, KubernetesClient client, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _options = options;
        _client = client;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger("proxy");
        _nft = new Nft(options.NftPath);
    }

    /// <summary>The number of rule syncs applied so far.</summary>
    public int SyncCount { get; private set; }

    /// <summary>
    /// Starts the informers and the sync loop; returns once both caches are listed and the first ruleset is applied.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.LocalhostNodePorts)
        {
            EnableRouteLocalnet();
        }

        var queue = new WorkQueue<string>();
        _services = new Informer<Service>(_client, null, _loggerFactory.CreateLogger("proxy.informer"));
        _slices = new Informer<EndpointSlice>(_client, null, _loggerFactory.CreateLogger("proxy.informer"));
        _services.AddEventHandler(Trigger<Service>(queue));
        _slices.AddEventHandler(Trigger<EndpointSlice>(queue));
        var stopping = _stop.Token;
        _loops.Add(Task.Run(() => _services.RunAsync(stopping), CancellationToken.None));
        _loops.Add(Task.Run(() => _slices.RunAsync(stopping), CancellationToken.None));
        await _services.WaitForSyncAsync(cancellationToken).ConfigureAwait(false);
        await _slices.WaitForSyncAsync(cancellationToken).ConfigureAwait(false);
        await SyncAsync(SyncKey, cancellationToken).ConfigureAwait(false);
        var worker = new ControllerWorker<string>("service proxy", queue, SyncAsync, _logger);
        _loops.Add(Task.Run(() => worker.RunAsync(1, stopping), CancellationToken.None));
    }

    /// <summary>Stops watching and deletes the proxy's table.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_loops).ConfigureAwait(false);
        if (!_options.DeleteTableOnStop)
        {
            return;
        }

        try
        {
            await _nft.ApplyAsync(NftablesRuleset.RenderDelete(_options.TableName), CancellationToken.None).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            Log.DeleteFailed(_logger, _options.TableName, e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    /// <summary>Computes the ruleset from the caches and applies it if it changed; then waits out the debounce interval.</summary>
    private async Task SyncAsync(string key, CancellationToken cancellationToken)
    {
        var services = _services!.Cache.List();
        var ports = ServicePortTable.Build(services, _slices!.Cache.List(), _options.NodeName, _options.NodeIPs);
        var script = NftablesRuleset.Render(ports, new RulesetOptions(_options.TableName, _options.ClusterCidr));
        if (script != _applied)
        {
            await _nft.ApplyAsync(script, cancellationToken).ConfigureAwait(false);
            _applied = script;
            SyncCount++;
            Log.Synced(_logger, ports.Count, _options.TableName);
        }

        if (_options.ReportLoadBalancerStatus)
        {
            await ReportLoadBalancersAsync(services, cancellationToken).ConfigureAwait(false);
        }

        // Changes arriving meanwhile mark the key dirty; they are applied together after this pause.
        await Task.Delay(_options.MinSyncInterval, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Gives LoadBalancer services without a loadBalancerClass and without an ingress address this node's IP, as k3s's
    /// ServiceLB does; the ruleset serves their ports on it. The first node to report wins.
    /// </summary>
    private async Task ReportLoadBalancersAsync(IReadOnlyList<Service> services, CancellationToken cancellationToken)
    {
        var ip = _options.NodeIPs.FirstOrDefault(ServicePortTable.IsIPv4);
        if (ip is null)
        {
            return;
        }

        foreach (var service in services)
        {
            if (service.Spec?.Type != "LoadBalancer" || service.Spec.LoadBalancerClass is not null || service.Status?.LoadBalancer?.Ingress is { Count: > 0 })
            {
                continue;
            }

            var name = service.Metadata?.Name ?? "";
            var body = new { status = new { loadBalancer = new { ingress = new[] { new { ip, ipMode = "VIP" } } } } };
            try
            {
                await _client.PatchAsync<Service>(name, new Patch(PatchType.Merge, body), service.Metadata?.Namespace, subresource: "status", cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesApiException e) when (e.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.Conflict)
            {
                // Deleted or changed meanwhile: the next sync sees its new state.
            }
            catch (KubernetesApiException e)
            {
                // The rules matter more than the status; the next sync tries again.
                Log.StatusFailed(_logger, name, e);
            }
        }
    }

    private static ResourceEventHandler<T> Trigger<T>(WorkQueue<string> queue)
        where T : Api.KubernetesObject => new()
    {
        OnAdd = (_, _) => queue.Add(SyncKey),
        OnUpdate = (_, _) => queue.Add(SyncKey),
        OnDelete = (_, _) => queue.Add(SyncKey),
    };

    private void EnableRouteLocalnet()
    {
        const string path = "/proc/sys/net/ipv4/conf/all/route_localnet";
        try
        {
            if (File.Exists(path) && File.ReadAllText(path).Trim() != "1")
            {
                File.WriteAllText(path, "1");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.RouteLocalnetFailed(_logger, e);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "applied {Ports} service ports to nftables table {Table}")]
        public static partial void Synced(ILogger logger, int ports, string table);

        [LoggerMessage(Level = LogLevel.Warning, Message = "could not report the load-balancer address of service {Service}")]
        public static partial void StatusFailed(ILogger logger, string service, Exception e);

        [LoggerMessage(Level = LogLevel.Warning, Message = "could not delete nftables table {Table}")]
        public static partial void DeleteFailed(ILogger logger, string table, Exception e);

        [LoggerMessage(Level = LogLevel.Warning, Message = "could not set route_localnet; node ports will not answer on 127.0.0.1")]
        public static partial void RouteLocalnetFailed(ILogger logger, Exception e);
    }
}

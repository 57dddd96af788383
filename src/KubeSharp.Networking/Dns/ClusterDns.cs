using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Discovery.V1;
using KubeSharp.Client;
using KubeSharp.Client.Informers;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Networking.Dns;

/// <summary>What the cluster DNS serves and where.</summary>
public sealed record ClusterDnsOptions
{
    /// <summary>The `kube-dns` Service's cluster IP, the address pods get as their name server.</summary>
    public required IPAddress ClusterIP { get; init; }

    /// <summary>The cluster domain (the zone answered authoritatively).</summary>
    public string Domain { get; init; } = "cluster.local";

    /// <summary>The node's addresses the server listens on (UDP and TCP); the kube-dns endpoints point at the first.</summary>
    public required IReadOnlyList<IPAddress> ListenAddresses { get; init; }

    /// <summary>The listening port; 0 picks a free one (tests).</summary>
    public int Port { get; init; } = 53;

    /// <summary>Where the upstream name servers for names outside the cluster are read from.</summary>
    public string ResolvConfPath { get; init; } = "/etc/resolv.conf";

    /// <summary>How long each upstream server has to answer before the next is asked.</summary>
    public TimeSpan UpstreamTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Create the kube-system/kube-dns Service and keep its endpoints at this server.</summary>
    public bool RegisterService { get; init; } = true;

    /// <summary>The conventional cluster DNS address: the 10th address of the service range (10.43.0.10 in 10.43.0.0/16).</summary>
    public static IPAddress DefaultClusterIP(string serviceCidr)
    {
        var slash = serviceCidr.IndexOf('/', StringComparison.Ordinal);
        var network = IPAddress.Parse(slash < 0 ? serviceCidr : serviceCidr[..slash]).GetAddressBytes();
        var prefix = slash < 0 ? 32 : int.Parse(serviceCidr[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var value = ((uint)network[0] << 24) | ((uint)network[1] << 16) | ((uint)network[2] << 8) | network[3];
        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        var address = (value & mask) + 10;
        return new IPAddress([(byte)(address >> 24), (byte)(address >> 16), (byte)(address >> 8), (byte)address]);
    }

    /// <summary>The address the node agent reports by default: the first non-loopback IPv4 address of an up interface, else 127.0.0.1.</summary>
    public static IPAddress DefaultNodeAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses.Select(a => a.Address))
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
        ?? IPAddress.Loopback;
}

/// <summary>
/// Cluster DNS: informers on Services and EndpointSlices feed a <see cref="ClusterDnsCatalog"/>, a
/// <see cref="DnsServer"/> answers from it on the node's addresses, and (optionally) the kube-system/kube-dns
/// Service is created with endpoints at this server so that its cluster IP reaches it.
/// </summary>
public sealed class ClusterDns : IAsyncDisposable
{
    private readonly KubernetesClient _client;
    private readonly ClusterDnsOptions _options;
    private readonly ILogger _logger;
    private readonly ClusterDnsCatalog _catalog = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _running = [];
    private DnsServer? _server;

    public ClusterDns(KubernetesClient client, ClusterDnsOptions options, ILoggerFactory loggerFactory)
    {
        _client = client;
        _options = options;
        _logger = loggerFactory.CreateLogger("KubeSharp.Networking.Dns");
    }

    /// <summary>Where the server listens (valid after <see cref="StartAsync"/>).</summary>
    public IReadOnlyList<IPEndPoint> Endpoints => _server?.Endpoints ?? [];

    /// <summary>
    /// Binds the listeners (throws <see cref="SocketException"/> if the port is taken), starts the informers and
    /// waits for their first list, then keeps the kube-dns Service registered in the background.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var requested = _options.ListenAddresses.Select(a => new IPEndPoint(a, _options.Port)).ToList();
        var upstream = new UpstreamResolvers(UpstreamResolvers.FromResolvConf(_options.ResolvConfPath, requested), _options.UpstreamTimeout);
        var serial = (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        _server = new DnsServer(new ClusterDnsZone(_catalog, _options.Domain, serial), upstream, _logger);
        _server.Start(requested);

        var services = new Informer<Service>(_client, logger: _logger);
        var slices = new Informer<EndpointSlice>(_client, logger: _logger);
        services.AddEventHandler(new ResourceEventHandler<Service>
        {
            OnAdd = (s, _) => _catalog.Upsert(s),
            OnUpdate = (_, s) => _catalog.Upsert(s),
            OnDelete = (s, _) => _catalog.Remove(s),
        });
        slices.AddEventHandler(new ResourceEventHandler<EndpointSlice>
        {
            OnAdd = (s, _) => _catalog.Upsert(s),
            OnUpdate = (_, s) => _catalog.Upsert(s),
            OnDelete = (s, _) => _catalog.Remove(s),
        });
        _running.Add(services.RunAsync(_stop.Token));
        _running.Add(slices.RunAsync(_stop.Token));
        await Task.WhenAll(services.WaitForSyncAsync(cancellationToken), slices.WaitForSyncAsync(cancellationToken)).ConfigureAwait(false);

        if (_options.RegisterService)
        {
            var registration = new KubeDnsServiceRegistration(_client, _options.ClusterIP, _server.Endpoints[0], _logger);
            _running.Add(registration.RunAsync(_stop.Token));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_running).ConfigureAwait(false);
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
    }
}

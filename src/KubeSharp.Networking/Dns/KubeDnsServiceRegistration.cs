using System.Net;
using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Discovery.V1;
using KubeSharp.Client;
using Microsoft.Extensions.Logging;
using DiscoveryEndpoint = KubeSharp.Api.Discovery.V1.Endpoint;
using DiscoveryEndpointPort = KubeSharp.Api.Discovery.V1.EndpointPort;

namespace KubeSharp.Networking.Dns;

/// <summary>
/// Keeps kube-system/kube-dns as k3s has it (cluster IP, ports dns/dns-tcp/metrics, labels k8s-app=kube-dns and
/// kubernetes.io/name=CoreDNS) and its Endpoints and EndpointSlice at this DNS server's address, like the API
/// server keeps the `kubernetes` Service's. The Service has no selector, so no controller touches the endpoints.
/// Re-checked every minute so a deleted or edited object comes back.
/// </summary>
internal sealed class KubeDnsServiceRegistration
{
    public const string Name = "kube-dns";
    public const string Namespace = "kube-system";
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);
    private static readonly WriteOptions Manager = new() { FieldManager = "kubesharp-dns" };

    private readonly KubernetesClient _client;
    private readonly IPAddress _clusterIP;
    private readonly IPEndPoint _server;
    private readonly ILogger _logger;

    public KubeDnsServiceRegistration(KubernetesClient client, IPAddress clusterIP, IPEndPoint server, ILogger logger)
    {
        _client = client;
        _clusterIP = clusterIP;
        _server = server;
        _logger = logger;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await EnsureAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is KubernetesApiException or HttpRequestException)
            {
                _logger.LogWarning("kube-dns service registration: {Message}", e.Message);
            }

            try
            {
                await Task.Delay(Period, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        var labels = new Dictionary<string, string>
        {
            ["k8s-app"] = "kube-dns",
            ["kubernetes.io/cluster-service"] = "true",
            ["kubernetes.io/name"] = "CoreDNS",
        };
        if (await _client.TryGetAsync<Service>(Name, Namespace, cancellationToken).ConfigureAwait(false) is null)
        {
            await CreateAsync(new Service
            {
                Metadata = new ObjectMeta { Name = Name, Namespace = Namespace, Labels = labels },
                Spec = new ServiceSpec
                {
                    Type = "ClusterIP",
                    ClusterIP = _clusterIP.ToString(),
                    ClusterIPs = [_clusterIP.ToString()],
                    Ports =
                    [
                        new ServicePort { Name = "dns", Port = 53, Protocol = "UDP", TargetPort = _server.Port },
                        new ServicePort { Name = "dns-tcp", Port = 53, Protocol = "TCP", TargetPort = _server.Port },
                        new ServicePort { Name = "metrics", Port = 9153, Protocol = "TCP", TargetPort = 9153 },
                    ],
                    SessionAffinity = "None",
                },
            }, cancellationToken).ConfigureAwait(false);
        }

        var address = _server.Address.ToString();
        var endpoints = await _client.TryGetAsync<Endpoints>(Name, Namespace, cancellationToken).ConfigureAwait(false);
        var desiredSubsets = new List<EndpointSubset>
        {
            new()
            {
                Addresses = [new EndpointAddress { Ip = address }],
                Ports =
                [
                    new Api.Core.V1.EndpointPort { Name = "dns", Port = _server.Port, Protocol = "UDP" },
                    new Api.Core.V1.EndpointPort { Name = "dns-tcp", Port = _server.Port, Protocol = "TCP" },
                ],
            },
        };
        if (endpoints is null)
        {
            await CreateAsync(new Endpoints
            {
                Metadata = new ObjectMeta { Name = Name, Namespace = Namespace, Labels = new(labels) { ["endpointslice.kubernetes.io/skip-mirror"] = "true" } },
                Subsets = desiredSubsets,
            }, cancellationToken).ConfigureAwait(false);
        }
        else if (endpoints.Subsets is not [{ Addresses: [{ } only] } subset] || only.Ip != address || subset.Ports?.FirstOrDefault()?.Port != _server.Port)
        {
            endpoints.Subsets = desiredSubsets;
            await _client.UpdateAsync(endpoints, Manager, cancellationToken).ConfigureAwait(false);
        }

        var slice = await _client.TryGetAsync<EndpointSlice>(Name, Namespace, cancellationToken).ConfigureAwait(false);
        var desiredEndpoints = new List<DiscoveryEndpoint> { new() { Addresses = [address], Conditions = new EndpointConditions { Ready = true, Serving = true, Terminating = false } } };
        List<DiscoveryEndpointPort> desiredPorts =
        [
            new() { Name = "dns", Port = _server.Port, Protocol = "UDP" },
            new() { Name = "dns-tcp", Port = _server.Port, Protocol = "TCP" },
        ];
        if (slice is null)
        {
            await CreateAsync(new EndpointSlice
            {
                Metadata = new ObjectMeta
                {
                    Name = Name,
                    Namespace = Namespace,
                    Labels = new(labels) { [ClusterDnsCatalog.ServiceNameLabel] = Name, ["endpointslice.kubernetes.io/managed-by"] = "kubesharp-dns" },
                },
                AddressType = _server.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4",
                Endpoints = desiredEndpoints,
                Ports = desiredPorts,
            }, cancellationToken).ConfigureAwait(false);
        }
        else if (slice.Endpoints is not [{ Addresses: [{ } sliceAddress] }] || sliceAddress != address || slice.Ports?.FirstOrDefault()?.Port != _server.Port)
        {
            slice.Endpoints = desiredEndpoints;
            slice.Ports = desiredPorts;
            await _client.UpdateAsync(slice, Manager, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task CreateAsync<T>(T obj, CancellationToken cancellationToken)
        where T : KubernetesObject
    {
        try
        {
            await _client.CreateAsync(obj, Manager, cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("created {Kind} {Namespace}/{Name}", typeof(T).Name, Namespace, Name);
        }
        catch (KubernetesApiException e) when (e.Reason == "AlreadyExists")
        {
        }
    }
}

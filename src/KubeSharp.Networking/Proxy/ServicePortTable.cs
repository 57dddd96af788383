using System.Net;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Discovery.V1;

namespace KubeSharp.Networking.Proxy;

/// <summary>One backend of a service port: a pod address and target port with its EndpointSlice conditions.</summary>
internal sealed record ProxyEndpoint(string IP, int Port, bool Ready, bool Serving, bool Terminating, bool IsLocal);

/// <summary>
/// One port of one Service as the proxy sees it: where it is reachable (cluster IP, node port, external and
/// load-balancer IPs) and which endpoints serve cluster-wide and node-local traffic.
/// </summary>
internal sealed record ProxyServicePort
{
    /// <summary>namespace/name/protocol/portName, kube-proxy's service port name (portName may be empty).</summary>
    public required string Name { get; init; }

    /// <summary>tcp, udp or sctp (nftables' spelling).</summary>
    public required string Protocol { get; init; }

    public required string? ClusterIP { get; init; }
    public required int Port { get; init; }
    public int NodePort { get; init; }
    public IReadOnlyList<string> ExternalIPs { get; init; } = [];

    /// <summary>Load-balancer addresses (status ingress IPs and, for ServiceLB-style services, the node's IPs) served on <see cref="Port"/>.</summary>
    public IReadOnlyList<string> LoadBalancerIPs { get; init; } = [];

    public bool InternalTrafficLocal { get; init; }
    public bool ExternalTrafficLocal { get; init; }

    /// <summary>ClientIP affinity timeout in seconds; null without session affinity.</summary>
    public int? AffinitySeconds { get; init; }

    public IReadOnlyList<ProxyEndpoint> Endpoints { get; init; } = [];

    public bool HasExternalAddresses => NodePort > 0 || ExternalIPs.Count > 0 || LoadBalancerIPs.Count > 0;

    /// <summary>
    /// The endpoints for traffic to the cluster IP: ready ones (node-local only with internalTrafficPolicy Local);
    /// when none is ready, the serving terminating ones.
    /// </summary>
    public IReadOnlyList<ProxyEndpoint> ClusterEndpoints => Usable(InternalTrafficLocal ? Endpoints.Where(e => e.IsLocal) : Endpoints);

    /// <summary>The node-local endpoints external traffic goes to with externalTrafficPolicy Local.</summary>
    public IReadOnlyList<ProxyEndpoint> LocalEndpoints => Usable(Endpoints.Where(e => e.IsLocal));

    /// <summary>The endpoints external traffic (node port, external and LB IPs) can reach.</summary>
    public IReadOnlyList<ProxyEndpoint> ExternalEndpoints => ExternalTrafficLocal ? LocalEndpoints : Usable(Endpoints);

    private static List<ProxyEndpoint> Usable(IEnumerable<ProxyEndpoint> candidates)
    {
        var list = candidates.ToList();
        var ready = list.Where(e => e.Ready).ToList();
        return ready.Count > 0 ? ready : list.Where(e => e.Serving && e.Terminating).ToList();
    }
}

/// <summary>Turns Services and EndpointSlices into the proxy's service ports (a pure function; IPv4 only).</summary>
internal static class ServicePortTable
{
    public const string ServiceNameLabel = "kubernetes.io/service-name";

    /// <param name="nodeIPs">The node's IPv4 addresses; LoadBalancer services without status are served on them.</param>
    public static IReadOnlyList<ProxyServicePort> Build(IEnumerable<Service> services, IEnumerable<EndpointSlice> slices, string nodeName, IReadOnlyList<string> nodeIPs)
    {
        var slicesByService = slices
            .Where(s => s.AddressType == "IPv4" && s.Metadata?.Labels?.GetValueOrDefault(ServiceNameLabel) is { Length: > 0 })
            .GroupBy(s => (s.Metadata!.Namespace ?? "", s.Metadata.Labels![ServiceNameLabel]))
            .ToDictionary(g => g.Key, g => g.ToList());
        var result = new List<ProxyServicePort>();
        foreach (var service in services.OrderBy(s => s.Metadata?.Namespace, StringComparer.Ordinal).ThenBy(s => s.Metadata?.Name, StringComparer.Ordinal))
        {
            var spec = service.Spec;
            var ns = service.Metadata?.Namespace ?? "";
            var name = service.Metadata?.Name ?? "";
            if (spec is null || spec.Type == "ExternalName")
            {
                continue;
            }

            var clusterIP = IsIPv4(spec.ClusterIP) ? spec.ClusterIP : null;
            var externalIPs = (spec.ExternalIPs ?? []).Where(IsIPv4).Distinct(StringComparer.Ordinal).ToList();
            var loadBalancerIPs = new List<string>();
            if (spec.Type == "LoadBalancer")
            {
                loadBalancerIPs.AddRange((service.Status?.LoadBalancer?.Ingress ?? []).Select(i => i.Ip).Where(IsIPv4)!);
                if (spec.LoadBalancerClass is null)
                {
                    loadBalancerIPs.AddRange(nodeIPs.Where(IsIPv4));
                }
            }

            var hasNodePorts = spec.Type is "NodePort" or "LoadBalancer";
            var serviceSlices = slicesByService.GetValueOrDefault((ns, name)) ?? [];
            foreach (var port in spec.Ports ?? [])
            {
                if (port.Port is not int number || NftProtocol(port.Protocol) is not { } protocol)
                {
                    continue;
                }

                var portName = port.Name ?? "";
                if (clusterIP is null && externalIPs.Count == 0 && loadBalancerIPs.Count == 0 && !(hasNodePorts && port.NodePort > 0))
                {
                    // Headless: DNS serves it; nothing to proxy.
                    continue;
                }

                result.Add(new ProxyServicePort
                {
                    Name = $"{ns}/{name}/{protocol}/{portName}",
                    Protocol = protocol,
                    ClusterIP = clusterIP,
                    Port = number,
                    NodePort = hasNodePorts ? port.NodePort ?? 0 : 0,
                    ExternalIPs = externalIPs,
                    LoadBalancerIPs = loadBalancerIPs.Distinct(StringComparer.Ordinal).ToList(),
                    InternalTrafficLocal = spec.InternalTrafficPolicy == "Local",
                    ExternalTrafficLocal = spec.ExternalTrafficPolicy == "Local" && (hasNodePorts || externalIPs.Count > 0),
                    AffinitySeconds = spec.SessionAffinity == "ClientIP" ? spec.SessionAffinityConfig?.ClientIP?.TimeoutSeconds ?? 10800 : null,
                    Endpoints = EndpointsOf(serviceSlices, portName, port.Protocol ?? "TCP", nodeName),
                });
            }
        }

        return result;
    }

    private static List<ProxyEndpoint> EndpointsOf(List<EndpointSlice> slices, string portName, string protocol, string nodeName)
    {
        var endpoints = new Dictionary<(string, int), ProxyEndpoint>();
        foreach (var slice in slices)
        {
            var port = slice.Ports?.FirstOrDefault(p => (p.Name ?? "") == portName && (p.Protocol ?? "TCP") == protocol);
            if (port?.Port is not int target)
            {
                continue;
            }

            foreach (var endpoint in slice.Endpoints ?? [])
            {
                if (endpoint.Addresses is not [var address, ..] || !IsIPv4(address))
                {
                    continue;
                }

                var conditions = endpoint.Conditions;
                var ready = conditions?.Ready ?? true;
                var candidate = new ProxyEndpoint(
                    address,
                    target,
                    ready,
                    conditions?.Serving ?? ready,
                    conditions?.Terminating ?? false,
                    endpoint.NodeName == nodeName);

                // The same address in two slices (during a slice rewrite) counts once; a ready copy wins.
                if (!endpoints.TryGetValue((address, target), out var existing) || (!existing.Ready && candidate.Ready))
                {
                    endpoints[(address, target)] = candidate;
                }
            }
        }

        return endpoints.Values.OrderBy(e => IPAddress.Parse(e.IP).GetAddressBytes(), ByteOrder.Instance).ThenBy(e => e.Port).ToList();
    }

    private static string? NftProtocol(string? protocol) => (protocol ?? "TCP") switch
    {
        "TCP" => "tcp",
        "UDP" => "udp",
        "SCTP" => "sctp",
        _ => null,
    };

    internal static bool IsIPv4(string? address) =>
        address is { Length: > 0 } && address != "None" && IPAddress.TryParse(address, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => ((ReadOnlySpan<byte>)x).SequenceCompareTo(y);
    }
}

using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.ApiServer.Http;
using KubeSharp.ApiServer.Registry;
using KubeSharp.ApiServer.Storage;

namespace KubeSharp.ApiServer.Admission;

/// <summary>
/// Allocates a Service's cluster IP from the service network and node ports from 30000–32767 on
/// create, honouring requested values and refusing ones already taken (as the service REST
/// storage of Kubernetes does).
/// </summary>
public sealed class ServiceAllocation : IAdmissionPlugin
{
    public const int NodePortMin = 30000;
    public const int NodePortMax = 32767;

    private readonly ServiceNetwork _network;
    private readonly Lock _lock = new();
    // Reservations not yet visible in the cache (concurrent creates).
    private readonly Dictionary<string, DateTimeOffset> _pendingIps = [];
    private readonly Dictionary<int, DateTimeOffset> _pendingPorts = [];

    public ServiceAllocation(ServiceNetwork network)
    {
        _network = network;
    }

    public async Task AdmitAsync(ResourceStore store, ResourceDefinition definition, KubernetesObject obj, KubernetesObject? old, CancellationToken cancellationToken)
    {
        if (obj is not Service service || old is not null)
        {
            return;
        }

        var spec = service.Spec ??= new ServiceSpec();
        var (items, _) = await store.Cache.SnapshotAsync(definition, consistent: true, cancellationToken).ConfigureAwait(false);
        var usedIps = new HashSet<string>(StringComparer.Ordinal);
        var usedPorts = new HashSet<int>();
        foreach (var s in items.Values.Select(i => i.Object).OfType<Service>())
        {
            foreach (var ip in s.Spec?.ClusterIPs ?? [])
            {
                usedIps.Add(ip);
            }

            foreach (var p in s.Spec?.Ports ?? [])
            {
                if (p.NodePort is int np)
                {
                    usedPorts.Add(np);
                }
            }
        }

        lock (_lock)
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var stale in _pendingIps.Where(kv => now - kv.Value > TimeSpan.FromSeconds(30)).Select(kv => kv.Key).ToList())
            {
                _pendingIps.Remove(stale);
            }

            foreach (var stale in _pendingPorts.Where(kv => now - kv.Value > TimeSpan.FromSeconds(30)).Select(kv => kv.Key).ToList())
            {
                _pendingPorts.Remove(stale);
            }

            usedIps.UnionWith(_pendingIps.Keys);
            usedPorts.UnionWith(_pendingPorts.Keys);
            var name = service.Meta.Name ?? "";
            if (spec.Type != "ExternalName")
            {
                if (string.IsNullOrEmpty(spec.ClusterIP) && spec.ClusterIPs is { Count: > 0 } ips)
                {
                    spec.ClusterIP = ips[0];
                }

                if (string.IsNullOrEmpty(spec.ClusterIP))
                {
                    spec.ClusterIP = NextIp(usedIps);
                }
                else if (spec.ClusterIP != "None")
                {
                    if (!System.Net.IPAddress.TryParse(spec.ClusterIP, out var requested) || !_network.Contains(requested))
                    {
                        throw ApiException.Invalid("Service", "", name, [FieldError.Invalid("spec.clusterIPs[0]", spec.ClusterIP, $"failed to allocate IP {spec.ClusterIP}: the provided IP ({spec.ClusterIP}) is not in the valid range. The range of valid IPs is {_network}")]);
                    }

                    if (usedIps.Contains(spec.ClusterIP))
                    {
                        throw ApiException.Invalid("Service", "", name, [FieldError.Invalid("spec.clusterIPs", spec.ClusterIP, $"failed to allocate IP {spec.ClusterIP}: provided IP is already allocated")]);
                    }
                }

                spec.ClusterIPs = [spec.ClusterIP];
                spec.IpFamilies ??= ["IPv4"];
                spec.IpFamilyPolicy ??= "SingleStack";
                if (spec.ClusterIP != "None")
                {
                    _pendingIps[spec.ClusterIP] = now;
                }
            }

            if (spec.Type is "NodePort" or "LoadBalancer")
            {
                foreach (var port in spec.Ports ?? [])
                {
                    if (port.NodePort is int requested)
                    {
                        if (usedPorts.Contains(requested))
                        {
                            throw ApiException.Invalid("Service", "", name, [FieldError.Invalid("spec.ports[0].nodePort", requested, "provided port is already allocated")]);
                        }
                    }
                    else
                    {
                        port.NodePort = NextPort(usedPorts, name);
                    }

                    usedPorts.Add(port.NodePort.Value);
                    _pendingPorts[port.NodePort.Value] = now;
                }
            }
        }
    }

    private string NextIp(HashSet<string> used)
    {
        // Random probing like Kubernetes' allocator, skipping the network and broadcast addresses.
        var size = _network.Size;
        var start = (uint)Random.Shared.NextInt64(2, Math.Max(3, size - 1));
        for (uint i = 0; i < size; i++)
        {
            var offset = 2 + ((start - 2 + i) % Math.Max(1, size - 3));
            var candidate = _network.At(offset).ToString();
            if (!used.Contains(candidate))
            {
                return candidate;
            }
        }

        throw new ApiException(500, "InternalError", "Internal error occurred: failed to allocate a serviceIP: range is full");
    }

    private static int NextPort(HashSet<int> used, string name)
    {
        var span = NodePortMax - NodePortMin + 1;
        var start = Random.Shared.Next(span);
        for (var i = 0; i < span; i++)
        {
            var port = NodePortMin + ((start + i) % span);
            if (!used.Contains(port))
            {
                return port;
            }
        }

        throw ApiException.Invalid("Service", "", name, [FieldError.Invalid("spec.ports[0].nodePort", 0, "range is full")]);
    }
}

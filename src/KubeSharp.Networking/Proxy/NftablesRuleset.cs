using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace KubeSharp.Networking.Proxy;

/// <summary>What the ruleset depends on besides the service ports.</summary>
/// <param name="TableName">The one nftables table (family ip) the proxy owns.</param>
/// <param name="ClusterCidr">The pods' range: traffic to a cluster IP from outside it is masqueraded. Null: no such masquerade.</param>
internal sealed record RulesetOptions(string TableName, string? ClusterCidr);

/// <summary>
/// Renders the proxy's desired state as one nft script that replaces the table atomically (add, delete,
/// define in one transaction). The layout follows kube-proxy's nftables mode: verdict maps keyed by
/// address . protocol . port send a packet to a per-service chain, which picks an endpoint with
/// <c>numgen random mod N</c> and DNATs to it; marked packets are masqueraded in postrouting.
/// </summary>
internal static class NftablesRuleset
{
    /// <summary>The packet mark bit asking postrouting to masquerade (kube-proxy's 0x4000).</summary>
    public const string MasqueradeBit = "0x00004000";

    public static string Render(IReadOnlyList<ProxyServicePort> ports, RulesetOptions options)
    {
        var table = options.TableName;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"add table ip {table}\n");
        text.Append(CultureInfo.InvariantCulture, $"delete table ip {table}\n");
        text.Append(CultureInfo.InvariantCulture, $"table ip {table} {{\n");

        var serviceIPs = new List<string>();
        var nodePorts = new List<string>();
        var noEndpointServices = new List<string>();
        var noEndpointNodePorts = new List<string>();
        var chains = new StringBuilder();
        var sets = new StringBuilder();

        foreach (var port in ports)
        {
            var hash = Hash(port.Name);
            var clusterChain = $"service-{hash}-{port.Name}";
            var externalChain = $"external-{hash}-{port.Name}";
            var localChain = $"local-{hash}-{port.Name}";
            var clusterEndpoints = port.ClusterEndpoints;
            var externalEndpoints = port.ExternalEndpoints;
            var allEndpoints = clusterEndpoints.Concat(port.HasExternalAddresses ? externalEndpoints : []).DistinctBy(e => (e.IP, e.Port)).ToList();

            if (port.ClusterIP is { } clusterIP)
            {
                var key = $"{clusterIP} . {port.Protocol} . {port.Port}";
                if (clusterEndpoints.Count > 0)
                {
                    serviceIPs.Add($"{key} : goto {clusterChain}");
                }
                else
                {
                    noEndpointServices.Add($"{key} : goto reject-chain");
                }
            }

            if (port.HasExternalAddresses)
            {
                // No endpoint at all: reject like the cluster IP; endpoints elsewhere only (policy Local): drop.
                var verdict = externalEndpoints.Count > 0 ? $"goto {externalChain}" : port.Endpoints.Count == 0 || clusterEndpoints.Count == 0 ? "goto reject-chain" : "drop";
                var target = externalEndpoints.Count > 0 ? serviceIPs : noEndpointServices;
                foreach (var ip in port.ExternalIPs.Concat(port.LoadBalancerIPs).Distinct(StringComparer.Ordinal))
                {
                    target.Add($"{ip} . {port.Protocol} . {port.Port} : {verdict}");
                }

                if (port.NodePort > 0)
                {
                    (externalEndpoints.Count > 0 ? nodePorts : noEndpointNodePorts).Add($"{port.Protocol} . {port.NodePort} : {verdict}");
                }
            }

            foreach (var endpoint in allEndpoints)
            {
                var endpointChain = EndpointChain(port.Name, endpoint);
                chains.Append(CultureInfo.InvariantCulture, $"\tchain {endpointChain} {{\n");
                chains.Append(CultureInfo.InvariantCulture, $"\t\tip saddr {endpoint.IP} jump mark-for-masquerade\n");
                if (port.AffinitySeconds is int seconds)
                {
                    var set = AffinitySet(port.Name, endpoint);
                    sets.Append(CultureInfo.InvariantCulture, $"\tset {set} {{\n\t\ttype ipv4_addr\n\t\tflags dynamic,timeout\n\t\ttimeout {seconds}s\n\t}}\n");
                    chains.Append(CultureInfo.InvariantCulture, $"\t\tupdate @{set} {{ ip saddr }}\n");
                }

                chains.Append(CultureInfo.InvariantCulture, $"\t\tmeta l4proto {port.Protocol} dnat to {endpoint.IP}:{endpoint.Port}\n");
                chains.Append("\t}\n");
            }

            if (clusterEndpoints.Count > 0)
            {
                chains.Append(CultureInfo.InvariantCulture, $"\tchain {clusterChain} {{\n");
                if (port.ClusterIP is { } ip && options.ClusterCidr is { } cidr)
                {
                    chains.Append(CultureInfo.InvariantCulture, $"\t\tip daddr {ip} {port.Protocol} dport {port.Port} ip saddr != {cidr} jump mark-for-masquerade\n");
                }

                AppendBalancing(chains, port, clusterEndpoints);
                chains.Append("\t}\n");
            }

            if (port.HasExternalAddresses && externalEndpoints.Count > 0)
            {
                chains.Append(CultureInfo.InvariantCulture, $"\tchain {externalChain} {{\n");
                if (!port.ExternalTrafficLocal)
                {
                    chains.Append("\t\tjump mark-for-masquerade\n");
                    AppendBalancing(chains, port, externalEndpoints);
                }
                else
                {
                    // Pods and the node itself reach the service cluster-wide (kube-proxy's short-circuit); only
                    // traffic from elsewhere keeps its source and stays on this node's endpoints.
                    if (clusterEndpoints.Count > 0)
                    {
                        if (options.ClusterCidr is { } cidr)
                        {
                            chains.Append(CultureInfo.InvariantCulture, $"\t\tip saddr {cidr} goto {clusterChain}\n");
                        }

                        chains.Append("\t\tfib saddr type local jump mark-for-masquerade\n");
                        chains.Append(CultureInfo.InvariantCulture, $"\t\tfib saddr type local goto {clusterChain}\n");
                    }

                    chains.Append(CultureInfo.InvariantCulture, $"\t\tgoto {localChain}\n");
                }

                chains.Append("\t}\n");
                if (port.ExternalTrafficLocal)
                {
                    chains.Append(CultureInfo.InvariantCulture, $"\tchain {localChain} {{\n");
                    AppendBalancing(chains, port, externalEndpoints);
                    chains.Append("\t}\n");
                }
            }
        }

        AppendMap(text, "service-ips", "ipv4_addr . inet_proto . inet_service", serviceIPs);
        AppendMap(text, "service-nodeports", "inet_proto . inet_service", nodePorts);
        AppendMap(text, "no-endpoint-services", "ipv4_addr . inet_proto . inet_service", noEndpointServices);
        AppendMap(text, "no-endpoint-nodeports", "inet_proto . inet_service", noEndpointNodePorts);
        text.Append(sets);
        text.Append(
            """
            	chain nat-prerouting {
            		type nat hook prerouting priority dstnat; policy accept;
            		jump services
            	}
            	chain nat-output {
            		type nat hook output priority -100; policy accept;
            		jump services
            	}
            	chain nat-postrouting {
            		type nat hook postrouting priority srcnat; policy accept;
            		jump masquerading
            	}
            	chain filter-input {
            		type filter hook input priority -110; policy accept;
            		ip daddr 127.0.0.0/8 ip saddr != 127.0.0.0/8 ct status & dnat == 0 drop
            		ct state new jump service-endpoints-check
            	}
            	chain filter-forward {
            		type filter hook forward priority -110; policy accept;
            		ct state new jump service-endpoints-check
            	}
            	chain filter-output {
            		type filter hook output priority -110; policy accept;
            		ct state new jump service-endpoints-check
            	}
            	chain service-endpoints-check {
            		ip daddr . meta l4proto . th dport vmap @no-endpoint-services
            		fib daddr type local meta l4proto . th dport vmap @no-endpoint-nodeports
            	}
            	chain services {
            		ip daddr . meta l4proto . th dport vmap @service-ips
            		fib daddr type local meta l4proto . th dport vmap @service-nodeports
            	}
            	chain mark-for-masquerade {
            		meta mark set meta mark | 0x00004000
            	}
            	chain masquerading {
            		meta mark & 0x00004000 == 0 return
            		meta mark set meta mark ^ 0x00004000
            		masquerade fully-random
            	}
            	chain reject-chain {
            		reject
            	}

            """);
        text.Append(chains);
        text.Append("}\n");
        return text.ToString();
    }

    /// <summary>The script that removes the table (and only it); harmless when it does not exist.</summary>
    public static string RenderDelete(string tableName) => $"add table ip {tableName}\ndelete table ip {tableName}\n";

    private static void AppendBalancing(StringBuilder chains, ProxyServicePort port, IReadOnlyList<ProxyEndpoint> endpoints)
    {
        if (port.AffinitySeconds is not null)
        {
            foreach (var endpoint in endpoints)
            {
                chains.Append(CultureInfo.InvariantCulture, $"\t\tip saddr @{AffinitySet(port.Name, endpoint)} goto {EndpointChain(port.Name, endpoint)}\n");
            }
        }

        var choices = string.Join(", ", endpoints.Select((e, i) => $"{i} : goto {EndpointChain(port.Name, e)}"));
        chains.Append(CultureInfo.InvariantCulture, $"\t\tnumgen random mod {endpoints.Count} vmap {{ {choices} }}\n");
    }

    private static void AppendMap(StringBuilder text, string name, string keyType, List<string> elements)
    {
        text.Append(CultureInfo.InvariantCulture, $"\tmap {name} {{\n\t\ttype {keyType} : verdict\n");
        if (elements.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\t\telements = {{ {string.Join(",\n\t\t\t", elements)} }}\n");
        }

        text.Append("\t}\n");
    }

    private static string EndpointChain(string portName, ProxyEndpoint endpoint) => $"endpoint-{Hash($"{portName}__{endpoint.IP}/{endpoint.Port}")}-{portName}__{endpoint.IP}/{endpoint.Port}";

    private static string AffinitySet(string portName, ProxyEndpoint endpoint) => $"affinity-{Hash($"{portName}__{endpoint.IP}/{endpoint.Port}")}-{portName}__{endpoint.IP}/{endpoint.Port}";

    /// <summary>A short digest keeping names unique when the readable part is ambiguous.</summary>
    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..8];
}

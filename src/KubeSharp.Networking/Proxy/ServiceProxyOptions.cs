namespace KubeSharp.Networking.Proxy;

/// <summary>Settings of one node's service proxy.</summary>
/// <param name="NodeName">The node the proxy runs on (decides which endpoints are local).</param>
/// <param name="NodeIPs">The node's IPv4 addresses: LoadBalancer services are served and reported on them.</param>
public sealed record ServiceProxyOptions(string NodeName, IReadOnlyList<string> NodeIPs)
{
    /// <summary>The nftables table (family ip) the proxy owns and replaces; tests use a unique one.</summary>
    public string TableName { get; init; } = "kubesharp";

    /// <summary>The pods' address range; traffic to a cluster IP from outside it is masqueraded. Null: none is.</summary>
    public string? ClusterCidr { get; init; } = "10.42.0.0/16";

    public string NftPath { get; init; } = "nft";

    /// <summary>
    /// Delete the table when the proxy stops. Off, the rules outlive the process (as kube-proxy's do), so pods left
    /// running keep reaching services while the agent restarts; the next start replaces the table.
    /// </summary>
    public bool DeleteTableOnStop { get; init; } = true;

    /// <summary>The least time between two rule syncs: a burst of changes is applied as one transaction.</summary>
    public TimeSpan MinSyncInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Set net.ipv4.conf.all.route_localnet so node ports answer on 127.0.0.1 (the kernel otherwise drops
    /// DNATed loopback traffic); the table drops 127.0.0.0/8 traffic arriving from elsewhere.
    /// </summary>
    public bool LocalhostNodePorts { get; init; } = true;

    /// <summary>Write status.loadBalancer.ingress (the node's IP) on LoadBalancer services without a class, as k3s's ServiceLB does.</summary>
    public bool ReportLoadBalancerStatus { get; init; } = true;
}

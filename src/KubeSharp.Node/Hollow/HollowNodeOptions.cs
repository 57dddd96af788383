namespace KubeSharp.Node.Hollow;

/// <summary>What a fleet of hollow (simulated) nodes looks like and how hard it may press on the API server.</summary>
public sealed record HollowNodeOptions
{
    /// <summary>The label every hollow node carries, so simulated nodes are never mistaken for real ones.</summary>
    public const string HollowLabel = "kubesharp.io/hollow";

    public int Count { get; init; } = 1;

    /// <summary>Node names are the prefix followed by the node's index: hollow-0, hollow-1, …</summary>
    public string NamePrefix { get; init; } = "hollow-";

    public int PodsPerNode { get; init; } = 110;

    public string Cpu { get; init; } = "4";

    public string Memory { get; init; } = "16Gi";

    /// <summary>
    /// Where fake pod CIDRs (/24) come from for nodes whose spec.podCIDR the server leaves empty (no node
    /// IPAM). The addresses are never routed anywhere; they only fill pods' status.podIP.
    /// </summary>
    public string FallbackPodCidrRange { get; init; } = "100.64.0.0/10";

    /// <summary>How often each node's Lease in kube-node-lease is renewed (the kubelet's 10 s); renewals are spread over it.</summary>
    public TimeSpan LeaseRenewInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often each node posts its status even if nothing changed; spread like the leases.</summary>
    public TimeSpan NodeStatusReportInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>At most this many writes (registrations, leases, node and pod status, deletions) are in flight at once.</summary>
    public int MaxConcurrentWrites { get; init; } = 16;

    public string NodeName(int index) => NamePrefix + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

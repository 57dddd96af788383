namespace KubeSharp.Node.Agent;

/// <summary>What one node agent is: its node name, where it keeps its state and its pod network.</summary>
public sealed record NodeAgentOptions
{
    /// <param name="nodeName">The Node object's name (a DNS-1123 subdomain).</param>
    /// <param name="dataDirectory">The data directory; the agent keeps everything under &lt;it&gt;/agent.</param>
    public NodeAgentOptions(string nodeName, string dataDirectory)
    {
        NodeName = nodeName;
        DataDirectory = Path.GetFullPath(dataDirectory);
    }

    public string NodeName { get; }

    public string DataDirectory { get; }

    /// <summary>&lt;data-dir&gt;/agent: containerd, pod directories, logs and image archives.</summary>
    public string AgentDirectory => Path.Combine(DataDirectory, "agent");

    /// <summary>Image archives (*.tar) imported into containerd at start.</summary>
    public string ImagesDirectory => Path.Combine(AgentDirectory, "images");

    /// <summary>Per-pod directories (volumes) under &lt;pods&gt;/&lt;pod uid&gt;.</summary>
    public string PodsDirectory => Path.Combine(AgentDirectory, "pods");

    /// <summary>Container logs: &lt;logs&gt;/&lt;namespace&gt;_&lt;name&gt;_&lt;uid&gt;/&lt;container&gt;/&lt;restart&gt;.log, as the kubelet lays them out.</summary>
    public string LogsDirectory => Path.Combine(AgentDirectory, "logs");

    /// <summary>&lt;data-dir&gt;/registries.yaml: registry mirrors and credentials in k3s's format (optional).</summary>
    public string RegistriesFile => Path.Combine(DataDirectory, "registries.yaml");

    public string ContainerdDirectory => Path.Combine(AgentDirectory, "containerd");

    /// <summary>Extra labels the Node is registered with (e.g. node-role.kubernetes.io/control-plane).</summary>
    public IReadOnlyDictionary<string, string> NodeLabels { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// This node's pod range, written to its spec.podCIDR at registration when the Node has none
    /// (unless <see cref="PodCidrFromServer"/>). A spec.podCIDR already on the Node wins.
    /// </summary>
    public string PodCidr { get; init; } = "10.42.0.0/24";

    /// <summary>Wait for the server's node IPAM to assign spec.podCIDR instead of using <see cref="PodCidr"/> (no --pod-cidr given).</summary>
    public bool PodCidrFromServer { get; init; }

    /// <summary>The CNI network name; distinct per agent on one machine (host-local keeps leases by it).</summary>
    public string NetworkName { get; init; } = "kubesharp";

    /// <summary>The Linux bridge of the pod network, at most 15 characters; distinct per agent on one machine.</summary>
    public string BridgeName { get; init; } = "kubesharp0";

    /// <summary>The cgroup (cgroupfs path) under which pods' cgroups are made, like the kubelet's /kubepods.</summary>
    public string CgroupRoot { get; init; } = "/kubepods";

    /// <summary>The cluster DNS server for dnsPolicy ClusterFirst; null: pods get the host's resolv.conf servers.</summary>
    public string? ClusterDns { get; init; }

    public string ClusterDomain { get; init; } = "cluster.local";

    /// <summary>The nftables table (family ip) of the node's service proxy; null runs no service proxy. The table is deleted on stop only with <see cref="RemovePodsOnStop"/>.</summary>
    public string? ServiceProxyTable { get; init; }

    /// <summary>The cluster's pod range (the server's --cluster-cidr): the service proxy masquerades traffic from outside it.</summary>
    public string ClusterCidr { get; init; } = "10.42.0.0/16";

    /// <summary>The address reported as the node's InternalIP; null: the first non-loopback IPv4 address, else 127.0.0.1.</summary>
    public string? NodeIP { get; init; }

    /// <summary>How often the node lease is renewed.</summary>
    public TimeSpan LeaseRenewInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often node status is posted even if nothing changed (the kubelet's nodeStatusReportFrequency).</summary>
    public TimeSpan NodeStatusReportInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the runtime is relisted to notice container state changes.</summary>
    public TimeSpan RelistInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Runs containerd at this path (the default: Debian's).</summary>
    public string ContainerdPath { get; init; } = "/usr/bin/containerd";

    /// <summary>
    /// The kubelet port (HTTPS: logs, exec, attach, port-forward and stats for the API server); 0 picks a free port.
    /// The command line's default is the kubelet's 10250; 0 here so that tests and several agents on one machine never collide.
    /// </summary>
    public int KubeletPort { get; init; }

    /// <summary>Stop pods' sandboxes when the agent stops (tests); by default they keep running and are adopted at the next start.</summary>
    public bool RemovePodsOnStop { get; init; }
}

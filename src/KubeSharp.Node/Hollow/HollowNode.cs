using System.Globalization;
using KubeSharp.Api;
using KubeSharp.Api.Coordination.V1;
using KubeSharp.Api.Core.V1;
using KubeSharp.Node.Agent;
using NodeObject = KubeSharp.Api.Core.V1.Node;

namespace KubeSharp.Node.Hollow;

/// <summary>
/// One simulated node: the Node object it registers, the status it posts, the Lease it renews and the
/// fake addresses of its pods. Runs no containers. The API calls are made by <see cref="HollowNodeFleet"/>.
/// </summary>
internal sealed class HollowNode
{
    public const string RuntimeVersion = "hollow://0.0.0";
    private readonly HollowNodeOptions _options;
    private readonly Lock _gate = new();
    private PodAddressPool? _addresses;

    public HollowNode(HollowNodeOptions options, int index, string fallbackPodCidr)
    {
        _options = options;
        Index = index;
        Name = options.NodeName(index);
        FallbackPodCidr = fallbackPodCidr;
    }

    public int Index { get; }

    public string Name { get; }

    /// <summary>Used for pod IPs while the server has given the node no spec.podCIDR.</summary>
    public string FallbackPodCidr { get; }

    /// <summary>The node as last stored (registration or status post); its resourceVersion is used for the next status write.</summary>
    public NodeObject? Stored { get; set; }

    /// <summary>The Lease as last stored; renewed with its resourceVersion, so a renewal is one write.</summary>
    public Lease? StoredLease { get; set; }

    /// <summary>When the lease and status are next due (set by the fleet's heartbeat loop).</summary>
    public DateTimeOffset NextLeaseRenewal { get; set; }

    public DateTimeOffset NextStatusPost { get; set; }

    /// <summary>1 while a heartbeat write of this node is in flight (so a slow server never stacks renewals).</summary>
    public int HeartbeatInFlight;

    /// <summary>The pool of pod addresses: from spec.podCIDR when the server set one, else the fallback CIDR.</summary>
    public PodAddressPool Addresses
    {
        get
        {
            lock (_gate)
            {
                var cidr = Stored?.Spec?.PodCIDR is { Length: > 0 } assigned ? assigned : FallbackPodCidr;
                // The server's IPAM may assign a CIDR after registration; switch to it while no pod holds an address.
                if (_addresses is null || (_addresses.Cidr != cidr && _addresses.InUse == 0))
                {
                    _addresses = new PodAddressPool(cidr);
                }

                return _addresses;
            }
        }
    }

    /// <summary>The Node object to register.</summary>
    public NodeObject NewNode() => new()
    {
        ApiVersion = "v1",
        Kind = "Node",
        Metadata = new ObjectMeta
        {
            Name = Name,
            Labels = new Dictionary<string, string>
            {
                ["beta.kubernetes.io/arch"] = "amd64",
                ["beta.kubernetes.io/os"] = "linux",
                ["kubernetes.io/arch"] = "amd64",
                ["kubernetes.io/hostname"] = Name,
                ["kubernetes.io/os"] = "linux",
                [HollowNodeOptions.HollowLabel] = "true",
            },
            Annotations = new Dictionary<string, string> { ["node.alpha.kubernetes.io/ttl"] = "0" },
        },
        Spec = new NodeSpec(),
    };

    /// <summary>A Ready status with the configured capacity; conditions keep their transition time while their status is unchanged.</summary>
    public NodeStatus BuildStatus(NodeStatus? previous, DateTimeOffset now)
    {
        var capacity = new Dictionary<string, Quantity>
        {
            ["cpu"] = Quantity.Parse(_options.Cpu),
            ["ephemeral-storage"] = Quantity.Parse("100Gi"),
            ["hugepages-1Gi"] = Quantity.Parse("0"),
            ["hugepages-2Mi"] = Quantity.Parse("0"),
            ["memory"] = Quantity.Parse(_options.Memory),
            ["pods"] = Quantity.Parse(_options.PodsPerNode.ToString(CultureInfo.InvariantCulture)),
        };
        return new NodeStatus
        {
            Capacity = capacity,
            Allocatable = new Dictionary<string, Quantity>(capacity),
            Conditions =
            [
                Condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                Condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                Condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                Condition("Ready", "True", "KubeletReady", "kubelet is posting ready status (hollow node: simulated, runs no containers)"),
            ],
            Addresses =
            [
                new NodeAddress { Type = "InternalIP", Address = InternalIP(Index) },
                new NodeAddress { Type = "Hostname", Address = Name },
            ],
            DaemonEndpoints = new NodeDaemonEndpoints { KubeletEndpoint = new DaemonEndpoint { Port = 0 } },
            NodeInfo = new NodeSystemInfo
            {
                MachineID = "hollow",
                SystemUUID = "hollow",
                BootID = "hollow",
                KernelVersion = "hollow",
                OsImage = "KubeSharp hollow node",
                ContainerRuntimeVersion = RuntimeVersion,
                KubeletVersion = NodeStatusReporter.KubeletVersion,
                KubeProxyVersion = "",
                OperatingSystem = "linux",
                Architecture = "amd64",
            },
        };

        NodeCondition Condition(string type, string status, string reason, string message)
        {
            var old = previous?.Conditions?.FirstOrDefault(c => c.Type == type);
            return new NodeCondition
            {
                Type = type,
                Status = status,
                LastHeartbeatTime = now,
                LastTransitionTime = old is not null && old.Status == status && old.LastTransitionTime is { } since ? since : now,
                Reason = reason,
                Message = message,
            };
        }
    }

    /// <summary>A new heartbeat Lease held by the node.</summary>
    public Lease NewLease(DateTimeOffset now) => new()
    {
        ApiVersion = "coordination.k8s.io/v1",
        Kind = "Lease",
        Metadata = new ObjectMeta
        {
            Name = Name,
            Namespace = NodeStatusReporter.LeaseNamespace,
            OwnerReferences = Stored?.Metadata?.Uid is { } uid ? [new OwnerReference { ApiVersion = "v1", Kind = "Node", Name = Name, Uid = uid }] : null,
        },
        Spec = new LeaseSpec { HolderIdentity = Name, LeaseDurationSeconds = NodeStatusReporter.LeaseDurationSeconds, RenewTime = now },
    };

    /// <summary>
    /// A loopback address standing for the node's InternalIP: nothing listens there, and nothing that
    /// follows it leaves the machine.
    /// </summary>
    internal static string InternalIP(int index) =>
        Ipv4Cidr.Format(Ipv4Cidr.Parse("127.64.0.0/10").Network + 1 + (uint)(index % ((1 << 22) - 2)));

    /// <summary>The status of a pod whose containers this node "runs": Running, every condition True, every container running and ready.</summary>
    public static PodStatus RunningStatus(Pod pod, string podIP, string hostIP, DateTimeOffset now) => new()
    {
        Phase = "Running",
        HostIP = hostIP,
        HostIPs = [new HostIP { Ip = hostIP }],
        PodIP = podIP,
        PodIPs = [new PodIP { Ip = podIP }],
        StartTime = now,
        QosClass = pod.Status?.QosClass,
        Conditions =
        [
            new PodCondition { Type = "PodReadyToStartContainers", Status = "True", LastTransitionTime = now },
            new PodCondition { Type = "Initialized", Status = "True", LastTransitionTime = now },
            new PodCondition { Type = "Ready", Status = "True", LastTransitionTime = now },
            new PodCondition { Type = "ContainersReady", Status = "True", LastTransitionTime = now },
            new PodCondition { Type = "PodScheduled", Status = "True", LastTransitionTime = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled")?.LastTransitionTime ?? now },
        ],
        InitContainerStatuses = pod.Spec?.InitContainers?.Select(c => new ContainerStatus
        {
            Name = c.Name,
            Image = c.Image,
            ImageID = c.Image,
            ContainerID = "hollow://" + c.Name,
            Ready = true,
            Started = false,
            RestartCount = 0,
            State = new ContainerState { Terminated = new ContainerStateTerminated { ExitCode = 0, Reason = "Completed", StartedAt = now, FinishedAt = now } },
        }).ToList(),
        ContainerStatuses = pod.Spec?.Containers?.Select(c => new ContainerStatus
        {
            Name = c.Name,
            Image = c.Image,
            ImageID = c.Image,
            ContainerID = "hollow://" + c.Name,
            Ready = true,
            Started = true,
            RestartCount = 0,
            State = new ContainerState { Running = new ContainerStateRunning { StartedAt = now } },
        }).ToList(),
    };
}

using System.Globalization;
using KubeSharp.Api;
using KubeSharp.Api.Coordination.V1;
using KubeSharp.Api.Core.V1;
using KubeSharp.Client;
using KubeSharp.Node.Cri;
using Microsoft.Extensions.Logging;
using NodeObject = KubeSharp.Api.Core.V1.Node;

namespace KubeSharp.Node.Agent;

/// <summary>
/// Registers this machine's Node object, keeps its status current (capacity, conditions, addresses,
/// system info, images) and renews its heartbeat Lease in kube-node-lease.
/// </summary>
internal sealed partial class NodeStatusReporter(
    KubernetesClient client,
    NodeAgentOptions options,
    MachineInfo machine,
    string runtimeVersion,
    CriImageClient images,
    ILogger logger)
{
    public const string KubeletVersion = "v1.32.4-kubesharp";
    public const int MaxPods = 110;
    public const string LeaseNamespace = "kube-node-lease";
    public const int LeaseDurationSeconds = 40;
    private const int MaxReportedImages = 50;
    // The kubelet's default hard eviction threshold for memory; allocatable leaves it free.
    private const long EvictionMemoryReserveBytes = 100L * 1024 * 1024;

    private DateTimeOffset _lastPosted = DateTimeOffset.MinValue;
    private string? _lastPostedFingerprint;

    /// <summary>The kubelet port reported in status.daemonEndpoints.kubeletEndpoint.</summary>
    public int KubeletPort { get; init; }

    /// <summary>spec.podCIDR of the node as last read (empty when unset).</summary>
    public string PodCidrOnNode { get; private set; } = "";

    /// <summary>The registered node's uid (set by <see cref="RegisterAsync"/>).</summary>
    public string? NodeUid { get; private set; }

    /// <summary>Creates the Node if missing and posts its first status; returns the node as stored.</summary>
    public async Task<NodeObject> RegisterAsync(CancellationToken cancellationToken)
    {
        var node = await client.TryGetAsync<NodeObject>(options.NodeName, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (node is null)
        {
            try
            {
                node = await client.CreateAsync(NewNode(), cancellationToken: cancellationToken).ConfigureAwait(false);
                Log.Registered(logger, options.NodeName);
            }
            catch (KubernetesApiException e) when (e.IsAlreadyExists)
            {
                node = await client.GetAsync<NodeObject>(options.NodeName, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }

        NodeUid = node.Metadata?.Uid;
        if (!options.PodCidrFromServer && string.IsNullOrEmpty(node.Spec?.PodCIDR))
        {
            // A Node registered before (or by someone else) without a range: this agent's range becomes its own.
            var patch = new System.Text.Json.Nodes.JsonObject
            {
                ["spec"] = new System.Text.Json.Nodes.JsonObject { ["podCIDR"] = options.PodCidr, ["podCIDRs"] = new System.Text.Json.Nodes.JsonArray(options.PodCidr) },
            };
            await client.PatchAsync<NodeObject>(options.NodeName, new Patch(PatchType.Merge, patch.ToJsonString()), cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return await UpdateStatusAsync(force: true, cancellationToken).ConfigureAwait(false) ?? node;
    }

    /// <summary>Waits until the Node carries a spec.podCIDR (assigned by the server's node IPAM); returns it.</summary>
    public async Task<string> WaitForPodCidrAsync(CancellationToken cancellationToken)
    {
        var logged = false;
        while (true)
        {
            var node = await client.GetAsync<NodeObject>(options.NodeName, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (node.Spec?.PodCIDR is { Length: > 0 } cidr)
            {
                PodCidrOnNode = cidr;
                return cidr;
            }

            if (!logged)
            {
                Log.WaitingForPodCidr(logger, options.NodeName);
                logged = true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Posts the node status when it changed or the report interval passed; returns the stored node when posted.</summary>
    public async Task<NodeObject?> UpdateStatusAsync(bool force, CancellationToken cancellationToken)
    {
        var imageList = await ReportedImagesAsync(cancellationToken).ConfigureAwait(false);
        if (!force && (await client.TryGetAsync<NodeObject>(options.NodeName, cancellationToken: cancellationToken).ConfigureAwait(false)) is { } current)
        {
            PodCidrOnNode = current.Spec?.PodCIDR ?? "";
        }

        var fingerprint = string.Join(',', imageList.Select(i => i.Names?.FirstOrDefault()));
        var now = DateTimeOffset.UtcNow;
        if (!force && fingerprint == _lastPostedFingerprint && now - _lastPosted < options.NodeStatusReportInterval)
        {
            return null;
        }

        for (var attempt = 0; ; attempt++)
        {
            var node = await client.GetAsync<NodeObject>(options.NodeName, cancellationToken: cancellationToken).ConfigureAwait(false);
            PodCidrOnNode = node.Spec?.PodCIDR ?? "";
            node.Status = BuildStatus(node.Status, imageList, now);
            try
            {
                var stored = await client.UpdateStatusAsync(node, cancellationToken: cancellationToken).ConfigureAwait(false);
                NodeUid = stored.Metadata?.Uid;
                _lastPosted = now;
                _lastPostedFingerprint = fingerprint;
                return stored;
            }
            catch (KubernetesApiException e) when (e.IsConflict && attempt < 5)
            {
                // Someone else (a controller) wrote the node in between; read it again.
            }
        }
    }

    /// <summary>Creates or renews the node's Lease (holder: the node, 40 s duration).</summary>
    public async Task RenewLeaseAsync(CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var lease = await client.TryGetAsync<Lease>(options.NodeName, LeaseNamespace, cancellationToken).ConfigureAwait(false);
        if (lease is null)
        {
            lease = new Lease
            {
                Metadata = new ObjectMeta { Name = options.NodeName, Namespace = LeaseNamespace, OwnerReferences = NodeOwner() },
                Spec = new LeaseSpec { HolderIdentity = options.NodeName, LeaseDurationSeconds = LeaseDurationSeconds, RenewTime = now },
            };
            try
            {
                await client.CreateAsync(lease, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesApiException e) when (e.IsAlreadyExists)
            {
                // Created concurrently; the next renewal updates it.
            }

            return;
        }

        lease.Spec ??= new LeaseSpec();
        lease.Spec.HolderIdentity = options.NodeName;
        lease.Spec.LeaseDurationSeconds = LeaseDurationSeconds;
        lease.Spec.RenewTime = now;
        if (lease.Metadata?.OwnerReferences is null or { Count: 0 } && NodeOwner() is { } owner)
        {
            lease.Meta.OwnerReferences = owner;
        }

        await client.UpdateAsync(lease, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private List<OwnerReference>? NodeOwner() => NodeUid is null
        ? null
        : [new OwnerReference { ApiVersion = "v1", Kind = "Node", Name = options.NodeName, Uid = NodeUid }];

    private NodeObject NewNode() => new()
    {
        Metadata = new ObjectMeta
        {
            Name = options.NodeName,
            Labels = new Dictionary<string, string>(options.NodeLabels)
            {
                ["beta.kubernetes.io/arch"] = machine.Architecture,
                ["beta.kubernetes.io/os"] = "linux",
                ["kubernetes.io/arch"] = machine.Architecture,
                ["kubernetes.io/hostname"] = options.NodeName,
                ["kubernetes.io/os"] = "linux",
            },
            Annotations = new Dictionary<string, string>
            {
                ["node.alpha.kubernetes.io/ttl"] = "0",
                ["volumes.kubernetes.io/controller-managed-attach-detach"] = "true",
            },
        },
        Spec = options.PodCidrFromServer ? new NodeSpec() : new NodeSpec { PodCIDR = options.PodCidr, PodCIDRs = [options.PodCidr] },
    };

    internal NodeStatus BuildStatus(NodeStatus? previous, List<ContainerImage> imageList, DateTimeOffset now)
    {
        var memory = machine.MemoryBytes;
        var capacity = new Dictionary<string, Quantity>
        {
            ["cpu"] = Quantity.Parse(machine.Cpus.ToString(CultureInfo.InvariantCulture)),
            ["ephemeral-storage"] = Quantity.Parse((machine.EphemeralStorageBytes / 1024).ToString(CultureInfo.InvariantCulture) + "Ki"),
            ["hugepages-1Gi"] = Quantity.Parse("0"),
            ["hugepages-2Mi"] = Quantity.Parse("0"),
            ["memory"] = Quantity.Parse((memory / 1024).ToString(CultureInfo.InvariantCulture) + "Ki"),
            ["pods"] = Quantity.Parse(MaxPods.ToString(CultureInfo.InvariantCulture)),
        };
        var allocatable = new Dictionary<string, Quantity>(capacity)
        {
            // The kubelet keeps nodefs.available 10% and memory.available 100Mi free.
            ["ephemeral-storage"] = Quantity.Parse((machine.EphemeralStorageBytes / 10 * 9).ToString(CultureInfo.InvariantCulture)),
            ["memory"] = Quantity.Parse(((memory - EvictionMemoryReserveBytes) / 1024).ToString(CultureInfo.InvariantCulture) + "Ki"),
        };

        return new NodeStatus
        {
            Capacity = capacity,
            Allocatable = allocatable,
            Conditions =
            [
                Condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                Condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                Condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                Condition("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
            ],
            Addresses =
            [
                new NodeAddress { Type = "InternalIP", Address = machine.InternalIP },
                new NodeAddress { Type = "Hostname", Address = options.NodeName },
            ],
            DaemonEndpoints = new NodeDaemonEndpoints { KubeletEndpoint = new DaemonEndpoint { Port = KubeletPort } },
            NodeInfo = new NodeSystemInfo
            {
                MachineID = machine.MachineId,
                SystemUUID = machine.SystemUuid,
                BootID = machine.BootId,
                KernelVersion = machine.KernelVersion,
                OsImage = machine.OsImage,
                ContainerRuntimeVersion = runtimeVersion,
                KubeletVersion = KubeletVersion,
                KubeProxyVersion = "",
                OperatingSystem = "linux",
                Architecture = machine.Architecture,
            },
            Images = imageList.Count == 0 ? null : imageList,
            // The default handler and the runc runtime the generated containerd configuration defines.
            RuntimeHandlers =
            [
                new NodeRuntimeHandler { Name = "runc", Features = new NodeRuntimeHandlerFeatures { RecursiveReadOnlyMounts = false, UserNamespaces = false } },
                new NodeRuntimeHandler { Name = "", Features = new NodeRuntimeHandlerFeatures { RecursiveReadOnlyMounts = false, UserNamespaces = false } },
            ],
            Features = new NodeFeatures { SupplementalGroupsPolicy = false },
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

    private async Task<List<ContainerImage>> ReportedImagesAsync(CancellationToken cancellationToken)
    {
        var listed = await images.ListImagesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return listed
            .OrderByDescending(i => i.Size)
            .Take(MaxReportedImages)
            .Select(i => new ContainerImage { Names = [.. i.RepoDigests, .. i.RepoTags], SizeBytes = (long)i.Size })
            .Where(i => i.Names!.Count > 0)
            .ToList();
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "registered node {Node}")]
        public static partial void Registered(ILogger logger, string node);

        [LoggerMessage(Level = LogLevel.Information, Message = "waiting for the server to assign node {Node} a pod CIDR (spec.podCIDR)")]
        public static partial void WaitingForPodCidr(ILogger logger, string node);
    }
}

using System.Text.Json.Serialization;

namespace KubeSharp.Api.Core.V1;

/// <summary>A worker machine that runs pods.</summary>
[KubernetesEntity("", "v1", "Node", "nodes", Namespaced = false, ShortNames = ["no"], Subresources = ["status", "proxy"])]
public sealed class Node : KubernetesObject
{
    /// <summary>The desired state of the node.</summary>
    [Proto(2)] public NodeSpec? Spec { get; set; }
    /// <summary>The observed state, reported by the kubelet; read-only.</summary>
    [Proto(3)] public NodeStatus? Status { get; set; }
}

/// <summary>Repels pods that do not tolerate it from a node.</summary>
public sealed class Taint
{
    /// <summary>Taint key.</summary>
    [Proto(1)] public string? Key { get; set; }
    /// <summary>Taint value.</summary>
    [Proto(2)] public string? Value { get; set; }
    /// <summary>NoSchedule, PreferNoSchedule or NoExecute.</summary>
    [Proto(3)] public string? Effect { get; set; }
    /// <summary>When a NoExecute taint was added.</summary>
    [Proto(4)] public DateTimeOffset? TimeAdded { get; set; }
}

/// <summary>The desired state of a node.</summary>
public sealed class NodeSpec
{
    /// <summary>Pod IP range assigned to the node.</summary>
    [Proto(1)] public string? PodCIDR { get; set; }
    /// <summary>Pod IP ranges assigned to the node, at most one per family.</summary>
    [Proto(7), PatchMerge] public List<string>? PodCIDRs { get; set; }
    /// <summary>ID of the node at the cloud provider, &lt;provider&gt;://&lt;id&gt;.</summary>
    [Proto(3)] public string? ProviderID { get; set; }
    /// <summary>Keep new pods off the node (kubectl cordon).</summary>
    [Proto(4)] public bool? Unschedulable { get; set; }
    /// <summary>Taints that repel pods without matching tolerations.</summary>
    [Proto(5)] public List<Taint>? Taints { get; set; }
    /// <summary>Deprecated: dynamic kubelet configuration source.</summary>
    [Proto(6)] public NodeConfigSource? ConfigSource { get; set; }
    /// <summary>Deprecated; ignored.</summary>
    [Proto(2)] public string? ExternalID { get; set; }
}

/// <summary>Deprecated: where a kubelet's dynamic configuration comes from.</summary>
public sealed class NodeConfigSource
{
    /// <summary>A ConfigMap holding the configuration.</summary>
    [Proto(2)] public ConfigMapNodeConfigSource? ConfigMap { get; set; }
}

/// <summary>A ConfigMap holding a kubelet configuration.</summary>
public sealed class ConfigMapNodeConfigSource
{
    [Proto(1)] public string? Namespace { get; set; }
    [Proto(2)] public string? Name { get; set; }
    [Proto(3)] public string? Uid { get; set; }
    [Proto(4)] public string? ResourceVersion { get; set; }
    /// <summary>Key of the configuration in the ConfigMap.</summary>
    [Proto(5)] public string? KubeletConfigKey { get; set; }
}

/// <summary>The port a daemon on the node listens on.</summary>
public sealed class DaemonEndpoint
{
    /// <summary>Port number.</summary>
    [Proto(1), JsonPropertyName("Port")] public int? Port { get; set; }
}

/// <summary>Ports of the daemons running on a node.</summary>
public sealed class NodeDaemonEndpoints
{
    /// <summary>Port of the kubelet.</summary>
    [Proto(1)] public DaemonEndpoint? KubeletEndpoint { get; set; }
}

/// <summary>Features a runtime handler supports.</summary>
public sealed class NodeRuntimeHandlerFeatures
{
    /// <summary>Supports recursively read-only mounts.</summary>
    [Proto(1)] public bool? RecursiveReadOnlyMounts { get; set; }
    /// <summary>Supports user namespaces.</summary>
    [Proto(2)] public bool? UserNamespaces { get; set; }
}

/// <summary>A runtime handler of the node.</summary>
public sealed class NodeRuntimeHandler
{
    /// <summary>Handler name; "" is the default handler.</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>Supported features.</summary>
    [Proto(2)] public NodeRuntimeHandlerFeatures? Features { get; set; }
}

/// <summary>Features the node's kubelet and runtime support.</summary>
public sealed class NodeFeatures
{
    /// <summary>Supports the supplementalGroupsPolicy field.</summary>
    [Proto(1)] public bool? SupplementalGroupsPolicy { get; set; }
}

/// <summary>Identity and versions of a node's software and machine.</summary>
public sealed class NodeSystemInfo
{
    /// <summary>Machine ID (/etc/machine-id).</summary>
    [Proto(1)] public string? MachineID { get; set; }
    /// <summary>System UUID from the firmware.</summary>
    [Proto(2)] public string? SystemUUID { get; set; }
    /// <summary>Changes on every reboot.</summary>
    [Proto(3)] public string? BootID { get; set; }
    /// <summary>Kernel version (uname -r).</summary>
    [Proto(4)] public string? KernelVersion { get; set; }
    /// <summary>Operating system name and version.</summary>
    [Proto(5)] public string? OsImage { get; set; }
    /// <summary>Container runtime, as &lt;runtime&gt;://&lt;version&gt;.</summary>
    [Proto(6)] public string? ContainerRuntimeVersion { get; set; }
    /// <summary>Version of the kubelet.</summary>
    [Proto(7)] public string? KubeletVersion { get; set; }
    /// <summary>Deprecated; not reliable.</summary>
    [Proto(8)] public string? KubeProxyVersion { get; set; }
    /// <summary>linux or windows.</summary>
    [Proto(9)] public string? OperatingSystem { get; set; }
    /// <summary>CPU architecture, e.g. amd64.</summary>
    [Proto(10)] public string? Architecture { get; set; }
}

/// <summary>Deprecated: state of dynamic kubelet configuration.</summary>
public sealed class NodeConfigStatus
{
    [Proto(1)] public NodeConfigSource? Assigned { get; set; }
    [Proto(2)] public NodeConfigSource? Active { get; set; }
    [Proto(3)] public NodeConfigSource? LastKnownGood { get; set; }
    [Proto(4)] public string? Error { get; set; }
}

/// <summary>The observed state of a node.</summary>
public sealed class NodeStatus
{
    /// <summary>Total resources of the node.</summary>
    [Proto(1)] public Dictionary<string, Quantity>? Capacity { get; set; }
    /// <summary>Resources available to pods; the capacity by default.</summary>
    [Proto(2)] public Dictionary<string, Quantity>? Allocatable { get; set; }
    /// <summary>Deprecated: Pending, Running or Terminated.</summary>
    [Proto(3)] public string? Phase { get; set; }
    /// <summary>Current conditions, e.g. Ready, MemoryPressure, DiskPressure.</summary>
    [Proto(4), PatchMerge("type")] public List<NodeCondition>? Conditions { get; set; }
    /// <summary>Addresses the node is reachable at.</summary>
    [Proto(5), PatchMerge("type")] public List<NodeAddress>? Addresses { get; set; }
    /// <summary>Ports of the node's daemons.</summary>
    [Proto(6)] public NodeDaemonEndpoints? DaemonEndpoints { get; set; }
    /// <summary>Identity and versions of the node.</summary>
    [Proto(7)] public NodeSystemInfo? NodeInfo { get; set; }
    /// <summary>Container images present on the node.</summary>
    [Proto(8)] public List<ContainerImage>? Images { get; set; }
    /// <summary>Attachable volumes in use (mounted) on the node.</summary>
    [Proto(9)] public List<string>? VolumesInUse { get; set; }
    /// <summary>Volumes attached to the node.</summary>
    [Proto(10)] public List<AttachedVolume>? VolumesAttached { get; set; }
    /// <summary>Deprecated: state of dynamic kubelet configuration.</summary>
    [Proto(11)] public NodeConfigStatus? Config { get; set; }
    /// <summary>Runtime handlers available on the node.</summary>
    [Proto(12)] public List<NodeRuntimeHandler>? RuntimeHandlers { get; set; }
    /// <summary>Features the node supports.</summary>
    [Proto(13)] public NodeFeatures? Features { get; set; }
}

/// <summary>A volume attached to a node.</summary>
public sealed class AttachedVolume
{
    /// <summary>Unique name of the volume.</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>Where the device appears on the node.</summary>
    [Proto(2)] public string? DevicePath { get; set; }
}

/// <summary>A container image present on a node.</summary>
public sealed class ContainerImage
{
    /// <summary>Names (tags and digests) of the image.</summary>
    [Proto(1)] public List<string>? Names { get; set; }
    /// <summary>Size of the image in bytes.</summary>
    [Proto(2)] public long? SizeBytes { get; set; }
}

/// <summary>A condition of a node.</summary>
public sealed class NodeCondition
{
    /// <summary>Ready, MemoryPressure, DiskPressure, PIDPressure or NetworkUnavailable.</summary>
    [Proto(1)] public string? Type { get; set; }
    /// <summary>True, False or Unknown.</summary>
    [Proto(2)] public string? Status { get; set; }
    /// <summary>When the kubelet last reported this condition.</summary>
    [Proto(3)] public DateTimeOffset? LastHeartbeatTime { get; set; }
    /// <summary>When the condition last changed status.</summary>
    [Proto(4)] public DateTimeOffset? LastTransitionTime { get; set; }
    /// <summary>Machine-readable, CamelCase reason for the current state.</summary>
    [Proto(5)] public string? Reason { get; set; }
    /// <summary>Human-readable detail about the current state.</summary>
    [Proto(6)] public string? Message { get; set; }
}

/// <summary>An address of a node.</summary>
public sealed class NodeAddress
{
    /// <summary>Hostname, InternalIP, ExternalIP, InternalDNS or ExternalDNS.</summary>
    [Proto(1)] public string? Type { get; set; }
    /// <summary>The address.</summary>
    [Proto(2)] public string? Address { get; set; }
}

using System.Text.Json.Serialization;

namespace KubeSharp.Api.Core.V1;

[KubernetesEntity("", "v1", "Node", "nodes", Namespaced = false, ShortNames = ["no"], Subresources = ["status", "proxy"])]
public sealed class Node : KubernetesObject
{
    [Proto(2)] public NodeSpec? Spec { get; set; }
    [Proto(3)] public NodeStatus? Status { get; set; }
}

public sealed class Taint
{
    [Proto(1)] public string? Key { get; set; }
    [Proto(2)] public string? Value { get; set; }
    [Proto(3)] public string? Effect { get; set; }
    [Proto(4)] public DateTimeOffset? TimeAdded { get; set; }
}

public sealed class NodeSpec
{
    [Proto(1)] public string? PodCIDR { get; set; }
    [Proto(7), PatchMerge] public List<string>? PodCIDRs { get; set; }
    [Proto(3)] public string? ProviderID { get; set; }
    [Proto(4)] public bool? Unschedulable { get; set; }
    [Proto(5)] public List<Taint>? Taints { get; set; }
    [Proto(6)] public NodeConfigSource? ConfigSource { get; set; }
    [Proto(2)] public string? ExternalID { get; set; }
}

public sealed class NodeConfigSource
{
    [Proto(2)] public ConfigMapNodeConfigSource? ConfigMap { get; set; }
}

public sealed class ConfigMapNodeConfigSource
{
    [Proto(1)] public string? Namespace { get; set; }
    [Proto(2)] public string? Name { get; set; }
    [Proto(3)] public string? Uid { get; set; }
    [Proto(4)] public string? ResourceVersion { get; set; }
    [Proto(5)] public string? KubeletConfigKey { get; set; }
}

public sealed class DaemonEndpoint
{
    [Proto(1), JsonPropertyName("Port")] public int? Port { get; set; }
}

public sealed class NodeDaemonEndpoints
{
    [Proto(1)] public DaemonEndpoint? KubeletEndpoint { get; set; }
}

public sealed class NodeRuntimeHandlerFeatures
{
    [Proto(1)] public bool? RecursiveReadOnlyMounts { get; set; }
    [Proto(2)] public bool? UserNamespaces { get; set; }
}

public sealed class NodeRuntimeHandler
{
    [Proto(1)] public string? Name { get; set; }
    [Proto(2)] public NodeRuntimeHandlerFeatures? Features { get; set; }
}

public sealed class NodeFeatures
{
    [Proto(1)] public bool? SupplementalGroupsPolicy { get; set; }
}

public sealed class NodeSystemInfo
{
    [Proto(1)] public string? MachineID { get; set; }
    [Proto(2)] public string? SystemUUID { get; set; }
    [Proto(3)] public string? BootID { get; set; }
    [Proto(4)] public string? KernelVersion { get; set; }
    [Proto(5)] public string? OsImage { get; set; }
    [Proto(6)] public string? ContainerRuntimeVersion { get; set; }
    [Proto(7)] public string? KubeletVersion { get; set; }
    [Proto(8)] public string? KubeProxyVersion { get; set; }
    [Proto(9)] public string? OperatingSystem { get; set; }
    [Proto(10)] public string? Architecture { get; set; }
}

public sealed class NodeConfigStatus
{
    [Proto(1)] public NodeConfigSource? Assigned { get; set; }
    [Proto(2)] public NodeConfigSource? Active { get; set; }
    [Proto(3)] public NodeConfigSource? LastKnownGood { get; set; }
    [Proto(4)] public string? Error { get; set; }
}

public sealed class NodeStatus
{
    [Proto(1)] public Dictionary<string, Quantity>? Capacity { get; set; }
    [Proto(2)] public Dictionary<string, Quantity>? Allocatable { get; set; }
    [Proto(3)] public string? Phase { get; set; }
    [Proto(4), PatchMerge("type")] public List<NodeCondition>? Conditions { get; set; }
    [Proto(5), PatchMerge("type")] public List<NodeAddress>? Addresses { get; set; }
    [Proto(6)] public NodeDaemonEndpoints? DaemonEndpoints { get; set; }
    [Proto(7)] public NodeSystemInfo? NodeInfo { get; set; }
    [Proto(8)] public List<ContainerImage>? Images { get; set; }
    [Proto(9)] public List<string>? VolumesInUse { get; set; }
    [Proto(10)] public List<AttachedVolume>? VolumesAttached { get; set; }
    [Proto(11)] public NodeConfigStatus? Config { get; set; }
    [Proto(12)] public List<NodeRuntimeHandler>? RuntimeHandlers { get; set; }
    [Proto(13)] public NodeFeatures? Features { get; set; }
}

public sealed class AttachedVolume
{
    [Proto(1)] public string? Name { get; set; }
    [Proto(2)] public string? DevicePath { get; set; }
}

public sealed class ContainerImage
{
    [Proto(1)] public List<string>? Names { get; set; }
    [Proto(2)] public long? SizeBytes { get; set; }
}

public sealed class NodeCondition
{
    [Proto(1)] public string? Type { get; set; }
    [Proto(2)] public string? Status { get; set; }
    [Proto(3)] public DateTimeOffset? LastHeartbeatTime { get; set; }
    [Proto(4)] public DateTimeOffset? LastTransitionTime { get; set; }
    [Proto(5)] public string? Reason { get; set; }
    [Proto(6)] public string? Message { get; set; }
}

public sealed class NodeAddress
{
    [Proto(1)] public string? Type { get; set; }
    [Proto(2)] public string? Address { get; set; }
}

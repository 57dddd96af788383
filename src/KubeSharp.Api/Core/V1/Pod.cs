namespace KubeSharp.Api.Core.V1;

[KubernetesEntity("", "v1", "Pod", "pods", ShortNames = ["po"], Categories = ["all"], Subresources = ["status", "binding", "eviction", "log", "exec", "attach", "portforward", "proxy", "ephemeralcontainers", "resize"])]
public sealed class Pod : KubernetesObject
{
    [Proto(2)] public PodSpec? Spec { get; set; }
    [Proto(3)] public PodStatus? Status { get; set; }
}

public sealed class ContainerStateWaiting
{
    [Proto(1)] public string? Reason { get; set; }
    [Proto(2)] public string? Message { get; set; }
}

public sealed class ContainerStateRunning
{
    [Proto(1)] public DateTimeOffset? StartedAt { get; set; }
}

public sealed class ContainerStateTerminated
{
    [Proto(1)] public int? ExitCode { get; set; }
    [Proto(2)] public int? Signal { get; set; }
    [Proto(3)] public string? Reason { get; set; }
    [Proto(4)] public string? Message { get; set; }
    [Proto(5)] public DateTimeOffset? StartedAt { get; set; }
    [Proto(6)] public DateTimeOffset? FinishedAt { get; set; }
    [Proto(7)] public string? ContainerID { get; set; }
}

public sealed class ContainerState
{
    [Proto(1)] public ContainerStateWaiting? Waiting { get; set; }
    [Proto(2)] public ContainerStateRunning? Running { get; set; }
    [Proto(3)] public ContainerStateTerminated? Terminated { get; set; }
}

public sealed class ContainerStatus
{
    [Proto(1)] public string? Name { get; set; }
    [Proto(2)] public ContainerState? State { get; set; }
    [Proto(3)] public ContainerState? LastState { get; set; }
    [Proto(4)] public bool? Ready { get; set; }
    [Proto(5)] public int? RestartCount { get; set; }
    [Proto(6)] public string? Image { get; set; }
    [Proto(7)] public string? ImageID { get; set; }
    [Proto(8)] public string? ContainerID { get; set; }
    [Proto(9)] public bool? Started { get; set; }
    [Proto(10)] public Dictionary<string, Quantity>? AllocatedResources { get; set; }
    [Proto(11)] public ResourceRequirements? Resources { get; set; }
    [Proto(12), PatchMerge("mountPath")] public List<VolumeMountStatus>? VolumeMounts { get; set; }
    [Proto(13)] public ContainerUser? User { get; set; }
    [Proto(14), PatchMerge("name")] public List<ResourceStatus>? AllocatedResourcesStatus { get; set; }
}

public sealed class ResourceStatus
{
    [Proto(1)] public string? Name { get; set; }
    [Proto(2)] public List<ResourceHealth>? Resources { get; set; }
}

public sealed class ResourceHealth
{
    [Proto(1)] public string? ResourceID { get; set; }
    [Proto(2)] public string? Health { get; set; }
}

public sealed class ContainerUser
{
    [Proto(1)] public LinuxContainerUser? Linux { get; set; }
}

public sealed class LinuxContainerUser
{
    [Proto(1)] public long? Uid { get; set; }
    [Proto(2)] public long? Gid { get; set; }
    [Proto(3)] public List<long>? SupplementalGroups { get; set; }
}

public sealed class PodCondition
{
    [Proto(1)] public string? Type { get; set; }
    [Proto(2)] public string? Status { get; set; }
    [Proto(3)] public DateTimeOffset? LastProbeTime { get; set; }
    [Proto(4)] public DateTimeOffset? LastTransitionTime { get; set; }
    [Proto(5)] public string? Reason { get; set; }
    [Proto(6)] public string? Message { get; set; }
}

public sealed class VolumeMountStatus
{
    [Proto(1)] public string? Name { get; set; }
    [Proto(2)] public string? MountPath { get; set; }
    [Proto(3)] public bool? ReadOnly { get; set; }
    [Proto(4)] public string? RecursiveReadOnly { get; set; }
}

public sealed class PodResourceClaimStatus
{
    [Proto(1)] public string? Name { get; set; }
    [Proto(2)] public string? ResourceClaimName { get; set; }
}

public sealed class PodIP
{
    [Proto(1)] public string? Ip { get; set; }
}

public sealed class HostIP
{
    [Proto(1)] public string? Ip { get; set; }
}

public sealed class PodStatus
{
    [Proto(1)] public string? Phase { get; set; }
    [Proto(2), PatchMerge("type")] public List<PodCondition>? Conditions { get; set; }
    [Proto(3)] public string? Message { get; set; }
    [Proto(4)] public string? Reason { get; set; }
    [Proto(11)] public string? NominatedNodeName { get; set; }
    [Proto(5)] public string? HostIP { get; set; }
    [Proto(16), PatchMerge("ip")] public List<HostIP>? HostIPs { get; set; }
    [Proto(6)] public string? PodIP { get; set; }
    [Proto(12), PatchMerge("ip")] public List<PodIP>? PodIPs { get; set; }
    [Proto(7)] public DateTimeOffset? StartTime { get; set; }
    [Proto(10)] public List<ContainerStatus>? InitContainerStatuses { get; set; }
    [Proto(8)] public List<ContainerStatus>? ContainerStatuses { get; set; }
    [Proto(9)] public string? QosClass { get; set; }
    [Proto(13)] public List<ContainerStatus>? EphemeralContainerStatuses { get; set; }
    [Proto(14)] public string? Resize { get; set; }
    [Proto(15), PatchMerge("name"), PatchRetainKeys] public List<PodResourceClaimStatus>? ResourceClaimStatuses { get; set; }
}

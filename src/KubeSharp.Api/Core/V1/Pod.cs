namespace KubeSharp.Api.Core.V1;

/// <summary>A group of containers that run together on one node, sharing network and storage.</summary>
[KubernetesEntity("", "v1", "Pod", "pods", ShortNames = ["po"], Categories = ["all"], Subresources = ["status", "binding", "eviction", "log", "exec", "attach", "portforward", "proxy", "ephemeralcontainers", "resize"])]
public sealed class Pod : KubernetesObject
{
    /// <summary>The desired behaviour of the pod.</summary>
    [Proto(2)] public PodSpec? Spec { get; set; }
    /// <summary>The most recently observed state of the pod; read-only.</summary>
    [Proto(3)] public PodStatus? Status { get; set; }
}

/// <summary>The container is not running yet.</summary>
public sealed class ContainerStateWaiting
{
    /// <summary>Machine-readable, CamelCase reason for the current state.</summary>
    [Proto(1)] public string? Reason { get; set; }
    /// <summary>Human-readable detail about the current state.</summary>
    [Proto(2)] public string? Message { get; set; }
}

/// <summary>The container is running.</summary>
public sealed class ContainerStateRunning
{
    /// <summary>When the container (last) started.</summary>
    [Proto(1)] public DateTimeOffset? StartedAt { get; set; }
}

/// <summary>The container ran and exited.</summary>
public sealed class ContainerStateTerminated
{
    /// <summary>Exit status of the last run.</summary>
    [Proto(1)] public int? ExitCode { get; set; }
    /// <summary>Signal that ended the container, if any.</summary>
    [Proto(2)] public int? Signal { get; set; }
    /// <summary>Machine-readable, CamelCase reason for the current state.</summary>
    [Proto(3)] public string? Reason { get; set; }
    /// <summary>Human-readable detail about the current state.</summary>
    [Proto(4)] public string? Message { get; set; }
    /// <summary>When the run started.</summary>
    [Proto(5)] public DateTimeOffset? StartedAt { get; set; }
    /// <summary>When the run ended.</summary>
    [Proto(6)] public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>Runtime ID of the container, as &lt;type&gt;://&lt;id&gt;.</summary>
    [Proto(7)] public string? ContainerID { get; set; }
}

/// <summary>The state of a container; at most one field is set (Waiting when none is).</summary>
public sealed class ContainerState
{
    /// <summary>Details of a container that has not started.</summary>
    [Proto(1)] public ContainerStateWaiting? Waiting { get; set; }
    /// <summary>Details of a running container.</summary>
    [Proto(2)] public ContainerStateRunning? Running { get; set; }
    /// <summary>Details of a container that exited.</summary>
    [Proto(3)] public ContainerStateTerminated? Terminated { get; set; }
}

/// <summary>The observed state of one container of a pod.</summary>
public sealed class ContainerStatus
{
    /// <summary>Name of the container in the spec.</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>The container's current state.</summary>
    [Proto(2)] public ContainerState? State { get; set; }
    /// <summary>The state the container was in when it last terminated.</summary>
    [Proto(3)] public ContainerState? LastState { get; set; }
    /// <summary>Whether the container passes its readiness probe.</summary>
    [Proto(4)] public bool? Ready { get; set; }
    /// <summary>How many times the container has been restarted.</summary>
    [Proto(5)] public int? RestartCount { get; set; }
    /// <summary>The image the container runs.</summary>
    [Proto(6)] public string? Image { get; set; }
    /// <summary>The image's ID (usually its digest).</summary>
    [Proto(7)] public string? ImageID { get; set; }
    /// <summary>Runtime ID of the container, as &lt;type&gt;://&lt;id&gt;.</summary>
    [Proto(8)] public string? ContainerID { get; set; }
    /// <summary>Whether the container has passed its startup probe.</summary>
    [Proto(9)] public bool? Started { get; set; }
    /// <summary>Resources the node allocated to the container.</summary>
    [Proto(10)] public Dictionary<string, Quantity>? AllocatedResources { get; set; }
    /// <summary>Resources actually configured for the running container.</summary>
    [Proto(11)] public ResourceRequirements? Resources { get; set; }
    /// <summary>Volumes mounted into the container.</summary>
    [Proto(12), PatchMerge("mountPath")] public List<VolumeMountStatus>? VolumeMounts { get; set; }
    /// <summary>Identity the container's first process runs as.</summary>
    [Proto(13)] public ContainerUser? User { get; set; }
    /// <summary>Health of the devices allocated to the container.</summary>
    [Proto(14), PatchMerge("name")] public List<ResourceStatus>? AllocatedResourcesStatus { get; set; }
}

/// <summary>Health of the devices behind one resource of a container.</summary>
public sealed class ResourceStatus
{
    /// <summary>The resource: a claim (claim:&lt;name&gt;/&lt;request&gt;) or a device plugin resource.</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>One entry per allocated device.</summary>
    [Proto(2)] public List<ResourceHealth>? Resources { get; set; }
}

/// <summary>Health of one allocated device.</summary>
public sealed class ResourceHealth
{
    /// <summary>The device's ID.</summary>
    [Proto(1)] public string? ResourceID { get; set; }
    /// <summary>Healthy, Unhealthy or Unknown.</summary>
    [Proto(2)] public string? Health { get; set; }
}

/// <summary>Identity a container runs as.</summary>
public sealed class ContainerUser
{
    /// <summary>Linux user and groups.</summary>
    [Proto(1)] public LinuxContainerUser? Linux { get; set; }
}

/// <summary>Linux identity of a container's first process.</summary>
public sealed class LinuxContainerUser
{
    /// <summary>User ID.</summary>
    [Proto(1)] public long? Uid { get; set; }
    /// <summary>Primary group ID.</summary>
    [Proto(2)] public long? Gid { get; set; }
    /// <summary>Supplemental group IDs.</summary>
    [Proto(3)] public List<long>? SupplementalGroups { get; set; }
}

/// <summary>A condition of a pod, such as Ready or PodScheduled.</summary>
public sealed class PodCondition
{
    /// <summary>PodScheduled, PodReadyToStartContainers, Initialized, ContainersReady, Ready or a readiness gate.</summary>
    [Proto(1)] public string? Type { get; set; }
    /// <summary>True, False or Unknown.</summary>
    [Proto(2)] public string? Status { get; set; }
    /// <summary>When the condition was last checked.</summary>
    [Proto(3)] public DateTimeOffset? LastProbeTime { get; set; }
    /// <summary>When the condition last changed status.</summary>
    [Proto(4)] public DateTimeOffset? LastTransitionTime { get; set; }
    /// <summary>Machine-readable, CamelCase reason for the current state.</summary>
    [Proto(5)] public string? Reason { get; set; }
    /// <summary>Human-readable detail about the current state.</summary>
    [Proto(6)] public string? Message { get; set; }
}

/// <summary>A volume mount as the runtime applied it.</summary>
public sealed class VolumeMountStatus
{
    /// <summary>Name of the volume mount.</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>Path inside the container.</summary>
    [Proto(2)] public string? MountPath { get; set; }
    /// <summary>Mount the volume read-only when true.</summary>
    [Proto(3)] public bool? ReadOnly { get; set; }
    /// <summary>Whether submounts are read-only too: Disabled or Enabled.</summary>
    [Proto(4)] public string? RecursiveReadOnly { get; set; }
}

/// <summary>The claim generated for one of a pod's resource claims.</summary>
public sealed class PodResourceClaimStatus
{
    /// <summary>The entry in spec.resourceClaims.</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>Name of the generated ResourceClaim.</summary>
    [Proto(2)] public string? ResourceClaimName { get; set; }
}

/// <summary>One IP address of a pod.</summary>
public sealed class PodIP
{
    /// <summary>The address.</summary>
    [Proto(1)] public string? Ip { get; set; }
}

/// <summary>One IP address of the node a pod runs on.</summary>
public sealed class HostIP
{
    /// <summary>The address.</summary>
    [Proto(1)] public string? Ip { get; set; }
}

/// <summary>The observed state of a pod.</summary>
public sealed class PodStatus
{
    /// <summary>Pending, Running, Succeeded, Failed or Unknown.</summary>
    [Proto(1)] public string? Phase { get; set; }
    /// <summary>Current conditions of the pod.</summary>
    [Proto(2), PatchMerge("type")] public List<PodCondition>? Conditions { get; set; }
    /// <summary>Why the pod is in its state.</summary>
    [Proto(3)] public string? Message { get; set; }
    /// <summary>Short reason for the pod's state, e.g. Evicted.</summary>
    [Proto(4)] public string? Reason { get; set; }
    /// <summary>Node the scheduler plans to place the pod on after preempting others there.</summary>
    [Proto(11)] public string? NominatedNodeName { get; set; }
    /// <summary>Primary IP of the node the pod is on.</summary>
    [Proto(5)] public string? HostIP { get; set; }
    /// <summary>IPs of the node the pod is on; the first equals hostIP.</summary>
    [Proto(16), PatchMerge("ip")] public List<HostIP>? HostIPs { get; set; }
    /// <summary>Primary IP of the pod.</summary>
    [Proto(6)] public string? PodIP { get; set; }
    /// <summary>IPs of the pod, at most one per family; the first equals podIP.</summary>
    [Proto(12), PatchMerge("ip")] public List<PodIP>? PodIPs { get; set; }
    /// <summary>When the kubelet accepted the pod.</summary>
    [Proto(7)] public DateTimeOffset? StartTime { get; set; }
    /// <summary>Status of each init container.</summary>
    [Proto(10)] public List<ContainerStatus>? InitContainerStatuses { get; set; }
    /// <summary>Status of each app container.</summary>
    [Proto(8)] public List<ContainerStatus>? ContainerStatuses { get; set; }
    /// <summary>Quality of service class: Guaranteed, Burstable or BestEffort.</summary>
    [Proto(9)] public string? QosClass { get; set; }
    /// <summary>Status of each ephemeral container.</summary>
    [Proto(13)] public List<ContainerStatus>? EphemeralContainerStatuses { get; set; }
    /// <summary>State of an in-place resize: Proposed, InProgress, Deferred or Infeasible.</summary>
    [Proto(14)] public string? Resize { get; set; }
    /// <summary>Claims generated for the pod's resource claim templates.</summary>
    [Proto(15), PatchMerge("name"), PatchRetainKeys] public List<PodResourceClaimStatus>? ResourceClaimStatuses { get; set; }
}

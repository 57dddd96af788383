namespace KubeSharp.Api.Core.V1;

/// <summary>Keeps a number of identical pods running (the predecessor of ReplicaSet and Deployment).</summary>
[KubernetesEntity("", "v1", "ReplicationController", "replicationcontrollers", ShortNames = ["rc"], Categories = ["all"], Subresources = ["status", "scale"])]
public sealed class ReplicationController : KubernetesObject
{
    /// <summary>The desired state.</summary>
    [Proto(2)] public ReplicationControllerSpec? Spec { get; set; }
    /// <summary>The observed state; read-only.</summary>
    [Proto(3)] public ReplicationControllerStatus? Status { get; set; }
}

/// <summary>The desired state of a replication controller.</summary>
public sealed class ReplicationControllerSpec
{
    /// <summary>Number of pods to keep running; 1 by default.</summary>
    [Proto(1)] public int? Replicas { get; set; }
    /// <summary>Seconds a new pod must be ready to count as available.</summary>
    [Proto(4)] public int? MinReadySeconds { get; set; }
    /// <summary>Labels of the pods this controller owns; the template's labels by default.</summary>
    [Proto(2)] public Dictionary<string, string>? Selector { get; set; }
    /// <summary>Template of the pods to create.</summary>
    [Proto(3)] public PodTemplateSpec? Template { get; set; }
}

/// <summary>The observed state of a replication controller.</summary>
public sealed class ReplicationControllerStatus
{
    /// <summary>Pods that exist now.</summary>
    [Proto(1)] public int? Replicas { get; set; }
    /// <summary>Pods whose labels match the template's.</summary>
    [Proto(2)] public int? FullyLabeledReplicas { get; set; }
    /// <summary>Pods that are ready.</summary>
    [Proto(4)] public int? ReadyReplicas { get; set; }
    /// <summary>Pods ready for at least minReadySeconds.</summary>
    [Proto(5)] public int? AvailableReplicas { get; set; }
    /// <summary>The metadata.generation the status was computed from.</summary>
    [Proto(3)] public long? ObservedGeneration { get; set; }
    /// <summary>Current conditions of the controller.</summary>
    [Proto(6), PatchMerge("type")] public List<ReplicationControllerCondition>? Conditions { get; set; }
}

/// <summary>A condition of a replication controller, such as ReplicaFailure.</summary>
public sealed class ReplicationControllerCondition
{
    [Proto(1)] public string? Type { get; set; }
    [Proto(2)] public string? Status { get; set; }
    /// <summary>When the condition last changed status.</summary>
    [Proto(3)] public DateTimeOffset? LastTransitionTime { get; set; }
    /// <summary>Machine-readable, CamelCase reason for the current state.</summary>
    [Proto(4)] public string? Reason { get; set; }
    /// <summary>Human-readable detail about the current state.</summary>
    [Proto(5)] public string? Message { get; set; }
}

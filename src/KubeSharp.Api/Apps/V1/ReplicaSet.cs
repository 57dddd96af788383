namespace KubeSharp.Api.Apps.V1;

/// <summary>Keeps a given number of identical pods running.</summary>
[KubernetesEntity("apps", "v1", "ReplicaSet", "replicasets", ShortNames = ["rs"], Categories = ["all"], Subresources = ["status", "scale"])]
public sealed class ReplicaSet : KubernetesObject
{
    /// <summary>The desired behaviour of the object.</summary>
    [Proto(2)] public ReplicaSetSpec? Spec { get; set; }
    /// <summary>The most recently observed state; written by the system and read-only for users.</summary>
    [Proto(3)] public ReplicaSetStatus? Status { get; set; }
}

/// <summary>The desired state of a ReplicaSet.</summary>
public sealed class ReplicaSetSpec
{
    /// <summary>How many pods to run. Defaults to 1.</summary>
    [Proto(1)] public int? Replicas { get; set; }
    /// <summary>Seconds a new pod must be ready before it counts as available.</summary>
    [Proto(4)] public int? MinReadySeconds { get; set; }
    /// <summary>Label query for the pods this ReplicaSet counts; must match the template's labels.</summary>
    [Proto(2)] public LabelSelector? Selector { get; set; }
    /// <summary>The pod created when too few replicas exist.</summary>
    [Proto(3)] public Core.V1.PodTemplateSpec? Template { get; set; }
}

/// <summary>The most recently observed state of a ReplicaSet.</summary>
public sealed class ReplicaSetStatus
{
    /// <summary>The most recently observed number of pods.</summary>
    [Proto(1)] public int? Replicas { get; set; }
    /// <summary>Pods whose labels match the template's labels.</summary>
    [Proto(2)] public int? FullyLabeledReplicas { get; set; }
    /// <summary>Pods with a Ready condition.</summary>
    [Proto(4)] public int? ReadyReplicas { get; set; }
    /// <summary>Pods ready for at least minReadySeconds.</summary>
    [Proto(5)] public int? AvailableReplicas { get; set; }
    /// <summary>The metadata.generation the controller last acted on.</summary>
    [Proto(3)] public long? ObservedGeneration { get; set; }
    /// <summary>The latest observations of the object's state.</summary>
    [Proto(6), PatchMerge("type")] public List<ReplicaSetCondition>? Conditions { get; set; }
}

/// <summary>One observed aspect of the object's state at a point in time.</summary>
public sealed class ReplicaSetCondition
{
    /// <summary>Which aspect the condition describes.</summary>
    [Proto(1)] public string? Type { get; set; }
    /// <summary>True, False or Unknown.</summary>
    [Proto(2)] public string? Status { get; set; }
    /// <summary>When the status last changed.</summary>
    [Proto(3)] public DateTimeOffset? LastTransitionTime { get; set; }
    /// <summary>A one-word CamelCase cause of the last transition.</summary>
    [Proto(4)] public string? Reason { get; set; }
    /// <summary>Human-readable details of the last transition.</summary>
    [Proto(5)] public string? Message { get; set; }
}

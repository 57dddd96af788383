namespace KubeSharp.Api.Apps.V1;

/// <summary>Runs pods with stable identities (ordinal names, persistent storage) and updates them in order.</summary>
[KubernetesEntity("apps", "v1", "StatefulSet", "statefulsets", ShortNames = ["sts"], Categories = ["all"], Subresources = ["status", "scale"])]
public sealed class StatefulSet : KubernetesObject
{
    /// <summary>The desired behaviour of the object.</summary>
    [Proto(2)] public StatefulSetSpec? Spec { get; set; }
    /// <summary>The most recently observed state; written by the system and read-only for users.</summary>
    [Proto(3)] public StatefulSetStatus? Status { get; set; }
}

/// <summary>The desired state of a StatefulSet.</summary>
public sealed class StatefulSetSpec
{
    /// <summary>How many pods to run. Defaults to 1.</summary>
    [Proto(1)] public int? Replicas { get; set; }
    /// <summary>Label query for the pods this StatefulSet manages; must match the template's labels.</summary>
    [Proto(2)] public LabelSelector? Selector { get; set; }
    /// <summary>The pod created for every ordinal; each gets a unique identity.</summary>
    [Proto(3)] public Core.V1.PodTemplateSpec? Template { get; set; }
    /// <summary>Claims every pod gets, named after the template and the pod; mounted by matching volume names in the template.</summary>
    [Proto(4)] public List<Core.V1.PersistentVolumeClaim>? VolumeClaimTemplates { get; set; }
    /// <summary>The governing (usually headless) Service that gives pods their network identity.</summary>
    [Proto(5)] public string? ServiceName { get; set; }
    /// <summary>OrderedReady (one pod at a time, in order; the default) or Parallel.</summary>
    [Proto(6)] public string? PodManagementPolicy { get; set; }
    /// <summary>How pods are replaced when the template changes.</summary>
    [Proto(7)] public StatefulSetUpdateStrategy? UpdateStrategy { get; set; }
    /// <summary>How many ControllerRevisions to keep. Defaults to 10.</summary>
    [Proto(8)] public int? RevisionHistoryLimit { get; set; }
    /// <summary>Seconds a new pod must be ready before it counts as available.</summary>
    [Proto(9)] public int? MinReadySeconds { get; set; }
    /// <summary>What happens to claims from volumeClaimTemplates when the set is deleted or scaled down.</summary>
    [Proto(10)] public StatefulSetPersistentVolumeClaimRetentionPolicy? PersistentVolumeClaimRetentionPolicy { get; set; }
    /// <summary>The numbering of replica indices.</summary>
    [Proto(11)] public StatefulSetOrdinals? Ordinals { get; set; }
}

/// <summary>The most recently observed state of a StatefulSet.</summary>
public sealed class StatefulSetStatus
{
    /// <summary>The metadata.generation the controller last acted on.</summary>
    [Proto(1)] public long? ObservedGeneration { get; set; }
    /// <summary>Pods created by the controller.</summary>
    [Proto(2)] public int? Replicas { get; set; }
    /// <summary>Pods with a Ready condition.</summary>
    [Proto(3)] public int? ReadyReplicas { get; set; }
    /// <summary>Pods created from the currentRevision.</summary>
    [Proto(4)] public int? CurrentReplicas { get; set; }
    /// <summary>Pods created from the updateRevision.</summary>
    [Proto(5)] public int? UpdatedReplicas { get; set; }
    /// <summary>The revision of the pods at ordinals below currentReplicas.</summary>
    [Proto(6)] public string? CurrentRevision { get; set; }
    /// <summary>The revision of the pods at ordinals from replicas-updatedReplicas up.</summary>
    [Proto(7)] public string? UpdateRevision { get; set; }
    /// <summary>Bumped by the controller when a new revision's name collides with an existing one; used to derive a different name.</summary>
    [Proto(9)] public int? CollisionCount { get; set; }
    /// <summary>The latest observations of the object's state.</summary>
    [Proto(10), PatchMerge("type")] public List<StatefulSetCondition>? Conditions { get; set; }
    /// <summary>Pods ready for at least minReadySeconds.</summary>
    [Proto(11)] public int? AvailableReplicas { get; set; }
}

/// <summary>How the StatefulSet controller performs updates.</summary>
public sealed class StatefulSetUpdateStrategy
{
    /// <summary>RollingUpdate (the default) or OnDelete.</summary>
    [Proto(1)] public string? Type { get; set; }
    /// <summary>Parameters for RollingUpdate.</summary>
    [Proto(2)] public RollingUpdateStatefulSetStrategy? RollingUpdate { get; set; }
}

/// <summary>Lifecycle of the claims created from volumeClaimTemplates.</summary>
public sealed class StatefulSetPersistentVolumeClaimRetentionPolicy
{
    /// <summary>Retain (the default) or Delete the claims when the StatefulSet is deleted.</summary>
    [Proto(1)] public string? WhenDeleted { get; set; }
    /// <summary>Retain (the default) or Delete the claims of pods removed by a scale-down.</summary>
    [Proto(2)] public string? WhenScaled { get; set; }
}

/// <summary>The numbering of a StatefulSet's replicas.</summary>
public sealed class StatefulSetOrdinals
{
    /// <summary>The first ordinal; replicas are numbered start to start+replicas-1. Defaults to 0.</summary>
    [Proto(1)] public int? Start { get; set; }
}

/// <summary>One observed aspect of the object's state at a point in time.</summary>
public sealed class StatefulSetCondition
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

/// <summary>Parameters of a StatefulSet rolling update.</summary>
public sealed class RollingUpdateStatefulSetStrategy
{
    /// <summary>Only ordinals at or above this number are updated. Defaults to 0.</summary>
    [Proto(1)] public int? Partition { get; set; }
    /// <summary>Pods that may be unavailable during the update (alpha). Defaults to 1.</summary>
    [Proto(2)] public IntOrString? MaxUnavailable { get; set; }
}

namespace KubeSharp.Api.Apps.V1;

[KubernetesEntity("apps", "v1", "StatefulSet", "statefulsets", ShortNames = ["sts"], Categories = ["all"], Subresources = ["status", "scale"])]
public sealed class StatefulSet : KubernetesObject
{
    [Proto(2)] public StatefulSetSpec? Spec { get; set; }
    [Proto(3)] public StatefulSetStatus? Status { get; set; }
}

public sealed class StatefulSetSpec
{
    [Proto(1)] public int? Replicas { get; set; }
    [Proto(2)] public LabelSelector? Selector { get; set; }
    [Proto(3)] public Core.V1.PodTemplateSpec? Template { get; set; }
    [Proto(4)] public List<Core.V1.PersistentVolumeClaim>? VolumeClaimTemplates { get; set; }
    [Proto(5)] public string? ServiceName { get; set; }
    [Proto(6)] public string? PodManagementPolicy { get; set; }
    [Proto(7)] public StatefulSetUpdateStrategy? UpdateStrategy { get; set; }
    [Proto(8)] public int? RevisionHistoryLimit { get; set; }
    [Proto(9)] public int? MinReadySeconds { get; set; }
    [Proto(10)] public StatefulSetPersistentVolumeClaimRetentionPolicy? PersistentVolumeClaimRetentionPolicy { get; set; }
    [Proto(11)] public StatefulSetOrdinals? Ordinals { get; set; }
}

public sealed class StatefulSetStatus
{
    [Proto(1)] public long? ObservedGeneration { get; set; }
    [Proto(2)] public int? Replicas { get; set; }
    [Proto(3)] public int? ReadyReplicas { get; set; }
    [Proto(4)] public int? CurrentReplicas { get; set; }
    [Proto(5)] public int? UpdatedReplicas { get; set; }
    [Proto(6)] public string? CurrentRevision { get; set; }
    [Proto(7)] public string? UpdateRevision { get; set; }
    [Proto(9)] public int? CollisionCount { get; set; }
    [Proto(10), PatchMerge("type")] public List<StatefulSetCondition>? Conditions { get; set; }
    [Proto(11)] public int? AvailableReplicas { get; set; }
}

public sealed class StatefulSetUpdateStrategy
{
    [Proto(1)] public string? Type { get; set; }
    [Proto(2)] public RollingUpdateStatefulSetStrategy? RollingUpdate { get; set; }
}

public sealed class StatefulSetPersistentVolumeClaimRetentionPolicy
{
    [Proto(1)] public string? WhenDeleted { get; set; }
    [Proto(2)] public string? WhenScaled { get; set; }
}

public sealed class StatefulSetOrdinals
{
    [Proto(1)] public int? Start { get; set; }
}

public sealed class StatefulSetCondition
{
    [Proto(1)] public string? Type { get; set; }
    [Proto(2)] public string? Status { get; set; }
    [Proto(3)] public DateTimeOffset? LastTransitionTime { get; set; }
    [Proto(4)] public string? Reason { get; set; }
    [Proto(5)] public string? Message { get; set; }
}

public sealed class RollingUpdateStatefulSetStrategy
{
    [Proto(1)] public int? Partition { get; set; }
    [Proto(2)] public IntOrString? MaxUnavailable { get; set; }
}

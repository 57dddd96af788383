namespace KubeSharp.Api.Apps.V1;

[KubernetesEntity("apps", "v1", "ReplicaSet", "replicasets", ShortNames = ["rs"], Categories = ["all"], Subresources = ["status", "scale"])]
public sealed class ReplicaSet : KubernetesObject
{
    [Proto(2)] public ReplicaSetSpec? Spec { get; set; }
    [Proto(3)] public ReplicaSetStatus? Status { get; set; }
}

public sealed class ReplicaSetSpec
{
    [Proto(1)] public int? Replicas { get; set; }
    [Proto(4)] public int? MinReadySeconds { get; set; }
    [Proto(2)] public LabelSelector? Selector { get; set; }
    [Proto(3)] public Core.V1.PodTemplateSpec? Template { get; set; }
}

public sealed class ReplicaSetStatus
{
    [Proto(1)] public int? Replicas { get; set; }
    [Proto(2)] public int? FullyLabeledReplicas { get; set; }
    [Proto(4)] public int? ReadyReplicas { get; set; }
    [Proto(5)] public int? AvailableReplicas { get; set; }
    [Proto(3)] public long? ObservedGeneration { get; set; }
    [Proto(6), PatchMerge("type")] public List<ReplicaSetCondition>? Conditions { get; set; }
}

public sealed class ReplicaSetCondition
{
    [Proto(1)] public string? Type { get; set; }
    [Proto(2)] public string? Status { get; set; }
    [Proto(3)] public DateTimeOffset? LastTransitionTime { get; set; }
    [Proto(4)] public string? Reason { get; set; }
    [Proto(5)] public string? Message { get; set; }
}

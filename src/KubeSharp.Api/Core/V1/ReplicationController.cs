namespace KubeSharp.Api.Core.V1;

[KubernetesEntity("", "v1", "ReplicationController", "replicationcontrollers", ShortNames = ["rc"], Categories = ["all"], Subresources = ["status", "scale"])]
public sealed class ReplicationController : KubernetesObject
{
    [Proto(2)] public ReplicationControllerSpec? Spec { get; set; }
    [Proto(3)] public ReplicationControllerStatus? Status { get; set; }
}

public sealed class ReplicationControllerSpec
{
    [Proto(1)] public int? Replicas { get; set; }
    [Proto(4)] public int? MinReadySeconds { get; set; }
    [Proto(2)] public Dictionary<string, string>? Selector { get; set; }
    [Proto(3)] public PodTemplateSpec? Template { get; set; }
}

public sealed class ReplicationControllerStatus
{
    [Proto(1)] public int? Replicas { get; set; }
    [Proto(2)] public int? FullyLabeledReplicas { get; set; }
    [Proto(4)] public int? ReadyReplicas { get; set; }
    [Proto(5)] public int? AvailableReplicas { get; set; }
    [Proto(3)] public long? ObservedGeneration { get; set; }
    [Proto(6), PatchMerge("type")] public List<ReplicationControllerCondition>? Conditions { get; set; }
}

public sealed class ReplicationControllerCondition
{
    [Proto(1)] public string? Type { get; set; }
    [Proto(2)] public string? Status { get; set; }
    [Proto(3)] public DateTimeOffset? LastTransitionTime { get; set; }
    [Proto(4)] public string? Reason { get; set; }
    [Proto(5)] public string? Message { get; set; }
}

namespace KubeSharp.Api.Apps.V1;

[KubernetesEntity("apps", "v1", "Deployment", "deployments", ShortNames = ["deploy"], Categories = ["all"], Subresources = ["status", "scale"])]
public sealed class Deployment : KubernetesObject
{
    [Proto(2)] public DeploymentSpec? Spec { get; set; }
    [Proto(3)] public DeploymentStatus? Status { get; set; }
}

public sealed class DeploymentSpec
{
    [Proto(1)] public int? Replicas { get; set; }
    [Proto(2)] public LabelSelector? Selector { get; set; }
    [Proto(3)] public Core.V1.PodTemplateSpec? Template { get; set; }
    [Proto(4), PatchRetainKeys] public DeploymentStrategy? Strategy { get; set; }
    [Proto(5)] public int? MinReadySeconds { get; set; }
    [Proto(6)] public int? RevisionHistoryLimit { get; set; }
    [Proto(7)] public bool? Paused { get; set; }
    [Proto(9)] public int? ProgressDeadlineSeconds { get; set; }
}

public sealed class DeploymentStatus
{
    [Proto(1)] public long? ObservedGeneration { get; set; }
    [Proto(2)] public int? Replicas { get; set; }
    [Proto(3)] public int? UpdatedReplicas { get; set; }
    [Proto(7)] public int? ReadyReplicas { get; set; }
    [Proto(4)] public int? AvailableReplicas { get; set; }
    [Proto(5)] public int? UnavailableReplicas { get; set; }
    [Proto(6), PatchMerge("type")] public List<DeploymentCondition>? Conditions { get; set; }
    [Proto(8)] public int? CollisionCount { get; set; }
}

public sealed class DeploymentStrategy
{
    [Proto(1)] public string? Type { get; set; }
    [Proto(2)] public RollingUpdateDeployment? RollingUpdate { get; set; }
}

public sealed class DeploymentCondition
{
    [Proto(1)] public string? Type { get; set; }
    [Proto(2)] public string? Status { get; set; }
    [Proto(6)] public DateTimeOffset? LastUpdateTime { get; set; }
    [Proto(7)] public DateTimeOffset? LastTransitionTime { get; set; }
    [Proto(4)] public string? Reason { get; set; }
    [Proto(5)] public string? Message { get; set; }
}

public sealed class RollingUpdateDeployment
{
    [Proto(1)] public IntOrString? MaxUnavailable { get; set; }
    [Proto(2)] public IntOrString? MaxSurge { get; set; }
}

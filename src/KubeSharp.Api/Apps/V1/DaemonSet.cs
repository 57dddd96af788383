namespace KubeSharp.Api.Apps.V1;

[KubernetesEntity("apps", "v1", "DaemonSet", "daemonsets", ShortNames = ["ds"], Categories = ["all"], Subresources = ["status"])]
public sealed class DaemonSet : KubernetesObject
{
    [Proto(2)] public DaemonSetSpec? Spec { get; set; }
    [Proto(3)] public DaemonSetStatus? Status { get; set; }
}

public sealed class DaemonSetSpec
{
    [Proto(1)] public LabelSelector? Selector { get; set; }
    [Proto(2)] public Core.V1.PodTemplateSpec? Template { get; set; }
    [Proto(3)] public DaemonSetUpdateStrategy? UpdateStrategy { get; set; }
    [Proto(4)] public int? MinReadySeconds { get; set; }
    [Proto(6)] public int? RevisionHistoryLimit { get; set; }
}

public sealed class DaemonSetStatus
{
    [Proto(1)] public int? CurrentNumberScheduled { get; set; }
    [Proto(2)] public int? NumberMisscheduled { get; set; }
    [Proto(3)] public int? DesiredNumberScheduled { get; set; }
    [Proto(4)] public int? NumberReady { get; set; }
    [Proto(5)] public long? ObservedGeneration { get; set; }
    [Proto(6)] public int? UpdatedNumberScheduled { get; set; }
    [Proto(7)] public int? NumberAvailable { get; set; }
    [Proto(8)] public int? NumberUnavailable { get; set; }
    [Proto(9)] public int? CollisionCount { get; set; }
    [Proto(10), PatchMerge("type")] public List<DaemonSetCondition>? Conditions { get; set; }
}

public sealed class DaemonSetUpdateStrategy
{
    [Proto(1)] public string? Type { get; set; }
    [Proto(2)] public RollingUpdateDaemonSet? RollingUpdate { get; set; }
}

public sealed class DaemonSetCondition
{
    [Proto(1)] public string? Type { get; set; }
    [Proto(2)] public string? Status { get; set; }
    [Proto(3)] public DateTimeOffset? LastTransitionTime { get; set; }
    [Proto(4)] public string? Reason { get; set; }
    [Proto(5)] public string? Message { get; set; }
}

public sealed class RollingUpdateDaemonSet
{
    [Proto(1)] public IntOrString? MaxUnavailable { get; set; }
    [Proto(2)] public IntOrString? MaxSurge { get; set; }
}

namespace KubeSharp.Api.Apps.V1;

/// <summary>Declares a desired set of identical pods and rolls changes out to them through ReplicaSets.</summary>
[KubernetesEntity("apps", "v1", "Deployment", "deployments", ShortNames = ["deploy"], Categories = ["all"], Subresources = ["status", "scale"])]
public sealed class Deployment : KubernetesObject
{
    /// <summary>The desired behaviour of the object.</summary>
    [Proto(2)] public DeploymentSpec? Spec { get; set; }
    /// <summary>The most recently observed state; written by the system and read-only for users.</summary>
    [Proto(3)] public DeploymentStatus? Status { get; set; }
}

/// <summary>The desired state of a Deployment.</summary>
public sealed class DeploymentSpec
{
    /// <summary>How many pods to run. Defaults to 1.</summary>
    [Proto(1)] public int? Replicas { get; set; }
    /// <summary>Label query for the pods this Deployment manages; must match the template's labels and cannot change in apps/v1.</summary>
    [Proto(2)] public LabelSelector? Selector { get; set; }
    /// <summary>The pod to create for every replica.</summary>
    [Proto(3)] public Core.V1.PodTemplateSpec? Template { get; set; }
    /// <summary>How old pods are replaced by new ones.</summary>
    [Proto(4), PatchRetainKeys] public DeploymentStrategy? Strategy { get; set; }
    /// <summary>Seconds a new pod must be ready without a container crashing before it counts as available. Defaults to 0.</summary>
    [Proto(5)] public int? MinReadySeconds { get; set; }
    /// <summary>How many old ReplicaSets to keep for rollback. Defaults to 10.</summary>
    [Proto(6)] public int? RevisionHistoryLimit { get; set; }
    /// <summary>If true, template changes are not rolled out.</summary>
    [Proto(7)] public bool? Paused { get; set; }
    /// <summary>Seconds a rollout may go without progress before the Progressing condition turns False with ProgressDeadlineExceeded. Defaults to 600.</summary>
    [Proto(9)] public int? ProgressDeadlineSeconds { get; set; }
}

/// <summary>The most recently observed state of a Deployment.</summary>
public sealed class DeploymentStatus
{
    /// <summary>The metadata.generation the controller last acted on.</summary>
    [Proto(1)] public long? ObservedGeneration { get; set; }
    /// <summary>Pods targeted by this Deployment that are not terminating.</summary>
    [Proto(2)] public int? Replicas { get; set; }
    /// <summary>Pods that already run the current template.</summary>
    [Proto(3)] public int? UpdatedReplicas { get; set; }
    /// <summary>Pods with a Ready condition.</summary>
    [Proto(7)] public int? ReadyReplicas { get; set; }
    /// <summary>Pods ready for at least minReadySeconds.</summary>
    [Proto(4)] public int? AvailableReplicas { get; set; }
    /// <summary>Pods still needed to reach the desired count with full availability.</summary>
    [Proto(5)] public int? UnavailableReplicas { get; set; }
    /// <summary>The latest observations of the object's state.</summary>
    [Proto(6), PatchMerge("type")] public List<DeploymentCondition>? Conditions { get; set; }
    /// <summary>Bumped by the controller when a new revision's name collides with an existing one; used to derive a different name.</summary>
    [Proto(8)] public int? CollisionCount { get; set; }
}

/// <summary>How to replace existing pods with new ones.</summary>
public sealed class DeploymentStrategy
{
    /// <summary>Recreate (kill all, then create) or RollingUpdate (the default).</summary>
    [Proto(1)] public string? Type { get; set; }
    /// <summary>Parameters for RollingUpdate; only allowed when type is RollingUpdate.</summary>
    [Proto(2)] public RollingUpdateDeployment? RollingUpdate { get; set; }
}

/// <summary>One observed aspect of the object's state at a point in time.</summary>
public sealed class DeploymentCondition
{
    /// <summary>Which aspect the condition describes.</summary>
    [Proto(1)] public string? Type { get; set; }
    /// <summary>True, False or Unknown.</summary>
    [Proto(2)] public string? Status { get; set; }
    /// <summary>When the condition was last written.</summary>
    [Proto(6)] public DateTimeOffset? LastUpdateTime { get; set; }
    /// <summary>When the status last changed.</summary>
    [Proto(7)] public DateTimeOffset? LastTransitionTime { get; set; }
    /// <summary>A one-word CamelCase cause of the last transition.</summary>
    [Proto(4)] public string? Reason { get; set; }
    /// <summary>Human-readable details of the last transition.</summary>
    [Proto(5)] public string? Message { get; set; }
}

/// <summary>Limits on how a rolling update proceeds.</summary>
public sealed class RollingUpdateDeployment
{
    /// <summary>Pods (count or percentage, rounded down) that may be unavailable during the update. Defaults to 25%.</summary>
    [Proto(1)] public IntOrString? MaxUnavailable { get; set; }
    /// <summary>Pods (count or percentage, rounded up) that may exist above the desired count during the update. Defaults to 25%.</summary>
    [Proto(2)] public IntOrString? MaxSurge { get; set; }
}

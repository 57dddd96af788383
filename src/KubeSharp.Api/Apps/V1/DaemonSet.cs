namespace KubeSharp.Api.Apps.V1;

/// <summary>Runs one copy of a pod on every eligible node.</summary>
[KubernetesEntity("apps", "v1", "DaemonSet", "daemonsets", ShortNames = ["ds"], Categories = ["all"], Subresources = ["status"])]
public sealed class DaemonSet : KubernetesObject
{
    /// <summary>The desired behaviour of the object.</summary>
    [Proto(2)] public DaemonSetSpec? Spec { get; set; }
    /// <summary>The most recently observed state; written by the system and read-only for users.</summary>
    [Proto(3)] public DaemonSetStatus? Status { get; set; }
}

/// <summary>The desired state of a DaemonSet.</summary>
public sealed class DaemonSetSpec
{
    /// <summary>Label query for the pods this DaemonSet manages; must match the template's labels.</summary>
    [Proto(1)] public LabelSelector? Selector { get; set; }
    /// <summary>The pod run on every eligible node.</summary>
    [Proto(2)] public Core.V1.PodTemplateSpec? Template { get; set; }
    /// <summary>How old pods are replaced when the template changes.</summary>
    [Proto(3)] public DaemonSetUpdateStrategy? UpdateStrategy { get; set; }
    /// <summary>Seconds a new pod must be ready before it counts as available.</summary>
    [Proto(4)] public int? MinReadySeconds { get; set; }
    /// <summary>How many old revisions to keep for rollback. Defaults to 10.</summary>
    [Proto(6)] public int? RevisionHistoryLimit { get; set; }
}

/// <summary>The most recently observed state of a DaemonSet.</summary>
public sealed class DaemonSetStatus
{
    /// <summary>Nodes running at least one daemon pod that should run one.</summary>
    [Proto(1)] public int? CurrentNumberScheduled { get; set; }
    /// <summary>Nodes running a daemon pod that should not run one.</summary>
    [Proto(2)] public int? NumberMisscheduled { get; set; }
    /// <summary>Nodes that should run the daemon pod.</summary>
    [Proto(3)] public int? DesiredNumberScheduled { get; set; }
    /// <summary>Nodes whose daemon pod is ready.</summary>
    [Proto(4)] public int? NumberReady { get; set; }
    /// <summary>The metadata.generation the controller last acted on.</summary>
    [Proto(5)] public long? ObservedGeneration { get; set; }
    /// <summary>Nodes running the current template's pod.</summary>
    [Proto(6)] public int? UpdatedNumberScheduled { get; set; }
    /// <summary>Nodes whose daemon pod has been ready for minReadySeconds.</summary>
    [Proto(7)] public int? NumberAvailable { get; set; }
    /// <summary>Nodes that should run the daemon pod but have none available.</summary>
    [Proto(8)] public int? NumberUnavailable { get; set; }
    /// <summary>Bumped by the controller when a new revision's name collides with an existing one; used to derive a different name.</summary>
    [Proto(9)] public int? CollisionCount { get; set; }
    /// <summary>The latest observations of the object's state.</summary>
    [Proto(10), PatchMerge("type")] public List<DaemonSetCondition>? Conditions { get; set; }
}

/// <summary>How the DaemonSet controller replaces pods.</summary>
public sealed class DaemonSetUpdateStrategy
{
    /// <summary>RollingUpdate (the default) or OnDelete.</summary>
    [Proto(1)] public string? Type { get; set; }
    /// <summary>Parameters for RollingUpdate.</summary>
    [Proto(2)] public RollingUpdateDaemonSet? RollingUpdate { get; set; }
}

/// <summary>One observed aspect of the object's state at a point in time.</summary>
public sealed class DaemonSetCondition
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

/// <summary>Limits on how a DaemonSet rolling update proceeds.</summary>
public sealed class RollingUpdateDaemonSet
{
    /// <summary>Nodes (count or percentage, rounded up) whose pod may be unavailable during the update. Defaults to 1.</summary>
    [Proto(1)] public IntOrString? MaxUnavailable { get; set; }
    /// <summary>Nodes (count or percentage, rounded up) that may run an extra new pod during the update. Defaults to 0.</summary>
    [Proto(2)] public IntOrString? MaxSurge { get; set; }
}

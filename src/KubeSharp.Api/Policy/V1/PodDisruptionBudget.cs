namespace KubeSharp.Api.Policy.V1;

/// <summary>Limits how many pods of a collection voluntary disruptions (evictions) may take down at once.</summary>
[KubernetesEntity("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", ShortNames = ["pdb"], Subresources = ["status"])]
public sealed class PodDisruptionBudget : KubernetesObject
{
    /// <summary>The desired behaviour of the object.</summary>
    [Proto(2)] public PodDisruptionBudgetSpec? Spec { get; set; }
    /// <summary>The most recently observed state; written by the system and read-only for users.</summary>
    [Proto(3)] public PodDisruptionBudgetStatus? Status { get; set; }
}

/// <summary>The pods covered and how many must stay up.</summary>
public sealed class PodDisruptionBudgetSpec
{
    /// <summary>Pods (count or percentage) that must stay available after an eviction.</summary>
    [Proto(1)] public IntOrString? MinAvailable { get; set; }
    /// <summary>Label query for the covered pods; empty selects all pods in the namespace.</summary>
    [Proto(2)] public LabelSelector? Selector { get; set; }
    /// <summary>Pods (count or percentage) that may be unavailable after an eviction; excludes minAvailable.</summary>
    [Proto(3)] public IntOrString? MaxUnavailable { get; set; }
    /// <summary>When running but not ready pods may be evicted: IfHealthyBudget or AlwaysAllow.</summary>
    [Proto(4)] public string? UnhealthyPodEvictionPolicy { get; set; }
}

/// <summary>The observed state of a PodDisruptionBudget.</summary>
public sealed class PodDisruptionBudgetStatus
{
    /// <summary>The metadata.generation the controller last acted on.</summary>
    [Proto(1)] public long? ObservedGeneration { get; set; }
    /// <summary>Pods whose eviction was granted but not yet observed, with the time of the grant.</summary>
    [Proto(2)] public Dictionary<string, DateTimeOffset>? DisruptedPods { get; set; }
    /// <summary>Disruptions currently allowed.</summary>
    [Proto(3)] public int? DisruptionsAllowed { get; set; }
    /// <summary>Healthy pods now.</summary>
    [Proto(4)] public int? CurrentHealthy { get; set; }
    /// <summary>Healthy pods required.</summary>
    [Proto(5)] public int? DesiredHealthy { get; set; }
    /// <summary>Pods counted by the budget.</summary>
    [Proto(6)] public int? ExpectedPods { get; set; }
    /// <summary>The latest observations of the object's state.</summary>
    [Proto(7), PatchMerge("type")] public List<Condition>? Conditions { get; set; }
}

namespace KubeSharp.Api.Policy.V1;

[KubernetesEntity("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", ShortNames = ["pdb"], Subresources = ["status"])]
public sealed class PodDisruptionBudget : KubernetesObject
{
    [Proto(2)] public PodDisruptionBudgetSpec? Spec { get; set; }
    [Proto(3)] public PodDisruptionBudgetStatus? Status { get; set; }
}

public sealed class PodDisruptionBudgetSpec
{
    [Proto(1)] public IntOrString? MinAvailable { get; set; }
    [Proto(2)] public LabelSelector? Selector { get; set; }
    [Proto(3)] public IntOrString? MaxUnavailable { get; set; }
    [Proto(4)] public string? UnhealthyPodEvictionPolicy { get; set; }
}

public sealed class PodDisruptionBudgetStatus
{
    [Proto(1)] public long? ObservedGeneration { get; set; }
    [Proto(2)] public Dictionary<string, DateTimeOffset>? DisruptedPods { get; set; }
    [Proto(3)] public int? DisruptionsAllowed { get; set; }
    [Proto(4)] public int? CurrentHealthy { get; set; }
    [Proto(5)] public int? DesiredHealthy { get; set; }
    [Proto(6)] public int? ExpectedPods { get; set; }
    [Proto(7), PatchMerge("type")] public List<Condition>? Conditions { get; set; }
}

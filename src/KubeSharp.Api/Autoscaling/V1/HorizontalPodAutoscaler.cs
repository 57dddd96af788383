namespace KubeSharp.Api.Autoscaling.V1;

[KubernetesEntity("autoscaling", "v1", "HorizontalPodAutoscaler", "horizontalpodautoscalers", ShortNames = ["hpa"], Categories = ["all"], Subresources = ["status"])]
public sealed class HorizontalPodAutoscaler : KubernetesObject
{
    [Proto(2)] public HorizontalPodAutoscalerSpec? Spec { get; set; }
    [Proto(3)] public HorizontalPodAutoscalerStatus? Status { get; set; }
}

public sealed class HorizontalPodAutoscalerSpec
{
    [Proto(1)] public CrossVersionObjectReference? ScaleTargetRef { get; set; }
    [Proto(2)] public int? MinReplicas { get; set; }
    [Proto(3)] public int? MaxReplicas { get; set; }
    [Proto(4)] public int? TargetCPUUtilizationPercentage { get; set; }
}

public sealed class HorizontalPodAutoscalerStatus
{
    [Proto(1)] public long? ObservedGeneration { get; set; }
    [Proto(2)] public DateTimeOffset? LastScaleTime { get; set; }
    [Proto(3)] public int? CurrentReplicas { get; set; }
    [Proto(4)] public int? DesiredReplicas { get; set; }
    [Proto(5)] public int? CurrentCPUUtilizationPercentage { get; set; }
}

public sealed class CrossVersionObjectReference
{
    [Proto(1)] public string? Kind { get; set; }
    [Proto(2)] public string? Name { get; set; }
    [Proto(3)] public string? ApiVersion { get; set; }
}

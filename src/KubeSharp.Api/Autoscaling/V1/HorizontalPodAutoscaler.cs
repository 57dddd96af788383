namespace KubeSharp.Api.Autoscaling.V1;

/// <summary>Scales a workload's replica count by observed CPU use.</summary>
[KubernetesEntity("autoscaling", "v1", "HorizontalPodAutoscaler", "horizontalpodautoscalers", ShortNames = ["hpa"], Categories = ["all"], Subresources = ["status"])]
public sealed class HorizontalPodAutoscaler : KubernetesObject
{
    /// <summary>The desired behaviour of the object.</summary>
    [Proto(2)] public HorizontalPodAutoscalerSpec? Spec { get; set; }
    /// <summary>The most recently observed state; written by the system and read-only for users.</summary>
    [Proto(3)] public HorizontalPodAutoscalerStatus? Status { get; set; }
}

/// <summary>The desired behaviour of the autoscaler.</summary>
public sealed class HorizontalPodAutoscalerSpec
{
    /// <summary>The object whose scale subresource is driven.</summary>
    [Proto(1)] public CrossVersionObjectReference? ScaleTargetRef { get; set; }
    /// <summary>The lowest replica count the autoscaler sets. Defaults to 1.</summary>
    [Proto(2)] public int? MinReplicas { get; set; }
    /// <summary>The highest replica count the autoscaler sets.</summary>
    [Proto(3)] public int? MaxReplicas { get; set; }
    /// <summary>The wanted average CPU use as a percentage of the pods' requests.</summary>
    [Proto(4)] public int? TargetCPUUtilizationPercentage { get; set; }
}

/// <summary>The current state of the autoscaler.</summary>
public sealed class HorizontalPodAutoscalerStatus
{
    /// <summary>The metadata.generation the controller last acted on.</summary>
    [Proto(1)] public long? ObservedGeneration { get; set; }
    /// <summary>When the replica count was last changed.</summary>
    [Proto(2)] public DateTimeOffset? LastScaleTime { get; set; }
    /// <summary>Replicas as last seen by the autoscaler.</summary>
    [Proto(3)] public int? CurrentReplicas { get; set; }
    /// <summary>Replicas the autoscaler wants.</summary>
    [Proto(4)] public int? DesiredReplicas { get; set; }
    /// <summary>The current average CPU use as a percentage of requests.</summary>
    [Proto(5)] public int? CurrentCPUUtilizationPercentage { get; set; }
}

/// <summary>Identifies the object to scale.</summary>
public sealed class CrossVersionObjectReference
{
    /// <summary>Kind of the target, e.g. Deployment.</summary>
    [Proto(1)] public string? Kind { get; set; }
    /// <summary>Name of the target.</summary>
    [Proto(2)] public string? Name { get; set; }
    /// <summary>API version of the target.</summary>
    [Proto(3)] public string? ApiVersion { get; set; }
}

namespace KubeSharp.Api.Autoscaling.V2;

[KubernetesEntity("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", ShortNames = ["hpa"], Categories = ["all"], Subresources = ["status"])]
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
    [Proto(4)] public List<MetricSpec>? Metrics { get; set; }
    [Proto(5)] public HorizontalPodAutoscalerBehavior? Behavior { get; set; }
}

public sealed class HorizontalPodAutoscalerStatus
{
    [Proto(1)] public long? ObservedGeneration { get; set; }
    [Proto(2)] public DateTimeOffset? LastScaleTime { get; set; }
    [Proto(3)] public int? CurrentReplicas { get; set; }
    [Proto(4)] public int? DesiredReplicas { get; set; }
    [Proto(5)] public List<MetricStatus>? CurrentMetrics { get; set; }
    [Proto(6), PatchMerge("type")] public List<HorizontalPodAutoscalerCondition>? Conditions { get; set; }
}

public sealed class CrossVersionObjectReference
{
    [Proto(1)] public string? Kind { get; set; }
    [Proto(2)] public string? Name { get; set; }
    [Proto(3)] public string? ApiVersion { get; set; }
}

public sealed class MetricSpec
{
    [Proto(1)] public string? Type { get; set; }
    [Proto(2)] public ObjectMetricSource? Object { get; set; }
    [Proto(3)] public PodsMetricSource? Pods { get; set; }
    [Proto(4)] public ResourceMetricSource? Resource { get; set; }
    [Proto(7)] public ContainerResourceMetricSource? ContainerResource { get; set; }
    [Proto(5)] public ExternalMetricSource? External { get; set; }
}

public sealed class HorizontalPodAutoscalerBehavior
{
    [Proto(1)] public HPAScalingRules? ScaleUp { get; set; }
    [Proto(2)] public HPAScalingRules? ScaleDown { get; set; }
}

public sealed class MetricStatus
{
    [Proto(1)] public string? Type { get; set; }
    [Proto(2)] public ObjectMetricStatus? Object { get; set; }
    [Proto(3)] public PodsMetricStatus? Pods { get; set; }
    [Proto(4)] public ResourceMetricStatus? Resource { get; set; }
    [Proto(7)] public ContainerResourceMetricStatus? ContainerResource { get; set; }
    [Proto(5)] public ExternalMetricStatus? External { get; set; }
}

public sealed class HorizontalPodAutoscalerCondition
{
    [Proto(1)] public string? Type { get; set; }
    [Proto(2)] public string? Status { get; set; }
    [Proto(3)] public DateTimeOffset? LastTransitionTime { get; set; }
    [Proto(4)] public string? Reason { get; set; }
    [Proto(5)] public string? Message { get; set; }
}

public sealed class ObjectMetricSource
{
    [Proto(1)] public CrossVersionObjectReference? DescribedObject { get; set; }
    [Proto(2)] public MetricTarget? Target { get; set; }
    [Proto(3)] public MetricIdentifier? Metric { get; set; }
}

public sealed class PodsMetricSource
{
    [Proto(1)] public MetricIdentifier? Metric { get; set; }
    [Proto(2)] public MetricTarget? Target { get; set; }
}

public sealed class ResourceMetricSource
{
    [Proto(1)] public string? Name { get; set; }
    [Proto(2)] public MetricTarget? Target { get; set; }
}

public sealed class ContainerResourceMetricSource
{
    [Proto(1)] public string? Name { get; set; }
    [Proto(2)] public MetricTarget? Target { get; set; }
    [Proto(3)] public string? Container { get; set; }
}

public sealed class ExternalMetricSource
{
    [Proto(1)] public MetricIdentifier? Metric { get; set; }
    [Proto(2)] public MetricTarget? Target { get; set; }
}

public sealed class HPAScalingRules
{
    [Proto(3)] public int? StabilizationWindowSeconds { get; set; }
    [Proto(1)] public string? SelectPolicy { get; set; }
    [Proto(2)] public List<HPAScalingPolicy>? Policies { get; set; }
}

public sealed class ObjectMetricStatus
{
    [Proto(1)] public MetricIdentifier? Metric { get; set; }
    [Proto(2)] public MetricValueStatus? Current { get; set; }
    [Proto(3)] public CrossVersionObjectReference? DescribedObject { get; set; }
}

public sealed class PodsMetricStatus
{
    [Proto(1)] public MetricIdentifier? Metric { get; set; }
    [Proto(2)] public MetricValueStatus? Current { get; set; }
}

public sealed class ResourceMetricStatus
{
    [Proto(1)] public string? Name { get; set; }
    [Proto(2)] public MetricValueStatus? Current { get; set; }
}

public sealed class ContainerResourceMetricStatus
{
    [Proto(1)] public string? Name { get; set; }
    [Proto(2)] public MetricValueStatus? Current { get; set; }
    [Proto(3)] public string? Container { get; set; }
}

public sealed class ExternalMetricStatus
{
    [Proto(1)] public MetricIdentifier? Metric { get; set; }
    [Proto(2)] public MetricValueStatus? Current { get; set; }
}

public sealed class MetricTarget
{
    [Proto(1)] public string? Type { get; set; }
    [Proto(2)] public Quantity? Value { get; set; }
    [Proto(3)] public Quantity? AverageValue { get; set; }
    [Proto(4)] public int? AverageUtilization { get; set; }
}

public sealed class MetricIdentifier
{
    [Proto(1)] public string? Name { get; set; }
    [Proto(2)] public LabelSelector? Selector { get; set; }
}

public sealed class HPAScalingPolicy
{
    [Proto(1)] public string? Type { get; set; }
    [Proto(2)] public int? Value { get; set; }
    [Proto(3)] public int? PeriodSeconds { get; set; }
}

public sealed class MetricValueStatus
{
    [Proto(1)] public Quantity? Value { get; set; }
    [Proto(2)] public Quantity? AverageValue { get; set; }
    [Proto(3)] public int? AverageUtilization { get; set; }
}

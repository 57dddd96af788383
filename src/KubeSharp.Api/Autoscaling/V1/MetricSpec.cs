namespace KubeSharp.Api.Autoscaling.V1;

public sealed class MetricSpec
{
    [Proto(1)] public string? Type { get; set; }
    [Proto(2)] public ObjectMetricSource? Object { get; set; }
    [Proto(3)] public PodsMetricSource? Pods { get; set; }
    [Proto(4)] public ResourceMetricSource? Resource { get; set; }
    [Proto(7)] public ContainerResourceMetricSource? ContainerResource { get; set; }
    [Proto(5)] public ExternalMetricSource? External { get; set; }
}

public sealed class ObjectMetricSource
{
    [Proto(1)] public CrossVersionObjectReference? Target { get; set; }
    [Proto(2)] public string? MetricName { get; set; }
    [Proto(3)] public Quantity? TargetValue { get; set; }
    [Proto(4)] public LabelSelector? Selector { get; set; }
    [Proto(5)] public Quantity? AverageValue { get; set; }
}

public sealed class PodsMetricSource
{
    [Proto(1)] public string? MetricName { get; set; }
    [Proto(2)] public Quantity? TargetAverageValue { get; set; }
    [Proto(3)] public LabelSelector? Selector { get; set; }
}

public sealed class ResourceMetricSource
{
    [Proto(1)] public string? Name { get; set; }
    [Proto(2)] public int? TargetAverageUtilization { get; set; }
    [Proto(3)] public Quantity? TargetAverageValue { get; set; }
}

public sealed class ContainerResourceMetricSource
{
    [Proto(1)] public string? Name { get; set; }
    [Proto(2)] public int? TargetAverageUtilization { get; set; }
    [Proto(3)] public Quantity? TargetAverageValue { get; set; }
    [Proto(5)] public string? Container { get; set; }
}

public sealed class ExternalMetricSource
{
    [Proto(1)] public string? MetricName { get; set; }
    [Proto(2)] public LabelSelector? MetricSelector { get; set; }
    [Proto(3)] public Quantity? TargetValue { get; set; }
    [Proto(4)] public Quantity? TargetAverageValue { get; set; }
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

public sealed class ObjectMetricStatus
{
    [Proto(1)] public CrossVersionObjectReference? Target { get; set; }
    [Proto(2)] public string? MetricName { get; set; }
    [Proto(3)] public Quantity? CurrentValue { get; set; }
    [Proto(4)] public LabelSelector? Selector { get; set; }
    [Proto(5)] public Quantity? AverageValue { get; set; }
}

public sealed class PodsMetricStatus
{
    [Proto(1)] public string? MetricName { get; set; }
    [Proto(2)] public Quantity? CurrentAverageValue { get; set; }
    [Proto(3)] public LabelSelector? Selector { get; set; }
}

public sealed class ResourceMetricStatus
{
    [Proto(1)] public string? Name { get; set; }
    [Proto(2)] public int? CurrentAverageUtilization { get; set; }
    [Proto(3)] public Quantity? CurrentAverageValue { get; set; }
}

public sealed class ContainerResourceMetricStatus
{
    [Proto(1)] public string? Name { get; set; }
    [Proto(2)] public int? CurrentAverageUtilization { get; set; }
    [Proto(3)] public Quantity? CurrentAverageValue { get; set; }
    [Proto(4)] public string? Container { get; set; }
}

public sealed class ExternalMetricStatus
{
    [Proto(1)] public string? MetricName { get; set; }
    [Proto(2)] public LabelSelector? MetricSelector { get; set; }
    [Proto(3)] public Quantity? CurrentValue { get; set; }
    [Proto(4)] public Quantity? CurrentAverageValue { get; set; }
}

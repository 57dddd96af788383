namespace KubeSharp.Api.Autoscaling.V1;

/// <summary>A metric to scale on (the shape stored in the autoscaling.alpha.kubernetes.io/metrics annotation).</summary>
public sealed class MetricSpec
{
    /// <summary>Object, Pods, Resource, ContainerResource or External; selects which field is set.</summary>
    [Proto(1)] public string? Type { get; set; }
    /// <summary>An Object metric.</summary>
    [Proto(2)] public ObjectMetricSource? Object { get; set; }
    /// <summary>A Pods metric.</summary>
    [Proto(3)] public PodsMetricSource? Pods { get; set; }
    /// <summary>A Resource metric.</summary>
    [Proto(4)] public ResourceMetricSource? Resource { get; set; }
    /// <summary>A ContainerResource metric.</summary>
    [Proto(7)] public ContainerResourceMetricSource? ContainerResource { get; set; }
    /// <summary>An External metric.</summary>
    [Proto(5)] public ExternalMetricSource? External { get; set; }
}

/// <summary>A metric describing one Kubernetes object.</summary>
public sealed class ObjectMetricSource
{
    /// <summary>The object the metric describes.</summary>
    [Proto(1)] public CrossVersionObjectReference? Target { get; set; }
    /// <summary>The metric's name.</summary>
    [Proto(2)] public string? MetricName { get; set; }
    /// <summary>The target value of the metric.</summary>
    [Proto(3)] public Quantity? TargetValue { get; set; }
    /// <summary>Labels further narrowing the metric.</summary>
    [Proto(4)] public LabelSelector? Selector { get; set; }
    /// <summary>The value averaged over the pods.</summary>
    [Proto(5)] public Quantity? AverageValue { get; set; }
}

/// <summary>A metric averaged over the target's pods.</summary>
public sealed class PodsMetricSource
{
    /// <summary>The metric's name.</summary>
    [Proto(1)] public string? MetricName { get; set; }
    /// <summary>The target value averaged over the pods.</summary>
    [Proto(2)] public Quantity? TargetAverageValue { get; set; }
    /// <summary>Labels further narrowing the metric.</summary>
    [Proto(3)] public LabelSelector? Selector { get; set; }
}

/// <summary>A resource (cpu, memory) metric of the target's pods.</summary>
public sealed class ResourceMetricSource
{
    /// <summary>The resource name, e.g. cpu.</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>The target average as a percentage of the pods' requests.</summary>
    [Proto(2)] public int? TargetAverageUtilization { get; set; }
    /// <summary>The target value averaged over the pods.</summary>
    [Proto(3)] public Quantity? TargetAverageValue { get; set; }
}

/// <summary>A resource metric of one container in each of the target's pods.</summary>
public sealed class ContainerResourceMetricSource
{
    /// <summary>The resource name, e.g. cpu.</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>The target average as a percentage of the pods' requests.</summary>
    [Proto(2)] public int? TargetAverageUtilization { get; set; }
    /// <summary>The target value averaged over the pods.</summary>
    [Proto(3)] public Quantity? TargetAverageValue { get; set; }
    /// <summary>The container whose usage counts.</summary>
    [Proto(5)] public string? Container { get; set; }
}

/// <summary>A metric not tied to any Kubernetes object.</summary>
public sealed class ExternalMetricSource
{
    /// <summary>The metric's name.</summary>
    [Proto(1)] public string? MetricName { get; set; }
    /// <summary>Labels further narrowing the metric.</summary>
    [Proto(2)] public LabelSelector? MetricSelector { get; set; }
    /// <summary>The target value of the metric.</summary>
    [Proto(3)] public Quantity? TargetValue { get; set; }
    /// <summary>The target value averaged over the pods.</summary>
    [Proto(4)] public Quantity? TargetAverageValue { get; set; }
}

/// <summary>The last observed value of one metric (stored in the autoscaling.alpha.kubernetes.io/current-metrics annotation).</summary>
public sealed class MetricStatus
{
    /// <summary>Object, Pods, Resource, ContainerResource or External; selects which field is set.</summary>
    [Proto(1)] public string? Type { get; set; }
    /// <summary>Status of an Object metric.</summary>
    [Proto(2)] public ObjectMetricStatus? Object { get; set; }
    /// <summary>Status of a Pods metric.</summary>
    [Proto(3)] public PodsMetricStatus? Pods { get; set; }
    /// <summary>Status of a Resource metric.</summary>
    [Proto(4)] public ResourceMetricStatus? Resource { get; set; }
    /// <summary>Status of a ContainerResource metric.</summary>
    [Proto(7)] public ContainerResourceMetricStatus? ContainerResource { get; set; }
    /// <summary>Status of an External metric.</summary>
    [Proto(5)] public ExternalMetricStatus? External { get; set; }
}

/// <summary>The current value of an object metric.</summary>
public sealed class ObjectMetricStatus
{
    /// <summary>The object the metric describes.</summary>
    [Proto(1)] public CrossVersionObjectReference? Target { get; set; }
    /// <summary>The metric's name.</summary>
    [Proto(2)] public string? MetricName { get; set; }
    /// <summary>The current value of the metric.</summary>
    [Proto(3)] public Quantity? CurrentValue { get; set; }
    /// <summary>Labels further narrowing the metric.</summary>
    [Proto(4)] public LabelSelector? Selector { get; set; }
    /// <summary>The value averaged over the pods.</summary>
    [Proto(5)] public Quantity? AverageValue { get; set; }
}

/// <summary>The current value of a pods metric.</summary>
public sealed class PodsMetricStatus
{
    /// <summary>The metric's name.</summary>
    [Proto(1)] public string? MetricName { get; set; }
    /// <summary>The current value averaged over the pods.</summary>
    [Proto(2)] public Quantity? CurrentAverageValue { get; set; }
    /// <summary>Labels further narrowing the metric.</summary>
    [Proto(3)] public LabelSelector? Selector { get; set; }
}

/// <summary>The current value of a resource metric.</summary>
public sealed class ResourceMetricStatus
{
    /// <summary>The resource name, e.g. cpu.</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>The current average as a percentage of requests.</summary>
    [Proto(2)] public int? CurrentAverageUtilization { get; set; }
    /// <summary>The current value averaged over the pods.</summary>
    [Proto(3)] public Quantity? CurrentAverageValue { get; set; }
}

/// <summary>The current value of a container resource metric.</summary>
public sealed class ContainerResourceMetricStatus
{
    /// <summary>The resource name, e.g. cpu.</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>The current average as a percentage of requests.</summary>
    [Proto(2)] public int? CurrentAverageUtilization { get; set; }
    /// <summary>The current value averaged over the pods.</summary>
    [Proto(3)] public Quantity? CurrentAverageValue { get; set; }
    /// <summary>The container whose usage counts.</summary>
    [Proto(4)] public string? Container { get; set; }
}

/// <summary>The current value of an external metric.</summary>
public sealed class ExternalMetricStatus
{
    /// <summary>The metric's name.</summary>
    [Proto(1)] public string? MetricName { get; set; }
    /// <summary>Labels further narrowing the metric.</summary>
    [Proto(2)] public LabelSelector? MetricSelector { get; set; }
    /// <summary>The current value of the metric.</summary>
    [Proto(3)] public Quantity? CurrentValue { get; set; }
    /// <summary>The current value averaged over the pods.</summary>
    [Proto(4)] public Quantity? CurrentAverageValue { get; set; }
}

/// <summary>One observed aspect of the object's state at a point in time.</summary>
public sealed class HorizontalPodAutoscalerCondition
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

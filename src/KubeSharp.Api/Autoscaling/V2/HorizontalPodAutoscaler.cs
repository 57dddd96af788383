namespace KubeSharp.Api.Autoscaling.V2;

/// <summary>Scales a workload's replica count from observed metrics.</summary>
[KubernetesEntity("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", ShortNames = ["hpa"], Categories = ["all"], Subresources = ["status"])]
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
    /// <summary>Metrics used to compute the wanted replica count; the largest proposal wins. Defaults to 80% average CPU utilization.</summary>
    [Proto(4)] public List<MetricSpec>? Metrics { get; set; }
    /// <summary>Scaling speed limits for each direction.</summary>
    [Proto(5)] public HorizontalPodAutoscalerBehavior? Behavior { get; set; }
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
    /// <summary>The last read value of every metric.</summary>
    [Proto(5)] public List<MetricStatus>? CurrentMetrics { get; set; }
    /// <summary>The latest observations of the object's state.</summary>
    [Proto(6), PatchMerge("type")] public List<HorizontalPodAutoscalerCondition>? Conditions { get; set; }
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

/// <summary>One metric to scale on; type says which source field is set.</summary>
public sealed class MetricSpec
{
    /// <summary>Object, Pods, Resource, ContainerResource or External.</summary>
    [Proto(1)] public string? Type { get; set; }
    /// <summary>A metric describing one Kubernetes object.</summary>
    [Proto(2)] public ObjectMetricSource? Object { get; set; }
    /// <summary>A metric averaged over the target's pods.</summary>
    [Proto(3)] public PodsMetricSource? Pods { get; set; }
    /// <summary>A resource (cpu, memory) metric of the target's pods.</summary>
    [Proto(4)] public ResourceMetricSource? Resource { get; set; }
    /// <summary>A resource metric of one container in each pod.</summary>
    [Proto(7)] public ContainerResourceMetricSource? ContainerResource { get; set; }
    /// <summary>A metric from outside the cluster.</summary>
    [Proto(5)] public ExternalMetricSource? External { get; set; }
}

/// <summary>Scaling rules for both directions.</summary>
public sealed class HorizontalPodAutoscalerBehavior
{
    /// <summary>Rules for scaling up. By default: no stabilization window; the larger of +4 pods or +100% every 15 s.</summary>
    [Proto(1)] public HPAScalingRules? ScaleUp { get; set; }
    /// <summary>Rules for scaling down. By default: a 300 s stabilization window; up to 100% of pods every 15 s.</summary>
    [Proto(2)] public HPAScalingRules? ScaleDown { get; set; }
}

/// <summary>The last observed value of one metric.</summary>
public sealed class MetricStatus
{
    /// <summary>Object, Pods, Resource, ContainerResource or External.</summary>
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

/// <summary>A metric describing one Kubernetes object.</summary>
public sealed class ObjectMetricSource
{
    /// <summary>The object the metric describes.</summary>
    [Proto(1)] public CrossVersionObjectReference? DescribedObject { get; set; }
    /// <summary>The value the autoscaler aims for.</summary>
    [Proto(2)] public MetricTarget? Target { get; set; }
    /// <summary>The metric to read.</summary>
    [Proto(3)] public MetricIdentifier? Metric { get; set; }
}

/// <summary>A metric averaged over the target's pods.</summary>
public sealed class PodsMetricSource
{
    /// <summary>The metric to read.</summary>
    [Proto(1)] public MetricIdentifier? Metric { get; set; }
    /// <summary>The value the autoscaler aims for.</summary>
    [Proto(2)] public MetricTarget? Target { get; set; }
}

/// <summary>A resource (cpu, memory) metric of the target's pods, from their requests and usage.</summary>
public sealed class ResourceMetricSource
{
    /// <summary>The resource name, e.g. cpu.</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>The value the autoscaler aims for.</summary>
    [Proto(2)] public MetricTarget? Target { get; set; }
}

/// <summary>A resource metric of one container in each of the target's pods.</summary>
public sealed class ContainerResourceMetricSource
{
    /// <summary>The resource name, e.g. cpu.</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>The value the autoscaler aims for.</summary>
    [Proto(2)] public MetricTarget? Target { get; set; }
    /// <summary>The container whose usage counts.</summary>
    [Proto(3)] public string? Container { get; set; }
}

/// <summary>A metric not tied to any Kubernetes object.</summary>
public sealed class ExternalMetricSource
{
    /// <summary>The metric to read.</summary>
    [Proto(1)] public MetricIdentifier? Metric { get; set; }
    /// <summary>The value the autoscaler aims for.</summary>
    [Proto(2)] public MetricTarget? Target { get; set; }
}

/// <summary>Limits on one scaling direction.</summary>
public sealed class HPAScalingRules
{
    /// <summary>Seconds of past recommendations considered to avoid flapping (0–3600).</summary>
    [Proto(3)] public int? StabilizationWindowSeconds { get; set; }
    /// <summary>Which policy applies: Max (the default), Min or Disabled.</summary>
    [Proto(1)] public string? SelectPolicy { get; set; }
    /// <summary>The allowed changes per period.</summary>
    [Proto(2)] public List<HPAScalingPolicy>? Policies { get; set; }
}

/// <summary>The current value of an object metric.</summary>
public sealed class ObjectMetricStatus
{
    /// <summary>The metric that was read.</summary>
    [Proto(1)] public MetricIdentifier? Metric { get; set; }
    /// <summary>The value that was read.</summary>
    [Proto(2)] public MetricValueStatus? Current { get; set; }
    /// <summary>The object the metric describes.</summary>
    [Proto(3)] public CrossVersionObjectReference? DescribedObject { get; set; }
}

/// <summary>The current value of a pods metric.</summary>
public sealed class PodsMetricStatus
{
    /// <summary>The metric that was read.</summary>
    [Proto(1)] public MetricIdentifier? Metric { get; set; }
    /// <summary>The value that was read.</summary>
    [Proto(2)] public MetricValueStatus? Current { get; set; }
}

/// <summary>The current value of a resource metric.</summary>
public sealed class ResourceMetricStatus
{
    /// <summary>The resource name, e.g. cpu.</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>The value that was read.</summary>
    [Proto(2)] public MetricValueStatus? Current { get; set; }
}

/// <summary>The current value of a container resource metric.</summary>
public sealed class ContainerResourceMetricStatus
{
    /// <summary>The resource name, e.g. cpu.</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>The value that was read.</summary>
    [Proto(2)] public MetricValueStatus? Current { get; set; }
    /// <summary>The container whose usage counts.</summary>
    [Proto(3)] public string? Container { get; set; }
}

/// <summary>The current value of an external metric.</summary>
public sealed class ExternalMetricStatus
{
    /// <summary>The metric that was read.</summary>
    [Proto(1)] public MetricIdentifier? Metric { get; set; }
    /// <summary>The value that was read.</summary>
    [Proto(2)] public MetricValueStatus? Current { get; set; }
}

/// <summary>The target value of a metric.</summary>
public sealed class MetricTarget
{
    /// <summary>Utilization, Value or AverageValue.</summary>
    [Proto(1)] public string? Type { get; set; }
    /// <summary>Target value of the metric.</summary>
    [Proto(2)] public Quantity? Value { get; set; }
    /// <summary>Target value averaged over the pods.</summary>
    [Proto(3)] public Quantity? AverageValue { get; set; }
    /// <summary>Target average as a percentage of the pods' requests (Resource metrics only).</summary>
    [Proto(4)] public int? AverageUtilization { get; set; }
}

/// <summary>Names a metric.</summary>
public sealed class MetricIdentifier
{
    /// <summary>The metric's name.</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>Labels further narrowing the metric.</summary>
    [Proto(2)] public LabelSelector? Selector { get; set; }
}

/// <summary>One allowed change over a period.</summary>
public sealed class HPAScalingPolicy
{
    /// <summary>Pods or Percent.</summary>
    [Proto(1)] public string? Type { get; set; }
    /// <summary>The allowed change, in pods or percent; greater than zero.</summary>
    [Proto(2)] public int? Value { get; set; }
    /// <summary>The window the policy applies over (1–1800 s).</summary>
    [Proto(3)] public int? PeriodSeconds { get; set; }
}

/// <summary>The current value of a metric.</summary>
public sealed class MetricValueStatus
{
    /// <summary>The current value.</summary>
    [Proto(1)] public Quantity? Value { get; set; }
    /// <summary>The current value averaged over the pods.</summary>
    [Proto(2)] public Quantity? AverageValue { get; set; }
    /// <summary>The current average as a percentage of requests.</summary>
    [Proto(3)] public int? AverageUtilization { get; set; }
}

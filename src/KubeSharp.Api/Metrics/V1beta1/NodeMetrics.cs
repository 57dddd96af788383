namespace KubeSharp.Api.Metrics.V1beta1;

/// <summary>The resource usage of a node (metrics.k8s.io), as `kubectl top node` reads it.</summary>
[KubernetesEntity("metrics.k8s.io", "v1beta1", "NodeMetrics", "nodes", Namespaced = false, IsResource = false)]
public sealed class NodeMetrics : KubernetesObject
{
    /// <summary>The time the usage was measured at (the end of the window).</summary>
    [Proto(2)] public DateTimeOffset? Timestamp { get; set; }
    /// <summary>The interval over which CPU usage was averaged (a Go duration, e.g. "10s").</summary>
    [Proto(3)] public string? Window { get; set; }
    /// <summary>Usage by resource name: cpu (cores) and memory (working set bytes).</summary>
    [Proto(4)] public Dictionary<string, Quantity>? Usage { get; set; }
}

/// <summary>The resource usage of a pod's containers (metrics.k8s.io), as `kubectl top pod` reads it.</summary>
[KubernetesEntity("metrics.k8s.io", "v1beta1", "PodMetrics", "pods", IsResource = false)]
public sealed class PodMetrics : KubernetesObject
{
    /// <summary>The time the usage was measured at (the end of the window).</summary>
    [Proto(2)] public DateTimeOffset? Timestamp { get; set; }
    /// <summary>The interval over which CPU usage was averaged (a Go duration, e.g. "10s").</summary>
    [Proto(3)] public string? Window { get; set; }
    /// <summary>Usage of each running container.</summary>
    [Proto(4)] public List<ContainerMetrics>? Containers { get; set; }
}

/// <summary>The resource usage of one container.</summary>
public sealed class ContainerMetrics
{
    /// <summary>The container's name.</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>Usage by resource name: cpu (cores) and memory (working set bytes).</summary>
    [Proto(2)] public Dictionary<string, Quantity>? Usage { get; set; }
}

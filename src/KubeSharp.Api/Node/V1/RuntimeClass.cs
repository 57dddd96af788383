namespace KubeSharp.Api.Node.V1;

/// <summary>A container runtime configuration pods can select with runtimeClassName.</summary>
[KubernetesEntity("node.k8s.io", "v1", "RuntimeClass", "runtimeclasses", Namespaced = false)]
public sealed class RuntimeClass : KubernetesObject
{
    /// <summary>The runtime handler (CRI configuration) that runs the pods.</summary>
    [Proto(2)] public string? Handler { get; set; }
    /// <summary>Resources a pod of this class uses beyond its containers.</summary>
    [Proto(3)] public Overhead? Overhead { get; set; }
    /// <summary>Constraints placing pods of this class on nodes that support it.</summary>
    [Proto(4)] public Scheduling? Scheduling { get; set; }
}

/// <summary>Extra resources of a RuntimeClass.</summary>
public sealed class Overhead
{
    /// <summary>A fixed amount added to every pod.</summary>
    [Proto(1)] public Dictionary<string, Quantity>? PodFixed { get; set; }
}

/// <summary>Node constraints of a RuntimeClass, merged into pods.</summary>
public sealed class Scheduling
{
    /// <summary>Labels a node must have.</summary>
    [Proto(1)] public Dictionary<string, string>? NodeSelector { get; set; }
    /// <summary>Tolerations added to pods.</summary>
    [Proto(2)] public List<Core.V1.Toleration>? Tolerations { get; set; }
}

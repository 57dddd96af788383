namespace KubeSharp.Api.Node.V1;

[KubernetesEntity("node.k8s.io", "v1", "RuntimeClass", "runtimeclasses", Namespaced = false)]
public sealed class RuntimeClass : KubernetesObject
{
    [Proto(2)] public string? Handler { get; set; }
    [Proto(3)] public Overhead? Overhead { get; set; }
    [Proto(4)] public Scheduling? Scheduling { get; set; }
}

public sealed class Overhead
{
    [Proto(1)] public Dictionary<string, Quantity>? PodFixed { get; set; }
}

public sealed class Scheduling
{
    [Proto(1)] public Dictionary<string, string>? NodeSelector { get; set; }
    [Proto(2)] public List<Core.V1.Toleration>? Tolerations { get; set; }
}

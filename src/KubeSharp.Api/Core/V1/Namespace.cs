namespace KubeSharp.Api.Core.V1;

[KubernetesEntity("", "v1", "Namespace", "namespaces", Namespaced = false, ShortNames = ["ns"], Subresources = ["status", "finalize"])]
public sealed class Namespace : KubernetesObject
{
    [Proto(2)] public NamespaceSpec? Spec { get; set; }
    [Proto(3)] public NamespaceStatus? Status { get; set; }
}

public sealed class NamespaceSpec
{
    [Proto(1)] public List<string>? Finalizers { get; set; }
}

public sealed class NamespaceStatus
{
    [Proto(1)] public string? Phase { get; set; }
    [Proto(2), PatchMerge("type")] public List<NamespaceCondition>? Conditions { get; set; }
}

public sealed class NamespaceCondition
{
    [Proto(1)] public string? Type { get; set; }
    [Proto(2)] public string? Status { get; set; }
    [Proto(4)] public DateTimeOffset? LastTransitionTime { get; set; }
    [Proto(5)] public string? Reason { get; set; }
    [Proto(6)] public string? Message { get; set; }
}

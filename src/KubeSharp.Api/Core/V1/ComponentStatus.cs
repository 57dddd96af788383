namespace KubeSharp.Api.Core.V1;

[KubernetesEntity("", "v1", "ComponentStatus", "componentstatuses", Namespaced = false, ShortNames = ["cs"])]
public sealed class ComponentStatus : KubernetesObject
{
    [Proto(2), PatchMerge("type")] public List<ComponentCondition>? Conditions { get; set; }
}

public sealed class ComponentCondition
{
    [Proto(1)] public string? Type { get; set; }
    [Proto(2)] public string? Status { get; set; }
    [Proto(3)] public string? Message { get; set; }
    [Proto(4)] public string? Error { get; set; }
}

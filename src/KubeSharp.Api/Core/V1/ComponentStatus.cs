namespace KubeSharp.Api.Core.V1;

/// <summary>Deprecated: health of a control plane component.</summary>
[KubernetesEntity("", "v1", "ComponentStatus", "componentstatuses", Namespaced = false, ShortNames = ["cs"])]
public sealed class ComponentStatus : KubernetesObject
{
    /// <summary>Health conditions.</summary>
    [Proto(2), PatchMerge("type")] public List<ComponentCondition>? Conditions { get; set; }
}

/// <summary>Health of a control plane component.</summary>
public sealed class ComponentCondition
{
    /// <summary>Healthy.</summary>
    [Proto(1)] public string? Type { get; set; }
    /// <summary>True, False or Unknown.</summary>
    [Proto(2)] public string? Status { get; set; }
    /// <summary>Human-readable detail about the current state.</summary>
    [Proto(3)] public string? Message { get; set; }
    /// <summary>Error reported by the health check.</summary>
    [Proto(4)] public string? Error { get; set; }
}

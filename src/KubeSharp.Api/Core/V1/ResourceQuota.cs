namespace KubeSharp.Api.Core.V1;

[KubernetesEntity("", "v1", "ResourceQuota", "resourcequotas", ShortNames = ["quota"], Subresources = ["status"])]
public sealed class ResourceQuota : KubernetesObject
{
    [Proto(2)] public ResourceQuotaSpec? Spec { get; set; }
    [Proto(3)] public ResourceQuotaStatus? Status { get; set; }
}

public sealed class ResourceQuotaSpec
{
    [Proto(1)] public Dictionary<string, Quantity>? Hard { get; set; }
    [Proto(2)] public List<string>? Scopes { get; set; }
    [Proto(3)] public ScopeSelector? ScopeSelector { get; set; }
}

public sealed class ScopeSelector
{
    [Proto(1)] public List<ScopedResourceSelectorRequirement>? MatchExpressions { get; set; }
}

public sealed class ScopedResourceSelectorRequirement
{
    [Proto(1)] public string? ScopeName { get; set; }
    [Proto(2)] public string? Operator { get; set; }
    [Proto(3)] public List<string>? Values { get; set; }
}

public sealed class ResourceQuotaStatus
{
    [Proto(1)] public Dictionary<string, Quantity>? Hard { get; set; }
    [Proto(2)] public Dictionary<string, Quantity>? Used { get; set; }
}

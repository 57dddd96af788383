namespace KubeSharp.Api.Core.V1;

/// <summary>Limits on the total resources a namespace may use.</summary>
[KubernetesEntity("", "v1", "ResourceQuota", "resourcequotas", ShortNames = ["quota"], Subresources = ["status"])]
public sealed class ResourceQuota : KubernetesObject
{
    /// <summary>The desired limits.</summary>
    [Proto(2)] public ResourceQuotaSpec? Spec { get; set; }
    /// <summary>Enforced limits and usage; read-only.</summary>
    [Proto(3)] public ResourceQuotaStatus? Status { get; set; }
}

/// <summary>The desired quota.</summary>
public sealed class ResourceQuotaSpec
{
    /// <summary>Most of each resource the namespace may use.</summary>
    [Proto(1)] public Dictionary<string, Quantity>? Hard { get; set; }
    /// <summary>Only objects in all these scopes count, e.g. Terminating, BestEffort.</summary>
    [Proto(2)] public List<string>? Scopes { get; set; }
    /// <summary>Scopes as expressions; only matching objects count.</summary>
    [Proto(3)] public ScopeSelector? ScopeSelector { get; set; }
}

/// <summary>Scope expressions, ANDed.</summary>
public sealed class ScopeSelector
{
    /// <summary>The expressions.</summary>
    [Proto(1)] public List<ScopedResourceSelectorRequirement>? MatchExpressions { get; set; }
}

/// <summary>A condition on a quota scope.</summary>
public sealed class ScopedResourceSelectorRequirement
{
    /// <summary>The scope, e.g. PriorityClass.</summary>
    [Proto(1)] public string? ScopeName { get; set; }
    /// <summary>In, NotIn, Exists or DoesNotExist.</summary>
    [Proto(2)] public string? Operator { get; set; }
    /// <summary>Values for In and NotIn.</summary>
    [Proto(3)] public List<string>? Values { get; set; }
}

/// <summary>Enforced limits and current usage.</summary>
public sealed class ResourceQuotaStatus
{
    /// <summary>Enforced limits.</summary>
    [Proto(1)] public Dictionary<string, Quantity>? Hard { get; set; }
    /// <summary>Current usage.</summary>
    [Proto(2)] public Dictionary<string, Quantity>? Used { get; set; }
}

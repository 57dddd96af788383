namespace KubeSharp.Api.Core.V1;

/// <summary>Per-object resource limits and defaults in a namespace.</summary>
[KubernetesEntity("", "v1", "LimitRange", "limitranges", ShortNames = ["limits"])]
public sealed class LimitRange : KubernetesObject
{
    /// <summary>The limits.</summary>
    [Proto(2)] public LimitRangeSpec? Spec { get; set; }
}

/// <summary>Limits and defaults for one kind of object.</summary>
public sealed class LimitRangeItem
{
    /// <summary>Pod, Container or PersistentVolumeClaim.</summary>
    [Proto(1)] public string? Type { get; set; }
    /// <summary>Most of each resource an object may use.</summary>
    [Proto(2)] public Dictionary<string, Quantity>? Max { get; set; }
    /// <summary>Least of each resource an object must ask for.</summary>
    [Proto(3)] public Dictionary<string, Quantity>? Min { get; set; }
    /// <summary>Limits given to containers that set none.</summary>
    [Proto(4)] public Dictionary<string, Quantity>? Default { get; set; }
    /// <summary>Requests given to containers that set none.</summary>
    [Proto(5)] public Dictionary<string, Quantity>? DefaultRequest { get; set; }
    /// <summary>Greatest allowed ratio of limit to request.</summary>
    [Proto(6)] public Dictionary<string, Quantity>? MaxLimitRequestRatio { get; set; }
}

/// <summary>The limits of a LimitRange.</summary>
public sealed class LimitRangeSpec
{
    /// <summary>Limits per kind of object.</summary>
    [Proto(1)] public List<LimitRangeItem>? Limits { get; set; }
}

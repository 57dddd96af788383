namespace KubeSharp.Api.Scheduling.V1;

/// <summary>Maps a class name to the priority value pods of that class get.</summary>
[KubernetesEntity("scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses", Namespaced = false, ShortNames = ["pc"])]
public sealed class PriorityClass : KubernetesObject
{
    /// <summary>The priority; higher runs first. User classes may use up to 1,000,000,000.</summary>
    [Proto(2)] public int? Value { get; set; }
    /// <summary>If true, pods without a class get this one; at most one class may be the default.</summary>
    [Proto(3)] public bool? GlobalDefault { get; set; }
    /// <summary>When to use this class.</summary>
    [Proto(4)] public string? Description { get; set; }
    /// <summary>PreemptLowerPriority (the default) or Never.</summary>
    [Proto(5)] public string? PreemptionPolicy { get; set; }
}

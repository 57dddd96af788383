namespace KubeSharp.Api.Core.V1;

/// <summary>A scope for names; most objects live in one.</summary>
[KubernetesEntity("", "v1", "Namespace", "namespaces", Namespaced = false, ShortNames = ["ns"], Subresources = ["status", "finalize"])]
public sealed class Namespace : KubernetesObject
{
    /// <summary>The desired state of the namespace.</summary>
    [Proto(2)] public NamespaceSpec? Spec { get; set; }
    /// <summary>The observed state; read-only.</summary>
    [Proto(3)] public NamespaceStatus? Status { get; set; }
}

/// <summary>The desired state of a namespace.</summary>
public sealed class NamespaceSpec
{
    /// <summary>Work to finish before the namespace is removed ("kubernetes" deletes its contents).</summary>
    [Proto(1)] public List<string>? Finalizers { get; set; }
}

/// <summary>The observed state of a namespace.</summary>
public sealed class NamespaceStatus
{
    /// <summary>Active or Terminating.</summary>
    [Proto(1)] public string? Phase { get; set; }
    /// <summary>Current conditions, mostly about deletion progress.</summary>
    [Proto(2), PatchMerge("type")] public List<NamespaceCondition>? Conditions { get; set; }
}

/// <summary>A condition of a namespace.</summary>
public sealed class NamespaceCondition
{
    [Proto(1)] public string? Type { get; set; }
    [Proto(2)] public string? Status { get; set; }
    /// <summary>When the condition last changed status.</summary>
    [Proto(4)] public DateTimeOffset? LastTransitionTime { get; set; }
    /// <summary>Machine-readable, CamelCase reason for the current state.</summary>
    [Proto(5)] public string? Reason { get; set; }
    /// <summary>Human-readable detail about the current state.</summary>
    [Proto(6)] public string? Message { get; set; }
}

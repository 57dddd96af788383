namespace KubeSharp.Api.Autoscaling.V1;

/// <summary>
/// Scale is the view of a workload through its scale subresource: the desired and the observed
/// replica counts and the selector of its pods.
/// </summary>
[KubernetesEntity("autoscaling", "v1", "Scale", "scales", IsResource = false)]
public sealed class Scale : KubernetesObject
{
    /// <summary>The desired size.</summary>
    [Proto(2)] public ScaleSpec? Spec { get; set; }
    /// <summary>The current size; read-only.</summary>
    [Proto(3)] public ScaleStatus? Status { get; set; }
}

/// <summary>The desired size of a scaled workload.</summary>
public sealed class ScaleSpec
{
    /// <summary>Desired number of replicas.</summary>
    [Proto(1)] public int? Replicas { get; set; }
}

/// <summary>The observed size of a scaled workload.</summary>
public sealed class ScaleStatus
{
    /// <summary>Number of replicas that exist now.</summary>
    [Proto(1)] public int? Replicas { get; set; }
    /// <summary>The pods' label selector in string form (as `kubectl get -l` takes it).</summary>
    [Proto(2)] public string? Selector { get; set; }
}

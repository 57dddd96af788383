namespace KubeSharp.Api.Policy.V1;

/// <summary>
/// Eviction asks for a pod to be deleted while respecting its disruption budgets. It is the body of
/// a POST to the pods/eviction subresource, not a stored resource of its own.
/// </summary>
[KubernetesEntity("policy", "v1", "Eviction", "evictions", IsResource = false)]
public sealed class Eviction : KubernetesObject
{
    /// <summary>Options for deleting the pod (grace period, preconditions, dry run).</summary>
    [Proto(2)] public DeleteOptions? DeleteOptions { get; set; }
}

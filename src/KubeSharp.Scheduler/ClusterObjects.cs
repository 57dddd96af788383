using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Policy.V1;
using KubeSharp.Api.Storage.V1;

namespace KubeSharp.Scheduler;

/// <summary>
/// The objects besides nodes and pods that scheduling decisions read: namespace labels (affinity
/// namespaceSelector), claims, volumes and storage classes (volume binding), disruption budgets
/// (preemption) and how many nodes hold each image (image locality).
/// </summary>
internal sealed record ClusterObjects
{
    public static ClusterObjects Empty { get; } = new();

    public NamespaceLabels NamespaceLabels { get; init; } = _ => null;
    public Func<string, string, PersistentVolumeClaim?> Claim { get; init; } = (_, _) => null;
    public Func<string, PersistentVolume?> Volume { get; init; } = _ => null;
    public Func<string, StorageClass?> StorageClass { get; init; } = _ => null;
    public Func<IReadOnlyList<PodDisruptionBudget>> DisruptionBudgets { get; init; } = () => [];
    /// <summary>Number of nodes reporting the (normalized) image name.</summary>
    public Func<string, int> NodesWithImage { get; init; } = _ => 0;
}

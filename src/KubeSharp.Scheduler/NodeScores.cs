using KubeSharp.Api.Core.V1;

namespace KubeSharp.Scheduler;

/// <summary>
/// The default score plugins, each 0–100 per node, summed with kube-scheduler's weights:
/// NodeResourcesFit (least allocated) 1, NodeResourcesBalancedAllocation 1, ImageLocality 1,
/// InterPodAffinity 2, NodeAffinity 2, PodTopologySpread 2, TaintToleration 3.
/// </summary>
internal static class NodeScores
{
    private const long MinImageThreshold = 23L * 1024 * 1024;
    private const long MaxImageThresholdPerContainer = 1000L * 1024 * 1024;

    public static long[] Score(PodInfo pod, IReadOnlyList<NodeInfo> scored, IReadOnlyList<NodeInfo> allNodes, ClusterObjects cluster)
    {
        var totals = new long[scored.Count];
        for (var i = 0; i < scored.Count; i++)
        {
            totals[i] = LeastAllocated(pod, scored[i]) + BalancedAllocation(pod, scored[i]) + ImageLocality(pod, scored[i], allNodes.Count, cluster);
        }

        AddWeighted(totals, NodeAffinity(pod, scored), 2);
        AddWeighted(totals, TaintToleration(pod, scored), 3);
        if (InterPodAffinityScore.Prepare(pod, allNodes, cluster.NamespaceLabels) is { } affinity)
        {
            AddWeighted(totals, NormalizeMinMax(scored.Select(n => InterPodAffinityScore.Raw(affinity, n)).ToArray()), 2);
        }

        if (TopologySpreadScore.Prepare(pod, allNodes, scored) is { } spread)
        {
            AddWeighted(totals, TopologySpreadScore.Normalize(scored.Select(spread.Raw).ToList()), 2);
        }

        return totals;
    }

    /// <summary>0–100: the mean over cpu and memory of the share of allocatable left free after placing the pod (non-zero requests).</summary>
    public static long LeastAllocated(PodInfo pod, NodeInfo node) =>
        (Free(node.Allocatable[ResourceList.Cpu], node.NonZeroMilliCpu + pod.NonZeroMilliCpu)
         + Free(node.Allocatable[ResourceList.Memory], node.NonZeroMemory + pod.NonZeroMemory)) / 2;

    /// <summary>0–100: higher when the node's cpu and memory would be used in equal shares (100 × (1 − |cpu share − memory share| / 2)).</summary>
    public static long BalancedAllocation(PodInfo pod, NodeInfo node)
    {
        var cpu = Share(node.Allocatable[ResourceList.Cpu], node.Requested[ResourceList.Cpu] + pod.Requests[ResourceList.Cpu]);
        var memory = Share(node.Allocatable[ResourceList.Memory], node.Requested[ResourceList.Memory] + pod.Requests[ResourceList.Memory]);
        return (long)((1 - (Math.Abs(cpu - memory) / 2)) * 100);
    }

    /// <summary>
    /// 0–100 by the size of the pod's images already on the node, each scaled by the share of nodes
    /// holding it (so images everywhere do not pull pods together), between 23 MB and 1000 MB per container.
    /// </summary>
    public static long ImageLocality(PodInfo pod, NodeInfo node, int totalNodes, ClusterObjects cluster)
    {
        if (pod.Images.Count == 0 || node.ImageSizes.Count == 0 || totalNodes == 0)
        {
            return 0;
        }

        double sum = 0;
        foreach (var name in pod.Images)
        {
            if (node.ImageSizes.TryGetValue(name, out var size))
            {
                sum += size * (double)Math.Max(cluster.NodesWithImage(name), 1) / totalNodes;
            }
        }

        var max = MaxImageThresholdPerContainer * pod.Images.Count;
        var clamped = Math.Clamp((long)sum, MinImageThreshold, max);
        return 100 * (clamped - MinImageThreshold) / (max - MinImageThreshold);
    }

    /// <summary>Preferred node affinity: the matched terms' weights, normalized so the best node scores 100.</summary>
    private static long[]? NodeAffinity(PodInfo pod, IReadOnlyList<NodeInfo> nodes)
    {
        var terms = pod.Pod.Spec?.Affinity?.NodeAffinity?.PreferredDuringSchedulingIgnoredDuringExecution;
        if (terms is not { Count: > 0 })
        {
            return null;
        }

        var raw = nodes.Select(n => terms.Where(t => t.Preference is not null && NodeFilters.MatchesTerm(t.Preference, n.Node!)).Sum(t => (long)(t.Weight ?? 0))).ToArray();
        var max = raw.Max();
        return max <= 0 ? null : raw.Select(r => r * 100 / max).ToArray();
    }

    /// <summary>Fewer untolerated PreferNoSchedule taints score higher.</summary>
    private static long[]? TaintToleration(PodInfo pod, IReadOnlyList<NodeInfo> nodes)
    {
        var tolerations = (pod.Pod.Spec?.Tolerations ?? []).Where(t => string.IsNullOrEmpty(t.Effect) || t.Effect == "PreferNoSchedule").ToList();
        var raw = nodes.Select(n => (long)(n.Node!.Spec?.Taints ?? []).Count(t => t.Effect == "PreferNoSchedule" && !tolerations.Any(x => NodeFilters.Tolerates(x, t)))).ToArray();
        var max = raw.Max();
        return raw.Select(r => max == 0 ? 100 : 100 - (r * 100 / max)).ToArray();
    }

    private static long[] NormalizeMinMax(long[] raw)
    {
        long min = raw.Min(), max = raw.Max();
        return raw.Select(r => max - min > 0 ? 100 * (r - min) / (max - min) : 0).ToArray();
    }

    private static void AddWeighted(long[] totals, long[]? scores, long weight)
    {
        if (scores is null)
        {
            return;
        }

        for (var i = 0; i < totals.Length; i++)
        {
            totals[i] += scores[i] * weight;
        }
    }

    private static long Free(long capacity, long requested) =>
        capacity <= 0 || requested > capacity ? 0 : (capacity - requested) * 100 / capacity;

    private static double Share(long capacity, long requested) =>
        capacity <= 0 ? 1 : Math.Min((double)requested / capacity, 1);
}
